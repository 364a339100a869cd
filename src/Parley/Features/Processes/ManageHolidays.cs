using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Processes;

/// <summary>The Secretariat keeps each duty station's official holidays, which working-day budgets count against.</summary>
public static class ManageHolidays
{
    public sealed record HolidayRequest(string? Calendar, string? Date, string? Name);

    public sealed record HolidayRow(int Id, string Calendar, DateOnly Date, string Name);

    public static async Task<List<HolidayRow>> ListAsync(ParleyDb db, string? calendar, CancellationToken ct = default) =>
        await db.Holidays.AsNoTracking()
            .Where(h => calendar == null || h.Calendar == calendar)
            .OrderBy(h => h.Calendar).ThenBy(h => h.Date)
            .Select(h => new HolidayRow(h.Id, h.Calendar, h.Date, h.Name))
            .ToListAsync(ct);

    public static async Task<Result<HolidayRow>> AddAsync(ParleyDb db, HolidayRequest r, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Require("calendar", r.Calendar).Require("name", r.Name).PlainText("name", r.Name);
        if (!DateOnly.TryParseExact(r.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("date", "Use a date in the form YYYY-MM-DD.");
        }
        if (r.Calendar is { Length: > 20 } || r.Name is { Length: > 200 })
        {
            errors.Add("name", "Calendar codes take at most 20 characters, names 200.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var calendar = r.Calendar!.Trim().ToUpperInvariant();
        if (await db.Holidays.AnyAsync(h => h.Calendar == calendar && h.Date == date, ct))
        {
            return Error.Conflict($"{calendar} already has a holiday on {date:yyyy-MM-dd}.");
        }
        var holiday = new Holiday(calendar, date, r.Name!.Trim());
        db.Holidays.Add(holiday);
        db.AuditAction = "holiday.added";
        await db.SaveChangesAsync(ct);
        return new HolidayRow(holiday.Id, holiday.Calendar, holiday.Date, holiday.Name);
    }

    public static async Task<Result<bool>> RemoveAsync(ParleyDb db, int id, CancellationToken ct = default)
    {
        var holiday = await db.Holidays.FindAsync([id], ct);
        if (holiday is null)
        {
            return Error.NotFound("No such holiday.");
        }
        db.Holidays.Remove(holiday);
        db.AuditAction = "holiday.removed";
        await db.SaveChangesAsync(ct);
        return true;
    }
}
