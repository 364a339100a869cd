using System.Globalization;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Query-string values for pages, read as text and parsed here: a typed [SupplyParameterFromQuery] throws on "?page=abc"
/// before the page runs, which made a 500 of a typo. Unreadable values count as absent.
/// </summary>
public static class QueryValues
{
    public static int? Number(string? text, int min = 1, int max = 1_000_000) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

    /// <summary>A calendar date between 1900 and 2199: the span any process on Parley can concern.</summary>
    public static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
        && value.Year is >= 1900 and < 2200 ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : null;
}
