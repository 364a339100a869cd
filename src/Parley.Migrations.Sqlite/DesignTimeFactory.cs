using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parley.Data;

namespace Parley.Migrations.Sqlite;

/// <summary>Used only by `dotnet ef migrations add`; see docs/decisions/002-one-migrations-set-per-provider.md.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ParleyDb>
{
    public ParleyDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ParleyDb>();
        DatabaseServiceCollectionExtensions.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new ParleyDb(options.Options);
    }
}
