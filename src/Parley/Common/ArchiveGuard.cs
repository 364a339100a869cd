using System.IO.Compression;

namespace Parley.Common;

/// <summary>
/// Checks a ZIP container (DOCX, XLSX) before anything parses it: how many entries, and how many bytes they really inflate to
/// (counted while inflating, since the sizes an archive declares can lie). A 1 MB file that inflates to 1 GB is refused
/// after reading at most <see cref="MaxUncompressedBytes"/>.
/// </summary>
public static class ArchiveGuard
{
    public const int MaxEntries = 2_000;
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;

    /// <summary>Null when the archive is within bounds, else the reason it is refused.</summary>
    public static string? Check(Stream archive, int maxEntries = MaxEntries, long maxUncompressedBytes = MaxUncompressedBytes)
    {
        var start = archive.CanSeek ? archive.Position : 0;
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > maxEntries)
            {
                return $"The file holds {zip.Entries.Count} parts; at most {maxEntries} are accepted.";
            }
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > maxUncompressedBytes - total)
                {
                    return Bigger(maxUncompressedBytes);
                }
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > maxUncompressedBytes)
                    {
                        return Bigger(maxUncompressedBytes);
                    }
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return "The file is not a readable ZIP container.";
        }
        finally
        {
            if (archive.CanSeek)
            {
                archive.Position = start;
            }
        }
    }

    private static string Bigger(long max) => $"The file unpacks to more than {max / (1024 * 1024)} MB; it is refused.";
}
