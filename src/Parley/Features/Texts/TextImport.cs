using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Common;

namespace Parley.Features.Texts;

/// <summary>
/// Reads a draft into provisions. Markdown / plain text: "# I. Vision [actionable-commitments]" is a section (with an
/// optional section type in brackets), "## …" a heading, "12." or "12 bis." a numbered paragraph, "(a)" a sub-paragraph of
/// the paragraph above, any other line an unnumbered paragraph; blank lines separate nothing. DOCX: Heading 1/2 styles,
/// Word numbering (level 0 numbered paragraphs, level 1 lettered sub-paragraphs) and typed numbers are read the same way.
/// </summary>
public static partial class TextImport
{
    public sealed record ImportProblem(int Line, string Message);

    public sealed record ImportResult(IReadOnlyList<ProvisionData> Provisions, IReadOnlyList<ImportProblem> Problems, int Words);

    public static string NewKey() => "p" + Guid.NewGuid().ToString("N")[..11];

    public static ImportResult FromText(string text, IReadOnlyCollection<string>? sectionTypes = null)
    {
        var provisions = new List<ProvisionData>();
        var problems = new List<ImportProblem>();
        string? section = null, sectionType = null, paragraph = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            Match m;
            if ((m = SectionRegex().Match(line)).Success)
            {
                var level = m.Groups[1].Value.Length;
                var title = m.Groups[2].Value.Trim();
                var type = m.Groups[3].Success ? m.Groups[3].Value.Trim() : null;
                if (type is not null && sectionTypes is not null && sectionTypes.Count > 0 && !sectionTypes.Contains(type))
                {
                    problems.Add(new ImportProblem(i + 1, $"'{type}' is not a section type of this outcome ({string.Join(", ", sectionTypes)})."));
                    type = null;
                }
                var (number, heading) = SplitSectionNumber(title);
                var key = NewKey();
                if (level == 1)
                {
                    provisions.Add(new ProvisionData(key, number, ProvisionKind.Section, null, type, heading));
                    section = key;
                    sectionType = type;
                }
                else
                {
                    provisions.Add(new ProvisionData(key, number, ProvisionKind.Heading, section, type ?? sectionType, heading));
                }
                paragraph = null;
            }
            else if ((m = ParagraphRegex().Match(line)).Success)
            {
                var key = NewKey();
                provisions.Add(new ProvisionData(key, m.Groups[1].Value.Trim(), ProvisionKind.Paragraph, section, sectionType, Words.Normalize(m.Groups[2].Value)));
                paragraph = key;
            }
            else if ((m = SubparagraphRegex().Match(line)).Success)
            {
                if (paragraph is null)
                {
                    problems.Add(new ImportProblem(i + 1, $"Sub-paragraph {m.Groups[1].Value} has no numbered paragraph above it; read as a paragraph."));
                    provisions.Add(new ProvisionData(NewKey(), "", ProvisionKind.Paragraph, section, sectionType, Words.Normalize(line)));
                    continue;
                }
                provisions.Add(new ProvisionData(NewKey(), m.Groups[1].Value, ProvisionKind.Subparagraph, paragraph, sectionType, Words.Normalize(m.Groups[2].Value)));
            }
            else
            {
                provisions.Add(new ProvisionData(NewKey(), "", ProvisionKind.Paragraph, section, sectionType, Words.Normalize(line)));
                paragraph = null;
            }
        }
        var duplicates = provisions.Where(p => p.Kind == ProvisionKind.Paragraph && p.Number.Length > 0).GroupBy(p => p.Number).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var d in duplicates)
        {
            problems.Add(new ImportProblem(0, $"Paragraph {d} appears more than once."));
        }
        if (provisions.Count == 0)
        {
            problems.Add(new ImportProblem(0, "The text has no provisions."));
        }
        return new ImportResult(provisions, problems, provisions.Sum(p => Words.Split(p.Text).Length));
    }

    /// <summary>Reads a Word document; its paragraphs become lines of the text format, then provisions.</summary>
    public static Result<ImportResult> FromDocx(Stream docx, IReadOnlyCollection<string>? sectionTypes = null)
    {
        if (!docx.CanSeek)
        {
            var copy = new MemoryStream();
            docx.CopyTo(copy);
            copy.Position = 0;
            docx = copy;
        }
        if (ArchiveGuard.Check(docx) is { } refused)
        {
            return Error.Validation("file", refused);
        }
        try
        {
            using var document = WordprocessingDocument.Open(docx, false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return Error.Validation("file", "The Word document has no body.");
            }
            var lines = new List<string>();
            var number = 0;
            var letter = 0;
            foreach (var p in body.Descendants<Paragraph>())
            {
                var text = string.Concat(p.Descendants<Text>().Select(t => t.Text)).Trim();
                if (text.Length == 0)
                {
                    continue;
                }
                var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
                var numbering = p.ParagraphProperties?.NumberingProperties;
                if (style.StartsWith("Heading1", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase))
                {
                    lines.Add("# " + text);
                }
                else if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase))
                {
                    lines.Add("## " + text);
                }
                else if (numbering is not null)
                {
                    var level = numbering.NumberingLevelReference?.Val?.Value ?? 0;
                    if (level == 0)
                    {
                        number++;
                        letter = 0;
                        lines.Add($"{number}. {text}");
                    }
                    else
                    {
                        lines.Add($"({(char)('a' + letter++ % 26)}) {text}");
                    }
                }
                else
                {
                    var typed = ParagraphRegex().Match(text);
                    if (typed.Success && int.TryParse(typed.Groups[1].Value.Split(' ')[0], out var n))
                    {
                        number = n;
                        letter = 0;
                    }
                    lines.Add(text);
                }
            }
            return FromText(string.Join('\n', lines), sectionTypes);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException)
        {
            return Error.Validation("file", "This is not a Word (.docx) document that can be read.");
        }
    }

    private static (string Number, string Title) SplitSectionNumber(string title)
    {
        var m = SectionNumberRegex().Match(title);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value.Trim()) : ("", title);
    }

    [GeneratedRegex(@"^(#{1,2})\s+(.+?)(?:\s*\[([a-z0-9-]+)\])?$")]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"^(\d+(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?)\.\s+(.+)$")]
    private static partial Regex ParagraphRegex();

    [GeneratedRegex(@"^(\([a-z]{1,3}\))\s+(.+)$")]
    private static partial Regex SubparagraphRegex();

    [GeneratedRegex(@"^([IVXLC]+\.|[A-Z]\.)\s+(.+)$")]
    private static partial Regex SectionNumberRegex();
}
