using Microsoft.Data.Sqlite;
using Npgsql;
using Parley.Data;

namespace Parley.Features.Operations;

/// <summary>
/// Tells a restore whether Parley is running against a database. Every web app instance holds a shared lock for its
/// lifetime; a restore takes the exclusive one, which it cannot get while any instance runs. On SQLite the lock is an
/// flock on a file beside the database (<c>parley.db.lock</c>); on PostgreSQL a session advisory lock, which the server
/// releases when an instance's connection ends, even after a kill -9.
/// </summary>
public sealed class RunningInstance : IAsyncDisposable
{
    /// <summary>"PARLEY-RUN" shortened; advisory locks are scoped to the database.</summary>
    private const long LockKey = 0x50524C59_52554E;

    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private RunningInstance(FileStream? file, NpgsqlConnection? connection)
    {
        _file = file;
        _connection = connection;
    }

    public static string LockFileOf(DatabaseSettings settings) =>
        Path.GetFullPath((settings.SqliteFile ?? DatabaseSettings.DefaultSqlitePath) + ".lock");

    /// <summary>Held by a running web app; several instances may hold it together.</summary>
    public static Task<RunningInstance?> AcquireSharedAsync(DatabaseSettings settings, CancellationToken ct = default) =>
        AcquireAsync(settings, LockKey, ".lock", exclusive: false, ct);

    /// <summary>Held by a restore; null while any web app instance runs.</summary>
    public static Task<RunningInstance?> TryAcquireExclusiveAsync(DatabaseSettings settings, CancellationToken ct = default) =>
        AcquireAsync(settings, LockKey, ".lock", exclusive: true, ct);

    /// <summary>
    /// A lock on the database without waiting: a session advisory lock on a connection of its own (PostgreSQL), or a flock on a
    /// file beside the database named with <paramref name="fileSuffix"/> (SQLite); both freed when the holder goes, even killed.
    /// </summary>
    internal static async Task<RunningInstance?> AcquireAsync(DatabaseSettings settings, long key, string fileSuffix, bool exclusive, CancellationToken ct)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                var path = Path.GetFullPath((settings.SqliteFile ?? DatabaseSettings.DefaultSqlitePath) + fileSuffix);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    // .NET takes flock(LOCK_EX) for FileShare.None and flock(LOCK_SH) otherwise, both without waiting.
                    // Unbuffered: nothing is written, so closing it has nothing to flush.
                    return new RunningInstance(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
                        exclusive ? FileShare.None : FileShare.ReadWrite | FileShare.Delete, bufferSize: 0), null);
                }
                catch (IOException)
                {
                    return null;
                }
            case DatabaseProvider.Postgres:
                var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString());
                await connection.OpenAsync(ct);
                await using (var command = new NpgsqlCommand(exclusive ? "SELECT pg_try_advisory_lock(@k)" : "SELECT pg_try_advisory_lock_shared(@k)", connection))
                {
                    command.Parameters.AddWithValue("k", key);
                    if (await command.ExecuteScalarAsync(ct) is true)
                    {
                        return new RunningInstance(null, connection);
                    }
                }
                await connection.DisposeAsync();
                return null;
        }
        return null;
    }

    /// <summary>Whether the lock is still held: a PostgreSQL connection that broke (server restart, network) lost it.</summary>
    internal async Task<bool> StillHeldAsync(CancellationToken ct)
    {
        if (_connection is null)
        {
            return true;
        }
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            try
            {
                await _file.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // Already closed: the lock is released either way.
            }
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync(); // closing the session releases its advisory locks
        }
    }
}
