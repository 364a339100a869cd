using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Bench;

/// <summary>A migrated and seeded SQLite file for one benchmark class.</summary>
internal static class BenchDatabase
{
    public static (string File, DbContextOptions<ParleyDb> Options) Create()
    {
        var file = Path.Combine(Path.GetTempPath(), $"parley-bench-{Guid.NewGuid():N}.db");
        var builder = new DbContextOptionsBuilder<ParleyDb>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"));
        using var db = new ParleyDb(builder.Options);
        DatabaseInitializer.MigrateAndSeedAsync(db).GetAwaiter().GetResult();
        return (file, builder.Options);
    }

    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
