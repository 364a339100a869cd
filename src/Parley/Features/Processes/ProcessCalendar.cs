using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>The process as a calendar: phases, series with planned and recorded meetings; and its iCalendar feed.</summary>
public static class ProcessCalendar
{
    public sealed record View(string Id, string Title, Mandate Mandate, IReadOnlyList<Phase> Phases, IReadOnlyList<SeriesView> Series,
        IReadOnlyList<AppointmentRow> Appointments, IReadOnlyList<DecisionRow> Decisions, IReadOnlyList<DocumentRow> Documents,
        IReadOnlyList<DatedObligation> Obligations, IReadOnlyList<Venue> Venues);

    public sealed record SeriesView(string Id, string Name, string Kind, string Paragraph, string? Phase, string? Chair,
        int? MaxWorkingDays, int? TotalDays, IReadOnlyList<PlannedMeeting> Planned, IReadOnlyList<ProcessCommands.MeetingRow> Meetings,
        IReadOnlyDictionary<string, string>? Names = null)
    {
        /// <summary>The series' name in the reader's language (its versions are <see cref="Names"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public Parley.Common.Name Named => new(Name, Names);
    }

    public sealed record AppointmentRow(string Role, string Holder, string? State, DateOnly AppointedOn, DateOnly? EndsOn);

    public sealed record DecisionRow(string Symbol, string Title, DateOnly AdoptedOn, IReadOnlyList<string> Amends);

    public sealed record DocumentRow(int Id, string Type, string? Symbol, string Title, DateOnly PublishedOn, int? MeetingId);

    public static async Task<View?> GetAsync(ParleyDb db, string id, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, id, ct);
        if (found is null)
        {
            return null;
        }
        var def = found.Value.Definition;
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.ProcessId == id).ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.ProcessId == id).OrderBy(a => a.AppointedOn)
            .Select(a => new AppointmentRow(a.RoleId, a.Holder, a.StateIso3, a.AppointedOn, a.EndsOn)).ToListAsync(ct);
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.ProcessId == id).OrderBy(d => d.AdoptedOn).ToListAsync(ct))
            .Select(d => new DecisionRow(d.Symbol, d.Title, d.AdoptedOn, d.Amends)).ToList();
        var documents = await db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == id && d.EndedAt == null).OrderBy(d => d.PublishedOn)
            .Select(d => new DocumentRow(d.Id, d.Type, d.Symbol, d.Title, d.PublishedOn, d.MeetingId)).ToListAsync(ct);
        return new View(def.Id, def.Title, def.Mandate, def.Phases,
            def.Series.Select(s => new SeriesView(s.Id, s.Name, s.Kind, s.Paragraph, s.PhaseId, s.Chair, s.MaxWorkingDays, s.TotalDays, s.Meetings,
                meetings.Where(m => m.SeriesId == s.Id).OrderBy(m => m.Days.FirstOrDefault()).Select(ProcessCommands.ToRow).ToList(), s.Names)).ToList(),
            appointments, decisions, documents, def.Obligations, def.Venues);
    }

    /// <summary>The hours of a meeting day, in the venue's own time: the United Nations' 10:00 to 18:00.</summary>
    public static readonly (TimeOnly From, TimeOnly To) DayHours = (new TimeOnly(10, 0), new TimeOnly(18, 0));

    /// <summary>
    /// The feed per RFC 5545: one VEVENT per meeting day with its hours (a three-day round is three events, not one running
    /// through the nights), timed in the venue's time zone with a VTIMEZONE for each zone used; UIDs built from the meeting and
    /// the day, so they stay the same when other days change; SEQUENCE is the meeting's version, so an update replaces what a
    /// calendar holds; a cancelled meeting stays with STATUS:CANCELLED so subscribed calendars remove it.
    /// </summary>
    public static async Task<string?> ICalendarAsync(ParleyDb db, string id, string? seriesId, CancellationToken ct = default, TimeProvider? clock = null)
    {
        var found = await ProcessQueries.FindAsync(db, id, ct);
        if (found is null || (seriesId is not null && found.Value.Definition.FindSeries(seriesId) is null))
        {
            return null;
        }
        var query = db.Meetings.AsNoTracking().Where(m => m.ProcessId == id);
        if (seriesId is not null)
        {
            query = query.Where(m => m.SeriesId == seriesId);
        }
        var meetings = await query.OrderBy(m => m.Id).ToListAsync(ct);
        var calendar = new Calendar { ProductId = "-//Parley//Intergovernmental negotiations//EN" };
        calendar.AddProperty("X-WR-CALNAME", found.Value.Definition.Title + (seriesId is null ? "" : $" — {found.Value.Definition.FindSeries(seriesId)!.Name}"));
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var earliest = meetings.SelectMany(m => m.Days).Append(today).Min(); // the zone's rules are described from there on
        foreach (var zone in meetings.Select(m => m.TimeZone).Where(z => z != "UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // The zone's rules from a year before the first meeting, so every event's local time is defined in the file itself.
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.AddYears(-1).ToDateTime(TimeOnly.MinValue), includeHistoricalData: false));
        }
        // When this feed was made, on the application's clock (not the machine's), so that two reads in one moment agree.
        var stamp = new CalDateTime(new DateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        foreach (var meeting in meetings)
        {
            var days = meeting.Days.Order().ToList();
            foreach (var (day, index) in days.Select((d, i) => (d, i)))
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"parley-{id}-meeting-{meeting.Id}-{day:yyyyMMdd}@parley",
                    Summary = days.Count == 1 ? meeting.Title : $"{meeting.Title} (day {index + 1} of {days.Count})",
                    Location = meeting.VenueName,
                    Start = new CalDateTime(day.ToDateTime(DayHours.From), meeting.TimeZone),
                    End = new CalDateTime(day.ToDateTime(DayHours.To), meeting.TimeZone),
                    Description = $"{meeting.Status}; {ProcessCommands.FormatSlug(meeting.Format)}{(meeting.Approximate ? "; dates approximate" : "")}. Version {meeting.Version}.",
                    Status = meeting.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
                    Sequence = meeting.Version,
                    DtStamp = stamp,
                });
            }
        }
        return new CalendarSerializer().SerializeToString(calendar);
    }

    public static List<List<DateOnly>> Blocks(IReadOnlyList<DateOnly> days)
    {
        var blocks = new List<List<DateOnly>>();
        foreach (var day in days.Order())
        {
            if (blocks.Count > 0 && blocks[^1][^1].AddDays(1) == day)
            {
                blocks[^1].Add(day);
            }
            else
            {
                blocks.Add([day]);
            }
        }
        return blocks;
    }
}
