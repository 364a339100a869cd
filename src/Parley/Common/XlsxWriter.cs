using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Parley.Common;

/// <summary>
/// A one-sheet XLSX of text cells (Open XML SDK; no formulas are ever written): a bold header on a shaded ground, frozen while
/// scrolling, with filters on every column, and columns as wide as their content (within limits). Use it through
/// <see cref="TableExport"/>, which defuses formula-like cells.
/// </summary>
public static class XlsxWriter
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        var all = rows.ToList();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                    new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDCE6F0" }) { PatternType = PatternValues.Solid })) { Count = 3 },
                new Borders(new Border(), new Border(new BottomBorder(new Color { Rgb = "FF5A6B7B" }) { Style = BorderStyleValues.Thin })) { Count = 2 },
                new CellFormats(new CellFormat(),
                    new CellFormat { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
                    new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 3 });
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(header, bold: true));
            foreach (var r in all)
            {
                data.Append(Row(r, bold: false));
            }
            // Widths in characters: the longest value of the column, between 8 and 60 (longer text wraps).
            var columns = new Columns();
            for (var c = 0; c < header.Count; c++)
            {
                var longest = all.Select(r => c < r.Length ? r[c]?.Length ?? 0 : 0).Append(header[c].Length + 3).Max();
                columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Clamp(longest + 2, 8, 60), CustomWidth = true });
            }
            var frozen = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                { TabSelected = true, WorkbookViewId = 0 });
            var lastColumn = ColumnName(Math.Max(header.Count, 1));
            var range = $"A1:{lastColumn}{all.Count + 1}";
            sheetPart.Worksheet = new Worksheet(frozen, columns, data, new AutoFilter { Reference = range });
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            // Excel keeps an autofilter's range as this hidden defined name.
            workbook.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'!$A$1:${lastColumn}${all.Count + 1}")
                { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int n)
    {
        var name = "";
        for (; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }

    private static Row Row(IEnumerable<string?> values, bool bold)
    {
        var row = new Row();
        foreach (var v in values)
        {
            var cell = new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v ?? "")) };
            cell.StyleIndex = bold ? 1u : 2u;
            row.Append(cell);
        }
        return row;
    }
}
