using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: the delegation that made a proposal withdraws it, until a revision settles it.</summary>
public static partial class Proposals
{
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
        if (p.Withdraw() is { } refused)
        {
            return refused;
        }
        return await SaveAsync(db, p, "proposal.withdrawn", ct);
    }
}
