namespace Parley.Features.Texts;

/// <summary>A submitted proposal as the compilation needs it: what, where, and who (sponsor and co-sponsors, as labels).</summary>
public sealed record ProposalView(int Id, ProposalKind Kind, string ProvisionKey, string? AfterKey, int Start, int End, string? NewText,
    ProvisionKind? NewKind, IReadOnlyList<string> Sponsors, string Status, bool WordsChanged, string? Justification = null, DateTime? SubmittedAt = null)
{
    public string Attribution => string.Join(", ", Sponsors);
}

public enum SegmentKind { Text, Deletion, Insertion, Replacement, Alternatives }

/// <summary>
/// A run of a provision in the compilation. Text: words nobody touched. Deletion / Insertion / Replacement: one proposal (or several
/// identical ones, sponsors merged). Alternatives: proposals that overlap at word level, shown as "Alt 1 / Alt 2" over the old words.
/// </summary>
public sealed record Segment(SegmentKind Kind, string OldWords, IReadOnlyList<Alternative> Alternatives)
{
    public static Segment Plain(string words) => new(SegmentKind.Text, words, []);

    /// <summary>
    /// Where one alternative of this segment falls in its words: the words before it, the words it deletes or replaces (none for
    /// an insertion), and the words after — so each alternative is shown over the words it proposes, not over the union.
    /// </summary>
    public (string Before, string Own, string After) Split(Alternative a)
    {
        if (Alternatives.Count == 0)
        {
            return ("", OldWords, "");
        }
        var words = Words.Split(OldWords);
        var start = Alternatives.Min(x => x.Proposal.Start);
        int from = Math.Clamp(a.Proposal.Start - start, 0, words.Length), to = Math.Clamp(a.Proposal.End - start, from, words.Length);
        return (Words.Slice(words, 0, from), Words.Slice(words, from, to), Words.Slice(words, to, words.Length));
    }
}

/// <summary>One proposal's words in a segment (null for a deletion).</summary>
public sealed record Alternative(ProposalView Proposal, string? NewWords, IReadOnlyList<string> Sponsors, IReadOnlyList<int> ProposalIds);

public sealed record CompiledProvision(ProvisionData Provision, IReadOnlyList<Segment> Segments, IReadOnlyList<ProposalView> Retain,
    IReadOnlyList<ProposalView> DeleteProvision, IReadOnlyList<ProposalView> Move, IReadOnlyList<ProposalView> WholeAlternatives,
    IReadOnlyList<ProposalView> AddedAfter, int ProposalCount, IReadOnlyList<string>? AddedNumbers = null)
{
    /// <summary>True when word-level proposals change the provision's words (so a proposal to delete it must not hide them).</summary>
    public bool HasWordLevel => Segments.Any(s => s.Kind != SegmentKind.Text);

    /// <summary>Every proposal this provision places, once each (identical word-level proposals share a segment but keep their ids).</summary>
    /// <summary>The number the i-th new provision proposed after this one carries, in UN usage: "4 bis", "4 ter", "(a) bis"…</summary>
    public string NewNumber(int index) => AddedNumbers is { } n && index < n.Count ? n[index] : Compilation.Bis(Provision.Number, index);

    public IEnumerable<int> ProposalIds =>
        Segments.SelectMany(s => s.Alternatives).SelectMany(a => a.ProposalIds)
            .Concat(Retain.Select(p => p.Id)).Concat(DeleteProvision.Select(p => p.Id)).Concat(Move.Select(p => p.Id))
            .Concat(WholeAlternatives.Select(p => p.Id)).Concat(AddedAfter.Select(p => p.Id));
}

