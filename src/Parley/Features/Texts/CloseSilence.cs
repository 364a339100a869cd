using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: at the deadline, silence is recorded as passed or broken (on demand or by the watcher).</summary>
public static partial class TextProcedures
{
    /// <summary>At the deadline: agreed if nobody broke silence, otherwise broken (by whom). Run on demand or by the watcher.</summary>
    public static async Task<int> CloseDueAsync(ParleyDb db, Notifier notifier, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.SilenceProcedures.Include(s => s.Breaks).Where(s => s.Outcome == SilenceOutcome.Open && s.DeadlineUtc <= now).ToListAsync(ct);
        foreach (var s in due)
        {
            s.Outcome = s.Breaks.Count == 0 ? SilenceOutcome.Passed : SilenceOutcome.Broken;
            s.ClosedAt = now;
            var label = await db.TextVersions.Where(v => v.Id == s.VersionId).Select(v => v.Label).FirstAsync(ct);
            var body = s.Outcome == SilenceOutcome.Passed
                ? Phrase.Of("Notice.SilencePassedBody", label)
                : Phrase.Of("Notice.SilenceBrokenBody", label, string.Join(", ", s.Breaks.Select(b => b.StateIso3)));
            var subject = Phrase.Of(s.Outcome == SilenceOutcome.Passed ? "Notice.SilencePassed" : "Notice.SilenceBroken", label);
            await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, subject, body, null, ct);
            await notifier.QueueToKindAsync(db, PrincipalKind.CoFacilitator, subject, body, null, ct);
        }
        if (due.Count > 0)
        {
            db.AuditAction = "silence.closed";
            await db.SaveChangesAsync(ct);
            await notifier.FlushAsync(ct);
        }
        return due.Count;
    }
}
