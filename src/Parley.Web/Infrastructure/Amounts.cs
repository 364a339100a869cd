using System.Globalization;
using Parley.Common;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Sums of money on pages, in the reader's language: the number with its grouping and decimal mark, the currency where the
/// language puts it (<c>Format.Usd</c> in Phrases*.resx): "USD 1,234.50", "1 234,50 USD", "1 234,50 долл. США", "1,234.50 美元".
/// Exports and API answers keep invariant figures (machines read them).
/// </summary>
public static class Amounts
{
    public static string Usd(decimal usd)
    {
        var language = CultureInfo.CurrentUICulture;
        var numbers = Languages.IsPseudo(language) ? CultureInfo.InvariantCulture : language;
        return string.Format(language, Phrase.Template("Format.Usd", language), usd.ToString("N2", numbers));
    }

    public static string UsdCents(long cents) => Usd(cents / 100m);
}
