using Parley.Common;
using static Parley.Features.Texts.DocxRoundTrip;

namespace Parley.Features.Texts;

/// <summary>
/// What a delegation's returned Word file proposes (issue 18): each tracked insertion, deletion and replacement becomes a change of
/// the right kind on the right provision and word range; a paragraph whose text was edited without tracking is compared with the
/// version, word by word; new paragraphs are added provisions; a provision deleted whole, or cut and pasted elsewhere, is a
/// deletion or a move; comments become justifications. What cannot be placed, and what is ignored (formatting), is said.
/// Pure: the version's provisions and the file in, the changes out.
/// </summary>
public static class WordChanges
{
    public sealed record Found(int Index, ProposalKind Kind, string ProvisionKey, int Start, int End, string OriginalWords, string? NewText,
        string? AfterKey, ProvisionKind? NewKind, string? Justification, string How, IReadOnlyList<string> Authors);

    public sealed record Understanding(IReadOnlyList<Found> Changes, IReadOnlyList<string> NotPlaced, IReadOnlyList<string> Ignored, int ProvisionsFound);

    private sealed class Group(string key)
    {
        public string Key { get; } = key;
        public List<Piece> Pieces { get; } = [];
        public bool Skip { get; set; }
        public bool MarkInserted { get; set; }
    }

