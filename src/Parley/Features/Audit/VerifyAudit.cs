using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Features.Audit;

/// <summary>Walks the hash chain from the first entry and reports the first link that does not hold.</summary>
public static class VerifyAudit
{
    public sealed record Report(bool Intact, long EntriesChecked, long? BrokenAtSequence, string? Problem);

    public static async Task<Report> HandleAsync(ParleyDb db, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        const int batch = 2000;
        var previousHash = AuditEntry.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        long lastSequence = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > lastSequence)
                .OrderBy(a => a.Sequence)
                .Take(batch)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                return new Report(true, checkedCount, null, null);
            }
            foreach (var entry in page)
            {
                if (entry.Sequence != expected)
                {
                    return new Report(false, checkedCount, expected, $"Entry {expected} is missing (next stored is {entry.Sequence}).");
                }
                if (entry.PreviousHash != previousHash)
                {
                    return new Report(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} does not link to the entry before it.");
                }
                if (entry.ComputeHash() != entry.Hash)
                {
                    return new Report(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} was altered after it was written.");
                }
                previousHash = entry.Hash;
                expected++;
                checkedCount++;
                lastSequence = entry.Sequence;
            }
            progress?.Report(checkedCount);
        }
    }
}

/// <summary>The audit trail, newest first, filtered and paginated.</summary>
public static class BrowseAudit
{
    public sealed record Request(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null,
        DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

    public sealed record Row(long Sequence, DateTime At, string ActorId, string ActorName, string Action, string EntityType,
        string EntityId, string? Before, string? After, string? RequestId, string Hash);

    /// <summary>
    /// The non-objection procedure is confidential even from the Secretariat: the trail shows that an objection was lodged or
    /// released, and when, but not who acted, for which State, or on what basis. The chain still covers the full entry.
    /// </summary>
    public const string ConfidentialActionPrefix = "objection.";

    public static readonly string[] ConfidentialTypes = ["Objection", "ObjectionRelease"];

    private const string Hidden = "[confidential]";

    private static Row Mask(Row row) =>
        row.Action.StartsWith(ConfidentialActionPrefix, StringComparison.Ordinal) || ConfidentialTypes.Contains(row.EntityType)
            ? row with { ActorId = Hidden, ActorName = Hidden, Before = row.Before is null ? null : Hidden, After = row.After is null ? null : Hidden, RequestId = null }
            : row;

    public sealed record PageOf(IReadOnlyList<Row> Items, int Page, int PageSize, int Total);

    public static async Task<PageOf> HandleAsync(ParleyDb db, Request r, CancellationToken ct = default)
    {
        var page = Math.Max(1, r.Page);
        var size = Math.Clamp(r.PageSize, 1, 200);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(r.Actor))
        {
            // Searching by actor never finds confidential entries: it would tell which delegate (so which State) objected.
            q = q.Where(a => a.ActorId == r.Actor || a.ActorName.Contains(r.Actor))
                .Where(a => !a.Action.StartsWith(ConfidentialActionPrefix) && !ConfidentialTypes.Contains(a.EntityType));
        }
        if (!string.IsNullOrWhiteSpace(r.Action))
        {
            q = q.Where(a => a.Action.StartsWith(r.Action));
        }
        if (!string.IsNullOrWhiteSpace(r.EntityType))
        {
            q = q.Where(a => a.EntityType == r.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(r.EntityId))
        {
            q = q.Where(a => a.EntityId == r.EntityId);
        }
        if (r.From is { } from)
        {
            var f = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            q = q.Where(a => a.At >= f);
        }
        if (r.To is { } to)
        {
            var t = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            q = q.Where(a => a.At < t);
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Sequence).Skip((page - 1) * size).Take(size)
            .Select(a => new Row(a.Sequence, a.At, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.RequestId, a.Hash))
            .ToListAsync(ct);
        return new PageOf(items.Select(Mask).ToList(), page, size, total);
    }
}
