using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Silence procedure and adoption.</summary>
public static partial class TextProcedures
{
    public const int DefaultSilenceHours = 72;

    public sealed record SilenceRow(int Id, int VersionId, string VersionLabel, DateTime StartedAt, DateTime DeadlineUtc, string Outcome, DateTime? ClosedAt,
        IReadOnlyList<BreakRow> Breaks);

    public sealed record BreakRow(string State, string StateName, string Letter, DateTime At);

    public static async Task<SilenceRow?> RowAsync(ParleyDb db, int silenceId, CancellationToken ct = default)
    {
        var s = await db.SilenceProcedures.AsNoTracking().Include(x => x.Breaks).FirstOrDefaultAsync(x => x.Id == silenceId, ct);
        if (s is null)
        {
            return null;
        }
        var label = await db.TextVersions.Where(v => v.Id == s.VersionId).Select(v => v.Label).FirstAsync(ct);
        var names = await Delegations.LabelsAsync(db, ct);
        return new SilenceRow(s.Id, s.VersionId, label, s.StartedAt, s.DeadlineUtc, s.Outcome.ToString().ToLowerInvariant(), s.ClosedAt,
            s.Breaks.OrderBy(b => b.At).Select(b => new BreakRow(b.StateIso3, names(b.StateIso3, false), b.Letter, b.At)).ToList());
    }

    public static async Task<AdoptionRow?> AdoptionAsync(ParleyDb db, int id, CancellationToken ct = default)
    {
        var a = await db.Adoptions.AsNoTracking().Include(x => x.Votes).Include(x => x.Explanations).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }
        var label = await db.TextVersions.Where(v => v.Id == a.VersionId).Select(v => v.Label).FirstAsync(ct);
        var names = await Delegations.LabelsAsync(db, ct);
        return new AdoptionRow(a.Id, a.VersionId, label, a.Method.ToString().ToLowerInvariant(), a.AdoptedOn, a.Adopted,
            a.Votes.Count(v => v.Vote == Vote.Yes), a.Votes.Count(v => v.Vote == Vote.No), a.Votes.Count(v => v.Vote == Vote.Abstain), a.Votes.Count(v => v.Vote == Vote.NotVoting),
            a.Votes.OrderBy(v => names(v.StateIso3, false)).Select(v => new VoteRow(v.StateIso3, names(v.StateIso3, false), v.Vote.ToString().ToLowerInvariant())).ToList(),
            a.Explanations.Select(e => new ExplanationRow(e.Code, e.Text)).ToList());
    }
}
