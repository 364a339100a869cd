using System.Globalization;
using Parley.Common;
using Parley.Modalities;

namespace Parley.Features.Processes;

public enum RuleStatus
{
    Met,
    NotYetDue,
    AtRisk,
    Breached,
    Superseded,
    /// <summary>A principle with no date or count to check; listed so every paragraph appears.</summary>
    Noted,
}

public sealed record RuleResult(string RuleId, string Paragraph, Phrase Title, RuleStatus Status, IReadOnlyList<Phrase> Facts, string? SupersededBy = null,
    string? Interpretation = null);

public sealed record MeetingView(int Id, string SeriesId, int? Slot, string Title, string VenueCode, string HolidayCalendar,
    IReadOnlyList<DateOnly> Days, int ExpertPanels, bool InteractiveExchange, MeetingStatus Status, IReadOnlyList<DateOnly>? HalfDays = null,
    bool Approximate = false)
{
    /// <summary>How many days the meeting sat: a half day counts one half.</summary>
    public decimal Length => Days.Count - 0.5m * (HalfDays?.Count(Days.Contains) ?? 0);

    /// <summary>Working days sat on this calendar, a half working day counting one half.</summary>
    public decimal WorkingLength(WorkingDays calendar) =>
        calendar.Count(Days, HolidayCalendar) - 0.5m * (HalfDays ?? []).Count(d => Days.Contains(d) && calendar.IsWorkingDay(d, HolidayCalendar));

    public DateOnly? First => Days.Count == 0 ? null : Days[0];
    public DateOnly? Last => Days.Count == 0 ? null : Days[^1];
}

public sealed record AppointmentView(string RoleId, string Holder, DateOnly AppointedOn, DateOnly? EndsOn);

public sealed record DecisionView(string Symbol, DateOnly AdoptedOn, IReadOnlyList<string> Amends, IReadOnlyList<Replan>? Replans = null);

public sealed record DocumentView(string Type, string? Symbol, DateOnly PublishedOn, int? MeetingId);

/// <summary>What had been recorded about a process by a given date.</summary>
public sealed record ProcessSnapshot(
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<AppointmentView> Appointments,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<DocumentView> Documents);

/// <summary>Working days: not a Saturday or Sunday, and not an official holiday of the venue's calendar.</summary>
public sealed class WorkingDays(ILookup<string, DateOnly> holidays)
{
    public bool IsWorkingDay(DateOnly day, string calendar) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays[calendar].Contains(day);

    public int Count(IEnumerable<DateOnly> days, string calendar) => days.Count(d => IsWorkingDay(d, calendar));
}

