using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>
/// A whole invented process replayed through the API in one run: a postponed round, a round added by decision, an appointment
/// that ends with the rounds, a decision that amends a single rule; the report as of several dates says exactly what applied then.
/// </summary>
public sealed class ReplayTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private const string File = """
        process:
          id: replay
          title: Invented accord, replayed
          atRiskDays: 7
          mandate: { symbol: A/RES/98/7, adopted: 2030-01-20 }
          outcome: { title: Accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: United Nations Office at Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
          - { code: GVA, name: United Nations Office at Geneva, city: Geneva, timeZone: Europe/Zurich }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-10, paragraph: "2" }
        roles:
          - { id: chair, name: Chair, count: 1, appointedBy: President of the General Assembly, dueBy: 2030-02-28, endsWith: rounds, paragraph: "3" }
        series:
          - id: rounds
            name: Negotiating rounds
            phase: talks
            venue: NBO
            paragraph: "4"
            meetings:
              - { month: 2030-04, days: 3 }
              - { month: 2030-06, days: 2 }
          - id: hearings
            name: Stakeholder hearings
            venue: NBO
            paragraph: "4"
            window: { from: 2030-03, to: 2030-10 }
            totalDays: 1
            meetings:
              - { theme: Hearing }
        obligations:
          - { id: final-text, title: Final text, document: final-text, dueBy: 2030-07-15, paragraph: "5" }
        principles:
          - { paragraph: "6", summary: "Open to all States" }
        """;

    private async Task<Dictionary<string, string>> ReportAsync(string asOf, string process = "replay")
    {
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/{process}/compliance?asOf={asOf}");
        return report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task APostponedRound_AnAddedRound_AnEndingAppointment_AndARuleAmended_AreReportedAsTheyStoodOnEachDate()
    {
        app.Clock.Set(2030, 1, 25);
        var secretariat = await app.SignInAsSecretariatAsync();
        await Ok(await secretariat.PostAsync("/api/v1/processes", new StringContent(File, Encoding.UTF8, "application/yaml")));

        app.Clock.Set(2030, 2, 10);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        var chair = await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/appointments", new { role = "chair", holder = "Ambassador A", appointedOn = "2030-02-10" }));
        var chairId = chair.GetProperty("id").GetInt32();

        app.Clock.Set(2030, 3, 15);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        var round1 = await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "rounds", slot = 1, days = new[] { "2030-04-08", "2030-04-09", "2030-04-10" } }));
        app.Clock.Set(2030, 4, 11);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        await Ok(await secretariat.PatchAsJsonAsync($"/api/v1/processes/replay/meetings/{round1.GetProperty("id").GetInt32()}",
            new { status = "held", version = round1.GetProperty("version").GetInt32() }), HttpStatusCode.OK);

        var may = await ReportAsync("2030-05-01");
        Assert.Equal(new Dictionary<string, string>
        {
            ["talks"] = "met", ["chair"] = "met", ["chair/ends"] = "not-yet-due", ["rounds/1"] = "met", ["rounds/2"] = "not-yet-due",
            ["hearings/1"] = "not-yet-due", ["hearings/days"] = "not-yet-due", ["final-text"] = "not-yet-due", ["principle/6"] = "noted",
        }, may);

        // A decision moves round 2 to September and adds a third round in Geneva; another amends the final-text rule alone.
        app.Clock.Set(2030, 5, 12);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/decisions", new
        {
            symbol = "A/RES/98/9", title = "Rounds rescheduled", adoptedOn = "2030-05-10",
            moves = new[] { new { meeting = "rounds/2", from = "2030-09" } },
            adds = new[] { new { series = "rounds", from = "2030-10", days = 2, venue = "GVA", theme = "Closing round" } },
        }));
        await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/decisions", new
        {
            symbol = "A/RES/98/10", title = "Final text later", adoptedOn = "2030-05-20", amends = new[] { "final-text" },
        }));
        // A hearing over two half days: one day, as the file asks.
        var hearing = await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "hearings", slot = 1, days = new[] { "2030-06-03", "2030-06-04" }, halfDays = new[] { "2030-06-03", "2030-06-04" } }));
        Assert.Equal(2, hearing.GetProperty("halfDays").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "hearings", days = new[] { "2030-06-10" }, halfDays = new[] { "2030-06-11" } })).StatusCode);
        // The meeting cannot take a slot no decision made.
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "rounds", slot = 4, days = new[] { "2030-10-20" } })).StatusCode);

        var july = await ReportAsync("2030-07-20");
        Assert.Equal(new Dictionary<string, string>
        {
            ["talks"] = "met", ["chair"] = "met", ["chair/ends"] = "not-yet-due", ["rounds/1"] = "met",
            ["rounds/2"] = "not-yet-due", // without the decision: breached (June has passed)
            ["rounds/3"] = "not-yet-due", ["hearings/1"] = "met", ["hearings/days"] = "met", ["final-text"] = "superseded", ["principle/6"] = "noted",
        }, july);
        var before = await ReportAsync("2030-05-09"); // the decision is not in force yet: round 2 is still planned for June
        Assert.False(before.ContainsKey("rounds/3"));
        Assert.Equal("not-yet-due", before["final-text"]);

        app.Clock.Set(2030, 8, 1);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "rounds", slot = 2, days = new[] { "2030-09-16", "2030-09-17" } }));
        await Ok(await secretariat.PostAsJsonAsync("/api/v1/processes/replay/meetings", new { series = "rounds", slot = 3, venue = "GVA", days = new[] { "2030-10-07", "2030-10-08" } }));
        app.Clock.Set(2030, 10, 9);
        secretariat = await app.SignInAsSecretariatAsync(); // a token lives hours, the replay months
        var ended = await Ok(await secretariat.PatchAsJsonAsync($"/api/v1/processes/replay/appointments/{chairId}", new { endedOn = "2030-10-08" }), HttpStatusCode.OK);
        Assert.Equal("2030-10-08", ended.GetProperty("endedOn").GetString());

        var december = await ReportAsync("2030-12-01");
        Assert.Equal(new Dictionary<string, string>
        {
            ["talks"] = "met", ["chair"] = "met", ["chair/ends"] = "met", ["rounds/1"] = "met", ["rounds/2"] = "met", ["rounds/3"] = "met",
            ["hearings/1"] = "met", ["hearings/days"] = "met", ["final-text"] = "superseded", ["principle/6"] = "noted",
        }, december);
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/replay/compliance?asOf=2030-12-01");
        var rules = report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray()).ToList();
        Assert.Contains(rules.Single(r => r.GetProperty("id").GetString() == "rounds/2").GetProperty("facts").EnumerateArray(), f => f.GetString()!.StartsWith("Moved by A/RES/98/9", StringComparison.Ordinal));
        Assert.Contains(rules.Single(r => r.GetProperty("id").GetString() == "rounds/3").GetProperty("facts").EnumerateArray(), f => f.GetString()!.StartsWith("Added by A/RES/98/9", StringComparison.Ordinal));
    }

    /// <summary>The same history entered in one sitting months later, each fact with the day it was known: the same report on each date,
    /// and the report lists what was entered after its date.</summary>
    [Fact]
    public async Task AHistoryEnteredLater_WithTheDayEachFactWasKnown_GivesTheSameReport_AndSaysSo()
    {
        const string id = "replay-later";
        app.Clock.Set(2031, 1, 10);
        var secretariat = await app.SignInAsSecretariatAsync();
        await Ok(await secretariat.PostAsync("/api/v1/processes", new StringContent(File.Replace("id: replay", $"id: {id}", StringComparison.Ordinal), Encoding.UTF8, "application/yaml")));
        var api = $"/api/v1/processes/{id}";
        var chair = await Ok(await secretariat.PostAsJsonAsync($"{api}/appointments", new { role = "chair", holder = "Ambassador A", appointedOn = "2030-02-10", knownOn = "2030-02-10" }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/meetings", new { series = "rounds", slot = 1, days = new[] { "2030-04-08", "2030-04-09", "2030-04-10" }, knownOn = "2030-03-15" }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/decisions", new
        {
            symbol = "A/RES/98/9", title = "Rounds rescheduled", adoptedOn = "2030-05-10", knownOn = "2030-05-12",
            moves = new[] { new { meeting = "rounds/2", from = "2030-09" } },
            adds = new[] { new { series = "rounds", from = "2030-10", days = 2, venue = "GVA", theme = "Closing round" } },
        }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/decisions", new { symbol = "A/RES/98/10", title = "Final text later", adoptedOn = "2030-05-20", amends = new[] { "final-text" }, knownOn = "2030-05-20" }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/meetings", new { series = "hearings", slot = 1, days = new[] { "2030-06-03", "2030-06-04" }, halfDays = new[] { "2030-06-03", "2030-06-04" }, knownOn = "2030-05-12" }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/meetings", new { series = "rounds", slot = 2, days = new[] { "2030-09-16", "2030-09-17" }, knownOn = "2030-08-01" }));
        await Ok(await secretariat.PostAsJsonAsync($"{api}/meetings", new { series = "rounds", slot = 3, venue = "GVA", days = new[] { "2030-10-07", "2030-10-08" }, knownOn = "2030-08-01" }));
        await Ok(await secretariat.PatchAsJsonAsync($"{api}/appointments/{chair.GetProperty("id").GetInt32()}", new { endedOn = "2030-10-08" }), HttpStatusCode.OK);
        // A fact cannot be known on a day still to come.
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync($"{api}/decisions", new { symbol = "X/1", title = "Later", adoptedOn = "2031-02-01", knownOn = "2031-02-01" })).StatusCode);

        Assert.Equal("not-yet-due", (await ReportAsync("2030-05-01", id))["rounds/2"]);
        Assert.False((await ReportAsync("2030-05-09", id)).ContainsKey("rounds/3"));
        var july = await ReportAsync("2030-07-20", id);
        Assert.Equal(("not-yet-due", "not-yet-due", "met", "superseded"), (july["rounds/2"], july["rounds/3"], july["hearings/days"], july["final-text"]));
        var december = await ReportAsync("2030-12-01", id);
        Assert.All(new[] { "rounds/1", "rounds/2", "rounds/3", "hearings/days", "chair", "chair/ends" }, rule => Assert.Equal("met", december[rule]));

        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>($"{api}/compliance?asOf=2030-07-20");
        var later = report.GetProperty("recordedLater").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains(later, l => l.StartsWith("Decision A/RES/98/9: recorded as known on 2030-05-12, entered on 2031-01-10", StringComparison.Ordinal));
        Assert.DoesNotContain(later, l => l.Contains("2030-08-01", StringComparison.Ordinal)); // not yet known on 20 July
        Assert.Contains("data-testid=\"recorded-later\"", await app.Anonymous().GetStringAsync($"/processes/{id}/compliance?asOf=2030-07-20"), StringComparison.Ordinal);
    }

    /// <summary>The same history again, as a CSV of dated events a Secretariat keeps: all of it in one request, the same report on each
    /// date; a file with a bad row keeps nothing and names the row; a dry run keeps nothing; only the Secretariat may enter it.</summary>
    [Fact]
    public async Task AHistoryFromACsv_GivesTheSameReport_AllRowsOrNone()
    {
        const string id = "replay-csv";
        app.Clock.Set(2031, 1, 10);
        var secretariat = await app.SignInAsSecretariatAsync();
        await Ok(await secretariat.PostAsync("/api/v1/processes", new StringContent(File.Replace("id: replay", $"id: {id}", StringComparison.Ordinal), Encoding.UTF8, "application/yaml")));
        const string Csv = """
            known_on,event,ref,series,slot,on,until,days,half_days,venue,status,role,holder,symbol,title,type,amends,meeting
            2030-02-10,appointment,chair,,,2030-02-10,,,,,,chair,Ambassador A,,,,,
            2030-03-15,meeting,r1,rounds,1,,,2030-04-08..2030-04-10,,,,,,,,,,
            2030-04-11,meeting-update,r1,,,,,,,,held,,,,,,,
            2030-05-12,decision,d9,,,2030-05-10,,,,,,,,A/RES/98/9,Rounds rescheduled,,,
            2030-05-12,move,d9,,,2030-09,,,,,,,,,,,,rounds/2
            2030-05-12,add,d9,rounds,,2030-10,,2,,GVA,,,,,Closing round,,,
            2030-05-20,decision,d10,,,2030-05-20,,,,,,,,A/RES/98/10,Final text later,,final-text,
            2030-05-12,meeting,h1,hearings,1,,,2030-06-03|2030-06-04,2030-06-03|2030-06-04,,,,,,,,,
            2030-06-05,document,,,,2030-06-05,,,,,,,,,Summary of the hearing,other,,h1
            2030-08-01,meeting,r2,rounds,2,,,2030-09-16|2030-09-17,,,,,,,,,,
            2030-08-01,meeting,r3,rounds,3,,,2030-10-07|2030-10-08,,GVA,,,,,,,,
            2030-10-09,appointment-end,chair,,,2030-10-08,,,,,,,,,,,,
            """;
        var path = $"/api/v1/processes/{id}/history";
        // Not the Secretariat's: refused.
        var delegate_ = await app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsync(path, new StringContent(Csv, Encoding.UTF8, "text/csv"))).StatusCode);
        // A bad row: nothing kept, the row named.
        var broken = await secretariat.PostAsync(path, new StringContent(Csv.Replace("held,", "hled,", StringComparison.Ordinal), Encoding.UTF8, "text/csv"));
        var problem = await broken.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("row 4 (meeting-update)", problem, StringComparison.Ordinal);
        var dry = await Ok(await secretariat.PostAsync(path + "?dryRun=true", new StringContent(Csv, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.Equal((false, 12), (dry.GetProperty("applied").GetBoolean(), dry.GetProperty("rows").GetInt32()));
        var calendar = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}");
        Assert.Empty(calendar.GetProperty("appointments").EnumerateArray());

        var done = await Ok(await secretariat.PostAsync(path, new StringContent(Csv, Encoding.UTF8, "text/csv")), HttpStatusCode.OK);
        Assert.True(done.GetProperty("applied").GetBoolean());
        Assert.Equal(10, done.GetProperty("recorded").GetArrayLength()); // the move and the add are part of their decision

        Assert.Equal("not-yet-due", (await ReportAsync("2030-05-01", id))["rounds/2"]);
        Assert.False((await ReportAsync("2030-05-09", id)).ContainsKey("rounds/3"));
        var july = await ReportAsync("2030-07-20", id);
        Assert.Equal(("not-yet-due", "not-yet-due", "met", "superseded"), (july["rounds/2"], july["rounds/3"], july["hearings/days"], july["final-text"]));
        var december = await ReportAsync("2030-12-01", id);
        Assert.All(new[] { "rounds/1", "rounds/2", "rounds/3", "hearings/days", "chair", "chair/ends" }, rule => Assert.Equal("met", december[rule]));
    }
}
