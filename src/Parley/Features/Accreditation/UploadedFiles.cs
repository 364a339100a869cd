using System.IO.Compression;
using Microsoft.Extensions.Configuration;

namespace Parley.Features.Accreditation;

/// <summary>Uploaded files: recognised by their bytes, renamed on disk, kept under Storage:Root (./data/files), never under wwwroot.</summary>
public static class UploadedFiles
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string? Sniff(byte[] bytes)
    {
        if (bytes.Length >= 5 && bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return Pdf;
        }
        if (bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04)
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                return zip.GetEntry("word/document.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null ? Docx : null;
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }

    public static string SafeName(string? fileName, string contentType)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "");
        var clean = new string(name.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.').ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "document";
        }
        return (clean.Length > 100 ? clean[..100] : clean) + (contentType == Pdf ? ".pdf" : ".docx");
    }

    public static string PathOf(IConfiguration configuration, string storageName) =>
        Path.Combine(configuration["Storage:Root"] ?? Path.Combine("data", "files"), storageName);
}
