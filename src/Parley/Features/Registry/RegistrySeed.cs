using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Features.Registry;

/// <summary>Loads the embedded registry data; running it again changes nothing unless the data changed.</summary>
public static class RegistrySeed
{
    public static async Task<int> ApplyAsync(ParleyDb db, CancellationToken ct = default)
    {
        var facts = ReadStates();
        var ldc = ReadLdcPeriods();
        var states = await db.States.Include(s => s.LdcPeriods).ToDictionaryAsync(s => s.Iso3, ct);
        var changed = 0;
        foreach (var f in facts)
        {
            if (!states.TryGetValue(f.Iso3, out var state))
            {
                state = new State(f.Iso3, f.Iso2, f.M49, f.Name, f.FormalName, f.Status);
                db.States.Add(state);
                states[f.Iso3] = state;
            }
            if (state.Apply(f))
            {
                changed++;
            }
        }
        foreach (var p in ldc)
        {
            if (!states.TryGetValue(p.Iso3, out var state))
            {
                throw new InvalidDataException($"LDC period for unknown State {p.Iso3}.");
            }
            if (state.AddLdcPeriod(p.From, p.Until, p.Note))
            {
                changed++;
            }
        }

        var groups = await db.RegionalGroups.ToDictionaryAsync(g => g.Code, ct);
        foreach (var g in RegionalGroup.All.Where(g => !groups.ContainsKey(g.Code)))
        {
            db.RegionalGroups.Add(new RegionalGroup(g.Code, g.Name));
            changed++;
        }
        var institutions = await db.Institutions.ToDictionaryAsync(i => i.Code, ct);
        foreach (var i in Institution.Defaults)
        {
            if (!institutions.TryGetValue(i.Code, out var existing))
            {
                db.Institutions.Add(new Institution(i.Code, i.Name, i.Kind, i.Seat));
                changed++;
            }
            else if (existing.Apply(i))
            {
                changed++;
            }
        }
        if (changed > 0)
        {
            db.AuditAction = "registry.seeded";
            await db.SaveChangesAsync(ct);
        }
        return changed;
    }

    internal static List<StateFacts> ReadStates()
    {
        using var csv = Open("states.csv");
        var list = new List<StateFacts>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            list.Add(new StateFacts(
                Iso3: csv.GetField("iso3")!,
                Iso2: csv.GetField("iso2")!,
                M49: csv.GetField("m49")!,
                Name: csv.GetField("name")!,
                FormalName: csv.GetField("formal_name")!,
                Status: RegistryCodes.ParseStatus(csv.GetField("status")) ?? throw new InvalidDataException($"Bad status at {csv.GetField("iso3")}"),
                RegionalGroup: RegistryCodes.ParseGroup(csv.GetField("regional_group")),
                AlsoParticipatesIn: RegistryCodes.ParseGroup(csv.GetField("also_participates_in")),
                RegionalGroupNote: NullIfEmpty(csv.GetField("regional_group_note")),
                IsLandlocked: csv.GetField("lldc") == "1",
                IsSmallIsland: csv.GetField("sids") == "1",
                Region: csv.GetField("region")!,
                SubRegion: csv.GetField("subregion")!,
                IntermediateRegion: NullIfEmpty(csv.GetField("intermediate_region"))));
        }
        return list;
    }

    internal sealed record LdcRow(string Iso3, DateOnly? From, DateOnly? Until, string? Note);

    internal static List<LdcRow> ReadLdcPeriods()
    {
        using var csv = Open("ldc_periods.csv");
        var list = new List<LdcRow>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            list.Add(new LdcRow(csv.GetField("iso3")!, Date(csv.GetField("from")), Date(csv.GetField("until")), NullIfEmpty(csv.GetField("note"))));
        }
        return list;
    }

    private static CsvReader Open(string name)
    {
        var stream = typeof(RegistrySeed).Assembly.GetManifestResourceStream($"Parley.Registry.{name}")
            ?? throw new InvalidOperationException($"Embedded registry file {name} is missing.");
        return new CsvReader(new StreamReader(stream), new CsvConfiguration(CultureInfo.InvariantCulture));
    }

    private static DateOnly? Date(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>The public vocabulary of the registry (API, CSV, query strings).</summary>
public static class RegistryCodes
{
    public static string Slug(this StateStatus status) => status switch
    {
        StateStatus.MemberState => "member-state",
        StateStatus.ObserverState => "observer-state",
        StateStatus.SpecializedAgencyMember => "specialized-agency-member",
    };

    public static StateStatus? ParseStatus(string? s) =>
        Enum.GetValues<StateStatus>().Cast<StateStatus?>().FirstOrDefault(v => string.Equals(v!.Value.Slug(), s, StringComparison.OrdinalIgnoreCase));

    public static RegionalGroupCode? ParseGroup(string? s) =>
        !string.IsNullOrWhiteSpace(s) && Enum.TryParse<RegionalGroupCode>(s, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(s, out _)
            ? g
            : null;
}
