using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

public sealed class CompilationTests
{
    private const string Text = "Member States commit to facilitate safe orderly and regular migration";
    private static readonly ProvisionData P = new("k1", "12", ProvisionKind.Paragraph, null, null, Text);
    private static int _id;

    private static ProposalView Prop(ProposalKind kind, int start, int end, string? words, params string[] sponsors) =>
        new(Interlocked.Increment(ref _id), kind, "k1", null, start, end, words, null, sponsors, "submitted", false);

    private static CompiledProvision One(params ProposalView[] proposals) => Compilation.Build([P], proposals).Single();

    [Fact]
    public void NoProposal_LeavesTheTextAsOneRun()
    {
        var c = One();
        Assert.Equal([new Segment(SegmentKind.Text, Text, [])], c.Segments);
    }

    [Fact]
    public void Replace_Insert_Delete_EachBecomeAnAttributedRun()
    {
        var c = One(Prop(ProposalKind.Replace, 2, 3, "undertake", "EU"), Prop(ProposalKind.Insert, 5, 5, "and dignified", "G77"), Prop(ProposalKind.Delete, 6, 7, null, "USA"));
        Assert.Equal(["Text", "Replacement", "Text", "Insertion", "Text", "Deletion", "Text"], c.Segments.Select(s => s.Kind.ToString()));
        Assert.Equal("commit", c.Segments[1].OldWords);
        Assert.Equal("undertake", c.Segments[1].Alternatives.Single().NewWords);
        Assert.Equal(["EU"], c.Segments[1].Alternatives.Single().Sponsors);
        Assert.Equal("and dignified", c.Segments[3].Alternatives.Single().NewWords);
        Assert.Equal("orderly", c.Segments[5].OldWords);
        Assert.Null(c.Segments[5].Alternatives.Single().NewWords);
        Assert.Equal("Member States", c.Segments[0].OldWords);
    }

    [Fact]
    public void OverlappingProposals_AreShownAsAlternatives_OverTheWordsTheyTouch()
    {
        var eu = Prop(ProposalKind.Replace, 4, 7, "promote", "EU");
        var g77 = Prop(ProposalKind.Delete, 6, 8, null, "G77");
        var alone = Prop(ProposalKind.Insert, 1, 1, "and observers", "Holy See");
        var c = One(eu, g77, alone);
        var alt = c.Segments.Single(s => s.Kind == SegmentKind.Alternatives);
        Assert.Equal("facilitate safe orderly and", alt.OldWords); // words 4..8
        Assert.Equal(2, alt.Alternatives.Count);
        Assert.Contains(c.Segments, s => s.Kind == SegmentKind.Insertion);
    }

    [Fact]
    public void TwoInsertionsAtTheSamePoint_Overlap_ButAdjacentChangesDoNot()
    {
        Assert.True(Compilation.Overlap(Prop(ProposalKind.Insert, 3, 3, "a", "X"), Prop(ProposalKind.Insert, 3, 3, "b", "Y")));
        Assert.False(Compilation.Overlap(Prop(ProposalKind.Insert, 3, 3, "a", "X"), Prop(ProposalKind.Replace, 3, 5, "b", "Y")));
        Assert.True(Compilation.Overlap(Prop(ProposalKind.Insert, 4, 4, "a", "X"), Prop(ProposalKind.Replace, 3, 5, "b", "Y")));
        Assert.False(Compilation.Overlap(Prop(ProposalKind.Delete, 1, 3, null, "X"), Prop(ProposalKind.Delete, 3, 5, null, "Y")));
    }

    [Fact]
    public void IdenticalProposals_AreOneAlternative_WithBothSponsors()
    {
        var c = One(Prop(ProposalKind.Delete, 6, 7, null, "USA"), Prop(ProposalKind.Delete, 6, 7, null, "HUN"));
        var deletion = c.Segments.Single(s => s.Kind == SegmentKind.Deletion);
        Assert.Equal(["USA", "HUN"], deletion.Alternatives.Single().Sponsors);
    }

