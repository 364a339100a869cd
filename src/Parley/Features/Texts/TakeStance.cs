using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: a delegation supports or opposes a submitted proposal.</summary>
public static partial class Proposals
{
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
}
