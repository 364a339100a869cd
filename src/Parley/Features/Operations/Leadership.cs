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

    private readonly RunningInstance _held;

    private Leadership(RunningInstance held) => _held = held;

    /// <summary>The lock, or null when another node holds it (or the database cannot be reached).</summary>
    public static async Task<Leadership?> TryTakeAsync(DatabaseSettings settings, CancellationToken ct = default)
    {
        try
        {
            return await RunningInstance.AcquireAsync(settings, LockKey, ".leader", exclusive: true, ct) is { } held ? new Leadership(held) : null;
        }
        catch (Npgsql.NpgsqlException)
        {
            return null; // nobody here leads until the database is back
        }
    }

    public Task<bool> StillHeldAsync(CancellationToken ct = default) => _held.StillHeldAsync(ct);

    public ValueTask DisposeAsync() => _held.DisposeAsync();
}
