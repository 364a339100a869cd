using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Operations;

/// <summary>
/// Consistent online copies. SQLite uses its online backup API (readers and writers may continue);
/// PostgreSQL uses pg_dump in custom format (a snapshot taken in one transaction) and pg_restore.
/// </summary>
public static class Backup
{
    public static async Task<Result<string>> BackupAsync(DatabaseSettings settings, string file, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                if (File.Exists(target))
                {
                    File.Delete(target);
                }
                await using (var source = new SqliteConnection(settings.ConnectionString))
                await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
                {
                    await source.OpenAsync(ct);
                    await destination.OpenAsync(ct);
                    source.BackupDatabase(destination);
                }
                return target;
            case DatabaseProvider.Postgres:
                var dump = await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-acl", $"--file={target}"], settings.ConnectionString, ct);
                return dump is null ? target : Error.Conflict(dump);
        }
        return Error.Conflict("Unknown provider.");
    }

    /// <summary>Replaces the whole database with the copy. Stop the web app first.</summary>
    public static async Task<Result<string>> RestoreAsync(DatabaseSettings settings, string file, CancellationToken ct = default)
    {
        var sourcePath = Path.GetFullPath(file);
        if (!File.Exists(sourcePath))
        {
            return Error.Validation("file", $"No backup at {sourcePath}.");
        }
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
                await using (var destination = new SqliteConnection(settings.ConnectionString))
                {
                    await source.OpenAsync(ct);
                    await destination.OpenAsync(ct);
                    source.BackupDatabase(destination);
                }
                SqliteConnection.ClearAllPools();
                return sourcePath;
            case DatabaseProvider.Postgres:
                var restore = await RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", sourcePath], settings.ConnectionString, ct);
                return restore is null ? sourcePath : Error.Conflict(restore);
        }
        return Error.Conflict("Unknown provider.");
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
