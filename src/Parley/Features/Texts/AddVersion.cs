using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;

namespace Parley.Features.Texts;

/// <summary>Use case: the co-facilitators (or the Secretariat) issue a version of a text from imported provisions.</summary>
public static partial class TextCommands
{
    public sealed record VersionRequest(string? Label, string? Symbol, string? Date, string? Content, DateTime? ProposalDeadline);

    /// <summary>
    /// Adds a version from imported provisions. After the first version, provisions keep their identity where the kind and number match
    /// the previous version's, or where the text is the same.
    /// </summary>
    public static async Task<Result<VersionRow>> AddVersionAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int textId, VersionRequest r,
        IReadOnlyList<ProvisionData> provisions, CancellationToken ct = default)
    {
        if (!MayManage(viewer))
        {
            return Error.Forbidden("Versions are issued by the co-facilitators and the Secretariat.");
        }
        var text = await db.Texts.FirstOrDefaultAsync(t => t.Id == textId, ct);
        if (text is null)
        {
            return Error.NotFound("No such text.");
        }
        var errors = new FieldErrors().Require("label", r.Label);
        var date = ParseDate(r.Date, errors);
        if (provisions.Count == 0)
        {
            errors.Add("content", "The text has no provisions.");
        }
        if (r.Label is { Length: > 60 } || r.Symbol is { Length: > 60 })
        {
            errors.Add("label", "Label and symbol take at most 60 characters.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var previous = await db.TextVersions.Include(v => v.Provisions).Where(v => v.TextId == textId).OrderByDescending(v => v.Sequence).FirstOrDefaultAsync(ct);
        var keyed = previous is null ? provisions : Rekey(previous.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList(), provisions);
        var version = NewVersion(text.Id, (previous?.Sequence ?? -1) + 1, r.Label!.Trim(), r.Symbol?.Trim(), date!.Value, viewer.Name, clock, previous?.Id, keyed);
        version.SetProposalDeadline(r.ProposalDeadline); // a new version is never adopted
        db.TextVersions.Add(version);
        db.AuditAction = "text.version-added";
        await db.SaveChangesAsync(ct);
        return ToRow(version);
    }

    /// <summary>Gives imported provisions the keys of the previous version's provisions they continue.</summary>
    public static IReadOnlyList<ProvisionData> Rekey(IReadOnlyList<ProvisionData> previous, IReadOnlyList<ProvisionData> imported)
    {
        var byNumber = previous.Where(p => p.Number.Length > 0).GroupBy(p => (p.Kind, p.Number, p.ParentKey is null)).ToDictionary(g => g.Key, g => g.First().Key);
        var byText = previous.GroupBy(p => p.Text).ToDictionary(g => g.Key, g => g.First().Key);
        var used = new HashSet<string>();
        var map = new Dictionary<string, string>();
        foreach (var p in imported)
        {
            string? key = null;
            if (byText.TryGetValue(p.Text, out var k1) && used.Add(k1))
            {
                key = k1;
            }
            else if (p.Number.Length > 0 && p.Kind != ProvisionKind.Subparagraph && byNumber.TryGetValue((p.Kind, p.Number, p.ParentKey is null), out var k2) && used.Add(k2))
            {
                key = k2;
            }
            map[p.Key] = key ?? p.Key;
        }
        return imported.Select(p => p with { Key = map[p.Key], ParentKey = p.ParentKey is null ? null : map.GetValueOrDefault(p.ParentKey, p.ParentKey) }).ToList();
    }
}