/// <summary>Builds the compilation text: a version with every submitted proposal inline and attributed. Pure and in memory.</summary>
public static class Compilation
{
    public static IReadOnlyList<CompiledProvision> Build(IReadOnlyList<ProvisionData> provisions, IEnumerable<ProposalView> proposals)
    {
        var byProvision = new Dictionary<string, List<ProposalView>>(StringComparer.Ordinal);
        var added = new Dictionary<string, List<ProposalView>>(StringComparer.Ordinal);
        // A draft (or a withdrawn proposal) is never compiled, whoever passes it in; submitted ones are, and on an earlier
        // version so are those the revision settled (incorporated, not incorporated, carried forward).
        foreach (var p in proposals.Where(p => p.Status is not ("draft" or "withdrawn")))
        {
            if (p.Kind == ProposalKind.AddProvision)
            {
                (added.TryGetValue(p.AfterKey ?? p.ProvisionKey, out var l) ? l : added[p.AfterKey ?? p.ProvisionKey] = []).Add(p);
            }
            else
            {
                (byProvision.TryGetValue(p.ProvisionKey, out var l) ? l : byProvision[p.ProvisionKey] = []).Add(p);
            }
        }
        var result = new List<CompiledProvision>(provisions.Count);
        // New provisions are numbered from the last provision of their kind before them ("11 bis" even when proposed at the
        // head of the next section), and the count goes on per number so that two anchors never both make "11 bis".
        var lastNumber = new Dictionary<ProvisionKind, string>();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        string Scope(ProvisionKind kind, string number) =>
            $"{kind}:{(kind == ProvisionKind.Subparagraph ? lastNumber.GetValueOrDefault(ProvisionKind.Paragraph, "") : "")}:{number}";
        void See(ProvisionData provision)
        {
            lastNumber[provision.Kind] = provision.Number;
            if (provision.Kind != ProvisionKind.Subparagraph)
            {
                lastNumber.Remove(ProvisionKind.Subparagraph); // "(a)" counts within its paragraph
            }
        }
        // Numbers the text already has ("3 bis") are taken: a new paragraph after 3 is then "3 ter".
        foreach (var provision in provisions)
        {
            See(provision);
            var parts = provision.Number.Split(' ');
            if (parts.Length > 1 && Array.IndexOf(Latin, parts[^1]) is var index and >= 0)
            {
                var scope = Scope(provision.Kind, string.Join(' ', parts[..^1]));
                used[scope] = Math.Max(used.GetValueOrDefault(scope), index + 1);
            }
        }
        lastNumber.Clear();
        foreach (var provision in provisions)
        {
            See(provision);
            var own = byProvision.GetValueOrDefault(provision.Key) ?? [];
            var words = Words.Split(provision.Text);
            var wordLevel = own.Where(p => p.Kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Delete).ToList();
            var after = added.GetValueOrDefault(provision.Key) ?? [];
            result.Add(new CompiledProvision(provision, Segments(words, wordLevel),
                own.Where(p => p.Kind == ProposalKind.Retain).ToList(),
                own.Where(p => p.Kind == ProposalKind.DeleteProvision).ToList(),
                own.Where(p => p.Kind == ProposalKind.MoveProvision).ToList(),
                own.Where(p => p.Kind == ProposalKind.Alternative).ToList(),
                after, own.Count + after.Count, after.Select(a =>
                {
                    var kind = a.NewKind ?? ProvisionKind.Paragraph;
                    var number = lastNumber.GetValueOrDefault(kind, "");
                    var scope = Scope(kind, number);
                    var index = used.GetValueOrDefault(scope);
                    used[scope] = index + 1;
                    return Bis(number, index);
                }).ToList()));
        }
        return result;
    }

    /// <summary>The ordinals of UN numbering after a number: "4 bis", "4 ter"… (also used when a revision numbers an added paragraph).</summary>
    internal static readonly string[] Latin = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

    /// <summary>"4" and 0 → "4 bis", 1 → "4 ter"…; past "decies", "4 bis-11" (no text gets there, but the number stays unique).</summary>
    public static string Bis(string number, int index)
    {
        var suffix = index < Latin.Length ? Latin[index] : $"bis-{index + 1}";
        return number.Length == 0 ? suffix : $"{number} {suffix}";
    }

