using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Processes;

/// <summary>
/// Use case: the Secretariat imports a duty station's official holidays from an iCalendar file (as calendars publish them): every
/// all-day event becomes a holiday of the calendar, each day of a multi-day event one holiday; days already known are kept. Any year.
/// </summary>
public static class ImportHolidays
{
    public const int MaxBytes = 512 * 1024;

    public sealed record Imported(string Calendar, int Added, int Known, IReadOnlyList<string> Skipped);

    public static async Task<Result<Imported>> HandleAsync(ParleyDb db, string? calendar, string? ics, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Require("calendar", calendar);
        if (calendar is { Length: > 20 } || (calendar is not null && !calendar.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("calendar", "A code of at most 20 letters, digits or hyphens (e.g. UNON).");
        }
        if (string.IsNullOrWhiteSpace(ics) || ics.Length > MaxBytes)
        {
            errors.Add("file", $"Give an iCalendar file of at most {MaxBytes / 1024} KB.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        Calendar? parsed;
        try
        {
            parsed = Calendar.Load(ics!);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Runtime.Serialization.SerializationException)
        {
            return Error.Validation("file", "This is not an iCalendar file (RFC 5545): " + e.Message);
        }
        if (parsed is null || parsed.Events.Count == 0)
        {
            return Error.Validation("file", "The file holds no event (VEVENT).");
        }
        var code = calendar!.Trim().ToUpperInvariant();
        var known = (await db.Holidays.Where(h => h.Calendar == code).Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var skipped = new List<string>();
        var holidays = new List<Holiday>();
        var already = 0;
        foreach (var e in parsed.Events)
        {
            var name = string.IsNullOrWhiteSpace(e.Summary) ? "Holiday" : e.Summary.Trim()[..Math.Min(e.Summary.Trim().Length, 200)];
            if (e.RecurrenceRule is not null)
            {
                skipped.Add($"{name}: a recurring event; list each year's date instead.");
                continue;
            }
            if (e.DtStart is null || e.DtStart.HasTime)
            {
                skipped.Add($"{name}: not an all-day event.");
                continue;
            }
            var first = e.DtStart.Date;
            var end = e.DtEnd is { } dtEnd && !dtEnd.HasTime && dtEnd.Date > first ? dtEnd.Date : first.AddDays(1); // DTEND is exclusive
            if (end.DayNumber - first.DayNumber > 31)
            {
                skipped.Add($"{name}: longer than a month.");
                continue;
            }
            for (var day = first; day < end; day = day.AddDays(1))
            {
                if (!known.Add(day))
                {
                    already++;
                    continue;
                }
                holidays.Add(new Holiday(code, day, name));
            }
        }
        if (holidays.Count > 2000)
        {
            return Error.Validation("file", "At most 2,000 holidays at once.");
        }
        db.Holidays.AddRange(holidays);
        db.AuditAction = "holidays.imported";
        await db.SaveChangesAsync(ct);
        return new Imported(code, holidays.Count, already, skipped);
    }
}
