using System.IO.Compression;

namespace Parley.Features.Accreditation;

/// <summary>Uploaded files: recognised by their bytes, renamed on disk, kept in the <see cref="Common.FileStore"/> (Storage:Root, ./data/files), never under wwwroot.</summary>
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

    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>A stored upload, with the words found inside it (for search; null when none could be read).</summary>
    public sealed record Stored(string StorageName, string FileName, string ContentType, long Size, string Sha256, string? Text = null);

    /// <summary>
    /// Reads an upload (at most 5 MB), checks by its bytes that it is a PDF or DOCX, and stores it under a random name outside the
    /// web root. A validation error names what was wrong; nothing is written then.
    /// </summary>
    public static async Task<Common.Result<Stored>> StoreAsync(Common.FileStore files, string? fileName, Stream content, long length, string what, CancellationToken ct)
    {
        if (length is <= 0 or > MaxBytes)
        {
            return Common.Error.Validation("file", $"Upload {what} of at most 5 MB.");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = bytes.LongLength is 0 or > MaxBytes ? null : Sniff(bytes);
        if (type == Docx && Common.ArchiveGuard.Check(new MemoryStream(bytes)) is { } refused)
        {
            return Common.Error.Validation("file", refused);
        }
        if (type is null)
        {
            return Common.Error.Validation("file", $"Upload {what} as a PDF or Word (.docx) document of at most 5 MB; this file is neither.");
        }
        var storage = await files.SaveAsync(bytes, ct);
        var safe = SafeName(fileName, type);
        return new Stored(storage, safe, type, bytes.LongLength, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Common.TextExtraction.Extract(bytes, safe));
    }

    /// <summary>The content type of a stored file from the safe name it was given.</summary>
    public static string ContentTypeOf(string safeName) => safeName.EndsWith(".pdf", StringComparison.Ordinal) ? Pdf : Docx;
}
