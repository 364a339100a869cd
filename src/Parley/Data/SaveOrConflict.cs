using Microsoft.EntityFrameworkCore;
using Parley.Common;

namespace Parley.Data;

public static class SaveOrConflictExtensions
{
    /// <summary>Saves; when someone else changed the same row at the same moment (optimistic concurrency), answers a conflict instead of failing.</summary>
    public static async Task<Error?> SaveOrConflictAsync(this ParleyDb db, string message, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(message);
        }
    }
}
