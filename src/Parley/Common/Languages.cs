using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Common;

/// <summary>A culture Parley speaks, from Resources/languages.json.</summary>
public sealed record Language(string Culture, string Name, bool RightToLeft, bool Reviewed, bool Pseudo, string Origin)
{
    public CultureInfo Info { get; } = new(Culture);
}

/// <summary>
/// The languages of the interface: the six official languages of the United Nations and two pseudo-locales for layout testing.
/// Which of them a translator has reviewed is data (Resources/languages.json), shown in the interface, so that a machine-made
/// translation is never passed off as reviewed.
/// </summary>
public static class Languages
{
    public const string Source = "en";

    public static IReadOnlyList<Language> All { get; } = Load();

    public static IReadOnlyList<Language> Official { get; } = All.Where(l => !l.Pseudo).ToList();

    /// <summary>The language of a culture, or of its parent ("zh-CN" → "zh"), or English.</summary>
    public static Language For(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (All.FirstOrDefault(l => string.Equals(l.Culture, c.Name, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }
        return All.First(l => l.Culture == Source);
    }

    /// <summary>The language named, if Parley speaks it (a pseudo-locale only when allowed).</summary>
    public static Language? Find(string? culture, bool pseudo = true) =>
        All.FirstOrDefault(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase) && (pseudo || !l.Pseudo));

    public static bool IsPseudo(CultureInfo culture) => For(culture).Pseudo;

    private static List<Language> Load()
    {
        using var stream = typeof(Languages).Assembly.GetManifestResourceStream("Parley.Resources.languages.json")
            ?? throw new InvalidOperationException("Resources/languages.json is not embedded.");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("languages").EnumerateArray().Select(e => new Language(
            e.GetProperty("culture").GetString()!,
            e.GetProperty("name").GetString()!,
            e.GetProperty("direction").GetString() == "rtl",
            e.TryGetProperty("reviewed", out var r) && r.GetBoolean(),
            e.TryGetProperty("pseudo", out var p) && p.GetBoolean(),
            e.GetProperty("origin").GetString()!)).ToList();
    }
}

/// <summary>
/// The pseudo-locale: every string from the resources comes out accented, about 40% longer and between ⟦ and ⟧, so that a
/// string that does not come from the resources (hard-coded, untranslatable) shows at once, and so do layouts that break when
/// text grows. Placeholders ({0}, {1:N0}) are left as they are.
/// </summary>
public static class Pseudo
{
    public const char Open = '⟦';
    public const char Close = '⟧';

    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Accented = "áƀçđéƒğĥíĵķłɱñóþǫŕšťúṽŵẋýžÁƁÇĐÉƑĞĤÍĴĶŁṀÑÓÞǪŔŠŤÚṼŴẊÝŽ";

    public static string Localize(string english)
    {
        var b = new StringBuilder(english.Length * 2);
        b.Append(Open);
        var depth = 0;
        var letters = 0;
        foreach (var ch in english)
        {
            if (ch == '{') depth++;
            if (depth == 0 && Plain.IndexOf(ch, StringComparison.Ordinal) is var i and >= 0)
            {
                b.Append(Accented[i]);
                letters++;
            }
            else
            {
                b.Append(ch);
            }
            if (ch == '}' && depth > 0) depth--;
        }
        b.Append(' ', 1).Append('·', Math.Max(1, letters * 2 / 5));
        b.Append(Close);
        return b.ToString();
    }
}
