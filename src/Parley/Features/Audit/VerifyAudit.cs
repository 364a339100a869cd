using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Features.Audit;

/// <summary>
/// Walks the hash chain from the first entry and reports the first link that does not hold, then checks the chain against
/// its anchors (entries cut from the end, or the whole chain rewritten and rehashed, are found there).
/// </summary>
public static class VerifyAudit
{
    public sealed record Report(bool Intact, long EntriesChecked, long? BrokenAtSequence, string? Problem, int AnchorsChecked = 0);

    public static async Task<Report> HandleAsync(ParleyDb db, AuditAnchors? anchors = null, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        const int batch = 2000;
        var previousHash = AuditEntry.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        long lastSequence = 0;
        var anchored = (anchors?.Read() ?? []).GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.Select(a => a.Hash).ToHashSet(StringComparer.Ordinal));
        var anchorsChecked = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > lastSequence)
                .OrderBy(a => a.Sequence)
                .Take(batch)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
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
                if (anchored.TryGetValue(entry.Sequence, out var hashes))
                {
                    if (!hashes.Contains(entry.Hash))
                    {
                        return new Report(false, checkedCount, entry.Sequence,
                            $"Entry {entry.Sequence} differs from its anchor: the trail was rewritten from there or earlier and rehashed.");
                    }
                    anchorsChecked++;
                }
                previousHash = entry.Hash;
                expected++;
                checkedCount++;
                lastSequence = entry.Sequence;
            }
            progress?.Report(checkedCount);
        }
        var beyond = anchored.Keys.Where(k => k > lastSequence).DefaultIfEmpty(0).Max();
        if (beyond > 0)
        {
            return new Report(false, checkedCount, lastSequence + 1,
                $"The trail ends at entry {lastSequence}, but entry {beyond} was anchored: entries were deleted from the end.");
        }
        return new Report(true, checkedCount, null, null, anchorsChecked);
    }
}

/// <summary>
/// The audit trail as the Secretariat reads it, newest first, filtered and paginated. Entries confidential to a circle the
/// reader is not in (decision 007, decision 011) are left out altogether — not masked, since a masked row still tells how
/// many and when — and the numbering the reader sees runs without gaps over what they may see. Private drafts keep their
/// words to their delegation: a proposal never submitted shows its entries without its text or justification.
/// The hash chain still covers every entry; <c>parley audit verify</c> (an operator, with the database) checks all of it.
/// </summary>
public static class BrowseAudit
{
    public sealed record Request(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null,
        DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

    /// <summary><see cref="Sequence"/> is the position among the entries this reader may see, not the stored sequence.</summary>
    public sealed record Row(long Sequence, DateTime At, string ActorId, string ActorName, string Action, string EntityType,
        string EntityId, string? Before, string? After, string? RequestId, string Hash);

    /// <summary>The non-objection procedure is confidential to the OPGA and the objecting State, even from the Secretariat.</summary>
    public const string ConfidentialActionPrefix = "objection.";

    public static readonly string[] ConfidentialTypes = ["Objection", "ObjectionRelease"];

    /// <summary>Fields of a proposal that stay with its delegation until it is submitted.</summary>
    private static readonly string[] DraftFields = ["NewText", "Justification", "OriginalWords"];

    private static IQueryable<AuditEntry> Confidential(IQueryable<AuditEntry> q) =>
        q.Where(a => a.Action.StartsWith(ConfidentialActionPrefix) || ConfidentialTypes.Contains(a.EntityType));

    private static IQueryable<AuditEntry> Readable(IQueryable<AuditEntry> q) =>
        q.Where(a => !a.Action.StartsWith(ConfidentialActionPrefix) && !ConfidentialTypes.Contains(a.EntityType));

    public sealed record PageOf(IReadOnlyList<Row> Items, int Page, int PageSize, int Total);

    public static async Task<PageOf> HandleAsync(ParleyDb db, Request r, CancellationToken ct = default)
    {
        var page = Math.Max(1, r.Page);
        var size = Math.Clamp(r.PageSize, 1, 200);
        var q = Readable(db.AuditEntries.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(r.Actor))
        {
            q = q.Where(a => a.ActorId == r.Actor || a.ActorName.Contains(r.Actor));
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
        if (items.Count == 0)
        {
            return new PageOf(items, page, size, total);
        }

        // Renumber: the stored sequence minus the confidential entries before it (they are only ever appended, so this is stable).
        var highest = items[0].Sequence;
        var hidden = await Confidential(db.AuditEntries.AsNoTracking()).Where(a => a.Sequence <= highest).Select(a => a.Sequence).OrderBy(s => s).ToListAsync(ct);
        long Visible(long sequence)
        {
            var index = hidden.BinarySearch(sequence);
            return sequence - (index >= 0 ? index : ~index);
        }

        // Drafts never submitted: their words stay with their delegation.
        var proposalIds = items.Where(i => i.EntityType == "Proposal").Select(i => int.TryParse(i.EntityId, out var id) ? id : 0).Distinct().ToList();
        var submitted = proposalIds.Count == 0 ? [] : (await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id) && p.SubmittedAt != null)
            .Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        Row Shown(Row row)
        {
            row = row with { Sequence = Visible(row.Sequence) };
            return row.EntityType == "Proposal" && !(int.TryParse(row.EntityId, out var id) && submitted.Contains(id))
                ? row with { Before = WithoutDraftWords(row.Before), After = WithoutDraftWords(row.After) }
                : row;
        }
        return new PageOf(items.Select(Shown).ToList(), page, size, total);
    }

    private static string? WithoutDraftWords(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            var values = System.Text.Json.JsonSerializer.Deserialize<SortedDictionary<string, System.Text.Json.JsonElement>>(json);
            if (values is null)
            {
                return null;
            }
            var shown = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in values)
            {
                shown[key] = DraftFields.Contains(key) && value.ValueKind != System.Text.Json.JsonValueKind.Null ? "[private draft]" : value;
            }
            return System.Text.Json.JsonSerializer.Serialize(shown);
        }
        catch (System.Text.Json.JsonException)
        {
            return "[private draft]";
        }
    }

    /// <summary>What the Secretariat may learn from a check of the chain: whether it holds, and how many entries it may see.</summary>
    public sealed record ChainState(bool Intact, int VisibleEntries, string? Problem);

    public static async Task<ChainState> VerifyAsync(ParleyDb db, AuditAnchors anchors, CancellationToken ct = default)
    {
        var report = await VerifyAudit.HandleAsync(db, anchors, ct: ct);
        var visible = await Readable(db.AuditEntries.AsNoTracking()).CountAsync(ct);
        // The problem is described without stored sequence numbers, which would tell how many confidential entries exist.
        return new ChainState(report.Intact, visible, report.Intact ? null : "The audit trail does not verify; an operator should run `parley audit verify`.");
    }
}