/// <summary>
/// Evaluates every rule of a modalities file against what was recorded by a date.
/// Pure: the same definition, snapshot and date always give the same report.
/// </summary>
public static class ComplianceEngine
{
    public static IReadOnlyList<RuleResult> Evaluate(ModalitiesDefinition def, ProcessSnapshot snap, WorkingDays workingDays, DateOnly asOf)
    {
        var results = new List<RuleResult>();
        var live = snap.Meetings.Where(m => m.Status != MeetingStatus.Cancelled && m.Days.Count > 0).ToList();

        foreach (var phase in def.Phases)
        {
            results.Add(PhaseRule(def, phase, live, asOf));
        }
        foreach (var role in def.Roles)
        {
            results.Add(RoleRule(def, role, snap.Appointments, asOf));
            if (role.EndsWithSeries is { } seriesId)
            {
                results.Add(RoleEnds(role, def.FindSeries(seriesId), seriesId, snap, live, asOf));
            }
        }
        foreach (var series in def.Series)
        {
            var meetings = live.Where(m => m.SeriesId == series.Id).OrderBy(m => m.First).ToList();
            foreach (var (planned, by) in Planned(series, snap.Decisions, asOf))
            {
                var result = Placement(def, series, planned, meetings.FirstOrDefault(m => m.Slot == planned.Slot), asOf);
                results.Add(by is null ? result : result with { Facts = [.. result.Facts, by] });
            }
            if (series.MaxWorkingDays is { } max)
            {
                results.Add(Budget(series, max, meetings, workingDays));
            }
            if (series.TotalDays is { } total)
            {
                results.Add(TotalDays(def, series, total, meetings, asOf));
            }
            if (series.Components is { } components)
            {
                results.Add(ComponentsRule(def, series, components, meetings, asOf));
            }
            foreach (var doc in series.Documents)
            {
                results.Add(DocumentRule(def, series, doc, meetings, snap.Documents, asOf));
            }
        }
        foreach (var o in def.Obligations)
        {
            results.Add(Obligation(def, o with { DueBy = DueOf(def, o, snap, live, asOf) }, snap.Documents, asOf));
        }
        foreach (var p in def.Principles)
        {
            results.Add(new RuleResult($"principle/{p.Paragraph}", p.Paragraph, Phrase.Verbatim(p.Named), RuleStatus.Noted,
                def.TrustFund?.Paragraph == p.Paragraph
                    ? [Phrase.Of("Compliance.ServedByFund", $"/processes/{def.Id}/fund?asOf={asOf:yyyy-MM-dd}")]
                    : def.Contributions?.Paragraphs.Contains(p.Paragraph) == true
                        ? [Phrase.Of("Compliance.ServedByContributions", $"/processes/{def.Id}/contributions")]
                        : [p.Capability.Length > 0 ? Phrase.Of("Compliance.ServedBy", p.Capability) : Phrase.Of("Compliance.Principle")]));
        }
        if (def.TrustFund is { } fund && def.Principles.All(p => p.Paragraph != fund.Paragraph))
        {
            results.Add(new RuleResult("trust-fund", fund.Paragraph, Phrase.Of("Compliance.TrustFund"), RuleStatus.Noted,
                [Phrase.Of("Compliance.ServedByFund", $"/processes/{def.Id}/fund?asOf={asOf:yyyy-MM-dd}")]));
        }
        return ApplyDecisions(Interpret(def, results), snap.Decisions, asOf);
    }

    /// <summary>A rule the file marks as the editor's reading carries that note (by its id).</summary>
    private static List<RuleResult> Interpret(ModalitiesDefinition def, List<RuleResult> results) =>
        def.Interpretations is not { Count: > 0 } notes ? results : results.Select(r =>
            notes.TryGetValue(r.RuleId, out var note) ? r with { Interpretation = note } : r).ToList();

    /// <summary>
    /// The meetings of a series as planned on <paramref name="asOf"/>: the file's, each moved by the latest decision in force that moves
    /// it, then those that decisions in force add; with what says so ("Moved by …", "Added by …").
    /// </summary>
    public static IEnumerable<(PlannedMeeting Planned, Phrase? By)> Planned(MeetingSeries series, IReadOnlyList<DecisionView> decisions, DateOnly asOf)
    {
        var inForce = decisions.Where(d => d.AdoptedOn <= asOf).OrderBy(d => d.AdoptedOn).ToList();
        var replans = inForce.SelectMany(d => (d.Replans ?? []).Where(r => r.Series == series.Id).Select(r => (Replan: r, d.Symbol, d.AdoptedOn))).ToList();
        foreach (var planned in series.Meetings)
        {
            var moved = replans.LastOrDefault(r => !r.Replan.Added && r.Replan.Slot == planned.Slot);
            yield return moved.Replan is null
                ? (planned, null)
                : (planned with { From = moved.Replan.From, To = moved.Replan.To, Days = moved.Replan.Days ?? planned.Days, Venue = moved.Replan.Venue ?? planned.Venue },
                    Phrase.Of("Compliance.MovedBy", moved.Symbol, moved.AdoptedOn, planned.From, planned.To));
        }
        foreach (var added in replans.Where(r => r.Replan.Added).GroupBy(r => r.Replan.Slot).Select(g => g.Last()).OrderBy(r => r.Replan.Slot))
        {
            yield return (new PlannedMeeting(added.Replan.Slot, added.Replan.Theme, added.Replan.Venue ?? series.Meetings.FirstOrDefault()?.Venue ?? "", added.Replan.From, added.Replan.To,
                added.Replan.Days, series.Paragraph), Phrase.Of("Compliance.AddedBy", added.Symbol, added.AdoptedOn));
        }
    }

