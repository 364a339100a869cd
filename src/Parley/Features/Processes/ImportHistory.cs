using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Processes;

/// <summary>
/// Use case: the Secretariat enters a process's past in one go from a CSV of dated events (docs/modalities.md, "A history from a
/// CSV"). Each row goes through the same use case as the form or the API would (meetings, appointments, decisions with their moves
/// and additions, documents), recorded as known on its <c>known_on</c> day; all rows or none: the first problem rolls everything
/// back, and every problem is reported with its row. A dry run checks the whole file and keeps nothing.
/// </summary>
public static class ImportHistory
{
    public const int MaxRows = 5000;

    public sealed record Report(bool Applied, bool DryRun, int Rows, IReadOnlyList<string> Recorded, IReadOnlyList<string> Problems);

    private static readonly string[] Events = ["meeting", "meeting-update", "appointment", "appointment-end", "decision", "move", "add", "document"];

    public static async Task<Report> HandleAsync(ParleyDb db, TimeProvider clock, string actor, string processId, TextReader csvText, bool dryRun,
        CancellationToken ct = default)
    {
        if (await ProcessQueries.FindAsync(db, processId, ct) is null)
        {
            return new Report(false, dryRun, 0, [], [$"No process '{processId}'."]);
        }
        var rows = Read(csvText, out var readProblems);
        if (readProblems.Count > 0)
        {
            return new Report(false, dryRun, rows.Count, [], readProblems);
        }
        var problems = new List<string>();
        var recorded = new List<string>();
        var meetings = new Dictionary<string, int>(StringComparer.Ordinal);
        var appointments = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        foreach (var row in rows)
        {
            var at = $"row {row.Number} ({row.Event})";
            string? Say(Result<string> r) => r.IsSuccess ? r.Value : null;
            void Fail(Error e) => problems.AddRange(e.Fields is { Count: > 0 } f
                ? f.SelectMany(kv => kv.Value.Select(m => $"{at}: {kv.Key}: {m}"))
                : [$"{at}: {e.Message}"]);
            Result<string> outcome;
            switch (row.Event)
            {
                case "meeting":
                {
                    var r = await ProcessCommands.ScheduleMeetingAsync(db, clock, actor, processId, new ProcessCommands.MeetingRequest(
                        row["series"], row.Int("slot"), row["title"], row["venue"], null, null, row.Dates("days"), Status: row["status"],
                        HalfDays: row.Dates("half_days"), KnownOn: row.KnownOn, Format: row["format"], Approximate: row.Bool("approximate")), ct);
                    if (r.IsSuccess && row["ref"] is { } reference)
                    {
                        meetings[reference] = r.Value.Id;
                    }
                    outcome = r.IsSuccess ? $"meeting {r.Value.Title} ({Iso(r.Value.Days)})" : r.Error!;
                    break;
                }
                case "meeting-update":
                {
                    if (row["ref"] is not { } reference || !meetings.TryGetValue(reference, out var id))
                    {
                        outcome = Error.Validation("ref", $"'{row["ref"]}' is not the ref of a meeting row above.");
                        break;
                    }
                    var version = await db.Meetings.Where(m => m.Id == id).Select(m => m.Version).FirstAsync(ct);
                    var r = await ProcessCommands.UpdateMeetingAsync(db, clock, actor, processId, id, new ProcessCommands.MeetingRequest(
                        null, null, row["title"], row["venue"], null, null, row.Dates("days"), Status: row["status"], Version: version,
                        HalfDays: row.Dates("half_days"), KnownOn: row.KnownOn, Format: row["format"], Approximate: row.Bool("approximate")), ct);
                    outcome = r.IsSuccess ? $"meeting {r.Value.Title}: {r.Value.Status}, {Iso(r.Value.Days)}" : r.Error!;
                    break;
                }
                case "appointment":
                {
                    var r = await ProcessCommands.RecordAppointmentAsync(db, clock, processId,
                        new ProcessCommands.AppointmentRequest(row["role"], row["holder"], row["state"], row["on"] ?? row.KnownOn, row["until"], row.KnownOn), ct);
                    if (r.IsSuccess && row["ref"] is { } reference)
                    {
                        appointments[reference] = r.Value.Id;
                    }
                    outcome = r.IsSuccess ? $"appointment {r.Value.Holder} ({r.Value.Role})" : r.Error!;
                    break;
                }
                case "appointment-end":
                {
                    if (row["ref"] is not { } reference || !appointments.TryGetValue(reference, out var id))
                    {
                        outcome = Error.Validation("ref", $"'{row["ref"]}' is not the ref of an appointment row above.");
                        break;
                    }
                    var r = await ProcessCommands.CorrectAppointmentAsync(db, processId, id, new ProcessCommands.AppointmentPatch(null, null, null, row["on"] ?? row.KnownOn), ct);
                    outcome = r.IsSuccess ? $"appointment {r.Value.Holder} ended {r.Value.EndedOn:yyyy-MM-dd}" : r.Error!;
                    break;
                }
                case "decision":
                {
                    // Its moves and additions are the "move" and "add" rows that name it by its ref.
                    var reference = row["ref"];
                    var mine = rows.Where(x => reference is not null && x["ref"] == reference).ToList();
                    var moves = mine.Where(x => x.Event == "move").Select(x => new ProcessCommands.MoveRequest(x["meeting"], x["on"], x["until"], x.Int("days"), x["venue"])).ToList();
                    var adds = mine.Where(x => x.Event == "add").Select(x => new ProcessCommands.AddRequest(x["series"], x["on"], x["until"], x.Int("days"), x["venue"], x["title"])).ToList();
                    var r = await ProcessCommands.RecordDecisionAsync(db, clock, processId, new ProcessCommands.DecisionRequest(row["symbol"], row["title"],
                        row["on"] ?? row.KnownOn, row.List("amends"), row["note"], moves, adds, row.KnownOn), ct);
                    outcome = r.IsSuccess ? $"decision {row["symbol"]}{(moves.Count + adds.Count > 0 ? $" ({moves.Count} moved, {adds.Count} added)" : "")}" : r.Error!;
                    break;
                }
                case "move" or "add":
                    if (row["ref"] is not { } owner || !rows.Any(x => x.Event == "decision" && x["ref"] == owner))
                    {
                        outcome = Error.Validation("ref", $"'{row["ref"]}' is not the ref of a decision row.");
                        break;
                    }
                    continue; // read with its decision
                case "document":
                {
                    int? meetingId = null;
                    if (row["meeting"] is { } reference)
                    {
                        if (!meetings.TryGetValue(reference, out var id))
                        {
                            outcome = Error.Validation("meeting", $"'{reference}' is not the ref of a meeting row above.");
                            break;
                        }
                        meetingId = id;
                    }
                    var r = await ProcessCommands.RecordDocumentAsync(db, clock, processId,
                        new ProcessCommands.DocumentRequest(row["type"], row["symbol"], row["title"], row["on"] ?? row.KnownOn, meetingId, row.KnownOn), ct);
                    outcome = r.IsSuccess ? $"document {r.Value.Symbol ?? r.Value.Title}" : r.Error!;
                    break;
                }
                default:
                    outcome = Error.Validation("event", $"'{row.Event}' is not an event: use {string.Join(", ", Events)}.");
                    break;
            }
            if (Say(outcome) is { } done)
            {
                recorded.Add($"{at}, known on {row.KnownOn}: {done}");
            }
            else
            {
                Fail(outcome.Error!);
                db.ChangeTracker.Clear(); // what the failed row began is not kept
            }
        }
        var apply = problems.Count == 0 && !dryRun;
        if (apply)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new Report(apply, dryRun, rows.Count, recorded, problems);
    }

