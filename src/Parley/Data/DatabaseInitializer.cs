using Microsoft.EntityFrameworkCore;
using Parley.Features.Registry;

namespace Parley.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, then loads reference data (idempotent).</summary>
    public static async Task<int> MigrateAndSeedAsync(ParleyDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        return await RegistrySeed.ApplyAsync(db, ct);
    }
}