    /// <summary>The id of every rule the file defines (what a decision may amend one by one), in the report's order.</summary>
    public static IReadOnlyList<string> RuleIds(ModalitiesDefinition def) =>
        Evaluate(def, new ProcessSnapshot([], [], [], []), new WorkingDays(Array.Empty<(string, DateOnly)>().ToLookup(x => x.Item1, x => x.Item2)), def.Phases.FirstOrDefault()?.From ?? default)
            .Select(r => r.RuleId).Concat(def.Series.Where(s => s.BalanceParagraph is not null).Select(s => $"{s.Id}-balance")).ToList();

    /// <summary>"3", "3.5": a count of days with its half, if any.</summary>

    private static RuleStatus Due(ModalitiesDefinition def, DateOnly due, DateOnly asOf) =>
        asOf > due ? RuleStatus.Breached : due.DayNumber - asOf.DayNumber <= def.AtRiskDays ? RuleStatus.AtRisk : RuleStatus.NotYetDue;

    private static RuleResult PhaseRule(ModalitiesDefinition def, Phase phase, List<MeetingView> live, DateOnly asOf)
    {
        var seriesIds = def.Series.Where(s => s.PhaseId == phase.Id).Select(s => s.Id).ToHashSet();
        var outside = live.Where(m => seriesIds.Contains(m.SeriesId) && (m.First < phase.From || m.Last > phase.To)).ToList();
        var title = Phrase.Of("Compliance.Phase", phase.Named, phase.From, phase.To);
        if (outside.Count > 0)
        {
            return new(phase.Id, phase.Paragraph, title, RuleStatus.Breached,
                outside.Select(m => Phrase.Of("Compliance.OutsidePhase", m.Title, m.First!.Value, m.Last!.Value)).ToList());
        }
        var held = live.Count(m => seriesIds.Contains(m.SeriesId));
        return new(phase.Id, phase.Paragraph, title, asOf < phase.From ? RuleStatus.NotYetDue : RuleStatus.Met,
            [Phrase.Counted("Compliance.PhaseHeld", held)]);
    }

    private static RuleResult RoleRule(ModalitiesDefinition def, RoleRule role, IReadOnlyList<AppointmentView> appointments, DateOnly asOf)
    {
        var made = appointments.Where(a => a.RoleId == role.Id && a.AppointedOn <= asOf).OrderBy(a => a.AppointedOn).ToList();
        var title = Phrase.Of("Compliance.Appoints", role.Appointer, role.Count, role.Count > 1 ? role.PluralNamed : role.Named, role.DueBy);
        var facts = made.Select(a => Phrase.Of("Compliance.AppointedOn", a.Holder, a.AppointedOn)).ToList();
        if (made.Count >= role.Count)
        {
            var completedOn = made[role.Count - 1].AppointedOn;
            return completedOn <= role.DueBy
                ? new(role.Id, role.Paragraph, title, RuleStatus.Met, facts)
                : new(role.Id, role.Paragraph, title, RuleStatus.Breached, [.. facts, Phrase.Counted("Compliance.CompletedLate", completedOn.DayNumber - role.DueBy.DayNumber)]);
        }
        facts.Add(Phrase.Of("Compliance.Appointed", made.Count, role.Count));
        return new(role.Id, role.Paragraph, title, Due(def, role.DueBy, asOf), facts);
    }

