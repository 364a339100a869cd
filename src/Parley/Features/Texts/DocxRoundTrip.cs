using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Features.Texts;

/// <summary>
/// Reading back a clean version's DOCX that a delegation edited in Word (issue 18): which version it came from (custom properties),
/// and, for each provision found by its bookmark, the text as it was and as the delegation left it — tracked insertions count only
/// in the edited text, tracked deletions only in the original, untracked text in both. Turning the differences into proposals is
/// the import's job; this is the file's side only.
/// </summary>
public static class DocxRoundTrip
{
    public const string VersionProperty = "ParleyVersion";
    public const string TextProperty = "ParleyText";
    public const string ProcessProperty = "ParleyProcess";
    public const string LabelProperty = "ParleyLabel";
    private const string Prefix = "pk_";

    /// <summary>The bookmark that carries a provision's stable key (letters and digits, under Word's 40-character limit).</summary>
    public static string BookmarkOf(string key) => Prefix + key;

    public sealed record ReturnedProvision(string Key, string Original, string Edited, IReadOnlyList<string> Authors)
    {
        public bool Changed => Original != Edited;
    }

    public sealed record Returned(int? VersionId, string? Text, string? Process, IReadOnlyList<ReturnedProvision> Provisions, IReadOnlyList<string> Unplaced);

    /// <summary>Reads the file; null when it is not a Word document.</summary>
    public static Returned? Read(byte[] bytes)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var properties = doc.CustomFilePropertiesPart?.Properties?.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>()
                .ToDictionary(p => p.Name?.Value ?? "", p => p.InnerText, StringComparer.Ordinal) ?? [];
            int? versionId = int.TryParse(properties.GetValueOrDefault(VersionProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
            var provisions = new List<ReturnedProvision>();
            var unplaced = new List<string>();
            foreach (var paragraph in doc.MainDocumentPart?.Document?.Body?.Descendants<Paragraph>() ?? [])
            {
                var start = paragraph.Descendants<BookmarkStart>().FirstOrDefault(b => b.Name?.Value?.StartsWith(Prefix, StringComparison.Ordinal) == true);
                if (start is null)
                {
                    // A paragraph without a provision's bookmark: new text the delegation typed (an added paragraph), or the title block.
                    var (_, added, authors) = Texts(paragraph.Descendants());
                    if (authors.Count > 0 && added.Trim().Length > 0)
                    {
                        unplaced.Add(added.Trim());
                    }
                    continue;
                }
                // The provision's content runs from its bookmark to the end of the paragraph (the typed label and tab come before it).
                var after = paragraph.Descendants().SkipWhile(e => e != start);
                var (original, edited, by) = Texts(after);
                provisions.Add(new ReturnedProvision(start.Name!.Value![Prefix.Length..], Normal(original), Normal(edited), by));
            }
            return new Returned(versionId, properties.GetValueOrDefault(TextProperty), properties.GetValueOrDefault(ProcessProperty), provisions, unplaced);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or ArgumentException or IOException)
        {
            return null;
        }
    }

    /// <summary>The text as it was (untracked + deleted) and as left (untracked + inserted), and who made the tracked changes.</summary>
    private static (string Original, string Edited, IReadOnlyList<string> Authors) Texts(IEnumerable<OpenXmlElement> elements)
    {
        var original = new StringBuilder();
        var edited = new StringBuilder();
        var authors = new List<string>();
        foreach (var e in elements)
        {
            switch (e)
            {
                case DeletedText d:
                    original.Append(d.Text);
                    Note(e.Ancestors<DeletedRun>().FirstOrDefault()?.Author?.Value);
                    break;
                case Text t when t.Ancestors<InsertedRun>().Any():
                    edited.Append(t.Text);
                    Note(t.Ancestors<InsertedRun>().First().Author?.Value);
                    break;
                case Text t when t.Ancestors<DeletedRun>().Any():
                    original.Append(t.Text); // a deletion written with w:t instead of w:delText
                    break;
                case Text t:
                    original.Append(t.Text);
                    edited.Append(t.Text);
                    break;
            }
        }
        return (original.ToString(), edited.ToString(), authors);

        void Note(string? author)
        {
            if (author is { Length: > 0 } a && !authors.Contains(a))
            {
                authors.Add(a);
            }
        }
    }

    private static string Normal(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
