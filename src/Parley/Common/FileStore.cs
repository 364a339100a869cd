using Microsoft.Extensions.Configuration;

namespace Parley.Common;

/// <summary>
/// Where uploaded files live: one folder outside the web root, resolved to an absolute path once, when the application starts
/// (a relative <c>Storage:Root</c> is taken from the folder the app was started in, like the SQLite file). Saving, serving,
/// backing up and restoring all ask this service for paths, so they cannot disagree.
/// </summary>
public sealed class FileStore
{
    public const string DefaultRoot = "data/files";

    public FileStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public static FileStore From(IConfiguration configuration) =>
        new(configuration["Storage:Root"] is { Length: > 0 } root ? root : DefaultRoot);

    /// <summary>The absolute folder.</summary>
    public string Root { get; }

    /// <summary>The absolute path of a stored file. Storage names are ours (a GUID and ".bin"); anything else is refused.</summary>
    public string PathOf(string storageName)
    {
        if (string.IsNullOrEmpty(storageName) || storageName != Path.GetFileName(storageName) || storageName.StartsWith('.'))
        {
            throw new ArgumentException("Not a storage name.", nameof(storageName));
        }
        return Path.Combine(Root, storageName);
    }

    public bool Exists(string storageName) => File.Exists(PathOf(storageName));

    /// <summary>Writes new bytes under a fresh random name and returns that name.</summary>
    public async Task<string> SaveAsync(byte[] bytes, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Root);
        var name = $"{Guid.NewGuid():N}.bin";
        var temporary = PathOf(name) + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, PathOf(name)); // never a half-written file under its final name
        return name;
    }

    /// <summary>Every stored file's name (for backups).</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root).Select(Path.GetFileName).Where(n => n is not null && !n.EndsWith(".part", StringComparison.Ordinal)).Select(n => n!).Order(StringComparer.Ordinal).ToList()
            : [];
}
