using Microsoft.EntityFrameworkCore;
using Parley.Features.Registry;

namespace Parley.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations, then loads reference data (idempotent).</summary>
    public static async Task<int> MigrateAndSeedAsync(ParleyDb db, CancellationToken ct = default, TimeProvider? clock = null)
    {
        await db.Database.MigrateAsync(ct);
        var changed = await RegistrySeed.ApplyAsync(db, ct);
        return changed + await Features.Processes.ProcessSeed.ApplyAsync(db, clock ?? TimeProvider.System, ct);
    }
}
