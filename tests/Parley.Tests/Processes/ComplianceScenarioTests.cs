using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>
/// Walks the 71/280 process through the API from January 2017 to December 2018, on the application's
/// own clock, and reads the compliance report at dated checkpoints.
/// </summary>
public sealed class ComplianceScenarioTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();
    private TestUser _secretariat = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _secretariat = await _app.CreateUserAsync(PrincipalKind.Secretariat);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> AtAsync(int year, int month, int day)
    {
        _app.Clock.Set(year, month, day);
        return await _app.SignInAsync(_secretariat);
    }

    private async Task<Dictionary<string, JsonElement>> RulesAsync(string asOf)
    {
        var report = await _app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/compliance?asOf={asOf}");
        return report.GetProperty("paragraphs").EnumerateArray()
            .SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!);
    }

    private static string Status(Dictionary<string, JsonElement> rules, string id) => rules[id].GetProperty("status").GetString()!;

    private static async Task<int> ScheduleAsync(HttpClient client, string series, int? slot, string[] days, int panels = 3, bool exchange = true,
        string? venue = null, string? venueName = null, string? timeZone = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/processes/gcm/meetings",
            new { series, slot, days, expertPanels = panels, interactiveExchange = exchange, venue, venueName, timeZone });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task DocumentAsync(HttpClient client, string type, string publishedOn, int? meetingId = null, string? symbol = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/processes/gcm/documents", new { type, symbol, title = type, publishedOn, meetingId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheProcess_FromJanuary2017_ToDecember2018()
    {
        // January 2017: nothing recorded; the report covers every operative paragraph and nothing is due.
        var client = await AtAsync(2017, 1, 15);
        var report = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/compliance?asOf=2017-01-15");
        var paragraphs = report.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("paragraph").GetString()!).ToList();
        foreach (var n in Enumerable.Range(1, 31))
        {
            Assert.Contains(paragraphs, p => p == n.ToString(System.Globalization.CultureInfo.InvariantCulture) || p.StartsWith($"{n}(", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(report.GetProperty("paragraphs").EnumerateArray(), p => p.GetProperty("status").GetString() == "breached");

        // Appointments before phase I (§5, §10).
        foreach (var (role, holder, on) in new[] { ("co-facilitator", "Juan José Gómez Camacho (Mexico)", "2017-02-10"), ("co-facilitator", "Jürg Lauber (Switzerland)", "2017-02-10"), ("sg-conference", "Louise Arbour", "2017-03-09") })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/processes/gcm/appointments", new { role, holder, appointedOn = on })).StatusCode);
        }
        var march = await RulesAsync("2017-03-20");
        Assert.Equal("met", Status(march, "co-facilitator"));
        Assert.Equal("met", Status(march, "sg-conference"));
        Assert.Equal("at-risk", Status(march, "work-plan")); // due 31 March, not yet published

        // Phase I: six thematic sessions of two days each, three panels and an exchange, briefs in advance.
        client = await AtAsync(2017, 4, 20);
        var sessions = new[]
        {
            new[] { "2017-05-08", "2017-05-09" }, new[] { "2017-05-22", "2017-05-23" }, new[] { "2017-06-20", "2017-06-21" },
            new[] { "2017-07-24", "2017-07-25" }, new[] { "2017-09-04", "2017-09-05" }, new[] { "2017-10-12", "2017-10-13" },
        };
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await ScheduleAsync(client, "thematic", i + 1, sessions[i]));
        }
        for (var i = 0; i < 6; i++)
        {
            if (i != 3) // the fourth session's brief is never published
            {
                await DocumentAsync(client, "issue-brief", DateOnly.Parse(sessions[i][0], System.Globalization.CultureInfo.InvariantCulture).AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ids[i]);
            }
        }
        var may = await RulesAsync("2017-05-10");
        Assert.Equal("met", Status(may, "thematic/1"));
        Assert.Equal("met", Status(may, "thematic/working-days"));
        // Session 1's brief came a week ahead; session 2's is not out yet and it opens within 14 days.
        Assert.Equal("at-risk", Status(may, "thematic/issue-brief"));
        Assert.Contains(may["thematic/issue-brief"].GetProperty("facts").EnumerateArray(), f => f.GetString()!.Contains("published 1 May 2017", StringComparison.Ordinal));
        Assert.Contains("12 of at most 12 working days", may["thematic/working-days"].GetProperty("facts")[0].GetString(), StringComparison.Ordinal);

        // §18: the fourth session starts on 24 July without its issue brief.
        Assert.Equal("at-risk", Status(await RulesAsync("2017-07-20"), "thematic/issue-brief"));
        Assert.Equal("breached", Status(await RulesAsync("2017-07-24"), "thematic/issue-brief"));

        // §16: a session with four panels is a breach.
        client = await AtAsync(2017, 8, 1);
        var fifth = await (await client.GetAsync("/api/v1/processes/gcm")).Content.ReadFromJsonAsync<JsonElement>();
        var version = fifth.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "thematic")
            .GetProperty("meetings").EnumerateArray().Single(m => m.GetProperty("id").GetInt32() == ids[4]).GetProperty("version").GetInt32();
        var put = await client.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{ids[4]}", new { days = sessions[4], expertPanels = 4, interactiveExchange = true, version });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("breached", Status(await RulesAsync("2017-08-01"), "thematic/components"));
        var julyEnd = await RulesAsync("2017-07-31");
        Assert.True(Status(julyEnd, "thematic/components") == "not-yet-due", julyEnd["thematic/components"].ToString()); // as of the day before, it was recorded with three

        // A stale version is refused with 409 and the current state.
        var stale = await client.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{ids[4]}", new { days = sessions[4], expertPanels = 3, interactiveExchange = true, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("version", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // §16: a 13th working day of thematic sessions is a breach (the sixth session grows to Monday 16 October).
        client = await AtAsync(2017, 9, 15);
        var put6 = await client.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{ids[5]}",
            new { days = new[] { "2017-10-12", "2017-10-13", "2017-10-16" }, expertPanels = 3, interactiveExchange = true, version = 1 });
        Assert.Equal(HttpStatusCode.OK, put6.StatusCode);
        var september = await RulesAsync("2017-09-15");
        Assert.Equal("breached", Status(september, "thematic/working-days"));
        Assert.Contains("13 of at most 12", september["thematic/working-days"].GetProperty("facts")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("met", Status(await RulesAsync("2017-09-14"), "thematic/working-days"));

        // Phase II and III: the zero draft recorded on 5 February 2018 meets §27.
        client = await AtAsync(2018, 2, 5);
        await DocumentAsync(client, "zero-draft", "2018-02-05", symbol: "Zero draft");
        Assert.Equal("met", Status(await RulesAsync("2018-02-05"), "zero-draft"));
        Assert.Equal("at-risk", Status(await RulesAsync("2018-02-04"), "zero-draft"));

        // §1(a): the conference is recorded in Marrakech in December — a breach of "at Headquarters, before the general debate"…
        client = await AtAsync(2018, 10, 1);
        await ScheduleAsync(client, "conference", 1, ["2018-12-10", "2018-12-11"], panels: 0, exchange: false,
            venue: "RAK", venueName: "Marrakech, Morocco", timeZone: "Africa/Casablanca");
        Assert.Equal("breached", Status(await RulesAsync("2018-10-01"), "conference/1"));

        // …until the decision that moved it is recorded: then the rule is superseded, with its reference.
        client = await AtAsync(2018, 10, 2);
        var decision = await client.PostAsJsonAsync("/api/v1/processes/gcm/decisions",
            new { symbol = "A/RES/72/244", title = "Intergovernmental Conference to Adopt the Global Compact (Marrakech, 10-11 December 2018)", adoptedOn = "2017-12-24", amends = new[] { "1(a)" } });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        var october = await RulesAsync("2018-10-02");
        Assert.Equal("superseded", Status(october, "conference/1"));
        Assert.Equal("A/RES/72/244", october["conference/1"].GetProperty("supersededBy").GetString());
        Assert.Equal("breached", Status(await RulesAsync("2018-10-01"), "conference/1")); // as recorded by then

        // December 2018: the report still answers, and the CLI-equivalent flag says something is breached.
        var december = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/compliance?asOf=2018-12-31");
        Assert.True(december.GetProperty("totals").GetProperty("breached").GetInt32() > 0);
    }

    [Fact]
    public async Task RecordingFacts_IsTheSecretariats_AndBadInputIs400()
    {
        var delegateClient = await _app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var denied = await delegateClient.PostAsJsonAsync("/api/v1/processes/gcm/documents", new { type = "zero-draft", title = "x", publishedOn = "2018-02-01" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { })).StatusCode);

        var client = await _app.SignInAsync(_secretariat);
        var bad = await client.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "nope", days = new[] { "2017-13-01" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("series", out _));
        Assert.True(errors.TryGetProperty("days", out _));
        var badDecision = await client.PostAsJsonAsync("/api/v1/processes/gcm/decisions", new { symbol = "X", title = "Y", adoptedOn = "2018-01-01", amends = new[] { "99" } });
        Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Anonymous().GetAsync("/api/v1/processes/gcm/compliance?asOf=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Anonymous().GetAsync("/api/v1/processes/nope/compliance")).StatusCode);
    }
}

public sealed class HolidayTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task Secretariat_AddsAHoliday_AndOthersCannot()
    {
        var holidays = await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/holidays?calendar=UNOG");
        Assert.Contains(holidays!, h => h.GetProperty("name").GetString() == "Jeûne genevois");

        var delegateClient = await app.SignInAsDelegateOfAsync("CHE", focalPoint: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync("/api/v1/holidays", new { calendar = "UNOG", date = "2019-01-01", name = "New Year" })).StatusCode);

        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        var added = await secretariat.PostAsJsonAsync("/api/v1/holidays", new { calendar = "UNOG", date = "2019-01-01", name = "New Year" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsJsonAsync("/api/v1/holidays", new { calendar = "UNOG", date = "2019-01-01", name = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync("/api/v1/holidays", new { calendar = "UNOG", date = "1 Jan", name = "Bad" })).StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await secretariat.DeleteAsync($"/api/v1/holidays/{id}")).StatusCode);
    }
}
