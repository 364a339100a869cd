using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Delegations' proposals on the current version: drafted privately, submitted before the deadline, supported or opposed, withdrawn.</summary>
public static partial class Proposals
{

    public sealed record ProposalRow(int Id, int VersionId, string Kind, string ProvisionKey, string? AfterKey, int Start, int End, string OriginalWords,
        string? NewText, string Sponsor, string SponsorCode, bool SponsorIsGroup, IReadOnlyList<string> Cosponsors, string Status, string? Justification,
        DateTime CreatedAt, DateTime? SubmittedAt, bool WordsChanged, int? CarriedFromId, IReadOnlyList<string> Supporters, IReadOnlyList<string> Opponents, int Version);

    public static string Slug(ProposalKind k) => k switch
    {
        ProposalKind.AddProvision => "add-provision",
        ProposalKind.DeleteProvision => "delete-provision",
        ProposalKind.MoveProvision => "move-provision",
        _ => k.ToString().ToLowerInvariant(),
    };

    public static ProposalKind? ParseKind(string? s) => Enum.GetValues<ProposalKind>().Cast<ProposalKind?>().FirstOrDefault(k => Slug(k!.Value) == s?.Trim().ToLowerInvariant());

    public static string StatusSlug(ProposalStatus s) => s switch
    {
        ProposalStatus.PartlyIncorporated => "partly-incorporated",
        ProposalStatus.NotIncorporated => "not-incorporated",
        ProposalStatus.CarriedForward => "carried-forward",
        _ => s.ToString().ToLowerInvariant(),
    };

    /// <summary>The latest version of a text, if proposals are still taken on it.</summary>
    internal static async Task<Result<TextVersion>> OpenVersionAsync(ParleyDb db, TimeProvider clock, int versionId, CancellationToken ct)
    {
        var version = await db.TextVersions.Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        var latest = await db.TextVersions.Where(v => v.TextId == version.TextId).MaxAsync(v => v.Sequence, ct);
        if (version.Sequence != latest || version.IsAdopted)
        {
            return Error.Conflict($"{version.Label} is no longer the current version; propose on the latest.");
        }
        if (version.ProposalDeadlineUtc is { } deadline && clock.GetUtcNow().UtcDateTime >= deadline)
        {
            return Error.Conflict($"Proposals on {version.Label} closed on {deadline:d MMMM yyyy HH:mm} UTC.");
        }
        return version;
    }

    private static async Task<Result<Proposal>> OwnAsync(ParleyDb db, Viewer viewer, int id, CancellationToken ct)
    {
        var p = await db.Proposals.Include(x => x.Cosponsors).Include(x => x.Stances).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !viewer.IsMemberStateDelegate || !(p.DraftedByState == viewer.StateIso3 || (p.Status != ProposalStatus.Draft)))
        {
            return Error.NotFound("No such proposal.");
        }
        return p;
    }

    /// <summary>Proposals on a version this viewer may see: submitted ones (anyone signed in), and their own delegation's drafts.</summary>
    public static IQueryable<Proposal> Visible(ParleyDb db, Viewer viewer, int versionId)
    {
        var state = viewer.IsMemberStateDelegate ? viewer.StateIso3 : null;
        return db.Proposals.AsNoTracking().Where(p => p.VersionId == versionId && p.Status != ProposalStatus.Withdrawn
            && (p.Status != ProposalStatus.Draft || (state != null && p.DraftedByState == state)));
    }

    public static async Task<IReadOnlyList<ProposalRow>> ListAsync(ParleyDb db, Viewer viewer, int versionId, CancellationToken ct = default)
    {
        var items = await Visible(db, viewer, versionId).Include(p => p.Cosponsors).Include(p => p.Stances).OrderBy(p => p.Id).AsSplitQuery().ToListAsync(ct);
        var label = await Delegations.LabelsAsync(db, ct);
        return items.Select(p => ToRow(p, label)).ToList();
    }

    /// <summary>This viewer's delegation's drafts on a version.</summary>
    public static async Task<List<ProposalRow>> DraftsAsync(ParleyDb db, Viewer viewer, int versionId, CancellationToken ct = default)
    {
        var state = viewer.StateIso3;
        var items = await db.Proposals.AsNoTracking().Include(p => p.Cosponsors).Include(p => p.Stances)
            .Where(p => p.VersionId == versionId && p.Status == ProposalStatus.Draft && p.DraftedByState == state).OrderBy(p => p.Id).AsSplitQuery().ToListAsync(ct);
        var label = await Delegations.LabelsAsync(db, ct);
        return items.Select(p => ToRow(p, label)).ToList();
    }

    /// <summary>The submitted (and decided) proposals on one provision, for its page.</summary>
    public static async Task<List<ProposalRow>> OnProvisionAsync(ParleyDb db, int versionId, string key, CancellationToken ct = default)
    {
        var items = await db.Proposals.AsNoTracking().Include(p => p.Cosponsors).Include(p => p.Stances)
            .Where(p => p.VersionId == versionId && (p.ProvisionKey == key || p.AfterKey == key) && p.Status != ProposalStatus.Draft && p.Status != ProposalStatus.Withdrawn)
            .OrderBy(p => p.Id).AsSplitQuery().ToListAsync(ct);
        var label = await Delegations.LabelsAsync(db, ct);
        return items.Select(p => ToRow(p, label)).ToList();
    }

    /// <summary>Saves a proposal's transition under its audit action; a concurrent change of the same proposal is a conflict.</summary>
    private static async Task<Result<ProposalRow>> SaveAsync(ParleyDb db, Proposal p, string auditAction, CancellationToken ct)
    {
        db.AuditAction = auditAction;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This proposal changed at the same moment; reload it.");
        }
        return await RowAsync(db, p, ct);
    }

    internal static async Task<ProposalRow> RowAsync(ParleyDb db, Proposal p, CancellationToken ct) => ToRow(p, await Delegations.LabelsAsync(db, ct));

    internal static ProposalRow ToRow(Proposal p, Func<string, bool, string> label) => new(p.Id, p.VersionId, Slug(p.Kind), p.ProvisionKey, p.AfterKey, p.Start, p.End,
        p.OriginalWords, p.NewText, label(p.SponsorCode, p.SponsorIsGroup), p.SponsorCode, p.SponsorIsGroup, p.Cosponsors.Select(c => label(c.Code, c.IsGroup)).ToList(),
        StatusSlug(p.Status), p.Justification, p.CreatedAt, p.SubmittedAt, p.WordsChanged, p.CarriedFromId,
        p.Stances.Where(s => s.Supports).Select(s => label(s.Code, s.IsGroup)).ToList(), p.Stances.Where(s => !s.Supports).Select(s => label(s.Code, s.IsGroup)).ToList(), p.Version);

    internal static ProposalView ToView(Proposal p, Func<string, bool, string> label) => new(p.Id, p.Kind, p.ProvisionKey, p.AfterKey, p.Start, p.End, p.NewText, p.NewKind,
        [label(p.SponsorCode, p.SponsorIsGroup), .. p.Cosponsors.Select(c => label(c.Code, c.IsGroup))], StatusSlug(p.Status), p.WordsChanged, p.Justification,
        p.SubmittedAt is { } submitted ? DateTime.SpecifyKind(submitted, DateTimeKind.Utc) : null);
}
