using Parley.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Contributions;
using Parley.Features.Identity;
using Parley.Features.Processes;
using Parley.Features.Texts;

namespace Parley.Features.Today;

/// <summary>
/// A person's day (issue 15): what is happening now in each process — its current phase, today's and the next meetings, the texts
/// open for proposals and their deadlines — and what awaits this person, by role: a delegation's unsubmitted drafts and the lists
/// whose objection window is open; an organisation's applications; the Secretariat's queue, lists to circulate and contributions
/// to publish; the co-facilitators' open proposals. Each item links to the page where it is done.
/// </summary>
public static class MyDay
{
    public sealed record MeetingItem(int Id, Name Title, DateOnly First, DateOnly Last, bool Today, string Venue);

    public sealed record VersionItem(int Id, string Text, string Label, DateTime? Deadline);

    public sealed record ProcessNow(string Id, Name Title, Name? Phase, DateOnly? PhaseEnds, IReadOnlyList<MeetingItem> Meetings, IReadOnlyList<VersionItem> OpenVersions);

    /// <summary>Something this person should do, with where to do it and by when. <see cref="Count"/> is how many, for the words.</summary>
    public sealed record Task(string Kind, int Count, string Subject, string Href, DateTime? Due);

    public sealed record View(DateOnly Today, IReadOnlyList<ProcessNow> Processes, IReadOnlyList<Task> Tasks);