    private static RuleResult RoleEnds(RoleRule role, MeetingSeries? series, string seriesId, ProcessSnapshot snap, List<MeetingView> live, DateOnly asOf)
    {
        var appointments = snap.Appointments;
        var end = live.Where(m => m.SeriesId == seriesId).Select(m => m.Last).Max();
        var title = Phrase.Of("Compliance.RoleEnds", role.Named, series?.Named ?? new Name(seriesId));
        // The series ends with its last meeting: not before every meeting it plans (as decisions in force have it) has been held.
        var heldSlots = live.Where(m => m.SeriesId == seriesId && m.Slot is not null && m.Last < asOf).Select(m => m.Slot!.Value).ToHashSet();
        var pending = series is null ? [] : Planned(series, snap.Decisions, asOf).Where(p => !heldSlots.Contains(p.Planned.Slot)).ToList();
        if (end is null || asOf <= end || pending.Count > 0)
        {
            return new($"{role.Id}/ends", role.Paragraph, title, RuleStatus.NotYetDue,
                [end is null ? Phrase.Of("Compliance.SeriesNotScheduled", series?.Named ?? new Name(seriesId)) : pending.Count > 0 ? Phrase.Counted("Compliance.StillToBeHeld", pending.Count, series!.Named) : Phrase.Of("Compliance.SeriesEndsOn", series?.Named ?? new Name(seriesId), end.Value)]);
        }
        var open = appointments.Where(a => a.RoleId == role.Id && (a.EndsOn is null || a.EndsOn > end)).ToList();
        return open.Count == 0
            ? new($"{role.Id}/ends", role.Paragraph, title, RuleStatus.Met, [Phrase.Of("Compliance.AllEnded", end.Value)])
            : new($"{role.Id}/ends", role.Paragraph, title, RuleStatus.Breached, open.Select(a => Phrase.Of("Compliance.StillHolds", a.Holder, end.Value)).ToList());
    }

    private static RuleResult Placement(ModalitiesDefinition def, MeetingSeries series, PlannedMeeting planned, MeetingView? meeting, DateOnly asOf)
    {
        var venue = def.FindVenue(planned.Venue);
        object when = planned.From.Day == 1 && planned.To == planned.From.AddMonths(1).AddDays(-1)
            ? new Month(planned.From.Year, planned.From.Month)
            : Phrase.Of("Compliance.Range", planned.From, planned.To);
        var suffix = $" {planned.Slot}{(planned.Theme is null ? "" : $" ({Shorten(planned.Theme)})")}"; // the theme is the resolution's words
        var head = new Name(series.Name + suffix, series.Names?.ToDictionary(kv => kv.Key, kv => kv.Value + suffix));
        var title = planned.Days is { } n
            ? Phrase.Of("Compliance.PlacementDays", head, venue?.City ?? planned.Venue, when, Phrase.Counted("Compliance.Days", n))
            : Phrase.Of("Compliance.Placement", head, venue?.City ?? planned.Venue, when);
        var id = $"{series.Id}/{planned.Slot}";
        if (meeting is null)
        {
            return new(id, planned.Paragraph, title, Due(def, planned.To, asOf), [Phrase.Of("Compliance.NotScheduled")]);
        }
        var problems = new List<Phrase>();
        if (meeting.VenueCode != planned.Venue)
        {
            problems.Add(Phrase.Of("Compliance.RecordedAt", meeting.VenueCode, planned.Venue));
        }
        if (meeting.First < planned.From || meeting.Last > planned.To)
        {
            problems.Add(Phrase.Of("Compliance.SitsOn", meeting.First!.Value, meeting.Last!.Value, when));
        }
        if (planned.Days is { } days && meeting.Length != days)
        {
            problems.Add(Phrase.Counted("Compliance.DaysInstead", meeting.Length, days));
        }
        var facts = new List<Phrase> { Phrase.Of("Compliance.MeetingDays", meeting.Title, new DayList(meeting.Days), meeting.VenueCode) };
        if (meeting.Approximate)
        {
            facts.Add(Phrase.Of("Compliance.Approximate"));
        }
        if (problems.Count > 0)
        {
            return new(id, planned.Paragraph, title, RuleStatus.Breached, [.. facts, .. problems]);
        }
        return new(id, planned.Paragraph, title, meeting.Last < asOf ? RuleStatus.Met : RuleStatus.NotYetDue, facts);
    }

