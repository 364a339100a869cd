namespace Parley.Features.Accreditation;

/// <summary>
/// Live figures for composing a list "taking into account the principles of transparency and of equitable geographical
/// representation, and with due regard to the meaningful participation of women" (71/280 §6(b)-(c)), with warnings.
/// Thresholds: from 10 names, each regional group should hold at least 10% and none more than 40%; no type of
/// organisation more than 60%; from 10 representatives, women at least 40%.
/// </summary>
public static class Balance
{
    public sealed record Share(string Key, int Count, double Percent);

    public sealed record Figures(int Names, IReadOnlyList<Share> ByRegionalGroup, IReadOnlyList<Share> ByType, int Representatives, int Women,
        double? WomenPercent, IReadOnlyList<string> Warnings);

    public static readonly string[] Groups = ["AG", "APG", "EEG", "GRULAC", "WEOG"];

    public static Figures Of(IReadOnlyList<NonObjection.EntryRow> entries)
    {
        var n = entries.Count;
        double Pct(int c) => n == 0 ? 0 : Math.Round(100.0 * c / n, 1);
        var byGroup = Groups.Select(g => entries.Count(e => e.RegionalGroup == g)).Zip(Groups, (c, g) => new Share(g, c, Pct(c))).ToList();
        var other = entries.Count(e => e.RegionalGroup is null || !Groups.Contains(e.RegionalGroup));
        if (other > 0)
        {
            byGroup.Add(new Share("other", other, Pct(other)));
        }
        var byType = entries.GroupBy(e => e.Type).Select(g => new Share(g.Key, g.Count(), Pct(g.Count()))).OrderByDescending(s => s.Count).ToList();
        var representatives = entries.Sum(e => e.Representatives);
        var women = entries.Sum(e => e.Women);
        double? womenPct = representatives == 0 ? null : Math.Round(100.0 * women / representatives, 1);
        var warnings = new List<string>();
        if (n >= 10)
        {
            warnings.AddRange(byGroup.Where(s => Groups.Contains(s.Key) && s.Percent < 10)
                .Select(s => $"{s.Key}: {s.Count} of {n} names ({s.Percent}%); equitable geographical representation asks for more."));
            warnings.AddRange(byGroup.Where(s => s.Percent > 40).Select(s => $"{s.Key} holds {s.Percent}% of the names (more than 40%)."));
            warnings.AddRange(byType.Where(s => s.Percent > 60).Select(s => $"Organisations of type {s.Key} are {s.Percent}% of the list (more than 60%)."));
        }
        if (representatives >= 10 && womenPct < 40)
        {
            warnings.Add($"Women are {womenPct}% of the representatives ({women} of {representatives}); the resolution asks for due regard to their meaningful participation.");
        }
        return new Figures(n, byGroup, byType, representatives, women, womenPct, warnings);
    }
}
