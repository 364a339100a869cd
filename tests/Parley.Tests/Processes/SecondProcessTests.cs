using Ical.Net;
using Parley.Data;
using Parley.Features.Processes;
using Parley.Modalities;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>An invented process with other phases, series and rules runs through the same engine, with no code change.</summary>
public sealed class SecondProcessTests
{
    private const string Oceans = """
        process:
          id: oceans
          title: Invented ocean accord
          atRiskDays: 7
          mandate: { symbol: A/RES/99/1, adopted: 2030-01-15 }
          outcome: { title: Ocean accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: United Nations Office at Nairobi, city: Nairobi, timeZone: Africa/Nairobi, holidays: UNON }
          - { code: BKK, name: ESCAP, city: Bangkok, timeZone: Asia/Bangkok }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-06, paragraph: "2" }
        roles:
          - { id: chair, name: Chair, count: 1, appointedBy: President of the General Assembly, dueBy: before talks, paragraph: "3" }
        series:
          - id: rounds
            name: Negotiating rounds
            phase: talks
            paragraph: "4"
            maxWorkingDays: 5
            budgetParagraph: "5"
            documents:
              - { type: chair-text, before: start, paragraph: "6" }
            meetings:
              - { venue: NBO, month: 2030-04, days: 3 }
              - { venue: BKK, month: 2030-06, days: 2 }
        obligations:
          - { id: final-text, title: Final text, document: final-text, dueBy: 2030-07-15, paragraph: "7" }
        principles:
          - { paragraph: "8", summary: "Open to all States" }
        """;

    [Fact]
    public async Task AnInventedProcess_IsEvaluatedByTheSameEngine()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var clock = new TestClock();
        clock.Set(2030, 2, 1);
        Assert.True((await LoadProcess.HandleAsync(db, clock, "test", Oceans)).IsSuccess);

        db.Holidays.Add(new Holiday("UNON", new DateOnly(2030, 4, 2), "Invented holiday"));
        await db.SaveChangesAsync();
        await ProcessCommands.RecordAppointmentAsync(db, clock, "oceans", new("chair", "Ambassador A", null, "2030-02-10", null));
        var first = await ProcessCommands.ScheduleMeetingAsync(db, clock, "test", "oceans",
            new(Series: "rounds", Slot: 1, Title: null, Venue: null, VenueName: null, TimeZone: null, Days: ["2030-04-01", "2030-04-02", "2030-04-03"]));
        Assert.True(first.IsSuccess, first.Error?.Message);
        await ProcessCommands.ScheduleMeetingAsync(db, clock, "test", "oceans",
            new(Series: "rounds", Slot: 2, Title: null, Venue: null, VenueName: null, TimeZone: null, Days: ["2030-06-03", "2030-06-04", "2030-06-05"]));

