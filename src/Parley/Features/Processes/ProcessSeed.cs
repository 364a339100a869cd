using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>Loads the embedded default process (71/280) and the duty-station holidays on first start.</summary>
public static class ProcessSeed
{
    public static string EmbeddedText(string name)
    {
        using var stream = typeof(ProcessSeed).Assembly.GetManifestResourceStream($"Parley.Modalities.{name}")
            ?? throw new InvalidOperationException($"Embedded file {name} is missing.");
        return new StreamReader(stream).ReadToEnd();
    }

    public static string DefaultModalities => EmbeddedText("a-res-71-280.yaml");

    public static async Task<int> ApplyAsync(ParleyDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var changed = 0;
        var known = (await db.Holidays.Select(h => new { h.Calendar, h.Date }).ToListAsync(ct)).Select(h => (h.Calendar, h.Date)).ToHashSet();
        foreach (var line in EmbeddedText("holidays.csv").Split('\n').Skip(1).Where(l => l.Trim().Length > 0))
        {
            var parts = line.Trim().Split(',', 3);
            var date = DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (known.Add((parts[0], date)))
            {
                db.Holidays.Add(new Holiday(parts[0], date, parts[2]));
                changed++;
            }
        }
        if (changed > 0)
        {
            // The calendars first, so that the process's venues find theirs.
            db.AuditAction = "process.seeded";
            await db.SaveChangesAsync(ct);
        }
        if (!await db.Processes.AnyAsync(ct))
        {
            var result = await LoadProcess.HandleAsync(db, clock, "seed", DefaultModalities, ct: ct);
            if (!result.IsSuccess)
            {
                throw new InvalidDataException("The embedded 71/280 modalities file is invalid: " + string.Join(" ", result.Error!.Fields?.Values.SelectMany(v => v) ?? [result.Error.Message]));
            }
            changed++;
        }
        return changed;
    }
}