    private static RuleResult Budget(MeetingSeries series, int max, List<MeetingView> meetings, WorkingDays workingDays)
    {
        var per = meetings.Select(m => (m, days: m.WorkingLength(workingDays))).ToList();
        var used = per.Sum(p => p.days);
        var facts = per.Select(p => Phrase.Counted("Compliance.WorkingDaysOf", p.days, p.m.Title)).ToList();
        facts.Insert(0, Phrase.Of("Compliance.WorkingDaysUsed", used, max));
        return new($"{series.Id}/working-days", series.BudgetParagraph ?? series.Paragraph,
            Phrase.Of("Compliance.WorkingDaysMax", series.Named, max), used > max ? RuleStatus.Breached : RuleStatus.Met, facts);
    }

    private static RuleResult TotalDays(ModalitiesDefinition def, MeetingSeries series, int total, List<MeetingView> meetings, DateOnly asOf)
    {
        var days = meetings.Sum(m => m.Length);
        var title = Phrase.Of("Compliance.TotalDays", series.Named, total, series.WindowFrom, series.WindowTo);
        var facts = new List<Phrase> { Phrase.Of("Compliance.DaysScheduled", days, total) };
        var outside = meetings.Where(m => m.First < series.WindowFrom || m.Last > series.WindowTo).ToList();
        facts.AddRange(outside.Select(m => Phrase.Of("Compliance.OutsideWindow", m.Title)));
        if (days > total || outside.Count > 0)
        {
            return new($"{series.Id}/days", series.Paragraph, title, RuleStatus.Breached, facts);
        }
        if (days == total)
        {
            return new($"{series.Id}/days", series.Paragraph, title, meetings.Max(m => m.Last) < asOf ? RuleStatus.Met : RuleStatus.NotYetDue, facts);
        }
        return new($"{series.Id}/days", series.Paragraph, title, Due(def, series.WindowTo, asOf), facts);
    }

    private static RuleResult ComponentsRule(ModalitiesDefinition def, MeetingSeries series, Components c, List<MeetingView> meetings, DateOnly asOf)
    {
        var title = Phrase.Of(c.InteractiveExchange ? "Compliance.ComponentsWithExchange" : "Compliance.Components", series.One, c.MinPanels, c.MaxPanels);
        var worst = RuleStatus.Met;
        var facts = new List<Phrase>();
        foreach (var m in meetings)
        {
            var ok = m.ExpertPanels >= c.MinPanels && m.ExpertPanels <= c.MaxPanels && (!c.InteractiveExchange || m.InteractiveExchange);
            var status = ok ? (m.First <= asOf ? RuleStatus.Met : RuleStatus.NotYetDue)
                : m.ExpertPanels > c.MaxPanels || m.First <= asOf ? RuleStatus.Breached
                : Due(def, m.First!.Value.AddDays(-1), asOf);
            facts.Add(Phrase.Of((m.InteractiveExchange ? "Compliance.PanelsWithExchange" : "Compliance.PanelsWithoutExchange") + (ok ? "" : "Failing"), m.Title, Phrase.Counted("Compliance.PanelCount", m.ExpertPanels)));
            worst = Worse(worst, status);
        }
        if (meetings.Count == 0)
        {
            worst = RuleStatus.NotYetDue;
            facts.Add(Phrase.Of("Compliance.NoMeeting"));
        }
        return new($"{series.Id}/components", c.Paragraph, title, worst, facts);
    }