    private sealed record Added(string? AfterKey, List<Piece> Pieces, bool Untracked)
    {
        public string Text => Normal(string.Concat(Pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text)));
    }

    private sealed record Draft(ProposalKind Kind, string Key, int Start, int End, string Old, string? New, string? After, ProvisionKind? NewKind, string How,
        IReadOnlyList<string> Authors, List<string> Comments);

    public static Understanding Understand(IReadOnlyList<ProvisionData> provisions, Returned file)
    {
        var byKey = provisions.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var notPlaced = new List<string>();
        var ignored = new List<string>();
        var groups = new List<Group>();
        var added = new List<Added>();
        Group? current = null;
        string? lastKey = null;
        var joined = false; // the previous provision's paragraph mark was deleted: this one was joined to it
        foreach (var p in file.Paragraphs)
        {
            var name = current is null ? "a paragraph" : "the paragraph after " + Label(byKey[current.Key]);
            var key = p.Key;
            if (key is not null && (!byKey.ContainsKey(key) || groups.Any(g => g.Key == key)))
            {
                notPlaced.Add($"A paragraph is marked as a provision this version does not have (\"{key}\"): was it copied from another version? Its changes are not placed.");
                continue;
            }
            if (p.FormattingChanged)
            {
                ignored.Add($"Formatting changed in {(key is null ? name : Label(byKey[key]))}: formatting is not proposed, so it is ignored.");
            }
            var content = p.Content.ToList();
            if (key is not null)
            {
                current = new Group(key) { MarkInserted = p.MarkInserted, Skip = joined };
                joined = false;
                current.Pieces.AddRange(content);
                groups.Add(current);
                lastKey = key;
                var wholeDeleted = content.Where(x => x.Text.Trim().Length > 0).All(x => x.Kind == PieceKind.Deleted);
                if (p.MarkDeleted && !wholeDeleted)
                {
                    current.Skip = joined = true;
                    notPlaced.Add($"{Label(byKey[key])} was joined in Word with the paragraph after it: a change across two provisions cannot be proposed as one. " +
                        "Propose it on each provision separately.");
                }
                continue;
            }
            if (content.All(x => x.Text.Trim().Length == 0))
            {
                continue;
            }
            var hasOld = content.Any(x => x.Kind != PieceKind.Inserted && x.Text.Trim().Length > 0);
            if (current is null)
            {
                if (content.Any(x => x.Kind == PieceKind.Inserted && x.Text.Trim().Length > 0))
                {
                    notPlaced.Add("Text was added above the first provision (in the title block): it belongs to no provision, so it is not placed.");
                }
                continue;
            }
            if (!hasOld)
            {
                added.Add(new Added(lastKey, content, Untracked: false));
                continue;
            }
            var old = Normal(string.Concat(content.Where(x => x.Kind != PieceKind.Inserted).Select(x => x.Text)));
            if (current.MarkInserted || Words.Normalize(byKey[current.Key].Text).Contains(old, StringComparison.Ordinal))
            {
                // Word split the provision in two (Enter pressed inside it): read as one provision.
                ignored.Add($"{Label(byKey[current.Key])} was split into two paragraphs in Word: it is read as one provision.");
                current.Pieces.Add(new Piece(current.MarkInserted ? PieceKind.Inserted : PieceKind.Common, " ", null, [], []));
                current.Pieces.AddRange(content);
                current.MarkInserted = p.MarkInserted;
                continue;
            }
            added.Add(new Added(lastKey, content, Untracked: !p.Tracked));
        }

        var drafts = new List<Draft>();
        var usedComments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in groups.Where(g => !g.Skip))
        {
            drafts.AddRange(Changes(byKey[g.Key], g, file, usedComments, ignored));
        }

        // Provisions whose paragraph is gone from the file: edited beyond recognition (an untracked paragraph where it stood) or deleted.
        var found = groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < provisions.Count; i++)
        {
            var p = provisions[i];
            if (found.Contains(p.Key) || (p.ParentKey is not null && !found.Contains(p.ParentKey) && provisions.Any(x => x.Key == p.ParentKey)))
            {
                continue;
            }
            var previous = i > 0 ? provisions[i - 1].Key : null;
            var standIn = added.FirstOrDefault(a => a.Untracked && a.AfterKey == previous && Similar(p.Text, a.Text));
            if (standIn is not null)
            {
                added.Remove(standIn);
                var g = new Group(p.Key);
                g.Pieces.AddRange(standIn.Pieces);
                drafts.AddRange(Changes(p, g, file, usedComments, ignored));
                continue;
            }
            drafts.Add(new Draft(ProposalKind.DeleteProvision, p.Key, 0, 0, p.Text, null, null, null,
                $"{Label(p)} is no longer in the file: delete the provision", [], []));
        }

        // A provision deleted whole here and its words inserted whole there is a move (tracked as a move, or cut and pasted).
        foreach (var deletion in drafts.Where(d => d.Kind == ProposalKind.DeleteProvision).ToList())
        {
            var moved = added.FirstOrDefault(a => a.Text == Words.Normalize(byKey[deletion.Key].Text));
            if (moved is null)
            {
                continue;
            }
            added.Remove(moved);
            drafts.Remove(deletion);
            if (moved.AfterKey is null || moved.AfterKey == deletion.Key)
            {
                notPlaced.Add($"{Label(byKey[deletion.Key])} was moved above the first provision: a move is proposed after a provision.");
                continue;
            }
            drafts.Add(new Draft(ProposalKind.MoveProvision, deletion.Key, 0, 0, byKey[deletion.Key].Text, null, moved.AfterKey, null,
                $"{Label(byKey[deletion.Key])} moved after {Label(byKey[moved.AfterKey])}", Authors(moved.Pieces), CommentsOf(moved.Pieces, usedComments)));
        }

        // Provisions moved without tracking: their bookmarks arrive out of order.
        var order = provisions.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var present = groups.Select(g => g.Key).Where(k => drafts.All(d => d.Key != k || d.Kind != ProposalKind.DeleteProvision)).ToList();
        var staying = TextQueries.LongestIncreasing(present.Select(k => order[k]).ToList()).Select(i => present[i]).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < present.Count; i++)
        {
            var k = present[i];
            if (staying.Contains(k) || (byKey[k].ParentKey is { } parent && !staying.Contains(parent) && present.Contains(parent)))
            {
                continue;
            }
            var after = present.Take(i).LastOrDefault(x => byKey[x].ParentKey is null || byKey[x].ParentKey == byKey[k].ParentKey);
            if (after is null)
            {
                notPlaced.Add($"{Label(byKey[k])} was moved above the first provision: a move is proposed after a provision.");
                continue;
            }
            drafts.Add(new Draft(ProposalKind.MoveProvision, k, 0, 0, byKey[k].Text, null, after, null, $"{Label(byKey[k])} moved after {Label(byKey[after])}", [], []));
        }

        foreach (var a in added)
        {
            if (a.AfterKey is null)
            {
                notPlaced.Add($"A new paragraph above the first provision (\"{Short(a.Text)}\"): a new provision is proposed after another.");
                continue;
            }
            var anchor = byKey[a.AfterKey];
            var kind = anchor.Kind is ProvisionKind.Subparagraph ? ProvisionKind.Subparagraph : ProvisionKind.Paragraph;
            drafts.Add(new Draft(ProposalKind.AddProvision, a.AfterKey, 0, 0, anchor.Text, a.Text, a.AfterKey, kind,
                $"new {(kind == ProvisionKind.Subparagraph ? "subparagraph" : "paragraph")} after {Label(anchor)}: “{Short(a.Text)}”"
                + (a.Untracked ? " (typed without tracked changes)" : ""), Authors(a.Pieces), CommentsOf(a.Pieces, usedComments)));
        }
        foreach (var (id, text) in file.Comments.Where(c => !usedComments.Contains(c.Key) && c.Value.Length > 0))
        {
            ignored.Add($"A comment (\"{Short(text)}\") is on no change: comments become the justification of the change they sit on, so it is not imported.");
        }

        // File order: by the provision's place, then the word where the change starts.
        var changes = drafts
            .OrderBy(d => order.TryGetValue(d.Kind == ProposalKind.AddProvision ? d.After! : d.Key, out var o) ? o : int.MaxValue)
            .ThenBy(d => d.Kind == ProposalKind.AddProvision ? 1 : 0).ThenBy(d => d.Start)
            .Select((d, i) => new Found(i + 1, d.Kind, d.Key, d.Start, d.End, d.Old, d.New, d.After, d.NewKind,
                d.Comments.Count == 0 ? null : string.Join(" ", d.Comments.Select(c => file.Comments.GetValueOrDefault(c, "")).Where(c => c.Length > 0)), d.How, d.Authors))
            .ToList();
        return new Understanding(changes, notPlaced, ignored.Distinct().ToList(), groups.Count);
    }

    /// <summary>The changes within one provision: from its tracked changes when its untracked text is the version's, else by comparison.</summary>
    private static IEnumerable<Draft> Changes(ProvisionData provision, Group g, Returned file, HashSet<string> usedComments, List<string> ignored)
    {
        var version = Words.Normalize(provision.Text);
        var pieces = g.Pieces;
        var original = string.Concat(pieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text));
        var edited = string.Concat(pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text));
        if (Normal(edited).Length == 0 && version.Length > 0)
        {
            return [new Draft(ProposalKind.DeleteProvision, provision.Key, 0, 0, provision.Text, null, null, null, $"delete {Label(provision)}",
                Authors(pieces), CommentsOf(pieces, usedComments))];
        }
        var words = Words.Split(provision.Text);
        var result = new List<(Draft Draft, int From, int To)>(); // From/To: where the change sits, in characters of the original (tracked) or words (compared)
        if (Normal(original) == version)
        {
            foreach (var r in Regions(pieces))
            {
                var start = Words.Split(original[..r.Os]).Length;
                var end = start + Words.Split(original[r.Os..r.Oe]).Length;
                var newText = Words.Normalize(edited[r.Es..r.Ee]);
                if (newText == Words.Slice(words, start, end))
                {
                    ignored.Add($"Spacing changed in {Label(provision)}: not a proposal, ignored.");
                    continue;
                }
                var authors = pieces.Skip(r.First).Take(r.Last - r.First + 1).Where(p => p.Author is not null).Select(p => p.Author!).Distinct().ToList();
                result.Add((Word(provision, words, start, end, newText, authors, compared: false), r.Os, r.Oe));
            }
            AttachComments(result, pieces, p => p.Kind == PieceKind.Inserted, usedComments, provision, ignored, tracked: true);
        }
        else
        {
            var now = Words.Split(edited);
            foreach (var e in TextDiff.Edits(words, now))
            {
                result.Add((Word(provision, words, e.OldStart, e.OldEnd, Words.Slice(now, e.NewStart, e.NewEnd), Authors(pieces), compared: true), e.NewStart, e.NewEnd));
            }
            AttachComments(result, pieces, p => p.Kind == PieceKind.Deleted, usedComments, provision, ignored, tracked: false);
        }
        return result.Select(r => r.Draft);
    }

    private static Draft Word(ProvisionData p, string[] words, int start, int end, string newText, IReadOnlyList<string> authors, bool compared)
    {
        var old = Words.Slice(words, start, end);
        var (kind, how) = (start == end, newText.Length == 0) switch
        {
            (true, _) => (ProposalKind.Insert, $"insert “{Short(newText)}” " + (start == 0 ? "at the start" : $"after “{words[start - 1]}”")),
            (_, true) => (ProposalKind.Delete, $"delete “{Short(old)}”"),
            _ => (ProposalKind.Replace, $"replace “{Short(old)}” with “{Short(newText)}”"),
        };
        return new Draft(kind, p.Key, start, end, old, newText.Length == 0 ? null : newText, null, null,
            $"{Label(p)}: {how}" + (compared ? " (found by comparing the paragraph with the version)" : ""), authors, []);
    }

    /// <summary>
    /// A comment becomes the justification of the change it covers or touches, else of the nearest change in the same provision.
    /// Positions are characters of the original text for tracked changes, words of the edited text for compared paragraphs.
    /// </summary>
    private static void AttachComments(List<(Draft Draft, int From, int To)> changes, List<Piece> pieces, Func<Piece, bool> skip,
        HashSet<string> used, ProvisionData provision, List<string> ignored, bool tracked)
    {
        var position = 0;
        var spans = new Dictionary<string, (int From, int To)>(StringComparer.Ordinal);
        foreach (var p in pieces)
        {
            var length = skip(p) ? 0 : tracked ? p.Text.Length : Words.Split(p.Text).Length;
            foreach (var c in p.Comments)
            {
                spans[c] = spans.TryGetValue(c, out var s) ? (s.From, position + length) : (position, position + length);
            }
            position += length;
        }
        foreach (var (comment, span) in spans.Where(s => !used.Contains(s.Key)))
        {
            if (changes.Count == 0)
            {
                continue; // said at the end, with every comment on no change
            }
            var nearest = changes.MinBy(c => span.To < c.From ? c.From - span.To : span.From > c.To ? span.From - c.To : 0);
            nearest.Draft.Comments.Add(comment);
            used.Add(comment);
        }
    }

    private sealed record Region(int Os, int Oe, int Es, int Ee, int First, int Last);

    /// <summary>
    /// The tracked changes of a paragraph as regions of the original and edited text, widened to whole words (Word may track part of
    /// a word: "State[s]") and merged where widening makes them meet.
    /// </summary>
    private static List<Region> Regions(List<Piece> pieces)
    {
        var original = string.Concat(pieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text));
        var edited = string.Concat(pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text));
        var raw = new List<Region>();
        int o = 0, e = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            var (no, ne) = p.Kind switch { PieceKind.Inserted => (o, e + p.Text.Length), PieceKind.Deleted => (o + p.Text.Length, e), _ => (o + p.Text.Length, e + p.Text.Length) };
            if (p.Kind != PieceKind.Common)
            {
                if (raw.Count > 0 && raw[^1].Oe == o && raw[^1].Ee == e && raw[^1].Last == i - 1)
                {
                    raw[^1] = raw[^1] with { Oe = no, Ee = ne, Last = i };
                }
                else
                {
                    raw.Add(new Region(o, no, e, ne, i, i));
                }
            }
            (o, e) = (no, ne);
        }
        var result = new List<Region>();
        for (var i = 0; i < raw.Count; i++)
        {
            var r = raw[i];
            // Widen to the left over untracked characters, up to the previous region (then the two are one).
            var floor = result.Count > 0 ? result[^1].Oe : 0;
            while (!(Boundary(original, r.Os) && Boundary(edited, r.Es)))
            {
                if (r.Os == floor && result.Count > 0)
                {
                    var previous = result[^1];
                    result.RemoveAt(result.Count - 1);
                    r = r with { Os = previous.Os, Es = previous.Es, First = previous.First };
                    floor = result.Count > 0 ? result[^1].Oe : 0;
                    continue;
                }
                r = r with { Os = r.Os - 1, Es = r.Es - 1 };
            }
            // Widen to the right, up to the next region (then it joins this one).
            while (!(Boundary(original, r.Oe) && Boundary(edited, r.Ee)))
            {
                if (i + 1 < raw.Count && r.Oe == raw[i + 1].Os)
                {
                    i++;
                    r = r with { Oe = raw[i].Oe, Ee = raw[i].Ee, Last = raw[i].Last };
                    continue;
                }
                r = r with { Oe = r.Oe + 1, Ee = r.Ee + 1 };
            }
            result.Add(r);
        }
        return result;
    }

    private static bool Boundary(string s, int p) => p <= 0 || p >= s.Length || char.IsWhiteSpace(s[p - 1]) || char.IsWhiteSpace(s[p]);

    /// <summary>The comments over these pieces not yet given to another change.</summary>
    private static List<string> CommentsOf(IEnumerable<Piece> pieces, HashSet<string> used)
    {
        var result = pieces.SelectMany(p => p.Comments).Distinct().Where(used.Add).ToList();
        return result;
    }

    private static IReadOnlyList<string> Authors(IEnumerable<Piece> pieces) => pieces.Where(p => p.Author is not null).Select(p => p.Author!).Distinct().ToList();

    /// <summary>Half the words of the provision's text or more kept in order: the same provision, rewritten.</summary>
    private static bool Similar(string version, string text)
    {
        var a = Words.Split(version);
        var b = Words.Split(text);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }
        var changed = TextDiff.Edits(a, b).Sum(e => e.OldEnd - e.OldStart);
        return a.Length - changed >= (a.Length + 1) / 2;
    }

    public static string Label(ProvisionData p) => p.Kind switch
    {
        ProvisionKind.Paragraph when p.Number.Length > 0 => "paragraph " + p.Number,
        ProvisionKind.Subparagraph => "subparagraph " + p.Number,
        ProvisionKind.Heading => "the heading “" + Short(p.Text) + "”",
        _ => "“" + Short(p.Text) + "”",
    };

    private static string Short(string s) => s.Length <= 60 ? s : s[..57].TrimEnd() + "…";
}
