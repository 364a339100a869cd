using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: a Member State breaks silence by letter before the deadline.</summary>
public static partial class TextProcedures
{
    /// <summary>A Member State breaks silence with a letter, before the deadline (server clock).</summary>
    public static async Task<Result<SilenceRow>> BreakSilenceAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int silenceId, string? letter, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Silence is broken by a Member State.");
        }
        var silence = await db.SilenceProcedures.Include(s => s.Breaks).FirstOrDefaultAsync(s => s.Id == silenceId, ct);
        if (silence is null)
        {
            return Error.NotFound("No such silence procedure.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (silence.Outcome != SilenceOutcome.Open || now >= silence.DeadlineUtc)
        {
            return Error.Conflict($"The silence procedure ended on {silence.DeadlineUtc:d MMMM yyyy HH:mm} UTC.");
        }
        if (string.IsNullOrWhiteSpace(letter) || letter.Length > 8000)
        {
            return Error.Validation("letter", "Write the letter breaking silence (1 to 8,000 characters).");
        }
        if (silence.Breaks.Any(b => b.StateIso3 == viewer.StateIso3))
        {
            return Error.Conflict("Your State has already broken silence.");
        }
        silence.Breaks.Add(new SilenceBreak { StateIso3 = viewer.StateIso3!, Letter = letter.Trim(), By = viewer.Name, At = now });
        await notifier.QueueToKindAsync(db, PrincipalKind.CoFacilitator, Phrase.Of("Notice.SilenceBrokenNow"), Phrase.Of("Notice.SilenceBrokenNowBody", viewer.StateIso3), null, ct);
        db.AuditAction = "silence.broken";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await RowAsync(db, silence.Id, ct))!;
    }
}
