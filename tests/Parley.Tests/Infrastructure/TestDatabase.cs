using Microsoft.Data.Sqlite;
using Npgsql;
using Parley.Data;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one test class: a SQLite file by default, or a fresh PostgreSQL database
/// when PARLEY_TEST_POSTGRES holds a connection string to a server (CI sets it).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseSettings settings, string? postgresAdmin, string? postgresName, string? sqliteFile)
    {
        Settings = settings;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        _sqliteFile = sqliteFile;
    }

    public DatabaseSettings Settings { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static async Task<TestDatabase> CreateAsync()
    {
        if (PostgresServer is { } server)
        {
            var name = "parley_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, cs), server, name, null);
        }
        var file = Path.Combine(Path.GetTempPath(), "parley-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), null, null, file);
    }

    public ParleyDb Open() => Parley.Cli.CliApp.Open(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // a file still held open is cleaned up with the temp folder
                }
            }
        }
    }
}
