using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>
/// Use case: the Secretariat checks a modalities file (every problem with its line and column, and what the file says) and loads it.
/// A file whose process id is new creates the process; a changed file for an existing process is its next modalities version, in
/// force from a date (today unless given), kept with the earlier ones; the same file again changes nothing.
/// </summary>
public static class LoadProcess
{
    /// <summary>The most a modalities file may weigh (the 71/280 file is about 20 KB).</summary>
    public const int MaxBytes = 1 << 20;

    public sealed record RuleLine(string Kind, string Id, string Name, string Paragraph);

    public sealed record Preview(string? Id, string? Title, string? Mandate, IReadOnlyList<RuleLine> Rules, IReadOnlyList<ModalitiesProblem> Problems,
        bool Exists, int? CurrentVersion, bool Unchanged, IReadOnlyList<ModalitiesProblem>? Warnings = null)
    {
        public bool IsValid => Problems.Count == 0 && Id is not null;
    }

    public sealed record Loaded(string Id, string Title, int Version, DateOnly InForceFrom, bool Created, bool Changed);

    /// <summary>What the file says and what is wrong with it; nothing is stored.</summary>
    public static async Task<Preview> CheckAsync(ParleyDb db, string? yaml, CancellationToken ct = default) => (await ReadAsync(db, yaml, ct)).Preview;

    /// <summary>The preview, and the definition when the file is valid (read once, for the check and the load alike).</summary>
    private static async Task<(Preview Preview, ModalitiesDefinition? Definition)> ReadAsync(ParleyDb db, string? yaml, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return (new Preview(null, null, null, [], [new ModalitiesProblem(1, 1, "the file is empty.")], false, null, false), null);
        }
        if (System.Text.Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            return (new Preview(null, null, null, [], [new ModalitiesProblem(1, 1, $"the file is larger than {MaxBytes / 1024} KB.")], false, null, false), null);
        }
        var calendars = (await db.Holidays.AsNoTracking().Select(h => h.Calendar).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var registry = await db.States.AsNoTracking().Select(s => new { s.Iso3, s.Status }).ToListAsync(ct);
        var states = new ModalitiesParser.StateCodes(registry.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal),
            registry.Where(s => s.Status == Registry.StateStatus.MemberState).Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal));
        var parsed = ModalitiesParser.Parse(yaml, calendars, states);
        var def = parsed.Definition;
        var existing = def is null ? null : await db.Processes.AsNoTracking().Where(p => p.Id == def.Id)
            .Select(p => new { p.CurrentVersion, p.ModalitiesYaml }).FirstOrDefaultAsync(ct);
        return (new Preview(def?.Id, def?.Title, def?.Mandate.Symbol, def is null ? [] : Describe(def), parsed.Problems, existing is not null,
            existing?.CurrentVersion, existing is not null && existing.ModalitiesYaml == yaml, parsed.Warnings ?? []), parsed.IsValid ? def : null);
    }

    /// <summary>Every rule the file defines, by kind, for a person to check before loading.</summary>
    public static IReadOnlyList<RuleLine> Describe(ModalitiesDefinition def) =>
    [
        .. def.Phases.Select(p => new RuleLine("phase", p.Id, $"{p.Name}: {p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}", p.Paragraph)),
        .. def.Series.Select(s => new RuleLine("series", s.Id, $"{s.Name}: {s.Meetings.Count} meeting(s)", s.Paragraph)),
        .. def.Roles.Select(r => new RuleLine("role", r.Id, $"{r.Name}: {r.Count} by {r.DueBy:yyyy-MM-dd}", r.Paragraph)),
        .. def.Obligations.Select(o => new RuleLine("obligation", o.Id, $"{o.Title}: due {o.DueBy:yyyy-MM-dd}", o.Paragraph)),
        .. def.Principles.Select(p => new RuleLine("principle", p.Paragraph, p.Summary, p.Paragraph)),
        .. def.Tracks.Select(t => new RuleLine("accreditation", t.Id, t.Name, t.Paragraph)),
    ];

    public static async Task<Result<Loaded>> HandleAsync(ParleyDb db, TimeProvider clock, string by, string? yaml, DateOnly? inForceFrom = null,
        string? note = null, CancellationToken ct = default)
    {
        var (preview, def) = await ReadAsync(db, yaml, ct);
        if (!preview.IsValid || def is null)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["modalities"] = preview.Problems.Select(p => p.ToString()).ToArray() });
        }
        if (note is { Length: > 2000 })
        {
            return Error.Validation("note", "Keep the note under 2,000 characters.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var process = await db.Processes.FirstOrDefaultAsync(p => p.Id == def.Id, ct);
        if (process is null)
        {
            // The first file of a process is its modalities from the start.
            process = new NegotiationProcess(def.Id, def.Title, yaml!, now);
            db.Processes.Add(process);
            db.ModalitiesVersions.Add(new ModalitiesVersion(def.Id, 1, yaml!, DateOnly.MinValue, by, note, now));
            await Translations.TitleVersions.ReplaceAsync(db, Translations.TitleVersions.Process, def.Id, def.Titles ?? new Dictionary<string, string>(), ct);
            db.AuditAction = "process.loaded";
            await db.SaveChangesAsync(ct);
            return new Loaded(def.Id, def.Title, 1, DateOnly.MinValue, Created: true, Changed: true);
        }
        if (process.ModalitiesYaml == yaml)
        {
            var current = await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == def.Id && v.Number == process.CurrentVersion).Select(v => v.InForceFrom).FirstAsync(ct);
            return new Loaded(def.Id, def.Title, process.CurrentVersion, current, Created: false, Changed: false);
        }
        var from = inForceFrom ?? DateOnly.FromDateTime(now);
        var latest = await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == def.Id).MaxAsync(v => v.InForceFrom, ct);
        if (from < latest)
        {
            return Error.Validation("inForceFrom", $"The version in force now applies from {latest:yyyy-MM-dd}; a new version applies from that date or later.");
        }
        db.ModalitiesVersions.Add(process.Amend(def.Title, yaml!, from, by, note, now));
        await Translations.TitleVersions.ReplaceAsync(db, Translations.TitleVersions.Process, def.Id, def.Titles ?? new Dictionary<string, string>(), ct);
        db.AuditAction = "process.modalities-amended";
        await db.SaveChangesAsync(ct);
        return new Loaded(def.Id, def.Title, process.CurrentVersion, from, Created: false, Changed: true);
    }
}
