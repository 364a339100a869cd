using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the data lives: <c>Database:Provider</c> and <c>ConnectionStrings:Parley</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "data/parley.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) || providerText.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Sqlite
            : providerText.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || providerText.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                ? DatabaseProvider.Postgres
                : throw new InvalidOperationException($"Database:Provider '{providerText}' is not known; use Sqlite or Postgres.");
        var connection = configuration.GetConnectionString("Parley");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("Database:Provider=Postgres needs ConnectionStrings:Parley.");
        }
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = $"Data Source={DefaultSqlitePath}";
        }
        return new DatabaseSettings(provider, connection);
    }

    /// <summary>The SQLite file, so the host can create its folder before opening it.</summary>
    public string? SqliteFile =>
        Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;
}

public static class DatabaseServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Parley.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Parley.Migrations.Postgres";

    /// <summary>Registers ParleyDb with settings read from configuration when first resolved.</summary>
    public static IServiceCollection AddParleyDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<ParleyDb>((sp, options) => Configure(options, sp.GetRequiredService<DatabaseSettings>()));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                var file = settings.SqliteFile;
                if (!string.IsNullOrEmpty(file) && file != ":memory:")
                {
                    var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                    if (!string.IsNullOrEmpty(dir))
                    {
                        Directory.CreateDirectory(dir);
                    }
                }
                options.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
        }
    }
}

/// <summary>WAL journal (readers never block the writer, a killed process loses no committed data) and a busy timeout.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}