    /// <summary>A document by its symbol (the same in every language) or, without one, by the file's title for its kind.</summary>
    private static object DocumentNamed(string? symbol, Name label) => symbol is null ? label : symbol;

    private static RuleResult DocumentRule(ModalitiesDefinition def, MeetingSeries series, Parley.Modalities.DocumentRule rule,
        List<MeetingView> meetings, IReadOnlyList<DocumentView> documents, DateOnly asOf)
    {
        var english = rule.Title ?? rule.Type.Replace('-', ' '); // the file's title for people; its type only when it gives none
        var label = new Name(english, rule.Titles);
        var heading = new Name(Capital(english), rule.Titles);
        var title = rule.Timing == DocumentTiming.BeforeStart
            ? Phrase.Of("Compliance.DocumentBefore", heading, series.One)
            : rule.Once
                ? Phrase.Of("Compliance.DocumentAfterSeries", heading, rule.WithinDays, new Name(series.Name.ToLowerInvariant(), series.Names))
                : Phrase.Of("Compliance.DocumentAfterEach", heading, rule.WithinDays, series.One);
        var id = $"{series.Id}/{rule.Type}";
        var targets = rule.Once ? meetings.OrderBy(m => m.Last).TakeLast(1).ToList() : meetings;
        if (targets.Count == 0)
        {
            return new(id, rule.Paragraph, title, RuleStatus.NotYetDue, [Phrase.Of("Compliance.NoMeeting")]);
        }
        var seriesMeetingIds = meetings.Select(m => m.Id).ToHashSet();
        var worst = RuleStatus.Met;
        var facts = new List<Phrase>();
        foreach (var m in targets)
        {
            var docs = documents.Where(d => d.Type == rule.Type && d.PublishedOn <= asOf
                && (d.MeetingId == m.Id || (rule.Once && (d.MeetingId is null || seriesMeetingIds.Contains(d.MeetingId.Value))))).OrderBy(d => d.PublishedOn).ToList();
            RuleStatus status;
            if (rule.Timing == DocumentTiming.BeforeStart)
            {
                var start = m.First!.Value;
                var doc = docs.FirstOrDefault();
                status = doc is not null && doc.PublishedOn < start ? RuleStatus.Met
                    : asOf >= start ? RuleStatus.Breached
                    : Due(def, start.AddDays(-1), asOf);
                facts.Add(doc is not null
                    ? doc.PublishedOn < start ? Phrase.Of("Compliance.Published", m.Title, DocumentNamed(doc.Symbol, label), doc.PublishedOn) : Phrase.Of("Compliance.PublishedNotBefore", m.Title, DocumentNamed(doc.Symbol, label), doc.PublishedOn, start)
                    : asOf >= start ? Phrase.Of("Compliance.NoneStartedWithout", m.Title, start) : Phrase.Of("Compliance.NoneDueBefore", m.Title, start));
            }
            else
            {
                var due = m.Last!.Value.AddDays(rule.WithinDays);
                var doc = docs.FirstOrDefault();
                status = doc is not null ? (doc.PublishedOn <= due ? RuleStatus.Met : RuleStatus.Breached)
                    : asOf <= m.Last ? RuleStatus.NotYetDue
                    : Due(def, due, asOf);
                facts.Add(doc is not null
                    ? doc.PublishedOn <= due ? Phrase.Of("Compliance.Published", m.Title, DocumentNamed(doc.Symbol, label), doc.PublishedOn) : Phrase.Of("Compliance.PublishedAfter", m.Title, DocumentNamed(doc.Symbol, label), doc.PublishedOn, due)
                    : Phrase.Of("Compliance.NoneDueBy", m.Title, due));
            }
            worst = Worse(worst, status);
        }
        return new(id, rule.Paragraph, title, worst, facts);
    }