    private static string Iso(IEnumerable<DateOnly> days) => string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private sealed record Row(int Number, IReadOnlyDictionary<string, string> Fields)
    {
        public string? this[string key] => Fields.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        public string Event => this["event"]?.ToLowerInvariant() ?? "";
        public string? KnownOn => this["known_on"];
        public int? Int(string key) => this[key] is { } v && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        public bool? Bool(string key) => this[key]?.ToLowerInvariant() switch { "yes" or "true" => true, "no" or "false" => false, _ => null };

        /// <summary>"a|b|c": a list in one cell.</summary>
        public IReadOnlyList<string>? List(string key) => this[key]?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>Days as "2030-04-08|2030-04-09" or a range "2030-04-08..2030-04-10" (every day of it).</summary>
        public IReadOnlyList<string>? Dates(string key)
        {
            if (this[key] is not { } v)
            {
                return null;
            }
            var range = v.Split("..", StringSplitOptions.TrimEntries);
            if (range.Length == 2 && DateOnly.TryParseExact(range[0], "yyyy-MM-dd", out var from) && DateOnly.TryParseExact(range[1], "yyyy-MM-dd", out var to)
                && to >= from && to.DayNumber - from.DayNumber < 366)
            {
                return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
            }
            return List(key);
        }
    }

    private static List<Row> Read(TextReader text, out List<string> problems)
    {
        problems = [];
        var rows = new List<Row>();
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, BadDataFound = null, DetectDelimiter = false });
        if (!csv.Read() || !csv.ReadHeader())
        {
            problems.Add("the file is empty: the first row names the columns (known_on, event, …).");
            return rows;
        }
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { "known_on", "event" }.Where(c => !header.Contains(c)))
        {
            problems.Add($"row 1: there is no '{required}' column.");
        }
        if (problems.Count > 0)
        {
            return rows;
        }
        while (csv.Read())
        {
            if (rows.Count >= MaxRows)
            {
                problems.Add($"the file has more than {MaxRows} rows; split it.");
                break;
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                fields[header[i]] = csv.TryGetField<string>(i, out var v) ? v?.Trim() ?? "" : "";
            }
            if (fields.Values.All(v => v.Length == 0))
            {
                continue; // a blank line
            }
            var row = new Row(csv.Parser.Row, fields);
            if (row.KnownOn is not { } known || !DateOnly.TryParseExact(known, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"row {row.Number}: known_on: '{row.KnownOn}' is not a date (YYYY-MM-DD).");
            }
            rows.Add(row);
        }
        // Facts are entered in the order they became known (a row may only refer to rows above it).
        return rows.OrderBy(r => r.KnownOn, StringComparer.Ordinal).ThenBy(r => r.Number).ToList();
    }
}
