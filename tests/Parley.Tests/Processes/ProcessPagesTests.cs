using System.Net.Http.Json;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Identity;
using Parley.Features.Processes;
using Parley.Modalities;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>The calendar's month view and the Secretariat's recording forms, posted as a browser without JavaScript posts them.</summary>
public sealed class ProcessPagesTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static ProcessCalendar.View View(params ProcessCommands.MeetingRow[] meetings) => new(
        "p", "A process", new Mandate("A/RES/1", new DateOnly(2018, 1, 1), "General Assembly"),
        [new Phase("consult", "Consultations", new DateOnly(2018, 2, 5), new DateOnly(2018, 3, 30), "4")],
        [new ProcessCalendar.SeriesView("rounds", "Rounds", "negotiation", "5", "consult", null, null, null, [], meetings)],
        [], [], [new ProcessCalendar.DocumentRow(1, "issue-brief", "A/1/1", "Brief", new DateOnly(2018, 2, 19), 7)],
        [new DatedObligation("draft", "Zero draft", "zero-draft", new DateOnly(2018, 2, 28), "6")],
        [new Venue("NY", "UN Headquarters", "New York", "America/New_York", "UNHQ")]);

    private static ProcessCommands.MeetingRow Meeting(int id, string status, params DateOnly[] days) =>
        new(id, "rounds", 1, $"Round {id}", "NY", "UN Headquarters", "America/New_York", days, 0, false, null, null, status, 1);

    [Fact]
    public void MonthGrid_RunsMondayToSunday_AndPlacesEveryKindOfEntryOnItsDay()
    {
        var month = ProcessMonth.Build(
            View(Meeting(7, "scheduled", new DateOnly(2018, 2, 20), new DateOnly(2018, 2, 22)), Meeting(8, "cancelled", new DateOnly(2018, 2, 21))),
            new DateOnly(2018, 2, 14), [(new DateOnly(2018, 2, 19), "NY: Presidents' Day")]);

        Assert.Equal("2018-02", month.Key);
        Assert.Equal(new DateOnly(2018, 1, 29), month.Weeks[0][0].Date); // the Monday before 1 February
        Assert.Equal(new DateOnly(2018, 3, 4), month.Weeks[^1][6].Date);
        Assert.All(month.Weeks, w => Assert.Equal(7, w.Count));
        var days = month.Weeks.SelectMany(w => w).ToDictionary(d => d.Date);
        Assert.False(days[new DateOnly(2018, 1, 29)].InMonth);
        Assert.True(days[new DateOnly(2018, 2, 24)].Weekend);

        Assert.Contains(days[new DateOnly(2018, 2, 20)].Entries, e => e.Kind == ProcessMonth.EntryKind.Meeting && e.MeetingId == 7);
        Assert.Contains(days[new DateOnly(2018, 2, 22)].Entries, e => e.Kind == ProcessMonth.EntryKind.Meeting && e.MeetingId == 7);
        Assert.DoesNotContain(days[new DateOnly(2018, 2, 21)].Entries, e => e.Kind == ProcessMonth.EntryKind.Meeting); // gap day; cancelled meeting hidden
        Assert.Contains(days[new DateOnly(2018, 2, 5)].Entries, e => e.Kind == ProcessMonth.EntryKind.PhaseStarts);
        Assert.Contains(days[new DateOnly(2018, 2, 28)].Entries, e => e.Kind == ProcessMonth.EntryKind.Due && e.Detail == "§6");
        Assert.Contains(days[new DateOnly(2018, 2, 19)].Entries, e => e.Kind == ProcessMonth.EntryKind.Document && e.Text.StartsWith("A/1/1", StringComparison.Ordinal));
        Assert.Contains(days[new DateOnly(2018, 2, 19)].Entries, e => e.Kind == ProcessMonth.EntryKind.Holiday);
        Assert.Equal("2018-01", month.Previous);
        Assert.Equal("2018-03", month.Next);
        Assert.Equal("Consultations", month.Phase);
    }

    [Fact]
    public async Task MonthView_IsPublic_ShowsTheRoundsAndHolidays_AndRejectsANonMonth()
    {
        var html = await app.Anonymous().GetStringAsync("/processes/gcm/calendar/2017-05");
        Assert.Contains("data-month=\"2017-05\"", html, StringComparison.Ordinal);
        Assert.Contains("data-date=\"2017-05-29\"", html, StringComparison.Ordinal);
        Assert.Contains("Memorial Day", html, StringComparison.Ordinal); // a UNHQ holiday from the embedded data

        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/processes/gcm/calendar/2017-13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/processes/nope/calendar/2017-05")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/processes/gcm/calendar")).StatusCode);
    }

    [Fact]
    public async Task Secretariat_SchedulesAMeeting_AndRecordsADocument_ThroughThePage()
    {
        var browser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Secretariat));
        var scheduled = await Forms.SubmitAsync(browser, "/processes/gcm/record", "schedule-meeting", new Dictionary<string, string>
        {
            ["Meeting.Series"] = "thematic",
            ["Meeting.Slot"] = "",
            ["Meeting.Title"] = "Informal briefing on the thematic sessions",
            ["Meeting.Venue"] = "NYC",
            ["Meeting.Days"] = "2017-06-05, 2017-06-07",
            ["Meeting.ExpertPanels"] = "0",
        });
        var html = await scheduled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recorded\"", html, StringComparison.Ordinal);
        int meetingId;
        using (var db = app.OpenDb())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Title == "Informal briefing on the thematic sessions");
            Assert.Equal([new DateOnly(2017, 6, 5), new DateOnly(2017, 6, 7)], meeting.Days);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "meeting.scheduled"));
            meetingId = meeting.Id;
        }
        var month = await app.Anonymous().GetStringAsync("/processes/gcm/calendar/2017-06");
        Assert.Contains($"/processes/gcm/meetings/{meetingId}", month, StringComparison.Ordinal);

        var document = await Forms.SubmitAsync(browser, "/processes/gcm/record", "record-document", new Dictionary<string, string>
        {
            ["Document.Type"] = "issue-brief",
            ["Document.Title"] = "Issue brief for the briefing",
            ["Document.PublishedOn"] = "2017-06-01",
            ["Document.MeetingId"] = meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("data-testid=\"recorded\"", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Issue brief for the briefing", await app.Anonymous().GetStringAsync("/processes/gcm"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPage_ShowsInlineMessages_ForBadInput_AndSavesNothing()
    {
        var browser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Secretariat));
        var response = await Forms.SubmitAsync(browser, "/processes/gcm/record", "record-appointment", new Dictionary<string, string>
        {
            ["Appointment.Role"] = "co-facilitator",
            ["Appointment.Holder"] = "",
            ["Appointment.State"] = "XXX",
            ["Appointment.AppointedOn"] = "last week",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("is not the ISO 3166 alpha-3 code", html, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"recorded\"", html, StringComparison.Ordinal);

        var decision = await Forms.SubmitAsync(browser, "/processes/gcm/record", "record-decision", new Dictionary<string, string>
        {
            ["Decision.Symbol"] = "A/RES/72/244",
            ["Decision.Title"] = "Conference dates",
            ["Decision.AdoptedOn"] = "2017-12-24",
            ["Decision.Amends"] = "§99",
        });
        Assert.Contains("is neither a paragraph with rules nor a rule", await decision.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var db = app.OpenDb();
        Assert.False(await db.Appointments.AnyAsync(a => a.StateIso3 == "XXX"));
        Assert.False(await db.Decisions.AnyAsync(d => d.Symbol == "A/RES/72/244"));
    }

    [Fact]
    public async Task Delegate_CannotOpenOrPostTheRecordPage_AndDoesNotSeeTheLink()
    {
        var delegateUser = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX", focalPoint: true);
        var browser = await app.SignInBrowserAsync(delegateUser);
        var page = await browser.GetAsync("/processes/gcm/record");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.DoesNotContain("/processes/gcm/record", await browser.GetStringAsync("/processes/gcm"), StringComparison.Ordinal);

        // Replaying the Secretariat's form as the delegate schedules nothing.
        var secretariat = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Secretariat));
        var form = await secretariat.GetStringAsync("/processes/gcm/record");
        Assert.Contains("value=\"schedule-meeting\"", form, StringComparison.Ordinal);
        var post = await browser.PostAsync("/processes/gcm/record", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "schedule-meeting",
            ["Meeting.Series"] = "thematic",
            ["Meeting.Title"] = "Smuggled meeting",
            ["Meeting.Days"] = "2017-07-03",
        }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        using var db = app.OpenDb();
        Assert.False(await db.Meetings.AnyAsync(m => m.Title == "Smuggled meeting"));

        var anonymous = await app.Anonymous().GetAsync("/processes/gcm/record");
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTimeline_HasAMonthAxisAndToday_EveryRecordedMeetingInside_AndMeetingsShowTheirStatus()
    {
        app.Clock.Set(2018, 3, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        // An additional meeting long after the plan: the picture grows to hold it.
        var late = await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "dialogues", days = new[] { "2019-02-04" }, status = "held" });
        Assert.Equal(System.Net.HttpStatusCode.Created, late.StatusCode);
        var html = await app.Anonymous().GetStringAsync("/processes/gcm");
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "class=\"month-label\"") >= 12);
        Assert.Contains("class=\"today\"", html, StringComparison.Ordinal);
        Assert.Contains("Feb 2019", html, StringComparison.Ordinal); // the axis reaches the late meeting
        Assert.Contains("data-status=\"held\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"meeting-status\"", html, StringComparison.Ordinal);
        // Rule titles are written for people, not built from ids.
        var compliance = await app.Anonymous().GetStringAsync("/processes/gcm/compliance?asOf=2017-06-01");
        Assert.Contains("Co-facilitators&#x27; summary within 45 days", compliance, StringComparison.Ordinal);
        Assert.DoesNotContain("Pga summary", compliance, StringComparison.Ordinal);

        // A cancelled meeting stays in the iCalendar feed as cancelled, so subscribed calendars drop it.
        var meeting = await late.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var cancelled = await secretariat.PatchAsJsonAsync($"/api/v1/processes/gcm/meetings/{meeting.GetProperty("id").GetInt32()}",
            new { status = "cancelled", version = meeting.GetProperty("version").GetInt32() });
        Assert.Equal(System.Net.HttpStatusCode.OK, cancelled.StatusCode);
        var ics = await app.Anonymous().GetStringAsync("/api/v1/processes/gcm/calendar.ics?series=dialogues");
        Assert.Contains("STATUS:CANCELLED", ics, StringComparison.Ordinal);
    }
}