    [Fact]
    public void ProvisionLevelProposals_AreCollectedOnTheirProvision()
    {
        var proposals = new[]
        {
            new ProposalView(900, ProposalKind.Retain, "k1", null, 0, 0, null, null, ["G77"], "submitted", false),
            new ProposalView(901, ProposalKind.DeleteProvision, "k1", null, 0, 0, null, null, ["USA"], "submitted", false),
            new ProposalView(902, ProposalKind.MoveProvision, "k1", "k0", 0, 0, null, null, ["EU"], "submitted", false),
            new ProposalView(903, ProposalKind.Alternative, "k1", null, 0, 0, "Member States shall cooperate.", null, ["MEX"], "submitted", false),
            new ProposalView(904, ProposalKind.AddProvision, "k1", "k1", 0, 0, "A new paragraph on returns.", ProvisionKind.Paragraph, ["AUS"], "submitted", false),
        };
        var c = Compilation.Build([P], proposals).Single();
        Assert.Single(c.Retain);
        Assert.Single(c.DeleteProvision);
        Assert.Single(c.Move);
        Assert.Single(c.WholeAlternatives);
        Assert.Single(c.AddedAfter);
        Assert.Equal(5, c.ProposalCount);
    }

    /// <summary>
    /// Property: for random sets of non-overlapping word-level proposals (new words unique to each), applying them and diffing the
    /// result against the base gives back exactly the proposals' ranges and words.
    /// </summary>
    [Fact]
    public void ApplyingProposals_ThenDiffing_ReproducesExactlyThoseProposals()
    {
        var random = new Random(71280);
        for (var run = 0; run < 500; run++)
        {
            // Distinct base words make the diff unambiguous (with repeated words, deleting one "the" of two is the same text either way;
            // that case is covered below by the weaker property that the diff's edits rebuild the same text).
            var repeated = run % 2 == 1;
            var baseWords = Enumerable.Range(0, random.Next(1, 60)).Select(i => repeated ? $"w{random.Next(0, 6)}" : $"w{i}").ToArray();
            var proposals = new List<ProposalView>();
            var position = 0;
            while (position <= baseWords.Length && proposals.Count < 8)
            {
                var start = position + random.Next(0, 4);
                if (start > baseWords.Length)
                {
                    break;
                }
                var kind = (ProposalKind)random.Next(0, 3);
                var end = kind == ProposalKind.Insert ? start : Math.Min(baseWords.Length, start + random.Next(1, 4));
                if (end == start && kind != ProposalKind.Insert)
                {
                    break;
                }
                var words = kind == ProposalKind.Delete ? null : string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(i => $"N{run}x{proposals.Count}y{i}"));
                proposals.Add(new ProposalView(proposals.Count + 1, kind, "k", null, start, end, words, null, ["X"], "submitted", false));
                position = end + 1; // keep a shared word between changes so that each is its own edit
            }
            var applied = Words.Split(Compilation.Apply(Words.Join(baseWords), proposals));
            var edits = TextDiff.Edits(baseWords, applied);
            var rebuilt = Compilation.Apply(Words.Join(baseWords), edits.Select((e, i) => new ProposalView(i, ProposalKind.Replace, "k", null, e.OldStart, e.OldEnd,
                Words.Join(applied[e.NewStart..e.NewEnd]), null, ["diff"], "submitted", false)).ToList());
            Assert.Equal(Words.Join(applied), rebuilt);
            if (repeated)
            {
                continue;
            }
            Assert.Equal(proposals.Count, edits.Count);
            for (var i = 0; i < edits.Count; i++)
            {
                var p = proposals[i];
                Assert.Equal((p.Start, p.End), (edits[i].OldStart, edits[i].OldEnd));
                Assert.Equal(Words.Normalize(p.NewText), Words.Join(applied[edits[i].NewStart..edits[i].NewEnd]));
            }
        }
    }

    [Fact]
    public void Diff_MapsUnchangedWordsToTheirNewPlaces()
    {
        var a = Words.Split("the quick brown fox jumps");
        var b = Words.Split("the very quick fox jumps high");
        Assert.Equal([0, 2, -1, 3, 4], TextDiff.Map(a, b));
        var edits = TextDiff.Edits(a, b);
        Assert.Equal([new WordEdit(1, 1, 1, 2), new WordEdit(2, 3, 3, 3), new WordEdit(5, 5, 5, 6)], edits);
    }
}
