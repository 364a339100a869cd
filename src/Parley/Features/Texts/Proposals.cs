using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Delegations' proposals on the current version: drafted privately, submitted before the deadline, supported or opposed, withdrawn.</summary>
public static class Proposals
{
    public sealed record ProposalRequest(string? Kind, string? ProvisionKey, int? Start, int? End, string? NewText, string? AfterKey, string? NewKind,
        string? Sponsor, IReadOnlyList<string>? Cosponsors, string? Justification, bool Submit = true);

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

    public static async Task<Result<ProposalRow>> CreateAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int versionId, ProposalRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Only Member State delegations propose text: the negotiations are intergovernmental (71/280 §8).");
        }
        var acting = await Delegations.ActingForAsync(db, viewer, ct);
        var sponsorCode = (r.Sponsor ?? viewer.StateIso3!).Trim().ToUpperInvariant();
        var sponsor = acting.FirstOrDefault(a => a.Code == sponsorCode);
        if (sponsor.Code is null)
        {
            return Error.Forbidden($"You may propose for {string.Join(" or ", acting.Select(a => a.Code))}, not for {sponsorCode}.");
        }
        var open = await OpenVersionAsync(db, clock, versionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        var version = open.Value;
        var errors = new FieldErrors();
        var kind = ParseKind(r.Kind);
        if (kind is null)
        {
            errors.Add("kind", $"Use one of: {string.Join(", ", Enum.GetValues<ProposalKind>().Select(Slug))}.");
        }
        var provision = version.Provisions.FirstOrDefault(p => p.Key == r.ProvisionKey);
        if (provision is null)
        {
            errors.Add("provisionKey", "No such provision in this version.");
        }
        var words = Words.Split(provision?.Text);
        int start = 0, end = 0;
        if (kind is ProposalKind.Replace or ProposalKind.Delete or ProposalKind.Insert && provision is not null)
        {
            start = r.Start ?? -1;
            end = kind == ProposalKind.Insert ? start : r.End ?? -1;
            if (start < 0 || end < start || end > words.Length || (kind != ProposalKind.Insert && end == start))
            {
                errors.Add("start", $"Give the words as a range [start, end) within 0..{words.Length}" + (kind == ProposalKind.Insert ? " (an insertion needs only start)." : ", end after start."));
            }
        }
        var newText = Words.Normalize(r.NewText);
        if (kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Alternative or ProposalKind.AddProvision && newText.Length == 0)
        {
            errors.Add("newText", "Give the words you propose.");
        }
        if (newText.Length > 8000 || r.Justification is { Length: > 2000 })
        {
            errors.Add("newText", "At most 8,000 characters of text and 2,000 of justification.");
        }
        ProvisionKind? newKind = null;
        if (kind is ProposalKind.AddProvision or ProposalKind.MoveProvision)
        {
            if (version.Provisions.All(p => p.Key != r.AfterKey))
            {
                errors.Add("afterKey", "Say after which provision.");
            }
            if (kind == ProposalKind.MoveProvision && r.AfterKey == r.ProvisionKey)
            {
                errors.Add("afterKey", "A provision cannot move after itself.");
            }
            if (kind == ProposalKind.AddProvision)
            {
                newKind = Enum.TryParse<ProvisionKind>(r.NewKind ?? "Paragraph", true, out var nk) ? nk : null;
                if (newKind is null)
                {
                    errors.Add("newKind", "Use paragraph, subparagraph, heading or section.");
                }
            }
        }
        var cosponsors = new List<(string Code, bool IsGroup)>();
        foreach (var c in (r.Cosponsors ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().Where(c => c != sponsorCode))
        {
            if (await db.States.AnyAsync(s => s.Iso3 == c && s.Status == StateStatus.MemberState, ct))
            {
                cosponsors.Add((c, false));
            }
            else if (await db.NegotiatingGroups.AnyAsync(g => g.Code == c, ct))
            {
                cosponsors.Add((c, true));
            }
            else
            {
                errors.Add("cosponsors", $"'{c}' is neither a Member State nor a negotiating group.");
            }
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = new Proposal
        {
            TextId = version.TextId,
            VersionId = version.Id,
            Kind = kind!.Value,
            ProvisionKey = provision!.Key,
            AfterKey = kind is ProposalKind.AddProvision or ProposalKind.MoveProvision ? r.AfterKey : null,
            Start = start,
            End = end,
            OriginalWords = kind is ProposalKind.Replace or ProposalKind.Delete ? Words.Slice(words, start, end) : kind == ProposalKind.Insert ? "" : provision.Text,
            NewText = newText.Length == 0 ? null : newText,
            NewKind = newKind,
            SponsorCode = sponsor.Code,
            SponsorIsGroup = sponsor.IsGroup,
            DraftedByState = viewer.StateIso3!,
            CreatedBy = viewer.UserId!,
            Justification = string.IsNullOrWhiteSpace(r.Justification) ? null : r.Justification.Trim(),
            Status = r.Submit ? ProposalStatus.Submitted : ProposalStatus.Draft,
            CreatedAt = now,
            SubmittedAt = r.Submit ? now : null,
            Cosponsors = cosponsors.Select(c => new ProposalCosponsor { Code = c.Code, IsGroup = c.IsGroup }).ToList(),
        };
        db.Proposals.Add(proposal);
        db.AuditAction = r.Submit ? "proposal.submitted" : "proposal.drafted";
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, proposal, ct);
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

    public static async Task<Result<ProposalRow>> SubmitAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, CancellationToken ct = default)
    {
        var own = await OwnAsync(db, viewer, id, ct);
        if (!own.IsSuccess)
        {
            return own.Error!;
        }
        var p = own.Value;
        if (p.DraftedByState != viewer.StateIso3)
        {
            return Error.Forbidden("Only the delegation that drafted a proposal submits it.");
        }
        if (p.Status != ProposalStatus.Draft)
        {
            return Error.Conflict("This proposal was already submitted.");
        }
        var open = await OpenVersionAsync(db, clock, p.VersionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        p.Status = ProposalStatus.Submitted;
        p.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        p.Version++;
        db.AuditAction = "proposal.submitted";
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

    public static async Task<Result<ProposalRow>> WithdrawAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, CancellationToken ct = default)
    {
        var own = await OwnAsync(db, viewer, id, ct);
        if (!own.IsSuccess)
        {
            return own.Error!;
        }
        var p = own.Value;
        if (p.DraftedByState != viewer.StateIso3)
        {
            return Error.Forbidden("Only the delegation that made a proposal withdraws it.");
        }
        if (p.Status is not (ProposalStatus.Draft or ProposalStatus.Submitted))
        {
            return Error.Conflict($"This proposal is {StatusSlug(p.Status)}; it can no longer be withdrawn.");
        }
        p.Status = ProposalStatus.Withdrawn;
        p.Version++;
        db.AuditAction = "proposal.withdrawn";
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

    /// <summary>A delegation supports or opposes a submitted proposal (once; a second stance replaces the first).</summary>
    public static async Task<Result<ProposalRow>> StanceAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, bool supports, string? actingFor, string? justification, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Only Member State delegations support or oppose proposals.");
        }
        var acting = await Delegations.ActingForAsync(db, viewer, ct);
        var code = (actingFor ?? viewer.StateIso3!).Trim().ToUpperInvariant();
        var who = acting.FirstOrDefault(a => a.Code == code);
        if (who.Code is null)
        {
            return Error.Forbidden($"You may act for {string.Join(" or ", acting.Select(a => a.Code))}, not for {code}.");
        }
        var p = await db.Proposals.Include(x => x.Stances).Include(x => x.Cosponsors).FirstOrDefaultAsync(x => x.Id == id && x.Status == ProposalStatus.Submitted, ct);
        if (p is null)
        {
            return Error.NotFound("No such submitted proposal.");
        }
        if (justification is { Length: > 2000 })
        {
            return Error.Validation("justification", "At most 2,000 characters.");
        }
        p.Stances.RemoveAll(s => s.Code == who.Code && s.IsGroup == who.IsGroup);
        p.Stances.Add(new ProposalStance { Code = who.Code, IsGroup = who.IsGroup, Supports = supports, Justification = justification?.Trim(), At = clock.GetUtcNow().UtcDateTime });
        db.AuditAction = supports ? "proposal.supported" : "proposal.opposed";
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, p, ct);
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

    internal static async Task<ProposalRow> RowAsync(ParleyDb db, Proposal p, CancellationToken ct) => ToRow(p, await Delegations.LabelsAsync(db, ct));

    internal static ProposalRow ToRow(Proposal p, Func<string, bool, string> label) => new(p.Id, p.VersionId, Slug(p.Kind), p.ProvisionKey, p.AfterKey, p.Start, p.End,
        p.OriginalWords, p.NewText, label(p.SponsorCode, p.SponsorIsGroup), p.SponsorCode, p.SponsorIsGroup, p.Cosponsors.Select(c => label(c.Code, c.IsGroup)).ToList(),
        StatusSlug(p.Status), p.Justification, p.CreatedAt, p.SubmittedAt, p.WordsChanged, p.CarriedFromId,
        p.Stances.Where(s => s.Supports).Select(s => label(s.Code, s.IsGroup)).ToList(), p.Stances.Where(s => !s.Supports).Select(s => label(s.Code, s.IsGroup)).ToList(), p.Version);

    internal static ProposalView ToView(Proposal p, Func<string, bool, string> label) => new(p.Id, p.Kind, p.ProvisionKey, p.AfterKey, p.Start, p.End, p.NewText, p.NewKind,
        [label(p.SponsorCode, p.SponsorIsGroup), .. p.Cosponsors.Select(c => label(c.Code, c.IsGroup))], StatusSlug(p.Status), p.WordsChanged, p.Justification,
        p.SubmittedAt is { } submitted ? DateTime.SpecifyKind(submitted, DateTimeKind.Utc) : null);
}
