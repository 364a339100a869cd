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
        int? MaxWorkingDays, int? TotalDays, IReadOnlyList<PlannedMeeting> Planned, IReadOnlyList<ProcessCommands.MeetingRow> Meetings);

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
                meetings.Where(m => m.SeriesId == s.Id).OrderBy(m => m.Days.FirstOrDefault()).Select(ProcessCommands.ToRow).ToList())).ToList(),
            appointments, decisions, documents, def.Obligations, def.Venues);
    }

    /// <summary>
    /// One VEVENT per block of consecutive meeting days (a round on 20, 22 and 23 February is two events),
    /// timed 10:00–18:00 in the venue's own time zone.
    /// </summary>
    public static async Task<string?> ICalendarAsync(ParleyDb db, string id, string? seriesId, CancellationToken ct = default, TimeProvider? clock = null)
    {
        var found = await ProcessQueries.FindAsync(db, id, ct);
        if (found is null || (seriesId is not null && found.Value.Definition.FindSeries(seriesId) is null))
        {
            return null;
        }
        // Cancelled meetings stay in the feed as STATUS:CANCELLED, so that subscribed calendars drop them rather than keep them.
        var query = db.Meetings.AsNoTracking().Where(m => m.ProcessId == id);
        if (seriesId is not null)
        {
            query = query.Where(m => m.SeriesId == seriesId);
        }
        var calendar = new Calendar();
        calendar.AddProperty("X-WR-CALNAME", found.Value.Definition.Title + (seriesId is null ? "" : $" — {found.Value.Definition.FindSeries(seriesId)!.Name}"));
        foreach (var meeting in await query.OrderBy(m => m.Id).ToListAsync(ct))
        {
            foreach (var (block, index) in Blocks(meeting.Days).Select((b, i) => (b, i)))
            {
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"parley-{id}-meeting-{meeting.Id}-{index}@parley",
                    Summary = meeting.Title,
                    Location = meeting.VenueName,
                    Start = new CalDateTime(block[0].ToDateTime(new TimeOnly(10, 0)), meeting.TimeZone),
                    End = new CalDateTime(block[^1].ToDateTime(new TimeOnly(18, 0)), meeting.TimeZone),
                    Description = $"{meeting.Status}; {ProcessCommands.FormatSlug(meeting.Format)}; {block.Count} day(s){(meeting.Approximate ? "; dates approximate" : "")}. Version {meeting.Version}.",
                    Status = meeting.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
                    Sequence = meeting.Version,
                    // When this feed was made, on the application's clock (not the machine's), so that two reads in one moment agree.
                    DtStamp = new CalDateTime(new DateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc)),
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
