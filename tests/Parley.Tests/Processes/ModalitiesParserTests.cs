using Parley.Features.Processes;
using Parley.Modalities;
using Xunit;

namespace Parley.Tests.Processes;

public sealed class ModalitiesParserTests
{
    [Fact]
    public void DefaultFile_71_280_Parses_WithThePhasesSeriesAndRoundsOfTheResolution()
    {
        var result = ModalitiesParser.Parse(ProcessSeed.DefaultModalities);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var def = result.Definition!;
        Assert.Equal("A/RES/71/280", def.Mandate.Symbol);
        Assert.Equal(3, def.Phases.Count);
        var thematic = def.FindSeries("thematic")!;
        Assert.Equal(6, thematic.Meetings.Count);
        Assert.Equal(["GVA", "NYC", "GVA", "NYC", "VIE", "GVA"], thematic.Meetings.Select(m => m.Venue));
        Assert.Equal(12, thematic.MaxWorkingDays);
        Assert.Equal([3, 4, 4, 5, 5, 5], def.FindSeries("negotiations")!.Meetings.Select(m => m.Days!.Value));
        Assert.Equal(4, def.FindSeries("hearings")!.TotalDays);
        Assert.Equal(new DateOnly(2017, 3, 31), def.Roles.Single(r => r.Id == "sg-conference").DueBy); // "ahead of phase I"
        var every = Enumerable.Range(1, 31).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Empty(every.Except(def.Paragraphs.Select(ParagraphOrder.Number)));
    }

    [Fact]
    public void BrokenYaml_IsReported_WithItsLine()
    {
        var result = ModalitiesParser.Parse("process:\n  id: x\n   title: y\nphases: []\n");
        var problem = Assert.Single(result.Problems);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
        var unclosed = Assert.Single(ModalitiesParser.Parse("process:\n  id: x\n  title: [unclosed\nphases: []\n").Problems);
        Assert.Contains("not valid YAML", unclosed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_BadDate_AndUnknownVenue_AreEachReported_WithLineAndColumn()
    {
        const string yaml = """
            process:
              id: test
              title: Test
              mandate: { symbol: A/RES/1/1, adopted: 2020-01-01 }
              outcome: { title: Outcome, sections: [], paragraph: "1" }
            venues:
              - { code: NYC, name: HQ, city: New York, timeZone: America/New_York }
            phases:
              - { id: p1, name: One, from: 2020-02-30, to: 2020-06, paragraph: "2" }
            series:
              - id: s
                name: Sessions
                paragraph: "3"
                phase: p1
                colour: blue
                meetings:
                  - { venue: GVA, month: 2020-03 }
            """;
        var problems = ModalitiesParser.Parse(yaml).Problems;
        Assert.Contains(problems, p => p.Line == 9 && p.Message.Contains("'2020-02-30' is not a date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 15 && p.Column == 5 && p.Message.Contains("unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 17 && p.Message.Contains("'GVA' is not one of the venues", StringComparison.Ordinal));
        Assert.Null(ModalitiesParser.Parse(yaml).Definition);
    }

    [Fact]
    public void MissingSection_IsNamed()
    {
        var problems = ModalitiesParser.Parse("venues: []\n").Problems;
        Assert.Contains(problems, p => p.Message.Contains("'process' is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1(a)", "1(d)", -1)]
    [InlineData("6(c)", "10", -1)]
    [InlineData("31", "4", 1)]
    public void Paragraphs_SortAsInTheResolution(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(ParagraphOrder.Instance.Compare(a, b)));
}