    /// <summary>True when two word-level proposals touch the same words (or insert at the same point).</summary>
    public static bool Overlap(ProposalView a, ProposalView b)
    {
        var aInsert = a.Start == a.End;
        var bInsert = b.Start == b.End;
        return (aInsert, bInsert) switch
        {
            (true, true) => a.Start == b.Start,
            (true, false) => b.Start < a.Start && a.Start < b.End,
            (false, true) => a.Start < b.Start && b.Start < a.End,
            (false, false) => a.Start < b.End && b.Start < a.End,
        };
    }

    private static List<Segment> Segments(string[] words, List<ProposalView> proposals)
    {
        var segments = new List<Segment>();
        if (proposals.Count == 0)
        {
            if (words.Length > 0)
            {
                segments.Add(Segment.Plain(Words.Join(words)));
            }
            return segments;
        }
        // Identical proposals (same kind, range and words) are one alternative with several sponsors.
        var merged = proposals
            .GroupBy(p => (p.Kind, p.Start, p.End, Text: Words.Normalize(p.NewText)))
            .Select(g => g.OrderBy(p => p.Id).ToList())
            .OrderBy(g => g[0].Start).ThenBy(g => g[0].End).ThenBy(g => g[0].Id)
            .ToList();
        var clusters = new List<List<List<ProposalView>>>();
        foreach (var group in merged)
        {
            var target = clusters.FirstOrDefault(c => c.Any(o => Overlap(o[0], group[0])));
            if (target is null)
            {
                clusters.Add([group]);
            }
            else
            {
                target.Add(group);
            }
        }
        // Clusters joined through a later member are merged until stable.
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < clusters.Count && !changed; i++)
            {
                for (var j = i + 1; j < clusters.Count && !changed; j++)
                {
                    if (clusters[i].Any(a => clusters[j].Any(b => Overlap(a[0], b[0]))))
                    {
                        clusters[i].AddRange(clusters[j]);
                        clusters.RemoveAt(j);
                        changed = true;
                    }
                }
            }
        }
        var position = 0;
        foreach (var cluster in clusters.OrderBy(c => c.Min(g => g[0].Start)).ThenBy(c => c.Max(g => g[0].End)))
        {
            var start = cluster.Min(g => g[0].Start);
            var end = cluster.Max(g => g[0].End);
            if (start > position)
            {
                segments.Add(Segment.Plain(Words.Slice(words, position, start)));
            }
            var alternatives = cluster.Select(g => new Alternative(g[0], g[0].Kind == ProposalKind.Delete ? null : Words.Normalize(g[0].NewText),
                g.SelectMany(p => p.Sponsors).Distinct().ToList(), g.Select(p => p.Id).ToList())).ToList();
            var kind = cluster.Count > 1 ? SegmentKind.Alternatives : cluster[0][0].Kind switch
            {
                ProposalKind.Delete => SegmentKind.Deletion,
                ProposalKind.Insert => SegmentKind.Insertion,
                _ => SegmentKind.Replacement,
            };
            segments.Add(new Segment(kind, Words.Slice(words, start, end), alternatives));
            position = Math.Max(position, end);
        }
        if (position < words.Length)
        {
            segments.Add(Segment.Plain(Words.Slice(words, position, words.Length)));
        }
        return segments;
    }

    /// <summary>
    /// Applies non-overlapping word-level proposals to a provision's words (each replaces its range with its words), from the
    /// last to the first so that earlier indexes stay valid. Overlapping proposals are refused.
    /// </summary>
    public static string Apply(string text, IReadOnlyList<ProposalView> proposals)
    {
        var words = Words.Split(text).ToList();
        var ordered = proposals.OrderByDescending(p => p.Start).ThenByDescending(p => p.End).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count; j++)
            {
                if (Overlap(ordered[i], ordered[j]))
                {
                    throw new InvalidOperationException($"Proposals {ordered[i].Id} and {ordered[j].Id} overlap; choose one.");
                }
            }
        }
        foreach (var p in ordered)
        {
            words.RemoveRange(p.Start, p.End - p.Start);
            words.InsertRange(p.Start, p.Kind == ProposalKind.Delete ? [] : Words.Split(p.NewText));
        }
        return Words.Join(words);
    }
}
