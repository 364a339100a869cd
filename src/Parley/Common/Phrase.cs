using System.Globalization;
using System.Resources;

namespace Parley.Common;

/// <summary>
/// A sentence the engine says (a compliance fact, a notification), kept as a key of Resources/Phrases*.resx and its arguments,
/// and written in the reader's language only when it is read: dates, numbers and plurals then follow that language. Arguments
/// may be text (names from the modalities file or the records, shown as they are), numbers, dates, months, lists of days, or
/// other phrases.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<object?> Args, decimal? Count = null)
{
    private static readonly ResourceManager Strings = new("Parley.Resources.Phrases", typeof(Phrase).Assembly);

    public static Phrase Of(string key, params object?[] args) => new(key, args);

    /// <summary>Text that is content, not interface (a name, a title, a sentence from a file): shown as it is in every language.</summary>
    public static Phrase Verbatim(string text) => new("", [text]);

    /// <summary>Content with versions in other languages (a name from the modalities file): its version in the reader's language.</summary>
    public static Phrase Verbatim(Name name) => new("", [name]);

    /// <summary>A counted phrase: <c>key.one</c>, <c>key.few</c>… chosen by the reader's plural rules, the count as <c>{0}</c>.</summary>
    public static Phrase Counted(string key, decimal count, params object?[] more) => new(key, [count, .. more], count);

    public string Render(CultureInfo culture)
    {
        if (Key.Length == 0)
        {
            return Args.Count == 0 ? "" : Args[0] is Name name ? name.In(culture).Text : Args[0]?.ToString() ?? "";
        }
        var key = Count is { } n ? PluralKey(Key, n, culture) : Key;
        var template = Template(key, culture);
        return Args.Count == 0 ? template : string.Format(culture, template, Args.Select(a => Argument(a, culture)).ToArray());
    }

    public override string ToString() => Render(CultureInfo.CurrentUICulture);

    /// <summary>The text of a key in a culture (English when the culture lacks it; accented and marked in the pseudo-locale).</summary>
    public static string Template(string key, CultureInfo culture)
    {
        var pseudo = Languages.IsPseudo(culture);
        var text = Strings.GetString(key, pseudo ? CultureInfo.InvariantCulture : culture) ?? key;
        return pseudo ? Pseudo.Localize(text) : text;
    }

    /// <summary>A date as the language writes it in running text ("13 July 2018", "13 juillet 2018", "2018年7月13日").</summary>
    public static string Date(DateOnly date, CultureInfo culture) => date.ToString(Format("Format.Date", culture), culture);

    /// <summary>A date pattern of the language (<c>Format.*</c> in Phrases): the pseudo-locales use English's.</summary>
    public static string Pattern(string key, CultureInfo culture) => Format(key, culture);

    private static string Format(string key, CultureInfo culture) =>
        Strings.GetString(key, Languages.IsPseudo(culture) ? CultureInfo.InvariantCulture : culture) ?? "yyyy-MM-dd";

    private static string PluralKey(string key, decimal n, CultureInfo culture)
    {
        var category = n == decimal.Truncate(n) ? PluralRules.Category(culture, (long)n) : "other";
        return Strings.GetString($"{key}.{category}", CultureInfo.InvariantCulture) is not null ? $"{key}.{category}" : $"{key}.other";
    }

    private static object? Argument(object? a, CultureInfo culture) => a switch
    {
        Phrase p => p.Render(culture),
        Name n => n.In(culture).Text,
        DateOnly d => Date(d, culture),
        DateTime t => t.ToString(Format("Format.DateTime", culture), culture),
        Month m => new DateOnly(m.Year, m.Number, 1).ToString(Format("Format.Month", culture), culture),
        DayList days => DayListText(days, culture),
        decimal n => n.ToString("0.#", culture),
        int or long => Convert.ToInt64(a, CultureInfo.InvariantCulture).ToString("0", culture),
        _ => a,
    };

    private static string DayListText(DayList days, CultureInfo culture)
    {
        if (days.Days.Count == 0)
        {
            return "";
        }
        var pattern = Format("Format.DayMonth", culture);
        var list = string.Join(Template("Format.ListSeparator", culture), days.Days.Select(d => d.ToString(pattern, culture)));
        return string.Format(culture, Template("Format.DaysOfYear", culture), list, days.Days[^1].Year.ToString("0", CultureInfo.InvariantCulture));
    }
}

/// <summary>A month of a year as an argument of a phrase ("July 2018", "juillet 2018").</summary>
public sealed record Month(int Year, int Number);

/// <summary>Days of one year as an argument ("16, 17 May 2018").</summary>
public sealed record DayList(IReadOnlyList<DateOnly> Days);

/// <summary>The CLDR plural category of an integer (cardinal) in each of the six UN languages.</summary>
public static class PluralRules
{
    public static string Category(CultureInfo culture, long n)
    {
        var i = Math.Abs(n);
        return culture.TwoLetterISOLanguageName switch
        {
            "en" or "es" => i == 1 ? "one" : "other",
            "fr" => i is 0 or 1 ? "one" : "other",
            "ru" => (i % 10, i % 100) switch
            {
                (1, not 11) => "one",
                (>= 2 and <= 4, < 12 or > 14) => "few",
                _ => "many",
            },
            "ar" => i switch
            {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ when i % 100 is >= 3 and <= 10 => "few",
                _ when i % 100 is >= 11 and <= 99 => "many",
                _ => "other",
            },
            _ when Languages.IsPseudo(culture) => i == 1 ? "one" : "other",
            _ => "other", // zh and any language without plural forms
        };
    }
}
