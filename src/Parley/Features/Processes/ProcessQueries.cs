using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>Reads a process, its definition and what was recorded about it as of a date.</summary>
public static class ProcessQueries
{
    private static readonly ConcurrentDictionary<string, ModalitiesDefinition> Definitions = new();

    public static async Task<(NegotiationProcess Process, ModalitiesDefinition Definition)?> FindAsync(ParleyDb db, string id, CancellationToken ct = default)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (process is null)
        {
            return null;
        }
        // Parsed once per distinct file text; the file is immutable once loaded.
        var def = Definitions.GetOrAdd(process.ModalitiesYaml, yaml => ModalitiesParser.Parse(yaml).Definition
            ?? throw new InvalidDataException($"Stored modalities of {id} no longer parse."));
        return (process, def);
    }

    /// <summary>
    /// The process with the modalities in force on <paramref name="asOf"/>: the latest version whose date has come (versions loaded
    /// later for a later date do not rewrite what applied before). Before any version's date, the first one.
    /// </summary>
    public static async Task<(NegotiationProcess Process, ModalitiesDefinition Definition, int Version)?> FindAsOfAsync(ParleyDb db, string id, DateOnly asOf, CancellationToken ct = default)
    {
        var found = await FindAsync(db, id, ct);
        if (found is null)
        {
            return null;
        }
        var version = await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == id && v.InForceFrom <= asOf)
            .OrderByDescending(v => v.InForceFrom).ThenByDescending(v => v.Number).Select(v => new { v.Number, v.Yaml }).FirstOrDefaultAsync(ct)
            ?? await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == id).OrderBy(v => v.Number).Select(v => new { v.Number, v.Yaml }).FirstOrDefaultAsync(ct);
        if (version is null || version.Number == found.Value.Process.CurrentVersion)
        {
            return (found.Value.Process, found.Value.Definition, found.Value.Process.CurrentVersion);
        }
        var def = Definitions.GetOrAdd(version.Yaml, yaml => ModalitiesParser.Parse(yaml).Definition
            ?? throw new InvalidDataException($"Stored modalities version {version.Number} of {id} no longer parse."));
        return (found.Value.Process, def, version.Number);
    }

    /// <summary>Everything recorded by the end of <paramref name="asOf"/> (UTC), with each meeting as it stood then.</summary>
    public static async Task<ProcessSnapshot> SnapshotAsync(ParleyDb db, ModalitiesDefinition def, DateOnly asOf, CancellationToken ct = default)
    {
        var cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.ProcessId == def.Id)
            .Select(m => new
            {
                m.Id, m.SeriesId, m.Slot,
                Revision = m.Revisions.Where(r => r.RecordedAt < cutoff).OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.ProcessId == def.Id && a.RecordedAt < cutoff)
            .Select(a => new AppointmentView(a.RoleId, a.Holder, a.AppointedOn, a.EndsOn)).ToListAsync(ct);
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.ProcessId == def.Id && d.RecordedAt < cutoff).ToListAsync(ct))
            .Select(d => new DecisionView(d.Symbol, d.AdoptedOn, d.Amends, d.Replans)).ToList();
        // Each document as its record stood then: a correction or a withdrawal made later does not rewrite an earlier report.
        var documents = await db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == def.Id && d.RecordedAt < cutoff && (d.EndedAt == null || d.EndedAt >= cutoff))
            .Select(d => new DocumentView(d.Type, d.Symbol, d.PublishedOn, d.MeetingId)).ToListAsync(ct);
        return new ProcessSnapshot(
            meetings.Where(m => m.Revision is not null).Select(m => new MeetingView(m.Id, m.SeriesId, m.Slot, m.Revision!.Title, m.Revision.VenueCode,
                def.FindVenue(m.Revision.VenueCode)?.HolidayCalendar ?? m.Revision.VenueCode, Meeting.ParseDays(m.Revision.DaysText),
                m.Revision.ExpertPanels, m.Revision.InteractiveExchange, m.Revision.Status, Meeting.ParseHalfDays(m.Revision.DaysText), m.Revision.Approximate)).ToList(),
            appointments, decisions, documents);
    }

    public static async Task<WorkingDays> WorkingDaysAsync(ParleyDb db, CancellationToken ct = default) =>
        new((await db.Holidays.AsNoTracking().Select(h => new { h.Calendar, h.Date }).ToListAsync(ct)).ToLookup(h => h.Calendar, h => h.Date));
}

/// <summary>The compliance report of a process as of a date, grouped by paragraph.</summary>
public static class GetCompliance
{
    public sealed record ParagraphRow(string Paragraph, string Status, IReadOnlyList<RuleRow> Rules);

    /// <summary>A rule as evaluated; <see cref="Interpretation"/> is set when the rule is the editor's reading rather than the text's words.</summary>
    public sealed record RuleRow(string Id, string Paragraph, string Title, string Status, IReadOnlyList<string> Facts, string? SupersededBy, string? Interpretation = null);

    public sealed record Report(string ProcessId, string Mandate, DateOnly AsOf, IDictionary<string, int> Totals, IReadOnlyList<ParagraphRow> Paragraphs,
        int ModalitiesVersion = 1, IReadOnlyList<string>? RecordedLater = null)
    {
        public bool AnyBreached => Totals.TryGetValue("breached", out var n) && n > 0;
        public IEnumerable<RuleRow> Rules => Paragraphs.SelectMany(p => p.Rules);
    }

