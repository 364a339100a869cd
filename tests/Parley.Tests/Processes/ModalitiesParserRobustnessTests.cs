using Parley.Features.Processes;
using Parley.Modalities;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>Every malformed file is answered with where the problem is; no input makes the reader throw.</summary>
public sealed class ModalitiesParserRobustnessTests
{
    private const string Valid = """
        process:
          id: sample
          title: Sample process
          mandate: { symbol: A/RES/1/1, adopted: 2030-01-15 }
          outcome: { title: Outcome, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NYC, name: Headquarters, city: New York, timeZone: America/New_York, holidays: UNHQ }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-06, paragraph: "2" }
        roles:
          - { id: chair, name: Chair, count: 1, appointedBy: President, dueBy: before talks, paragraph: "3" }
        series:
          - id: rounds
            name: Rounds
            phase: talks
            paragraph: "4"
            stakeholders: open
            documents:
              - { type: chair-text, before: start, paragraph: "4" }
            meetings:
              - { venue: NYC, month: 2030-04, days: 3 }
        obligations:
          - { id: report, title: Report, document: report, dueBy: 2030-07-15, paragraph: "5" }
        principles:
          - { paragraph: "6", summary: "Open to all" }
        accreditation:
          - { id: ecosoc, name: ECOSOC NGOs, kind: registration, verifiedBy: ecosoc, statuses: [general], opens: 2030-01-20, closes: 2030-02-20, paragraph: "7" }
        membership:
          organisation: Sample Organisation
          members:
            - { code: COK, status: member }
            - { code: PRI, name: Puerto Rico, status: associate, since: 2030-02-01 }
          groupings:
            label: region
            groups:
              - { id: EAST, name: Eastern, members: [COK, JPN] }
              - { id: WEST, name: Western, members: [PRI, FRA] }
        """;

    [Fact]
    public void TheSample_IsValid()
    {
        var result = ModalitiesParser.Parse(Valid);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    public static TheoryData<string, string, string, int> Variants => new()
    {
        // what is wrong, the text replaced, its replacement, the line the problem is reported on
        { "a bad phase date that a role's dueBy refers to", "from: 2030-03, to", "from: 2030-13, to", 9 },
        { "a duplicate venue code", "holidays: UNHQ }", "holidays: UNHQ }\n  - { code: NYC, name: Again, city: New York, timeZone: America/New_York }", 8 },
        { "a duplicate phase id", "paragraph: \"2\" }", "paragraph: \"2\" }\n  - { id: talks, name: Again, from: 2030-07, to: 2030-08, paragraph: \"2\" }", 10 },
        { "a duplicate role id", "dueBy: before talks, paragraph: \"3\" }", "dueBy: before talks, paragraph: \"3\" }\n  - { id: chair, name: Vice-chair, count: 1, appointedBy: President, dueBy: 2030-02-01, paragraph: \"3\" }", 12 },
        { "a duplicate series id", "obligations:", "  - { id: rounds, name: Again, paragraph: \"4\", window: { from: 2030-03, to: 2030-04 }, meetings: [ { venue: NYC, month: 2030-04 } ] }\nobligations:", 22 },
        { "a duplicate obligation id", "dueBy: 2030-07-15, paragraph: \"5\" }", "dueBy: 2030-07-15, paragraph: \"5\" }\n  - { id: report, title: Again, document: other, dueBy: 2030-08-15, paragraph: \"5\" }", 24 },
        { "a duplicate principle", "summary: \"Open to all\" }", "summary: \"Open to all\" }\n  - { paragraph: \"6\", summary: \"Again\" }", 26 },
        { "a duplicate accreditation track id", "paragraph: \"7\" }", "paragraph: \"7\" }\n  - { id: ecosoc, name: Again, kind: special, listDocument: list, opens: 2030-01-20, closes: 2030-02-20, paragraph: \"7\" }", 28 },
        { "a misspelt 'stakeholders'", "stakeholders: open", "stakeholders: clsoed", 17 },
        { "a misspelt track kind", "kind: registration", "kind: registraton", 27 },
        { "a misspelt document timing", "before: start", "before: strat", 19 },
        { "an unknown key", "count: 1,", "cuont: 1,", 11 },
        { "a bad number", "days: 3 }", "days: three }", 21 },
        { "an unknown venue", "venue: NYC, month", "venue: LON, month", 21 },
        { "an unknown phase", "phase: talks", "phase: tlaks", 15 },
        { "an unknown time zone", "America/New_York, holidays", "America/Nwe_York, holidays", 7 },
        { "a phase ending before it starts", "to: 2030-06,", "to: 2030-01,", 9 },
        { "a role ending with an unknown series", "paragraph: \"3\" }", "endsWith: roundz, paragraph: \"3\" }", 11 },
        { "a list where a mapping is expected", "mandate: { symbol: A/RES/1/1, adopted: 2030-01-15 }", "mandate: [A/RES/1/1]", 4 },
        { "broken YAML", "title: Sample process", "title: [Sample process", 3 },
        { "a duplicate member code", "status: associate,", "status: associate, since: 2030-02-01 }\n    - { code: COK, status: observer,", 33 },
        { "a misspelt member status", "status: associate,", "status: asociate,", 32 },
        { "a member code that is not ISO alpha-3", "code: COK, status: member", "code: Cook, status: member", 31 },
        { "a misspelt membership base", "organisation: Sample Organisation", "organisation: Sample Organisation\n  base: un-members", 30 },
        { "a duplicate group id", "id: WEST,", "id: EAST,", 37 },
        { "a member in two groups", "members: [PRI, FRA]", "members: [PRI, COK]", 37 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryMalformedVariant_IsAnsweredWithItsLineAndColumn(string what, string from, string to, int line)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var result = ModalitiesParser.Parse(Valid.Replace(from, to, StringComparison.Ordinal));
        Assert.False(result.IsValid, what);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.True(p.Line >= 1 && p.Column >= 1, $"{what}: {p}"));
        Assert.True(result.Problems.Any(p => p.Line == line), $"{what}: expected a problem on line {line}, got: {string.Join(" | ", result.Problems)}");
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains(ModalitiesParser.InternalProblem, StringComparison.Ordinal));
    }

