using static Parley.Features.Texts.DocxRoundTrip;

namespace Parley.Features.Texts;

/// <summary>
/// The co-facilitators' side of the round trip (issue 18): the compilation's DOCX, worked through in Word — proposals' tracked
/// changes accepted or rejected, words reworded — read back as the decisions and edits of the next revision. Each proposal is found
/// by its <c>prop_&lt;id&gt;</c> bookmark: still tracked, it is undecided (carried forward); its words kept, accepted; the version's
/// words back, rejected; anything else, modified. A provision's own paragraph reworded beyond the decisions is an edit. Pure: the
/// version, its open proposals and the file in; a proposal for <see cref="TextCommands.RevisionRequest"/> out, to be confirmed.
/// </summary>
public static class WordDecisions
{
    public sealed record Decided(int ProposalId, string Decision, string? Text, string How);

    public sealed record Reading(IReadOnlyList<Decided> Decisions, IReadOnlyDictionary<string, string> Edits, IReadOnlyList<int> Undecided, IReadOnlyList<string> Notes);

    public static Reading Read(IReadOnlyList<ProvisionData> provisions, IReadOnlyList<ProposalView> open, Returned file)
    {
        var byKey = provisions.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var notes = new List<string>();
        var decisions = new List<Decided>();
        var undecided = new List<int>();
        var edits = new Dictionary<string, string>(StringComparer.Ordinal);
        var main = file.Paragraphs.Where(p => p.Key is not null && byKey.ContainsKey(p.Key)).GroupBy(p => p.Key!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var pieces = file.Paragraphs.SelectMany(p => p.Content.Select(x => (Paragraph: p, Piece: x))).ToList();
        var empty = file.Paragraphs.SelectMany(p => p.EmptyProposals).ToHashSet();
        var marked = pieces.SelectMany(x => x.Piece.Proposals).Concat(empty).ToHashSet();

        foreach (var p in open)
        {
            var provision = byKey.GetValueOrDefault(p.ProvisionKey);
            var label = provision is null ? p.ProvisionKey : WordChanges.Label(provision);
            if (p.Kind is ProposalKind.Retain or ProposalKind.MoveProvision)
            {
                undecided.Add(p.Id);
                notes.Add($"{Name(p)} on {label} ({Proposals.Slug(p.Kind)}) is not a change Word can accept or reject: decide it on this page.");
                continue;
            }
            if (!marked.Contains(p.Id))
            {
                undecided.Add(p.Id);
                notes.Add($"{Name(p)} on {label} is not in this file (a filtered compilation, or its bookmark was removed): carried forward unless decided here.");
                continue;
            }
            var own = pieces.Where(x => x.Piece.Proposals.Contains(p.Id)).Select(x => x.Piece).ToList();
            if (own.Any(x => x.Kind != PieceKind.Common && x.Text.Trim().Length > 0))
            {
                undecided.Add(p.Id);
                continue; // its tracked change is still there: neither accepted nor rejected
            }
            var kept = Normal(string.Concat(own.Select(x => x.Text)));
            var old = p.Kind switch
            {
                ProposalKind.Replace or ProposalKind.Delete when provision is not null => Words.Slice(Words.Split(provision.Text), Math.Min(p.Start, Words.Split(provision.Text).Length), Math.Min(p.End, Words.Split(provision.Text).Length)),
                ProposalKind.DeleteProvision => provision?.Text is { } t ? Words.Normalize(t) : "",
                _ => "",
            };
            var proposed = p.Kind is ProposalKind.Delete or ProposalKind.DeleteProvision ? "" : Words.Normalize(p.NewText);
            if (kept == proposed)
            {
                decisions.Add(new Decided(p.Id, "accept", null, $"{Name(p)} on {label}: accepted"));
            }
            else if (kept == old)
            {
                decisions.Add(new Decided(p.Id, "reject", null, $"{Name(p)} on {label}: rejected"));
            }
            else if (p.Kind is ProposalKind.AddProvision or ProposalKind.Alternative)
            {
                decisions.Add(new Decided(p.Id, "modify", kept, $"{Name(p)} on {label}: kept as “{Short(kept)}”"));
            }
            else if (p.Kind == ProposalKind.DeleteProvision)
            {
                decisions.Add(new Decided(p.Id, "reject", null, $"{Name(p)} on {label}: rejected; the paragraph reworded"));
            }
            else
            {
                // A word-level proposal reworded: "modify" keeps the provision as the co-facilitators left it (filled in below).
                decisions.Add(new Decided(p.Id, "modify", null, $"{Name(p)} on {label}: modified"));
            }
        }

        // Each provision's own paragraph: what the decisions give, and what the co-facilitators left (tracked changes still there rejected).
        foreach (var (key, paragraph) in main)
        {
            var provision = byKey[key];
            var left = Normal(string.Concat(paragraph.Content.Where(x => x.Kind != PieceKind.Inserted).Select(x => x.Text)));
            var inParagraph = paragraph.Content.SelectMany(x => x.Proposals).Concat(paragraph.EmptyProposals).ToHashSet();
            var here = decisions.Where(d => open.First(p => p.Id == d.ProposalId) is { } p && p.ProvisionKey == key && inParagraph.Contains(d.ProposalId)).ToList();
            if (here.Any(d => open.First(p => p.Id == d.ProposalId).Kind == ProposalKind.DeleteProvision && d.Decision == "accept"))
            {
                continue;
            }
            for (var i = 0; i < decisions.Count; i++)
            {
                if (here.Contains(decisions[i]) && decisions[i] is { Decision: "modify", Text: null })
                {
                    decisions[i] = decisions[i] with { Text = left };
                }
            }
            if (here.Any(d => d.Decision == "modify"))
            {
                continue;
            }
            var accepted = open.Where(p => here.Any(d => d.ProposalId == p.Id && d.Decision == "accept") && p.Kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Delete).ToList();
            var expected = accepted.Count > 0 ? Compilation.Apply(provision.Text, accepted) : Words.Normalize(provision.Text);
            if (left.Length > 0 && left != expected)
            {
                edits[key] = left;
                var alternatives = decisions.Any(d => d.Decision is "accept" or "modify" && !inParagraph.Contains(d.ProposalId) && open.First(p => p.Id == d.ProposalId).ProvisionKey == key);
                notes.Add($"{WordChanges.Label(provision)} was reworded by the co-facilitators: “{Short(left)}”" +
                    (alternatives ? "; an alternative to it is also accepted: check which wording stands." : "."));
            }
        }
        foreach (var d in decisions.Where(d => d is { Decision: "modify", Text: null }).ToList())
        {
            // Its provision's paragraph is not in the file: nothing to keep as the wording.
            decisions.Remove(d);
            undecided.Add(d.ProposalId);
        }
        foreach (var p in file.Paragraphs.Where(p => p.Key is null && p.Content.All(x => x.Proposals.Count == 0) && p.Content.Any(x => x.Kind == PieceKind.Inserted && x.Text.Trim().Length > 0)))
        {
            notes.Add($"A paragraph was added in Word (“{Short(p.Edited)}”): a revision takes new paragraphs only from proposals; it is not placed.");
        }
        return new Reading(decisions, edits, undecided, notes);
    }

    private static string Name(ProposalView p) => $"Proposal {p.Id} ({p.Attribution})";

    private static string Short(string s) => s.Length <= 60 ? s : s[..57].TrimEnd() + "…";
}
