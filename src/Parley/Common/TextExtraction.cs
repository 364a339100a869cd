using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace Parley.Common;

/// <summary>
/// The words inside an uploaded file, for search: DOCX through the Open XML SDK, PDF through PdfPig, plain text as it is. A file
/// that cannot be read gives no text (it is still kept and served); the text is capped so that one file cannot fill the index.
/// </summary>
public static class TextExtraction
{
    public const int MaxChars = 200_000;

    public static string? Extract(byte[] bytes, string fileName)
    {
        try
        {
            var text = Path.GetExtension(fileName).ToLowerInvariant() switch
            {
                ".docx" => Docx(bytes),
                ".pdf" => Pdf(bytes),
                ".txt" or ".md" => Encoding.UTF8.GetString(bytes),
                _ => null,
            };
            return text is null ? null : text.Length > MaxChars ? text[..MaxChars] : text;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or OpenXmlPackageException or ArgumentException or InvalidOperationException
            or UglyToad.PdfPig.Core.PdfDocumentFormatException or FormatException or NullReferenceException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static string Docx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart?.Document?.Body;
        return body is null ? "" : string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    private static string Pdf(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(string.Join(" ", page.GetWords().Select(w => w.Text)));
            if (text.Length > MaxChars)
            {
                break;
            }
        }
        return text.ToString();
    }
}
