using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;

namespace Parley.Features.Texts;

/// <summary>
/// Use case (issue 18, the co-facilitators' side): the compilation's DOCX as the co-facilitators left it in Word, read as the
/// decisions and edits of the next revision. Nothing is built here: the reading pre-fills the revision page (or is posted to the
/// revision endpoint), where the co-facilitators confirm it before the new version is issued. Reading changes nothing, so
/// nothing is audited until the revision is built (audited as every revision).
/// </summary>
public static partial class TextCommands
{
    public sealed record RevisionReading(int VersionId, string VersionLabel, IReadOnlyList<WordDecisions.Decided> Decisions, IReadOnlyDictionary<string, string> Edits,
        IReadOnlyList<int> Undecided, IReadOnlyList<string> Notes);

    public static async Task<Result<RevisionReading>> ReadRevisionFileAsync(ParleyDb db, Viewer viewer, int versionId, Stream content, long length, CancellationToken ct = default)
    {
        if (!viewer.IsCoFacilitator)
        {
            return Error.Forbidden("Revisions are built by the co-facilitators.");
        }
        var version = await db.TextVersions.AsNoTracking().Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        if (await db.TextVersions.AnyAsync(v => v.TextId == version.TextId && v.Sequence > version.Sequence, ct))
        {
            return Error.Conflict($"{version.Label} already has a later version; build from the latest.");
        }
        if (length > UploadedFiles.MaxBytes)
        {
            return Error.Validation("file", "Upload a Word file of at most 5 MB; this one is larger.");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.LongLength > UploadedFiles.MaxBytes || UploadedFiles.Sniff(bytes) != UploadedFiles.Docx)
        {
            return Error.Validation("file", $"Upload the compilation of {version.Label} as a Word (.docx) file of at most 5 MB; this file is not one.");
        }
        if (ArchiveGuard.Check(new MemoryStream(bytes)) is { } refused)
        {
            return Error.Validation("file", refused);
        }
        var file = DocxRoundTrip.Read(bytes);
        var again = $"Download the compilation of {version.Label} as Word from Parley, work through it, and upload that copy.";
        if (file is null)
        {
            return Error.Validation("file", "This Word file cannot be read; save it again in Word (as .docx) and upload that copy.");
        }
        if (file.Kind != "compilation")
        {
            return Error.Validation("file", $"This is not a compilation exported by Parley (the clean version, or another file). {again}");
        }
        if (file.VersionId != version.Id)
        {
            return Error.Validation("file", $"This compilation is of another version, not {version.Label}. {again}");
        }
        var label = await Delegations.LabelsAsync(db, ct);
        var open = await db.Proposals.AsNoTracking().Include(p => p.Cosponsors)
            .Where(p => p.VersionId == versionId && p.Status == ProposalStatus.Submitted).OrderBy(p => p.Id).ToListAsync(ct);
        var reading = WordDecisions.Read(version.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList(), open.Select(p => Proposals.ToView(p, label)).ToList(), file);
        return new RevisionReading(version.Id, version.Label, reading.Decisions, reading.Edits, reading.Undecided, reading.Notes);
    }
}
