using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Parley.Data;

namespace Parley.Features.Texts;

/// <summary>
/// Keeps, per version, the submitted proposals as the compilation needs them and the compilation built from all of them, and
/// reuses both while a cheap stamp of the version's proposals (count, highest id, sum of row versions) is unchanged. Any write —
/// from this process or another — changes the stamp, so nothing stale is served. Drafts are never cached (they are per delegation).
/// </summary>
public sealed class CompilationCache
{
    public sealed record Item(ProposalView View, string SponsorCode, IReadOnlyList<string> CosponsorCodes);

    private sealed record Entry((int Count, int MaxId, long Versions) Stamp, IReadOnlyList<Item> Items, Lazy<IReadOnlyList<CompiledProvision>> Unfiltered,
        Lazy<IReadOnlyList<string>> Delegations);

    /// <summary>Every delegation named on the version's submitted proposals (sponsors and co-sponsors), sorted.</summary>
    public static IReadOnlyList<string> DelegationsOf(IEnumerable<ProposalView> views) => views.SelectMany(v => v.Sponsors).Distinct().Order().ToList();

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    /// <summary>A filtered compilation (by delegation, group, section or status) as built once for a stamp.</summary>
    public sealed record Filtered(IReadOnlyList<CompiledProvision> Compiled, int Proposals, IReadOnlyList<string> Delegations);

    private const int MaxFiltered = 512;
    private readonly ConcurrentDictionary<string, Filtered> _filtered = new(StringComparer.Ordinal);

    /// <summary>
    /// Filtered compilations, kept per (version, stamp, filter) like the whole one: 20 readers of one delegation's view share
    /// one build. The key names the stamp, so a change makes old keys unreachable; the store is emptied when it grows past 512.
    /// </summary>
    public Filtered GetOrBuildFiltered(string key, Func<Filtered> build)
    {
        if (_filtered.TryGetValue(key, out var found))
        {
            return found;
        }
        if (_filtered.Count >= MaxFiltered)
        {
            _filtered.Clear();
        }
        return _filtered.GetOrAdd(key, _ => build());
    }

    public static async Task<(int Count, int MaxId, long Versions)> StampAsync(ParleyDb db, int versionId, CancellationToken ct)
    {
        var stamp = await db.Proposals.AsNoTracking().Where(p => p.VersionId == versionId && p.Status != ProposalStatus.Draft)
            .GroupBy(p => 1).Select(g => new { Count = g.Count(), MaxId = g.Max(p => p.Id), Versions = g.Sum(p => (long)p.Version) }).FirstOrDefaultAsync(ct);
        return stamp is null ? (0, 0, 0) : (stamp.Count, stamp.MaxId, stamp.Versions);
    }

    public async Task<(IReadOnlyList<Item> Items, Func<IReadOnlyList<CompiledProvision>> Unfiltered, string Stamp, Func<IReadOnlyList<string>> Delegations)> GetAsync(ParleyDb db, int versionId, IReadOnlyList<ProvisionData> provisions, CancellationToken ct)
    {
        var stamp = await StampAsync(db, versionId, ct);
        if (_entries.TryGetValue(versionId, out var entry) && entry.Stamp == stamp)
        {
            return (entry.Items, () => entry.Unfiltered.Value, $"{stamp.Count}.{stamp.MaxId}.{stamp.Versions}", () => entry.Delegations.Value);
        }
        var items = await LoadAsync(db, versionId, ct);
        var fresh = new Entry(stamp, items, new Lazy<IReadOnlyList<CompiledProvision>>(() => Compilation.Build(provisions, items.Select(i => i.View))),
            new Lazy<IReadOnlyList<string>>(() => DelegationsOf(items.Select(i => i.View))));
        _entries[versionId] = fresh;
        return (fresh.Items, () => fresh.Unfiltered.Value, $"{stamp.Count}.{stamp.MaxId}.{stamp.Versions}", () => fresh.Delegations.Value);
    }

    /// <summary>Non-draft, non-withdrawn proposals projected straight from the database (no change tracking, no entity graph).</summary>
    public static async Task<IReadOnlyList<Item>> LoadAsync(ParleyDb db, int versionId, CancellationToken ct)
    {
        var rows = await db.Proposals.AsNoTracking().Where(p => p.VersionId == versionId && p.Status != ProposalStatus.Draft && p.Status != ProposalStatus.Withdrawn)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Kind, p.ProvisionKey, p.AfterKey, p.Start, p.End, p.NewText, p.NewKind, p.SponsorCode, p.SponsorIsGroup, p.Status, p.WordsChanged, p.Justification, p.SubmittedAt })
            .ToListAsync(ct);
        var cosponsors = (await db.Set<ProposalCosponsor>().AsNoTracking()
                .Join(db.Proposals.Where(p => p.VersionId == versionId && p.Status != ProposalStatus.Draft && p.Status != ProposalStatus.Withdrawn),
                    c => c.ProposalId, p => p.Id, (c, p) => new { Id = c.ProposalId, c.Code, c.IsGroup })
                .ToListAsync(ct))
            .ToLookup(c => c.Id);
        var label = await Delegations.LabelsAsync(db, ct);
        return rows.Select(p =>
        {
            var co = cosponsors[p.Id].ToList();
            var view = new ProposalView(p.Id, p.Kind, p.ProvisionKey, p.AfterKey, p.Start, p.End, p.NewText, p.NewKind,
                [label(p.SponsorCode, p.SponsorIsGroup), .. co.Select(c => label(c.Code, c.IsGroup))], Proposals.StatusSlug(p.Status), p.WordsChanged, p.Justification,
                p.SubmittedAt is { } submitted ? DateTime.SpecifyKind(submitted, DateTimeKind.Utc) : null);
            return new Item(view, p.SponsorCode, co.Select(c => c.Code).ToList());
        }).ToList();
    }
}
