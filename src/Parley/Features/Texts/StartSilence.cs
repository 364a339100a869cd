using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: the co-facilitators put a version under silence until a deadline (at least 72 hours).</summary>
public static partial class TextProcedures
{
    public static async Task<Result<SilenceRow>> StartSilenceAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int versionId, DateTime? deadline,
        int minimumHours = DefaultSilenceHours, CancellationToken ct = default)
    {
        if (!TextCommands.MayManage(viewer))
        {
            return Error.Forbidden("A text is put under silence by the co-facilitators or the Secretariat.");
        }
        var version = await db.TextVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var due = deadline?.ToUniversalTime() ?? now.AddHours(minimumHours);
        if (due < now.AddHours(minimumHours))
        {
            return Error.Validation("deadline", $"Silence runs for at least {minimumHours} hours (until {now.AddHours(minimumHours):d MMMM yyyy HH:mm} UTC or later).");
        }
        if (await db.SilenceProcedures.AnyAsync(s => s.VersionId == versionId && s.Outcome == SilenceOutcome.Open, ct))
        {
            return Error.Conflict("This version is already under silence.");
        }
        var silence = new SilenceProcedure { VersionId = versionId, StartedAt = now, DeadlineUtc = DateTime.SpecifyKind(due, DateTimeKind.Utc), Outcome = SilenceOutcome.Open };
        db.SilenceProcedures.Add(silence);
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of("Notice.UnderSilence", version.Label), Phrase.Of("Notice.UnderSilenceBody", version.Label, silence.DeadlineUtc), null, ct);
        db.AuditAction = "silence.started";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await RowAsync(db, silence.Id, ct))!;
    }
}
