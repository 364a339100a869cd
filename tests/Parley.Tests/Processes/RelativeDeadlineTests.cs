using Parley.Features.Processes;
using Parley.Modalities;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>Deadlines relative to a meeting follow the meeting: its plan, a decision that moves it, the days it was really held.</summary>
public sealed class RelativeDeadlineTests
{
    private const string File = """
        process:
          id: relative
          title: Relative deadlines
          atRiskDays: 7
          mandate: { symbol: A/RES/1/2, adopted: 2030-01-10 }
          outcome: { title: Accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        series:
          - id: sessions
            name: Sessions
            phase: talks
            venue: NBO
            paragraph: "3"
            meetings:
              - { month: 2030-04, days: 5 }
              - { month: 2030-06, days: 5 }
        obligations:
          - { id: draft, title: Draft text six weeks before the second session, document: draft, dueBy: "42 days before sessions/2", paragraph: "4" }
          - { id: report, title: Report within 30 days after the second session, document: report, dueBy: "30 days after sessions/2", paragraph: "5" }
        """;

    private static readonly WorkingDays NoHolidays = new(Array.Empty<(string, DateOnly)>().ToLookup(x => x.Item1, x => x.Item2));

    private static MeetingView Session2(params string[] days) =>
        new(1, "sessions", 2, "Session 2", "NBO", "NBO", days.Select(DateOnly.Parse).ToList(), 0, false, MeetingStatus.Scheduled);

    private static Dictionary<string, RuleResult> Evaluate(ProcessSnapshot snap, string asOf) =>
        ComplianceEngine.Evaluate(ModalitiesParser.Parse(File).Definition!, snap, NoHolidays, DateOnly.Parse(asOf)).ToDictionary(r => r.RuleId);

    [Fact]
    public void ARelativeDeadline_IsReadWithItsMeeting()
    {
        var result = ModalitiesParser.Parse(File);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var draft = result.Definition!.Obligations.Single(o => o.Id == "draft");
        Assert.Equal(("sessions/2", -42, false, new DateOnly(2030, 4, 20)), (draft.Meeting, draft.Offset, draft.AfterEnd, draft.DueBy)); // 1 June − 42 days
        var bad = ModalitiesParser.Parse(File.Replace("before sessions/2", "before sessions/9", StringComparison.Ordinal));
        Assert.Single(bad.Problems);
        Assert.Contains(bad.Problems, p => p.Line == 21 && p.Message.Contains("'sessions/9' is not a planned meeting", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDeadlineFollowsTheMeeting_AsPlanned_AsMovedByDecision_AndAsHeld()
    {
        var empty = new ProcessSnapshot([], [], [], []);
        Assert.Equal("Draft text six weeks before the second session (due 20 April 2030)", Evaluate(empty, "2030-05-01")["draft"].Title.ToString());
        Assert.Equal(RuleStatus.Breached, Evaluate(empty, "2030-05-01")["draft"].Status);

        // A decision moves session 2 to September: the draft is due 42 days before 1 September.
        var moved = new ProcessSnapshot([], [], [new DecisionView("D/1", new DateOnly(2030, 4, 1), [], [new Replan("sessions", 2, false, new DateOnly(2030, 9, 1), new DateOnly(2030, 9, 30), null, null, null)])], []);
        Assert.Equal(RuleStatus.NotYetDue, Evaluate(moved, "2030-05-01")["draft"].Status);
        Assert.Contains("due 21 July 2030", Evaluate(moved, "2030-05-01")["draft"].Title.ToString(), StringComparison.Ordinal);

        // Held on 14–18 September: the report is due 30 days after the last day; published on 10 October, it is met.
        var held = moved with
        {
            Meetings = [Session2("2030-09-14", "2030-09-15", "2030-09-16", "2030-09-17", "2030-09-18")],
            Documents = [new DocumentView("draft", "D/2", new DateOnly(2030, 7, 30), null), new DocumentView("report", "R/1", new DateOnly(2030, 10, 10), null)],
        };
        var after = Evaluate(held, "2030-11-01");
        Assert.Equal(RuleStatus.Met, after["report"].Status);
        Assert.Contains("due 18 October 2030", after["report"].Title.ToString(), StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Met, after["draft"].Status); // 30 July ≤ 14 September − 42 days = 3 August
    }
}
