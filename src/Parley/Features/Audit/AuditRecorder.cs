using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Parley.Data;

namespace Parley.Features.Audit;

/// <summary>Turns tracked changes into hash-chained audit entries inside the same transaction.</summary>
internal static class AuditRecorder
{
    /// <summary>Properties whose values never enter the audit trail.</summary>
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Value", "Xml", "TokenHash",
    };

    private static readonly HashSet<string> NotAudited = new(StringComparer.Ordinal)
    {
        nameof(AuditEntry), "DataProtectionKey",
        "IdempotentRequest", // the stored answer to a write, which is itself audited
        "VerificationEntry", // rows of a public list, audited once per import through ImportBatch (with the file's hash)
    };

    /// <summary>Chain lock key for PostgreSQL advisory locks ("PARLEY" in ASCII, shortened).</summary>
    private const long ChainLockKey = 0x5041524C4559;

    internal sealed record Pending(EntityEntry Entry, EntityState State, string? Before, string? After);

    public static List<Pending> Capture(ChangeTracker tracker) =>
        tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !NotAudited.Contains(e.Metadata.ClrType.Name))
            .Select(e => new Pending(e, e.State,
                Before: e.State == EntityState.Added ? null : Serialize(e, original: true),
                After: e.State == EntityState.Modified ? Serialize(e, original: false) : null))
            .ToList();

    public static async Task AppendAsync(ParleyDb db, List<Pending> pending, IAuditActor actor, DateTime now,
        string? action, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
        }
        var last = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? AuditEntry.GenesisHash;

        foreach (var p in pending)
        {
            var type = p.Entry.Metadata.ClrType.Name;
            var verb = p.State switch
            {
                EntityState.Added => "created",
                EntityState.Modified => "updated",
                EntityState.Deleted => "deleted",
                EntityState.Detached or EntityState.Unchanged => "touched",
            };
            // Added rows are serialized after the save, once store-generated keys are known.
            var after = p.State == EntityState.Added ? Serialize(p.Entry, original: false) : p.After;
            var entry = new AuditEntry(++sequence, now, actor.ActorId, actor.ActorName,
                action ?? $"{type}.{verb}", type, KeyOf(p.Entry), p.Before, after, actor.RequestId, previous);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Serialize(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (entry.State == EntityState.Modified && !property.IsModified && !property.Metadata.IsPrimaryKey())
            {
                continue; // an update records only what changed
            }
            var name = property.Metadata.Name;
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[name] = Redacted.Contains(name) && value is not null ? "[redacted]" : Normalize(value);
        }
        return JsonSerializer.Serialize(values);
    }

    private static object? Normalize(object? value) => value switch
    {
        Enum e => e.ToString(),
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
