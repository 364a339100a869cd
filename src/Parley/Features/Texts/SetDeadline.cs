using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;

namespace Parley.Features.Texts;

/// <summary>Use case: the deadline for proposals on the latest version.</summary>
public static partial class TextCommands
{
    public static async Task<Result<VersionRow>> SetDeadlineAsync(ParleyDb db, Viewer viewer, int versionId, DateTime? deadline, CancellationToken ct = default)
    {
        if (!MayManage(viewer))
        {
            return Error.Forbidden("Deadlines are set by the co-facilitators and the Secretariat.");
        }
        var version = await db.TextVersions.Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        if (version.SetProposalDeadline(deadline) is { } refused)
        {
            return refused;
        }
        db.AuditAction = "text.deadline-set";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("The deadline was changed at the same moment; reload and set it again.");
        }
        return ToRow(version);
    }
}
