using Npgsql;
using Parley.Data;

namespace Parley.Features.Operations;

/// <summary>
/// Which node does the background work (deadlines, silence outcomes) when several app nodes share one database: the one that
/// holds this lock, and only while it holds it. On PostgreSQL a session advisory lock on a connection of its own — the server
/// releases it when that node's connection ends, even after a kill -9, and another node takes it at its next try. On SQLite
/// (nodes on one machine sharing a file) an exclusive flock on <c>parley.db.leader</c>, released by the kernel the same way.
/// </summary>
public sealed class Leadership : IAsyncDisposable
{
    /// <summary>"PARLEY-LEAD" shortened; advisory locks are scoped to the database.</summary>
    private const long LockKey = 0x50524C59_4C4544;

    private readonly FileStream? _file;
    private readonly NpgsqlConnection? _connection;

    private Leadership(FileStream? file, NpgsqlConnection? connection)
    {
        _file = file;
        _connection = connection;
    }

    /// <summary>The lock, or null when another node holds it.</summary>
    public static async Task<Leadership?> TryTakeAsync(DatabaseSettings settings, CancellationToken ct = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var path = Path.GetFullPath((settings.SqliteFile ?? DatabaseSettings.DefaultSqlitePath) + ".leader");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                return new Leadership(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), null);
            }
            catch (IOException)
            {
                return null;
            }
        }
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", connection);
            command.Parameters.AddWithValue("k", LockKey);
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return new Leadership(null, connection);
            }
        }
        catch (NpgsqlException)
        {
            // the database is unreachable: nobody here leads until it is back
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Whether the lock is still held: a PostgreSQL connection that broke (server restart, network) lost it.</summary>
    public async Task<bool> StillHeldAsync(CancellationToken ct = default)
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
            await _file.DisposeAsync();
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync(); // closing the session releases the advisory lock
        }
    }
}