        var report = (await GetCompliance.HandleAsync(db, "oceans", "2030-05-01", new DateOnly(2030, 5, 1))).Value;
        var rules = report.Rules.ToDictionary(r => r.Id);
        Assert.Equal("met", rules["chair"].Status);
        Assert.Equal("met", rules["rounds/1"].Status);
        Assert.Equal("breached", rules["rounds/2"].Status); // three days where the file says two
        Assert.Equal("met", rules["rounds/working-days"].Status); // 2 working days (the 2nd is a holiday) + 3 = 5 of 5
        Assert.Contains("5 of at most 5", rules["rounds/working-days"].Facts[0], StringComparison.Ordinal);
        Assert.Equal("breached", rules["rounds/chair-text"].Status); // round 1 started without its chair's text
        Assert.Equal("not-yet-due", rules["final-text"].Status);
        Assert.Equal("noted", rules["principle/8"].Status);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], report.Paragraphs.Select(p => p.Paragraph).Where(p => p != "1").Prepend("1"));

        // Its calendar feed parses back: one event per meeting day with its hours, in the venue's zone, which the file defines.
        var ics = await ProcessCalendar.ICalendarAsync(db, "oceans", "rounds");
        var calendar = Calendar.Load(ics!)!;
        var nairobi = calendar.Events.Where(e => e.Location!.Contains("Nairobi", StringComparison.Ordinal)).OrderBy(e => e.Start!.Value).ToList();
        Assert.Equal(3, nairobi.Count);
        Assert.All(nairobi, e => Assert.Equal("Africa/Nairobi", e.Start!.TzId));
        Assert.Equal(new DateTime(2030, 4, 1, 10, 0, 0), nairobi[0].Start!.Value);
        Assert.Equal(new DateTime(2030, 4, 1, 18, 0, 0), nairobi[0].End!.Value);
        Assert.Equal(new DateTime(2030, 4, 3, 18, 0, 0), nairobi[^1].End!.Value);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Africa/Nairobi");
    }

    [Fact]
    public async Task NonContiguousDays_AreSeparateCalendarEvents()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var round = await ProcessCommands.ScheduleMeetingAsync(db, TimeProvider.System, "test", "gcm",
            new(Series: "negotiations", Slot: 1, Title: null, Venue: null, VenueName: null, TimeZone: null, Days: ["2018-02-20", "2018-02-22", "2018-02-23"]));
        Assert.True(round.IsSuccess, round.Error?.Message);
        var text = (await ProcessCalendar.ICalendarAsync(db, "gcm", null))!;
        var calendar = Calendar.Load(text)!;
        Assert.Equal(3, calendar.Events.Count); // 20, 22 and 23 February: three days, three events, none through a night
        Assert.All(calendar.Events, e => Assert.Equal("America/New_York", e.Start!.TzId));
        Assert.All(calendar.Events, e => Assert.Equal(8, (e.End!.Value - e.Start!.Value).TotalHours));
        Assert.Null(await ProcessCalendar.ICalendarAsync(db, "gcm", "no-such-series"));
    }

    [Fact]
    public async Task TheCalendarFeed_FollowsRfc5545_AndKeepsItsUidsWhenDaysChange()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var round = await ProcessCommands.ScheduleMeetingAsync(db, TimeProvider.System, "test", "gcm",
            new(Series: "negotiations", Slot: 1, Title: null, Venue: null, VenueName: null, TimeZone: null, Days: ["2018-03-10", "2018-03-12", "2018-03-13"]));
        Assert.True(round.IsSuccess, round.Error?.Message);
        var first = (await ProcessCalendar.ICalendarAsync(db, "gcm", null))!;

        // The file: one VTIMEZONE for the zone its times use (with the change to daylight time on 11 March 2018 in it), every
        // event with UID, DTSTAMP, SEQUENCE and STATUS, and lines folded at 75 octets.
        Assert.Contains("BEGIN:VTIMEZONE", first, StringComparison.Ordinal);
        Assert.Contains("TZID:America/New_York", first, StringComparison.Ordinal);
        Assert.Contains("BEGIN:DAYLIGHT", first, StringComparison.Ordinal);
        Assert.All(first.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var calendar = Calendar.Load(first)!;
        Assert.Single(calendar.TimeZones);
        foreach (var e in calendar.Events)
        {
            Assert.False(string.IsNullOrEmpty(e.Uid));
            Assert.NotNull(e.DtStamp);
            Assert.Equal("CONFIRMED", e.Status);
            Assert.Equal(round.Value.Version, e.Sequence);
        }
        // Local hours stay 10:00-18:00 on both sides of the clock change; in UTC they move by an hour.
        var days = calendar.Events.OrderBy(e => e.Start!.Value).ToList();
        Assert.Equal(new DateTime(2018, 3, 10, 15, 0, 0, DateTimeKind.Utc), days[0].Start!.AsUtc);
        Assert.Equal(new DateTime(2018, 3, 12, 14, 0, 0, DateTimeKind.Utc), days[1].Start!.AsUtc);

        // A day is dropped and the meeting is cancelled: the other days keep their UIDs, SEQUENCE rises, STATUS says so.
        var changed = await ProcessCommands.UpdateMeetingAsync(db, TimeProvider.System, "test", "gcm", round.Value.Id,
            new ProcessCommands.MeetingRequest(null, null, null, null, null, null, ["2018-03-12", "2018-03-13"], Version: round.Value.Version));
        Assert.True(changed.IsSuccess, changed.Error?.Message);
        var cancelled = await ProcessCommands.UpdateMeetingAsync(db, TimeProvider.System, "test", "gcm", round.Value.Id,
            new ProcessCommands.MeetingRequest(null, null, null, null, null, null, null, Status: "cancelled", Version: changed.Value.Version));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        var after = Calendar.Load((await ProcessCalendar.ICalendarAsync(db, "gcm", null))!)!;
        Assert.Equal(days.Skip(1).Select(e => e.Uid), after.Events.OrderBy(e => e.Start!.Value).Select(e => e.Uid));
        Assert.All(after.Events, e => Assert.Equal("CANCELLED", e.Status));
        Assert.All(after.Events, e => Assert.True(e.Sequence > days[0].Sequence));
    }

    [Fact]
    public async Task LoadingAMalformedFile_Is400WithTheLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var result = await LoadProcess.HandleAsync(db, TimeProvider.System, "test", Oceans.Replace("days: 2 }", "days: two }", StringComparison.Ordinal));
        Assert.False(result.IsSuccess);
        Assert.Contains("line 25, column 45", result.Error!.Fields!["modalities"][0], StringComparison.Ordinal);
        Assert.Contains("'two' is not a whole number", result.Error.Fields["modalities"][0], StringComparison.Ordinal);
    }
}