    private static readonly ModalitiesParser.StateCodes Registry = new(
        new HashSet<string> { "COK", "NIU", "JPN", "FRA", "DEU" }, new HashSet<string> { "JPN", "FRA", "DEU" });

    [Fact]
    public void AgainstTheRegistry_ACodeOutsideItNeedsAName_AndAGroupedCodeMustBelong()
    {
        Assert.True(ModalitiesParser.Parse(Valid, null, Registry).IsValid); // PRI is outside the registry but named
        var unnamed = ModalitiesParser.Parse(Valid.Replace("code: PRI, name: Puerto Rico,", "code: PRI,", StringComparison.Ordinal), null, Registry);
        Assert.Contains(unnamed.Problems, p => p.Line == 32 && p.Message.Contains("'PRI' is not in the registry", StringComparison.Ordinal));
        var stranger = ModalitiesParser.Parse(Valid.Replace("[COK, JPN]", "[COK, JPN, BRA]", StringComparison.Ordinal), null, Registry);
        Assert.Contains(stranger.Problems, p => p.Line == 36 && p.Message.Contains("'BRA' is not a member of the body", StringComparison.Ordinal));
        // Germany is a UN Member State (the base) in no group: a warning, not a problem.
        var loose = ModalitiesParser.Parse(Valid, null, Registry);
        Assert.Contains(loose.Warnings!, w => w.Line == 36 && w.Message.Contains("1 member(s) are in no group: DEU", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownHolidayCalendar_IsAWarningWithItsPlace_NotASilence()
    {
        var result = ModalitiesParser.Parse(Valid, new HashSet<string> { "UNOG" });
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings!);
        Assert.Equal(7, warning.Line);
        Assert.Contains("'UNHQ'", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Mutated copies of the shipped files (lines dropped, duplicated, swapped, characters changed, values emptied): each is read
    /// to a definition or to problems with positions, and never to an exception or the reader's safety-net message.
    /// </summary>
    [Fact]
    public void MutatedCopiesOfTheShippedFiles_NeverMakeTheReaderThrow()
    {
        var sources = new[] { ProcessSeed.DefaultModalities, Valid };
        var alphabet = new[] { ":", "-", " ", "{", "}", "[", "]", "\"", "'", "#", "0", "9", "x", "\t", "&", "*", "!", "|", ">", "%", "@", "`" };
        var seen = 0;
        foreach (var source in sources)
        {
            var lines = source.Split('\n');
            for (var seed = 0; seed < 400; seed++)
            {
                var random = new Random(seed);
                var mutated = lines.ToList();
                for (var n = 0; n < 1 + random.Next(3); n++)
                {
                    var i = random.Next(mutated.Count);
                    switch (random.Next(6))
                    {
                        case 0:
                            mutated.RemoveAt(i);
                            break;
                        case 1:
                            mutated.Insert(i, mutated[i]);
                            break;
                        case 2:
                            var j = random.Next(mutated.Count);
                            (mutated[i], mutated[j]) = (mutated[j], mutated[i]);
                            break;
                        case 3 when mutated[i].Length > 0:
                            var at = random.Next(mutated[i].Length);
                            mutated[i] = mutated[i][..at] + alphabet[random.Next(alphabet.Length)] + mutated[i][(at + 1)..];
                            break;
                        case 4 when mutated[i].Contains(": ", StringComparison.Ordinal):
                            mutated[i] = mutated[i][..(mutated[i].IndexOf(": ", StringComparison.Ordinal) + 2)];
                            break;
                        default:
                            mutated[i] = mutated[i].Replace("2018", "2O18", StringComparison.Ordinal).Replace("2030", "20300", StringComparison.Ordinal);
                            break;
                    }
                }
                var text = string.Join('\n', mutated);
                var result = ModalitiesParser.Parse(text, new HashSet<string> { "UNHQ" }, Registry);
                Assert.True(result.IsValid || result.Problems.Count > 0, $"seed {seed}: neither valid nor a problem");
                Assert.All(result.Problems, p => Assert.True(p.Line >= 1 && p.Column >= 1));
                Assert.False(result.Problems.Any(p => p.Message.Contains(ModalitiesParser.InternalProblem, StringComparison.Ordinal)),
                    $"seed {seed}: {string.Join(" | ", result.Problems)}\n{text}");
                seen++;
            }
        }
        Assert.Equal(800, seen);
    }
}
