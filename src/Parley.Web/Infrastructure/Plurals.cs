using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Counted words ("1 draft", "3 drafts"; "0 brouillon" in French) through one mechanism: a message has a form per CLDR plural
/// category of the language (<c>Key.one</c>, <c>Key.few</c>, <c>Key.other</c>…), chosen by the integer rules of the six UN
/// languages, with <c>Key.other</c> as the fallback, and <c>{0}</c> replaced by the number written in the reader's culture.
/// </summary>
public static class Plurals
{
    /// <summary>The CLDR plural category of an integer in a language (cardinal, integers only).</summary>
    public static string Category(CultureInfo culture, long n) => Parley.Common.PluralRules.Category(culture, n);

    /// <summary>The message for <paramref name="n"/> in the current UI culture: <c>key.category</c>, else <c>key.other</c>.</summary>
    public static string Plural(this IStringLocalizer localizer, string key, long n, params object[] more)
    {
        var culture = CultureInfo.CurrentUICulture;
        var form = localizer[$"{key}.{Category(culture, n)}"];
        if (form.ResourceNotFound)
        {
            form = localizer[$"{key}.other"];
        }
        return string.Format(culture, form.Value, [n.ToString("N0", culture), .. more]);
    }
}
