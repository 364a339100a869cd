using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;

namespace Parley.Features.Texts;

/// <summary>Reading a version, its compilation, and comparing versions.</summary>
public static class TextQueries
{
    public sealed record StatusView(string Status, string? WaitsOn, string SetBy, DateTime SetAt);

    public sealed record VersionView(int Id, int TextId, string TextTitle, string Process, int Sequence, string Label, string? Symbol, DateOnly Date, string Author,
        DateTime? ProposalDeadlineUtc, bool IsAdopted, bool IsLatest, IReadOnlyList<ProvisionData> Provisions, IReadOnlyDictionary<string, StatusView> Statuses,
        IReadOnlyList<(int Id, string Label)> AllVersions, string? TextCode = null, string? Mandate = null);

    public static async Task<VersionView?> VersionAsync(ParleyDb db, int versionId, CancellationToken ct = default)
    {
        var v = await db.TextVersions.AsNoTracking().Include(x => x.Provisions).FirstOrDefaultAsync(x => x.Id == versionId, ct);
        if (v is null)
        {
            return null;
        }
        // The text and its process's modalities version in one query (the version names the cached mandate below).
        var text = await db.Texts.AsNoTracking().Where(t => t.Id == v.TextId)
            .Select(t => new { t.Title, t.ProcessId, t.Code, Modalities = db.Processes.Where(p => p.Id == t.ProcessId).Select(p => p.CurrentVersion).FirstOrDefault() })
            .FirstAsync(ct);
        var all = await db.TextVersions.AsNoTracking().Where(x => x.TextId == v.TextId).OrderBy(x => x.Sequence).Select(x => new { x.Id, x.Label, x.Sequence }).ToListAsync(ct);
        return new VersionView(v.Id, v.TextId, text.Title, text.ProcessId, v.Sequence, v.Label, v.Symbol, v.Date, v.Author, v.ProposalDeadlineUtc, v.IsAdopted,
            all[^1].Id == v.Id, v.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList(), await StatusesAsync(db, versionId, ct),
            all.Select(x => (x.Id, x.Label)).ToList(), text.Code, await MandateAsync(db, text.ProcessId, text.Modalities, ct));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Mandates = new(StringComparer.Ordinal);

    /// <summary>The symbol of the resolution that mandates the process ("A/RES/71/280"), read once per modalities version.</summary>
    private static async Task<string?> MandateAsync(ParleyDb db, string processId, int version, CancellationToken ct)
    {
        var key = $"{db.Database.GetConnectionString()}|{processId}|{version}";
        if (Mandates.TryGetValue(key, out var known))
        {
            return known;
        }
        var symbol = (await Processes.ProcessQueries.FindAsync(db, processId, ct))?.Definition.Mandate.Symbol;
        return symbol is null ? null : Mandates[key] = symbol;
    }

    public static async Task<IReadOnlyDictionary<string, StatusView>> StatusesAsync(ParleyDb db, int versionId, CancellationToken ct = default) =>
        (await db.ProvisionStatuses.AsNoTracking().Where(s => s.VersionId == versionId).OrderBy(s => s.Id).ToListAsync(ct))
            .GroupBy(s => s.ProvisionKey).ToDictionary(g => g.Key, g => g.Last() is var s ? new StatusView(TextCommands.StatusSlug(s.Status), s.WaitsOnKey, s.SetBy, s.SetAt) : null!);

    public static async Task<IReadOnlyList<StatusView>> StatusHistoryAsync(ParleyDb db, int versionId, string key, CancellationToken ct = default) =>
        (await db.ProvisionStatuses.AsNoTracking().Where(s => s.VersionId == versionId && s.ProvisionKey == key).OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new StatusView(TextCommands.StatusSlug(s.Status), s.WaitsOnKey, s.SetBy, s.SetAt)).ToList();

    public sealed record CompilationFilter(string? Delegation = null, string? Group = null, string? Section = null, string? Status = null);

    /// <summary>The compilation; <see cref="Stamp"/> identifies its content when it is the whole, draft-free compilation (for caching what is built from it).</summary>
    public sealed record CompilationView(VersionView Version, IReadOnlyList<CompiledProvision> Provisions, int Proposals, IReadOnlyList<string> Delegations, string? Stamp = null);

    /// <summary>The compilation of submitted proposals (never drafts), filtered. A cache, when given, spares reloading unchanged proposals.</summary>
    public static async Task<Result<CompilationView>> CompilationAsync(ParleyDb db, int versionId, CompilationFilter filter, CancellationToken ct = default,
        CompilationCache? cache = null)
    {
        var version = await VersionAsync(db, versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        IReadOnlyList<CompilationCache.Item> items;
        Func<IReadOnlyList<CompiledProvision>> unfiltered;
        string? stamp = null;
        Func<IReadOnlyList<string>>? allDelegations = null;
        if (cache is null)
        {
            var loaded = await CompilationCache.LoadAsync(db, versionId, ct);
            (items, unfiltered) = (loaded, () => Compilation.Build(version.Provisions, loaded.Select(i => i.View)));
        }
        else
        {
            (items, unfiltered, stamp, allDelegations) = await cache.GetAsync(db, versionId, version.Provisions, ct);
        }
        // Drafts never enter the compilation, not even the drafter's own (a forwarded export would circulate them);
        // the compilation page lists the viewer's drafts apart, outside the text.
        var filtered = !string.IsNullOrWhiteSpace(filter.Delegation) || !string.IsNullOrWhiteSpace(filter.Group)
            || !string.IsNullOrWhiteSpace(filter.Section) || !string.IsNullOrWhiteSpace(filter.Status);
        IEnumerable<CompilationCache.Item> selected = items;
        var groupMembers = "";
        if (!string.IsNullOrWhiteSpace(filter.Delegation))
        {
            var code = filter.Delegation.Trim().ToUpperInvariant();
            selected = selected.Where(p => p.SponsorCode == code || p.CosponsorCodes.Contains(code) || p.View.Sponsors.Contains(filter.Delegation.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(filter.Group))
        {
            var code = filter.Group.Trim().ToUpperInvariant();
            var members = await db.GroupMembers.AsNoTracking().Join(db.NegotiatingGroups.Where(g => g.Code == code), m => m.GroupId, g => g.Id, (m, g) => m.StateIso3).ToListAsync(ct);
            groupMembers = string.Join(',', members.Order(StringComparer.Ordinal)); // membership can change without any proposal changing
            selected = selected.Where(p => p.SponsorCode == code || members.Contains(p.SponsorCode) || p.CosponsorCodes.Any(c => c == code || members.Contains(c)));
        }
        var provisions = version.Provisions;
        if (!string.IsNullOrWhiteSpace(filter.Section))
        {
            var inSection = new HashSet<string> { filter.Section };
            foreach (var p in provisions)
            {
                if (p.ParentKey is not null && inSection.Contains(p.ParentKey))
                {
                    inSection.Add(p.Key);
                }
            }
            provisions = provisions.Where(p => inSection.Contains(p.Key)).ToList();
        }
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var wanted = filter.Status.Trim().ToLowerInvariant();
            provisions = provisions.Where(p => (version.Statuses.TryGetValue(p.Key, out var s) ? s.Status : "bracketed") == wanted
                || p.Kind is ProvisionKind.Section or ProvisionKind.Heading).ToList();
        }
        var statuses = string.Join(',', version.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value.Status}"));
        var fullStamp = stamp is null ? null : $"{stamp}:{Hash(statuses)}";
        if (!filtered)
        {
            var all = items.Select(p => p.View).ToList();
            return new CompilationView(version, unfiltered(), all.Count, allDelegations is not null ? allDelegations() : CompilationCache.DelegationsOf(all), fullStamp);
        }
        CompilationCache.Filtered Build()
        {
            var views = selected.Select(p => p.View).ToList();
            return new CompilationCache.Filtered(Compilation.Build(provisions, views), views.Count, CompilationCache.DelegationsOf(views));
        }
        // The filter is part of the stamp: the JSON bytes and the page's article are then cached per filter too.
        var filterKey = Hash($"{filter.Delegation?.Trim().ToUpperInvariant()}|{filter.Group?.Trim().ToUpperInvariant()}|{filter.Section}|{filter.Status?.Trim().ToLowerInvariant()}|{groupMembers}");
        var filteredStamp = fullStamp is null ? null : $"{fullStamp}:{filterKey}";
        var built = cache is not null && filteredStamp is not null ? cache.GetOrBuildFiltered($"{versionId}:{filteredStamp}", Build) : Build();
        return new CompilationView(version, built.Compiled, built.Proposals, built.Delegations, filteredStamp);
    }

    private static string Hash(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    public enum ChangeKind { Unchanged, Added, Deleted, Changed }

    public sealed record ProvisionChange(string Key, ChangeKind Kind, bool Moved, string? OldNumber, string? NewNumber, ProvisionKind ProvisionKind,
        string OldText, string NewText, IReadOnlyList<WordEdit> Edits)
    {
        public bool Renumbered => Kind is ChangeKind.Unchanged or ChangeKind.Changed && OldNumber != NewNumber;
    }

    public sealed record Comparison(int FromId, string FromLabel, int ToId, string ToLabel, IReadOnlyList<ProvisionChange> Changes,
        int Added, int Deleted, int Moved, int Renumbered, int Changed);

    /// <summary>
    /// Who changed each provision of <paramref name="to"/>, where the record says so: the sponsors of the proposals on
    /// <paramref name="from"/> that were incorporated (wholly or partly) into it. A new provision is matched to the proposal that
    /// added it by its words (accepted as proposed) or by the provision it was proposed after.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> IncorporatedByAsync(ParleyDb db, VersionView from, VersionView to, CancellationToken ct = default)
    {
        var rows = await db.Proposals.AsNoTracking()
            .Where(p => p.VersionId == from.Id && (p.Status == ProposalStatus.Incorporated || p.Status == ProposalStatus.PartlyIncorporated))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Kind, p.ProvisionKey, p.AfterKey, p.NewText, p.SponsorCode, p.SponsorIsGroup }).ToListAsync(ct);
        var label = await Delegations.LabelsAsync(db, ct);
        var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string who) => (byKey.TryGetValue(key, out var l) ? l : byKey[key] = []).Add(who);
        var oldKeys = from.Provisions.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var added = to.Provisions.Select((p, i) => (p, i)).Where(x => !oldKeys.Contains(x.p.Key)).ToList();
        foreach (var r in rows)
        {
            var who = label(r.SponsorCode, r.SponsorIsGroup);
            if (r.Kind != ProposalKind.AddProvision)
            {
                Add(r.ProvisionKey, who);
                continue;
            }
            var words = Words.Normalize(r.NewText);
            var match = added.FirstOrDefault(x => Words.Normalize(x.p.Text) == words).p
                ?? added.FirstOrDefault(x => x.i > 0 && to.Provisions.Take(x.i).Reverse().FirstOrDefault(o => oldKeys.Contains(o.Key))?.Key == r.AfterKey).p;
            if (match is not null)
            {
                Add(match.Key, who);
            }
        }
        return byKey.ToDictionary(x => x.Key, x => string.Join(", ", x.Value.Distinct()), StringComparer.Ordinal);
    }

    /// <summary>Provision-aware comparison: provisions matched by identity, then a word-level diff of each.</summary>
    public static Comparison Compare(VersionView from, VersionView to)
    {
        var oldByKey = from.Provisions.ToDictionary(p => p.Key);
        var newByKey = to.Provisions.ToDictionary(p => p.Key);
        var common = from.Provisions.Where(p => newByKey.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        var newIndex = to.Provisions.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var stay = LongestIncreasing(common.Select(k => newIndex[k]).ToList()).Select(i => common[i]).ToHashSet();
        var changes = new List<ProvisionChange>();
        foreach (var p in to.Provisions)
        {
            if (!oldByKey.TryGetValue(p.Key, out var old))
            {
                changes.Add(new ProvisionChange(p.Key, ChangeKind.Added, false, null, p.Number, p.Kind, "", p.Text, [new WordEdit(0, 0, 0, Words.Split(p.Text).Length)]));
                continue;
            }
            var edits = TextDiff.Edits(Words.Split(old.Text), Words.Split(p.Text));
            changes.Add(new ProvisionChange(p.Key, edits.Count == 0 ? ChangeKind.Unchanged : ChangeKind.Changed, !stay.Contains(p.Key), old.Number, p.Number, p.Kind, old.Text, p.Text, edits));
        }
        // Deleted provisions are shown where they stood: after the provision that preceded them in the old version.
        foreach (var (p, i) in from.Provisions.Select((p, i) => (p, i)).Where(x => !newByKey.ContainsKey(x.p.Key)))
        {
            var before = from.Provisions.Take(i).Reverse().FirstOrDefault(x => newByKey.ContainsKey(x.Key));
            var at = before is null ? 0 : changes.FindIndex(c => c.Key == before.Key) + 1;
            while (at < changes.Count && changes[at].Kind == ChangeKind.Deleted)
            {
                at++;
            }
            changes.Insert(at, new ProvisionChange(p.Key, ChangeKind.Deleted, false, p.Number, null, p.Kind, p.Text, "", [new WordEdit(0, Words.Split(p.Text).Length, 0, 0)]));
        }
        return new Comparison(from.Id, from.Label, to.Id, to.Label, changes, changes.Count(c => c.Kind == ChangeKind.Added), changes.Count(c => c.Kind == ChangeKind.Deleted),
            changes.Count(c => c.Moved), changes.Count(c => c.Renumbered), changes.Count(c => c.Kind == ChangeKind.Changed));
    }

    /// <summary>Indexes of a longest strictly increasing subsequence (patience sorting, O(n log n)): what stayed in place.</summary>
    internal static List<int> LongestIncreasing(IReadOnlyList<int> values)
    {
        var tails = new List<int>();
        var previous = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (values[tails[mid]] < values[i])
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }
        var result = new List<int>();
        for (var k = tails.Count > 0 ? tails[^1] : -1; k >= 0; k = previous[k])
        {
            result.Add(k);
        }
        result.Reverse();
        return result;
    }
}
