using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Silence procedure and adoption.</summary>
public static class TextProcedures
{
    public const int DefaultSilenceHours = 72;

    public sealed record SilenceRow(int Id, int VersionId, string VersionLabel, DateTime StartedAt, DateTime DeadlineUtc, string Outcome, DateTime? ClosedAt,
        IReadOnlyList<BreakRow> Breaks);

    public sealed record BreakRow(string State, string StateName, string Letter, DateTime At);

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
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, $"{version.Label} under silence",
            $"{version.Label} is under silence procedure until {silence.DeadlineUtc:d MMMM yyyy HH:mm} UTC. A Member State that objects breaks silence by letter before then.", null, ct);
        db.AuditAction = "silence.started";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await RowAsync(db, silence.Id, ct))!;
    }

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
        await notifier.QueueToKindAsync(db, PrincipalKind.CoFacilitator, "Silence broken", $"{viewer.StateIso3} broke silence by letter.", null, ct);
        db.AuditAction = "silence.broken";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await RowAsync(db, silence.Id, ct))!;
    }

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
                ? $"Silence on {label} was not broken: the text is agreed."
                : $"Silence on {label} was broken by {string.Join(", ", s.Breaks.Select(b => b.StateIso3))}.";
            await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, $"Silence procedure on {label}: {s.Outcome.ToString().ToLowerInvariant()}", body, null, ct);
            await notifier.QueueToKindAsync(db, PrincipalKind.CoFacilitator, $"Silence procedure on {label}: {s.Outcome.ToString().ToLowerInvariant()}", body, null, ct);
        }
        if (due.Count > 0)
        {
            db.AuditAction = "silence.closed";
            await db.SaveChangesAsync(ct);
            await notifier.FlushAsync(ct);
        }
        return due.Count;
    }

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

    public sealed record AdoptionRequest(string? Method, string? AdoptedOn, IReadOnlyDictionary<string, string>? Votes, IReadOnlyDictionary<string, string>? Explanations);

    public sealed record AdoptionRow(int Id, int VersionId, string AdoptedVersionLabel, string Method, DateOnly AdoptedOn, bool Adopted,
        int Yes, int No, int Abstain, int NotVoting, IReadOnlyList<(string State, string Name, string Vote)> Votes, IReadOnlyList<(string Delegation, string Text)> Explanations);

    /// <summary>
    /// The Secretariat records the adoption of a version: by consensus, or by recorded vote of every Member State (yes / no / abstain;
    /// any State not listed is recorded as not voting). An adopted text becomes a new immutable version marked adopted.
    /// </summary>
    public static async Task<Result<AdoptionRow>> RecordAdoptionAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int versionId, AdoptionRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat records the adoption.");
        }
        var version = await db.TextVersions.Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        if (await db.TextVersions.AnyAsync(v => v.TextId == version.TextId && v.Sequence > version.Sequence, ct) || version.IsAdopted)
        {
            return Error.Conflict("Only the latest version can be adopted, and only once.");
        }
        var errors = new FieldErrors();
        var method = r.Method?.Trim().ToLowerInvariant() switch { "consensus" => AdoptionMethod.Consensus, "vote" => AdoptionMethod.Vote, _ => (AdoptionMethod?)null };
        if (method is null)
        {
            errors.Add("method", "Use consensus or vote.");
        }
        var date = TextCommands.ParseDate(r.AdoptedOn, errors);
        var members = await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).Select(s => s.Iso3).ToListAsync(ct);
        var votes = new Dictionary<string, Vote>();
        foreach (var (state, vote) in r.Votes ?? new Dictionary<string, string>())
        {
            var code = state.Trim().ToUpperInvariant();
            if (!members.Contains(code))
            {
                errors.Add("votes", $"'{state}' is not a Member State.");
            }
            else if (vote.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch { "yes" => Vote.Yes, "no" => Vote.No, "abstain" => Vote.Abstain, "notvoting" => Vote.NotVoting, _ => (Vote?)null } is { } v)
            {
                votes[code] = v;
            }
            else
            {
                errors.Add("votes", $"{code}: use yes, no, abstain or not-voting.");
            }
        }
        if (method == AdoptionMethod.Consensus && votes.Count > 0)
        {
            errors.Add("votes", "A text adopted by consensus has no recorded vote.");
        }
        if (method == AdoptionMethod.Vote && votes.Count == 0)
        {
            errors.Add("votes", "Record the votes.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var yes = votes.Count(v => v.Value == Vote.Yes);
        var no = votes.Count(v => v.Value == Vote.No);
        var adopted = method == AdoptionMethod.Consensus || yes > no; // a simple majority of those present and voting
        var now = clock.GetUtcNow().UtcDateTime;
        var adoptedVersionId = version.Id;
        if (adopted)
        {
            var copy = TextCommands.NewVersion(version.TextId, version.Sequence + 1, "Adopted text", version.Symbol, date!.Value, viewer.Name, clock, version.Id,
                version.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList());
            copy.Adopt(); // a fresh version: it cannot already be adopted
            db.TextVersions.Add(copy);
            await db.SaveChangesAsync(ct);
            adoptedVersionId = copy.Id;
        }
        var record = new AdoptionRecord
        {
            TextId = version.TextId, VersionId = adoptedVersionId, Method = method!.Value, AdoptedOn = date!.Value, Adopted = adopted, RecordedBy = viewer.Name, RecordedAt = now,
            Votes = method == AdoptionMethod.Vote ? members.Select(m => new VoteEntry { StateIso3 = m, Vote = votes.GetValueOrDefault(m, Vote.NotVoting) }).ToList() : [],
            Explanations = (r.Explanations ?? new Dictionary<string, string>()).Where(e => !string.IsNullOrWhiteSpace(e.Value))
                .Select(e => new PositionExplanation { Code = e.Key.Trim().ToUpperInvariant(), Text = e.Value.Trim() }).ToList(),
        };
        db.Adoptions.Add(record);
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, adopted ? "Text adopted" : "Text not adopted",
            method == AdoptionMethod.Consensus ? "The text was adopted by consensus." : $"Recorded vote: {yes} in favour, {no} against, {votes.Count(v => v.Value == Vote.Abstain)} abstentions.", null, ct);
        db.AuditAction = "text.adoption-recorded";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await AdoptionAsync(db, record.Id, ct))!;
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
            a.Votes.OrderBy(v => names(v.StateIso3, false)).Select(v => (v.StateIso3, names(v.StateIso3, false), v.Vote.ToString().ToLowerInvariant())).ToList(),
            a.Explanations.Select(e => (e.Code, e.Text)).ToList());
    }
}
