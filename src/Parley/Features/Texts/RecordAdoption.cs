using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: the Secretariat records the adoption of a version, by consensus or recorded vote.</summary>
public static partial class TextProcedures
{
    public sealed record AdoptionRequest(string? Method, string? AdoptedOn, IReadOnlyDictionary<string, string>? Votes, IReadOnlyDictionary<string, string>? Explanations);

    public sealed record AdoptionRow(int Id, int VersionId, string AdoptedVersionLabel, string Method, DateOnly AdoptedOn, bool Adopted,
        int Yes, int No, int Abstain, int NotVoting, IReadOnlyList<VoteRow> Votes, IReadOnlyList<ExplanationRow> Explanations);

    /// <summary>One State's vote in a recorded vote (records, not tuples: a tuple's fields do not serialise to JSON).</summary>
    public sealed record VoteRow(string State, string Name, string Vote);

    public sealed record ExplanationRow(string Delegation, string Text);

    /// <summary>
    /// The Secretariat records the adoption of a version: by consensus, or by recorded vote of every member of the adopting body (the UN's Member States unless the modalities declare another membership) (yes / no / abstain;
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
        // Who votes: the members of the adopting body on the day, as the process's modalities declare them (the UN's Member States
        // unless the file says otherwise; associate members and observers do not vote).
        var text = await db.Texts.AsNoTracking().FirstAsync(t => t.Id == version.TextId, ct);
        var process = await Processes.ProcessQueries.FindAsOfAsync(db, text.ProcessId, date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        var body = process is { } p0 ? await Processes.ProcessMembership.ResolveAsync(db, p0.Definition, date, ct) : null;
        var members = body?.Members.Where(m => m.Votes).Select(m => m.Code).ToList()
            ?? await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).Select(s => s.Iso3).ToListAsync(ct);
        var votes = new Dictionary<string, Vote>();
        foreach (var (state, vote) in r.Votes ?? new Dictionary<string, string>())
        {
            var code = state.Trim().ToUpperInvariant();
            if (!members.Contains(code))
            {
                errors.Add("votes", body?.Find(code) is { } other
                    ? $"'{state}' is {(other.Status == "associate" ? "an associate member" : "an observer")} of {body.Organisation} and has no vote."
                    : $"'{state}' is not a Member State{(body is null || body.Organisation == Modalities.Membership.UnitedNations.Organisation ? "" : $" of {body.Organisation}")}.");
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
        // The majority the modalities name (of the members present and voting): simple by default, two thirds where the body needs it.
        var majority = process?.Definition.Outcome.Majority ?? Modalities.Majority.Simple;
        var adopted = method == AdoptionMethod.Consensus || (majority == Modalities.Majority.TwoThirds ? yes * 3 >= (yes + no) * 2 && yes > 0 : yes > no);
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
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of(adopted ? "Notice.Adopted" : "Notice.NotAdopted"),
            method == AdoptionMethod.Consensus ? Phrase.Of("Notice.Consensus") : Phrase.Of("Notice.RecordedVote", yes, no, votes.Count(v => v.Value == Vote.Abstain)), null, ct);
        db.AuditAction = "text.adoption-recorded";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await AdoptionAsync(db, record.Id, ct))!;
    }
}