    /// <summary>A deadline relative to a meeting follows it: from its recorded days when it is recorded, else from its plan as decisions have it.</summary>
    private static DateOnly DueOf(ModalitiesDefinition def, DatedObligation o, ProcessSnapshot snap, List<MeetingView> live, DateOnly asOf)
    {
        if (o.Meeting?.Split('/') is not [var seriesId, var slotText] || def.FindSeries(seriesId) is not { } series
            || !int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
        {
            return o.DueBy;
        }
        if (live.FirstOrDefault(m => m.SeriesId == seriesId && m.Slot == slot) is { First: { } first, Last: { } last })
        {
            return o.AfterEnd ? last.AddDays(o.Offset) : first.AddDays(o.Offset);
        }
        var planned = Planned(series, snap.Decisions, asOf).FirstOrDefault(p => p.Planned.Slot == slot).Planned;
        return planned is null ? o.DueBy : o.AfterEnd ? planned.To.AddDays(o.Offset) : planned.From.AddDays(o.Offset);
    }

    private static RuleResult Obligation(ModalitiesDefinition def, DatedObligation o, IReadOnlyList<DocumentView> documents, DateOnly asOf)
    {
        var title = Phrase.Of("Compliance.Obligation", o.Named, o.DueBy);
        var doc = documents.Where(d => d.Type == o.DocumentType && d.PublishedOn <= asOf).OrderBy(d => d.PublishedOn).FirstOrDefault();
        if (doc is not null)
        {
            var fact = Phrase.Of("Compliance.DocumentPublished", doc.Symbol ?? o.DocumentType, doc.PublishedOn);
            return doc.PublishedOn <= o.DueBy
                ? new(o.Id, o.Paragraph, title, RuleStatus.Met, [fact])
                : new(o.Id, o.Paragraph, title, RuleStatus.Breached, [fact, Phrase.Counted("Compliance.DaysLate", doc.PublishedOn.DayNumber - o.DueBy.DayNumber)]);
        }
        return new(o.Id, o.Paragraph, title, Due(def, o.DueBy, asOf), [Phrase.Of("Compliance.NotPublished")]);
    }

    private static IReadOnlyList<RuleResult> ApplyDecisions(List<RuleResult> results, IReadOnlyList<DecisionView> decisions, DateOnly asOf)
    {
        var inForce = decisions.Where(d => d.AdoptedOn <= asOf).OrderBy(d => d.AdoptedOn).ToList();
        return results.Select(r =>
        {
            var decision = inForce.LastOrDefault(d => d.Amends.Contains(r.Paragraph) || d.Amends.Contains(r.RuleId));
            return decision is null || r.Status == RuleStatus.Noted
                ? r
                : r with
                {
                    Status = RuleStatus.Superseded,
                    SupersededBy = decision.Symbol,
                    Facts = [.. r.Facts, Phrase.Of("Compliance.Superseded", decision.Symbol, decision.AdoptedOn, Phrase.Of("Compliance.Was." + r.Status.Slug()))],
                };
        }).ToList();
    }

    public static RuleStatus Worse(RuleStatus a, RuleStatus b) => Rank(a) >= Rank(b) ? a : b;

    public static int Rank(RuleStatus s) => s switch
    {
        RuleStatus.Noted => 0,
        RuleStatus.Superseded => 1,
        RuleStatus.Met => 2,
        RuleStatus.NotYetDue => 3,
        RuleStatus.AtRisk => 4,
        RuleStatus.Breached => 5,
    };

    public static string Describe(RuleStatus s) => s switch
    {
        RuleStatus.Met => "met",
        RuleStatus.NotYetDue => "not yet due",
        RuleStatus.AtRisk => "at risk",
        RuleStatus.Breached => "breached",
        RuleStatus.Superseded => "superseded",
        RuleStatus.Noted => "noted",
    };

    public static string Slug(this RuleStatus s) => Describe(s).Replace(' ', '-');

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..text.LastIndexOf(' ', 57)] + "…";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
