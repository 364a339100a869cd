using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;

namespace Parley.Features.Texts;

/// <summary>
/// Use case (issue 18): a delegation uploads the version's Word file marked up with tracked changes (or simply edited); every
/// change becomes a draft proposal for the delegation's State or a group it speaks for, whatever author name Word recorded. The
/// drafts stay private until the delegation, having read the preview, submits all or some of them.
/// </summary>
public static partial class Proposals
{
    public const int MaxImportedChanges = 1000;

    public sealed record ImportedChange(int Index, string How, IReadOnlyList<string> RecordedAuthors, ProposalRow Proposal);

    public sealed record ImportPreview(int Id, int VersionId, string VersionLabel, string Sponsor, string SponsorCode, string FileName, bool Compared,
        DateTime CreatedAt, IReadOnlyList<ImportedChange> Changes, IReadOnlyList<string> NotPlaced, IReadOnlyList<string> Ignored);

    private sealed record ReportChange(int ProposalId, int Index, string How, IReadOnlyList<string> Authors);

    private sealed record ImportReport(IReadOnlyList<ReportChange> Changes, IReadOnlyList<string> NotPlaced, IReadOnlyList<string> Ignored);

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public static async Task<Result<ImportPreview>> ImportAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int versionId, string? fileName, Stream content,
        long length, string? sponsorCode, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Only Member State delegations propose text: the negotiations are intergovernmental (71/280 §8).");
        }
        var sponsored = await SponsorAsync(db, viewer, sponsorCode, ct);
        if (!sponsored.IsSuccess)
        {
            return sponsored.Error!;
        }
        var sponsor = sponsored.Value;
        var open = await OpenVersionAsync(db, clock, versionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        var version = open.Value;
        if (length > UploadedFiles.MaxBytes)
        {
            return Error.Validation("file", "Upload a Word file of at most 5 MB; this one is larger.");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (bytes.LongLength > UploadedFiles.MaxBytes)
        {
            return Error.Validation("file", "Upload a Word file of at most 5 MB; this one is larger.");
        }
        if (UploadedFiles.Sniff(bytes) != UploadedFiles.Docx)
        {
            return Error.Validation("file", $"Upload the Word (.docx) file of {version.Label} you marked up; this file is not a Word document.");
        }
        if (ArchiveGuard.Check(new MemoryStream(bytes)) is { } refused)
        {
            return Error.Validation("file", refused);
        }
        var file = DocxRoundTrip.Read(bytes);
        if (file is null)
        {
            return Error.Validation("file", "This Word file cannot be read; save it again in Word (as .docx) and upload that copy.");
        }
        if (await WrongFileAsync(db, version, file, ct) is { } wrong)
        {
            return Error.Validation("file", wrong);
        }
        var provisions = version.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList();
        var understood = WordChanges.Understand(provisions, file);
        if (understood.ProvisionsFound == 0)
        {
            return Error.Validation("file", $"No provision of {version.Label} is marked in this file: download {version.Label} as Word from Parley and mark up that copy.");
        }
        if (understood.Changes.Count > MaxImportedChanges)
        {
            return Error.Validation("file", $"This file proposes {understood.Changes.Count} changes; one file may carry at most {MaxImportedChanges}. Split it.");
        }
        var notPlaced = understood.NotPlaced.ToList();
        var changes = new List<(WordChanges.Found Change, Proposal Proposal)>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var c in understood.Changes)
        {
            if (c.NewText is { Length: > 8000 })
            {
                notPlaced.Add($"Change {c.Index} ({c.How}) proposes more than 8,000 characters: propose it in parts.");
                continue;
            }
            changes.Add((c, new Proposal
            {
                TextId = version.TextId,
                VersionId = version.Id,
                Kind = c.Kind,
                ProvisionKey = c.ProvisionKey,
                AfterKey = c.AfterKey,
                Start = c.Start,
                End = c.End,
                OriginalWords = c.OriginalWords,
                NewText = c.NewText,
                NewKind = c.NewKind,
                SponsorCode = sponsor.Code,
                SponsorIsGroup = sponsor.IsGroup,
                DraftedByState = viewer.StateIso3!,
                CreatedBy = viewer.UserId!,
                Justification = c.Justification is { Length: > 0 } j ? (j.Length > 2000 ? j[..1999] + "…" : j) : null,
                Status = ProposalStatus.Draft,
                CreatedAt = now,
            }));
        }
        var import = new ProposalImport
        {
            VersionId = version.Id,
            StateIso3 = viewer.StateIso3!,
            SponsorCode = sponsor.Code,
            SponsorIsGroup = sponsor.IsGroup,
            FileName = UploadedFiles.SafeName(fileName, UploadedFiles.Docx),
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Compared = understood.Changes.Any(c => c.How.Contains("comparing", StringComparison.Ordinal)),
            CreatedBy = viewer.UserId!,
            CreatedAt = now,
        };
        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        db.ProposalImports.Add(import);
        db.AuditAction = "proposals.imported";
        await db.SaveChangesAsync(ct);
        foreach (var (_, p) in changes)
        {
            p.ImportId = import.Id;
            db.Proposals.Add(p);
        }
        db.AuditAction = "proposals.drafted";
        await db.SaveChangesAsync(ct);
        // The proposals have their ids now: the report names them.
        import.Report = JsonSerializer.Serialize(new ImportReport(
            changes.Select(x => new ReportChange(x.Proposal.Id, x.Change.Index, x.Change.How, x.Change.Authors)).ToList(), notPlaced, understood.Ignored), ReportJson);
        db.AuditAction = "proposals.imported";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await PreviewAsync(db, viewer, import.Id, ct);
    }

    /// <summary>Why this file cannot be read as proposals on this version, or null when it can.</summary>
    private static async Task<string?> WrongFileAsync(ParleyDb db, TextVersion version, DocxRoundTrip.Returned file, CancellationToken ct)
    {
        var again = $"Download {version.Label} as Word from Parley, mark up that copy, and upload it.";
        if (file.Kind == "compilation")
        {
            return $"This is the compilation of proposals, which the co-facilitators work from; delegations propose on the clean text. {again}";
        }
        if (file.VersionId is not { } id)
        {
            return $"This Word file was not exported by Parley (it does not say which version it is). {again}";
        }
        if (id == version.Id)
        {
            return null;
        }
        var other = await db.TextVersions.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.TextId, v.Label }).FirstOrDefaultAsync(ct);
        return other is not null && other.TextId == version.TextId
            ? $"This file is {other.Label}; proposals are now taken on {version.Label}. {again}"
            : $"This file is another text's, not {version.Label}. {again}";
    }

    /// <summary>The preview of an import: for the delegation that made it only.</summary>
    public static async Task<Result<ImportPreview>> PreviewAsync(ParleyDb db, Viewer viewer, int importId, CancellationToken ct = default)
    {
        var import = await db.ProposalImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || !viewer.IsMemberStateDelegate || import.StateIso3 != viewer.StateIso3)
        {
            return Error.NotFound("No such import.");
        }
        var label = await Delegations.LabelsAsync(db, ct);
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.Cosponsors).Include(p => p.Stances).Where(p => p.ImportId == importId)
            .AsSplitQuery().ToDictionaryAsync(p => p.Id, ct);
        var report = JsonSerializer.Deserialize<ImportReport>(import.Report, ReportJson) ?? new ImportReport([], [], []);
        var versionLabel = await db.TextVersions.Where(v => v.Id == import.VersionId).Select(v => v.Label).FirstAsync(ct);
        return new ImportPreview(import.Id, import.VersionId, versionLabel, label(import.SponsorCode, import.SponsorIsGroup), import.SponsorCode, import.FileName,
            import.Compared, import.CreatedAt,
            report.Changes.Where(c => proposals.ContainsKey(c.ProposalId)).Select(c => new ImportedChange(c.Index, c.How, c.Authors, ToRow(proposals[c.ProposalId], label))).ToList(),
            report.NotPlaced, report.Ignored);
    }

    /// <summary>
    /// The delegation submits the drafts it chose from an import (all of them when none are named); the others stay drafts, or are
    /// discarded when asked. One transaction: all the chosen are submitted, or none.
    /// </summary>
    public static async Task<Result<ImportPreview>> SubmitImportAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int importId, IReadOnlyList<int>? proposalIds,
        bool discardOthers, CancellationToken ct = default)
    {
        var import = await db.ProposalImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || !viewer.IsMemberStateDelegate || import.StateIso3 != viewer.StateIso3)
        {
            return Error.NotFound("No such import.");
        }
        var open = await OpenVersionAsync(db, clock, import.VersionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        var drafts = await db.Proposals.Where(p => p.ImportId == importId && p.Status == ProposalStatus.Draft).ToListAsync(ct);
        var chosen = proposalIds is null ? drafts.Select(p => p.Id).ToHashSet() : proposalIds.ToHashSet();
        if (chosen.FirstOrDefault(id => drafts.All(p => p.Id != id)) is var stray and not 0)
        {
            return Error.Validation("proposalIds", $"Proposal {stray} is not a draft of this import.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var p in drafts)
        {
            if (chosen.Contains(p.Id))
            {
                p.Submit(now);
            }
            else if (discardOthers)
            {
                p.Withdraw();
            }
        }
        db.AuditAction = "proposals.submitted";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Some of these drafts changed at the same moment; reload the import.");
        }
        return await PreviewAsync(db, viewer, importId, ct);
    }
}