    public static async Task<View> ForAsync(ParleyDb db, TimeProvider clock, Viewer viewer, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var processes = new List<ProcessNow>();
        var trackNames = new Dictionary<(string, string), string>(); // processes and tracks by their names, never their codes
        foreach (var id in await db.Processes.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct))
        {
            if (await ProcessQueries.FindAsync(db, id, ct) is not { } found)
            {
                continue;
            }
            foreach (var t in found.Definition.Tracks)
            {
                trackNames[(id, t.Id)] = t.Named.ToString();
            }
            var phase = found.Definition.Phases.FirstOrDefault(p => p.From <= today && today <= p.To);
            var coming = (await db.Meetings.AsNoTracking().Where(m => m.ProcessId == id && m.Status != MeetingStatus.Cancelled).ToListAsync(ct))
                .Select(m => (Meeting: m, Days: m.Days)).Where(m => m.Days.Count > 0 && m.Days[^1] >= today)
                .OrderBy(m => m.Days[0]).Take(3).ToList();
            var titles = await Translations.TitleVersions.NamesAsync(db, Translations.TitleVersions.Meeting,
                coming.Select(m => (m.Meeting.Id.ToString(CultureInfo.InvariantCulture), m.Meeting.Title)), ct);
            var meetings = coming.Select(m => new MeetingItem(m.Meeting.Id, titles[m.Meeting.Id.ToString(CultureInfo.InvariantCulture)], m.Days[0], m.Days[^1],
                m.Days.Contains(today), m.Meeting.VenueName)).ToList();
            var processTitle = found.Definition.Named;
            processes.Add(new ProcessNow(id, processTitle, phase?.Named, phase?.To, meetings, await OpenVersionsAsync(db, id, now, ct)));
        }
        return new View(today, processes, await TasksAsync(db, viewer, now, processes, trackNames, ct));
    }

    /// <summary>The latest version of each text of the process, not adopted, whose deadline (if any) is still ahead.</summary>
    private static async Task<List<VersionItem>> OpenVersionsAsync(ParleyDb db, string processId, DateTime now, CancellationToken ct)
    {
        var latest = await db.Texts.AsNoTracking().Where(t => t.ProcessId == processId)
            .Join(db.TextVersions.AsNoTracking(), t => t.Id, v => v.TextId, (t, v) => new { t.Title, v.Id, v.TextId, v.Sequence, v.Label, v.IsAdopted, v.ProposalDeadlineUtc })
            .ToListAsync(ct);
        return latest.GroupBy(v => v.TextId).Select(g => g.MaxBy(v => v.Sequence)!)
            .Where(v => !v.IsAdopted && (v.ProposalDeadlineUtc is null || v.ProposalDeadlineUtc > now))
            .OrderBy(v => v.ProposalDeadlineUtc ?? DateTime.MaxValue).Select(v => new VersionItem(v.Id, v.Title, v.Label, v.ProposalDeadlineUtc)).ToList();
    }

    private static async Task<List<Task>> TasksAsync(ParleyDb db, Viewer viewer, DateTime now, List<ProcessNow> processes,
        Dictionary<(string, string), string> trackNames, CancellationToken ct)
    {
        var tasks = new List<Task>();
        var titles = processes.ToDictionary(p => p.Id, p => p.Title.ToString(), StringComparer.Ordinal); // in the reader's language
        string Named(string process, string? track = null) =>
            titles.GetValueOrDefault(process, process) + (track is null ? "" : " — " + trackNames.GetValueOrDefault((process, track), track));
        var open = processes.SelectMany(p => p.OpenVersions).ToList();
        var openIds = open.Select(v => v.Id).ToList();
        if (viewer.IsMemberStateDelegate)
        {
            var state = viewer.StateIso3;
            var drafts = await db.Proposals.AsNoTracking().Where(p => p.DraftedByState == state && p.Status == ProposalStatus.Draft && openIds.Contains(p.VersionId))
                .GroupBy(p => p.VersionId).Select(g => new { VersionId = g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var d in drafts)
            {
                var v = open.First(x => x.Id == d.VersionId);
                tasks.Add(new Task("drafts", d.Count, $"{v.Text} — {v.Label}", $"/versions/{v.Id}/compilation", v.Deadline));
            }
            foreach (var v in open.Where(v => drafts.All(d => d.VersionId != v.Id)))
            {
                tasks.Add(new Task("propose", 0, $"{v.Text} — {v.Label}", $"/versions/{v.Id}/compilation", v.Deadline));
            }
        }
        if (viewer.IsMemberStateDelegate || viewer.IsReviewer)
        {
            var circulated = await db.StakeholderLists.AsNoTracking().Where(l => l.Status == ListStatus.Circulated && l.DeadlineUtc > now)
                .Select(l => new { l.ProcessId, l.TrackId, l.DeadlineUtc }).ToListAsync(ct);
            tasks.AddRange(circulated.Select(l => new Task("objections", 0, Named(l.ProcessId, l.TrackId), $"/accreditation/{l.ProcessId}/lists/{l.TrackId}", l.DeadlineUtc)));
        }
        if (viewer.IsOpga)
        {
            // The PGA's office draws up the special tracks' lists and circulates them (§6(b)-(c)).
            var composing = await db.StakeholderLists.AsNoTracking().Where(l => l.Status == ListStatus.Composing).Select(l => new { l.ProcessId, l.TrackId }).ToListAsync(ct);
            tasks.AddRange(composing.Select(l => new Task("circulate", 0, Named(l.ProcessId, l.TrackId), $"/accreditation/{l.ProcessId}/lists/{l.TrackId}", null)));
        }
        if (viewer.Kind == PrincipalKind.Stakeholder && viewer.OrganisationCode is { } code)
        {
            var mine = await db.Applications.AsNoTracking()
                .Join(db.Organisations.AsNoTracking().Where(o => o.Code == code), a => a.OrganisationId, o => o.Id, (a, o) => new { a.Id, a.ProcessId, a.TrackId, a.Status })
                .ToListAsync(ct);
            tasks.AddRange(mine.Where(a => a.Status is not (ApplicationStatus.Withdrawn))
                .Select(a => new Task("application-" + Kebab(a.Status.ToString()), 0, Named(a.ProcessId, a.TrackId), $"/applications/{a.Id}", null)));
        }
        if (viewer.IsReviewer)
        {
            var queue = await db.Applications.AsNoTracking().Where(a => a.Status == ApplicationStatus.Submitted)
                .GroupBy(a => a.ProcessId).Select(g => new { ProcessId = g.Key, Count = g.Count() }).ToListAsync(ct);
            tasks.AddRange(queue.Select(q => new Task("review", q.Count, Named(q.ProcessId), $"/accreditation/{q.ProcessId}/review", null)));
        }
        if (viewer.IsSecretariat)
        {
            var submissions = await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Submitted)
                .GroupBy(s => s.ProcessId).Select(g => new { ProcessId = g.Key, Count = g.Count() }).ToListAsync(ct);
            tasks.AddRange(submissions.Select(s => new Task("publish", s.Count, Named(s.ProcessId), $"/processes/{s.ProcessId}/contributions", null)));
        }
        if (viewer.IsCoFacilitator)
        {
            var submitted = await db.Proposals.AsNoTracking().Where(p => p.Status == ProposalStatus.Submitted && openIds.Contains(p.VersionId))
                .GroupBy(p => p.VersionId).Select(g => new { VersionId = g.Key, Count = g.Count() }).ToListAsync(ct);
            foreach (var s in submitted)
            {
                var v = open.First(x => x.Id == s.VersionId);
                tasks.Add(new Task("decide", s.Count, $"{v.Text} — {v.Label}", $"/versions/{v.Id}/revision", v.Deadline));
            }
        }
        return tasks.OrderBy(t => t.Due ?? DateTime.MaxValue).ToList();
    }

    /// <summary>"AwaitingVerification" → "awaiting-verification": the slugs the pages' words are keyed by.</summary>
    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
