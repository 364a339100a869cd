using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Parley.Common;

/// <summary>
/// Every table Parley exports, written one way: CSV through CsvHelper (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheet programs
/// read accents), and XLSX through <see cref="XlsxWriter"/>; the same header of human labels for both. A cell that a spreadsheet
/// would run as a formula (starting with =, +, - or @) is prefixed with an apostrophe in both.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, configuration))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Defused(cell));
                }
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Labels of a header (or a sheet's name) in the reader's language: written in English in the code, translated through
    /// <see cref="Messages"/>; a request that asks for no language gets English, the labels scripts read.
    /// </summary>
    public static string[] InLanguage(IEnumerable<string> labels, CultureInfo culture) => [.. labels.Select(l => Messages.Translate(l, culture))];

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> header, IEnumerable<string?[]> rows) =>
        XlsxWriter.Write(sheetName, header, rows.Select(r => r.Select(Defused).ToArray()));

    /// <summary>A cell a spreadsheet would take for a formula, made text.</summary>
    public static string Defused(string? value)
    {
        var v = value ?? "";
        return v.Length > 0 && v[0] is '=' or '+' or '-' or '@' ? "'" + v : v;
    }
}