    public static async Task<Result<Report>> HandleAsync(ParleyDb db, string processId, string? asOfText, DateOnly today, CancellationToken ct = default)
    {
        var asOf = today;
        if (!string.IsNullOrWhiteSpace(asOfText) && !DateOnly.TryParseExact(asOfText.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out asOf))
        {
            return Error.Validation("asOf", "Use a date in the form YYYY-MM-DD.");
        }
        if (asOf.Year is < 1900 or >= 2200)
        {
            return Error.Validation("asOf", "Use a date between 1900 and 2199.");
        }
        // The rules in force on the as-of date: a file amended later does not rewrite what applied then.
        var found = await ProcessQueries.FindAsOfAsync(db, processId, asOf, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var def = found.Value.Definition;
        var snapshot = await ProcessQueries.SnapshotAsync(db, def, asOf, ct);
        var results = ComplianceEngine.Evaluate(def, snapshot, await ProcessQueries.WorkingDaysAsync(db, ct), asOf).ToList();
        foreach (var series in def.Series.Where(s => s.BalanceParagraph is not null))
        {
            // Panels carry no history: their balance is read as it stands now, whatever the as-of date.
            var balance = await Meetings.Panels.BalanceAsync(db, def.Id, series.Id, ct);
            var moderators = balance.ModeratorsByGroup.Sum(c => c.Value);
            var warnings = balance.TextWarnings;
            var status = moderators == 0 ? RuleStatus.NotYetDue : warnings.Count > 0 ? RuleStatus.AtRisk : RuleStatus.Met;
            var facts = new List<Phrase> { Phrase.Of("Compliance.BalanceFacts", Phrase.Counted("Compliance.Moderators", moderators),
                Phrase.Counted("Compliance.Groups", balance.ModeratorsByGroup.Count), Phrase.Counted("Compliance.Panellists", balance.PanellistsByGender.Sum(c => c.Value))) };
            facts.AddRange(warnings.Select(Phrase.Verbatim));
            results.Add(new RuleResult($"{series.Id}-balance", series.BalanceParagraph!, Phrase.Of("Compliance.Balance", series.Name), status, facts,
                Interpretation: Phrase.Of("Compliance.BalanceReading").ToString()));
        }
        var paragraphs = results
            .GroupBy(r => r.Paragraph)
            .OrderBy(g => g.Key, ParagraphOrder.Instance)
            .Select(g => new ParagraphRow(g.Key, g.Select(r => r.Status).Aggregate(ComplianceEngine.Worse).Slug(),
                g.Select(r => new RuleRow(r.RuleId, r.Paragraph, r.Title.ToString(), r.Status.Slug(), r.Facts.Select(f => f.ToString()).ToList(), r.SupersededBy, r.Interpretation)).ToList()))
            .ToList();
        var totals = results.GroupBy(r => r.Status.Slug()).ToDictionary(g => g.Key, g => g.Count());
        return new Report(def.Id, def.Mandate.Symbol, asOf, totals, paragraphs, found.Value.Version, await RecordedLaterAsync(db, def.Id, asOf, ct));
    }

    /// <summary>Facts the report counts as known by the as-of date that were in fact entered later (a history replayed), each saying when.</summary>
    private static async Task<IReadOnlyList<string>> RecordedLaterAsync(ParleyDb db, string processId, DateOnly asOf, CancellationToken ct)
    {
        var cutoff = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        static string Line(string what, DateTime known, DateTime entered) =>
            $"{what}: recorded as known on {known:yyyy-MM-dd}, entered on {entered:yyyy-MM-dd HH:mm} UTC.";
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ProcessId == processId)
            .SelectMany(m => m.Revisions.Where(r => r.EnteredAt != null && r.RecordedAt < cutoff).Select(r => new { r.Title, r.RecordedAt, r.EnteredAt })).ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.ProcessId == processId && a.EnteredAt != null && a.RecordedAt < cutoff)
            .Select(a => new { a.RoleId, a.Holder, a.RecordedAt, a.EnteredAt }).ToListAsync(ct);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.ProcessId == processId && d.EnteredAt != null && d.RecordedAt < cutoff)
            .Select(d => new { d.Symbol, d.RecordedAt, d.EnteredAt }).ToListAsync(ct);
        var documents = await db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == processId && d.EnteredAt != null && d.RecordedAt < cutoff)
            .Select(d => new { d.Type, d.Title, d.RecordedAt, d.EnteredAt }).ToListAsync(ct);
        return meetings.Select(m => (m.RecordedAt, Text: Line($"Meeting \"{m.Title}\"", m.RecordedAt, m.EnteredAt!.Value)))
            .Concat(appointments.Select(a => (a.RecordedAt, Text: Line($"Appointment of {a.Holder} ({a.RoleId})", a.RecordedAt, a.EnteredAt!.Value))))
            .Concat(decisions.Select(d => (d.RecordedAt, Text: Line($"Decision {d.Symbol}", d.RecordedAt, d.EnteredAt!.Value))))
            .Concat(documents.Select(d => (d.RecordedAt, Text: Line($"Document \"{d.Title}\" ({d.Type})", d.RecordedAt, d.EnteredAt!.Value))))
            .OrderBy(x => x.RecordedAt).Select(x => x.Text).ToList();
    }
}
