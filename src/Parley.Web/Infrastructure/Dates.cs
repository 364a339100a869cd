using System.Globalization;
using Parley.Common;

namespace Parley.Web.Infrastructure;

/// <summary>
/// The date patterns of the reader's language, for pages: <c>date.ToString(Dates.ShortDate)</c> writes "13 Jul 2018" in English,
/// "2018年7月13日" in Chinese, "13 июл. 2018 г." in Russian. The patterns are translatable (<c>Format.*</c> in Phrases*.resx), so a
/// language gets its own order and words rather than English's pattern filled with its month names.
/// </summary>
public static class Dates
{
    private static string P(string key) => Phrase.Pattern(key, CultureInfo.CurrentUICulture);

    /// <summary>"13 Jul 2018".</summary>
    public static string ShortDate => P("Format.DateShort");

    /// <summary>"13 July 2018".</summary>
    public static string LongDate => P("Format.Date");

    /// <summary>"13 Jul 2018 09:00".</summary>
    public static string ShortTime => P("Format.DateTimeShort");

    /// <summary>"13 July 2018 09:00".</summary>
    public static string LongTime => P("Format.DateTimeLong");

    /// <summary>"July 2018".</summary>
    public static string MonthYear => P("Format.Month");

    /// <summary>"Jul 2018".</summary>
    public static string ShortMonthYear => P("Format.MonthShort");

    /// <summary>"Friday 13 July 2018".</summary>
    public static string WithWeekday => P("Format.DateWithDay");

    /// <summary>"13 Jul".</summary>
    public static string DayMonth => P("Format.DayMonthShort");
}
