using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Operations;

/// <summary>
/// Consistent online copies of everything Parley keeps: the database and the uploaded files, in one ZIP archive with a
/// manifest (decision 013). The database is copied first — SQLite through its online backup API, PostgreSQL with pg_dump
/// (one snapshot) — then the files. A stored file is written before the row that names it is committed and never changes,
/// so every file the copied database names is already on disk when the files are copied.
/// A restore refuses to run while any web app instance runs (<see cref="RunningInstance"/>).
/// </summary>
public static class Backup
{
    public const string ManifestEntry = "manifest.json";
    public const string FilesFolder = "files/";

    public sealed record Manifest(int Format, string Provider, DateTime TakenAt, string DatabaseEntry, IReadOnlyList<FileEntry> Files);

    public sealed record FileEntry(string Name, long Size, string Sha256);

    public sealed record Summary(string Path, int Files, long Bytes);

    public static async Task<Result<Summary>> BackupAsync(DatabaseSettings settings, FileStore files, string file, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var scratch = Path.Combine(Path.GetTempPath(), $"parley-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            var databaseEntry = settings.Provider == DatabaseProvider.Sqlite ? "database.sqlite" : "database.pgdump";
            var databaseCopy = Path.Combine(scratch, databaseEntry);
            var copied = await CopyDatabaseAsync(settings, databaseCopy, ct);
            if (copied is not null)
            {
                return Error.Conflict(copied);
            }
            var partial = target + ".part";
            var entries = new List<FileEntry>();
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(databaseCopy, databaseEntry, CompressionLevel.Optimal);
                foreach (var name in files.List())
                {
                    var path = files.PathOf(name);
                    var bytes = await File.ReadAllBytesAsync(path, ct);
                    var entry = zip.CreateEntry(FilesFolder + name, CompressionLevel.Fastest);
                    await using (var content = entry.Open())
                    {
                        await content.WriteAsync(bytes, ct);
                    }
                    entries.Add(new FileEntry(name, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))));
                }
                var manifest = new Manifest(1, settings.Provider.ToString(), DateTime.UtcNow, databaseEntry, entries);
                await using var manifestStream = zip.CreateEntry(ManifestEntry).Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, cancellationToken: ct);
            }
            File.Move(partial, target, overwrite: true);
            return new Summary(target, entries.Count, entries.Sum(e => e.Size));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// Replaces the database with the copy and puts the copied files back under the file store's root (created if absent).
    /// Refuses while Parley runs against this database. Also reads a bare database copy made by earlier versions.
    /// </summary>
    public static async Task<Result<Summary>> RestoreAsync(DatabaseSettings settings, FileStore files, string file, CancellationToken ct = default)
    {
        var sourcePath = Path.GetFullPath(file);
        if (!File.Exists(sourcePath))
        {
            return Error.Validation("file", $"No backup at {sourcePath}.");
        }
        await using var exclusive = await RunningInstance.TryAcquireExclusiveAsync(settings, ct);
        if (exclusive is null)
        {
            return Error.Conflict("Parley is running against this database. Stop every web app instance, then restore.");
        }
        var scratch = Path.Combine(Path.GetTempPath(), $"parley-restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            string databaseCopy;
            var restoredFiles = new List<FileEntry>();
            if (!IsZip(sourcePath))
            {
                databaseCopy = sourcePath; // a bare database copy (format 0)
            }
            else
            {
                using var zip = ZipFile.OpenRead(sourcePath);
                var manifestEntry = zip.GetEntry(ManifestEntry);
                Manifest? manifest;
                await using (var manifestStream = manifestEntry?.Open())
                {
                    manifest = manifestStream is null ? null : await JsonSerializer.DeserializeAsync<Manifest>(manifestStream, cancellationToken: ct);
                }
                if (manifest is null || !string.Equals(manifest.Provider, settings.Provider.ToString(), StringComparison.OrdinalIgnoreCase)
                    || zip.GetEntry(manifest.DatabaseEntry) is not { } databaseEntry)
                {
                    return Error.Validation("file", manifest is null
                        ? "This is not a Parley backup (no manifest)."
                        : $"This backup is of a {manifest.Provider} database; restore it into {manifest.Provider}.");
                }
                databaseCopy = Path.Combine(scratch, Path.GetFileName(manifest.DatabaseEntry));
                databaseEntry.ExtractToFile(databaseCopy);
                foreach (var expected in manifest.Files)
                {
                    var entry = zip.GetEntry(FilesFolder + expected.Name);
                    if (entry is null)
                    {
                        return Error.Validation("file", $"The backup lacks the file {expected.Name} its manifest lists.");
                    }
                    using var buffer = new MemoryStream();
                    await using (var content = entry.Open())
                    {
                        await content.CopyToAsync(buffer, ct);
                    }
                    if (Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())) != expected.Sha256)
                    {
                        return Error.Validation("file", $"The file {expected.Name} in the backup is damaged (its checksum differs).");
                    }
                    restoredFiles.Add(expected);
                }
                Directory.CreateDirectory(files.Root);
                foreach (var expected in restoredFiles)
                {
                    zip.GetEntry(FilesFolder + expected.Name)!.ExtractToFile(files.PathOf(expected.Name), overwrite: true);
                }
            }
            var restored = await RestoreDatabaseAsync(settings, databaseCopy, ct);
            return restored is null ? new Summary(sourcePath, restoredFiles.Count, restoredFiles.Sum(f => f.Size)) : Error.Conflict(restored);
        }
        catch (InvalidDataException)
        {
            return Error.Validation("file", "The backup archive is damaged.");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static bool IsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    private static async Task<string?> CopyDatabaseAsync(DatabaseSettings settings, string target, CancellationToken ct)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                try
                {
                    await using var source = new SqliteConnection(settings.ConnectionString);
                    await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
                    await source.OpenAsync(ct);
                    await destination.OpenAsync(ct);
                    source.BackupDatabase(destination);
                    return null;
                }
                catch (SqliteException e)
                {
                    return $"The database could not be copied: {e.Message}";
                }
            case DatabaseProvider.Postgres:
                return await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-acl", $"--file={target}"], settings.ConnectionString, ct);
        }
        return "Unknown provider.";
    }

    private static async Task<string?> RestoreDatabaseAsync(DatabaseSettings settings, string copy, CancellationToken ct)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                try
                {
                    await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
                    await using (var destination = new SqliteConnection(settings.ConnectionString))
                    {
                        await source.OpenAsync(ct);
                        await destination.OpenAsync(ct);
                        source.BackupDatabase(destination);
                    }
                    SqliteConnection.ClearAllPools();
                    return null;
                }
                catch (SqliteException e)
                {
                    return $"The database could not be restored: {e.Message}";
                }
            case DatabaseProvider.Postgres:
                return await RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", copy], settings.ConnectionString, ct);
        }
        return "Unknown provider.";
    }

    /// <summary>Runs a PostgreSQL client tool with the connection passed through libpq environment variables, never on the command line.</summary>
    private static async Task<string?> RunAsync(string tool, string[] args, string connectionString, CancellationToken ct)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (tool == "pg_restore")
        {
            psi.ArgumentList.Insert(0, $"--dbname={cs.Database}");
        }
        else
        {
            psi.ArgumentList.Add(cs.Database!);
        }
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = cs.Username;
        if (cs.Password is { } password)
        {
            psi.Environment["PGPASSWORD"] = password;
        }
        try
        {
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0 ? null : $"{tool} failed: {(await stderr).Trim()}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{tool} is not installed; install the PostgreSQL client tools.";
        }
    }
}
