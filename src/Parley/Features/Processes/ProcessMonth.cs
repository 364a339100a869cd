using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Features.Processes;

/// <summary>
/// One month of a process as a grid of weeks (Monday first): the meetings sitting each day, phases that begin or end,
/// obligations falling due, documents published, and the official holidays of the process's venues.
/// </summary>
public static class ProcessMonth
{
    public enum EntryKind { Meeting, PhaseStarts, PhaseEnds, Due, Document, Holiday }

    public sealed record Entry(EntryKind Kind, string Text, int? MeetingId = null, string? Detail = null);

    public sealed record Day(DateOnly Date, bool InMonth, bool Weekend, IReadOnlyList<Entry> Entries);

    public sealed record Month(string ProcessId, string Title, int Year, int MonthNumber, IReadOnlyList<IReadOnlyList<Day>> Weeks,
        string Previous, string Next, string? Phase)
    {
        public string Key => $"{Year:D4}-{MonthNumber:D2}";
    }

    /// <summary>Parses "yyyy-MM" between 1900 and 2199 (the span a process can concern); null otherwise.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1900 and < 2200 ? d : null;

    /// <summary>The month to show when none is asked for: today's if the process runs then, else the month the process starts.</summary>
    public static DateOnly DefaultMonth(ProcessCalendar.View view, DateOnly today)
    {
        var start = view.Phases.Count > 0 ? view.Phases.Min(p => p.From) : today;
        var end = view.Phases.Count > 0 ? view.Phases.Max(p => p.To) : today;
        var pick = today >= start && today <= end ? today : start;
        return new DateOnly(pick.Year, pick.Month, 1);
    }

    public static async Task<Month?> GetAsync(ParleyDb db, string processId, DateOnly month, CancellationToken ct = default)
    {
        var view = await ProcessCalendar.GetAsync(db, processId, ct);
        if (view is null)
        {
            return null;
        }
        var first = new DateOnly(month.Year, month.Month, 1);
        var (gridStart, gridEnd) = Grid(first);
        var calendars = view.Venues.GroupBy(v => v.HolidayCalendar).ToDictionary(g => g.Key, g => string.Join("/", g.Select(v => v.Code)));
        var calendarCodes = calendars.Keys.ToList();
        var holidays = await db.Holidays.AsNoTracking()
            .Where(h => calendarCodes.Contains(h.Calendar) && h.Date >= gridStart && h.Date <= gridEnd)
            .ToListAsync(ct);
        return Build(view, first, holidays.Select(h => (h.Date, $"{calendars[h.Calendar]}: {h.Name}")).ToList());
    }

    /// <summary>Monday on or before the first of the month to Sunday on or after its last day.</summary>
    private static (DateOnly Start, DateOnly End) Grid(DateOnly first)
    {
        var last = first.AddMonths(1).AddDays(-1);
        return (first.AddDays(-(((int)first.DayOfWeek + 6) % 7)), last.AddDays((7 - (int)last.DayOfWeek) % 7));
    }

    /// <summary>Pure: lays the month out from the process view and the holidays that fall in it.</summary>
    public static Month Build(ProcessCalendar.View view, DateOnly first, IReadOnlyList<(DateOnly Date, string Name)> holidays)
    {
        first = new DateOnly(first.Year, first.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var (gridStart, gridEnd) = Grid(first);
        var meetings = view.Series.SelectMany(s => s.Meetings).Where(m => m.Status != "cancelled").ToList();
        var weeks = new List<IReadOnlyList<Day>>();
        for (var weekStart = gridStart; weekStart <= gridEnd; weekStart = weekStart.AddDays(7))
        {
            var week = new List<Day>(7);
            for (var i = 0; i < 7; i++)
            {
                var date = weekStart.AddDays(i);
                var entries = new List<Entry>();
                entries.AddRange(view.Phases.Where(p => p.From == date).Select(p => new Entry(EntryKind.PhaseStarts, p.Name, Detail: "§" + p.Paragraph)));
                entries.AddRange(view.Phases.Where(p => p.To == date).Select(p => new Entry(EntryKind.PhaseEnds, p.Name, Detail: "§" + p.Paragraph)));
                entries.AddRange(meetings.Where(m => m.Days.Contains(date))
                    .Select(m => new Entry(EntryKind.Meeting, m.Title, m.Id, $"{m.VenueName} ({m.TimeZone})")));
                entries.AddRange(view.Obligations.Where(o => o.DueBy == date).Select(o => new Entry(EntryKind.Due, o.Title, Detail: "§" + o.Paragraph)));
                entries.AddRange(view.Documents.Where(d => d.PublishedOn == date)
                    .Select(d => new Entry(EntryKind.Document, d.Symbol is null ? d.Title : $"{d.Symbol} — {d.Title}", d.MeetingId, d.Type)));
                entries.AddRange(holidays.Where(h => h.Date == date).Select(h => new Entry(EntryKind.Holiday, h.Name)));
                week.Add(new Day(date, date.Month == first.Month, date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, entries));
            }
            weeks.Add(week);
        }
        var phase = view.Phases.FirstOrDefault(p => p.From <= last && p.To >= first)?.Name;
        return new Month(view.Id, view.Title, first.Year, first.Month, weeks,
            first.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture), first.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture), phase);
    }
}
