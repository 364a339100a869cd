using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: the drafting delegation submits its draft before the deadline.</summary>
public static partial class Proposals
{
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
        var open = await OpenVersionAsync(db, clock, p.VersionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        if (p.Submit(clock.GetUtcNow().UtcDateTime) is { } refused)
        {
            return refused;
        }
        return await SaveAsync(db, p, "proposal.submitted", ct);
    }
}
