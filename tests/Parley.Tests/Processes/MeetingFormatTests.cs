using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>Meetings in person, hybrid or virtual (a series may set the default), and dates recorded as approximate.</summary>
public sealed class MeetingFormatTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private const string File = """
        process:
          id: formats
          title: Formats
          mandate: { symbol: A/RES/4/4, adopted: 2030-01-10 }
          outcome: { title: Accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        series:
          - { id: sessions, name: Sessions, phase: talks, venue: NBO, format: hybrid, paragraph: "3", meetings: [ { month: 2030-04, days: 2 } ] }
        """;

    [Fact]
    public async Task AMeeting_TakesItsSeriesFormat_CanBeVirtual_AndApproximateDatesAreSaid()
    {
        app.Clock.Set(2030, 3, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsync("/api/v1/processes", new StringContent(File, Encoding.UTF8, "application/yaml"))).StatusCode);
        var created = await (await secretariat.PostAsJsonAsync("/api/v1/processes/formats/meetings", new { series = "sessions", slot = 1, days = new[] { "2030-04-08", "2030-04-09" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("hybrid", false), (created.GetProperty("format").GetString(), created.GetProperty("approximate").GetBoolean()));
        var id = created.GetProperty("id").GetInt32();
        var changed = await secretariat.PatchAsJsonAsync($"/api/v1/processes/formats/meetings/{id}", new { format = "virtual", approximate = true, version = created.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/formats/meetings/{id}");
        Assert.Equal(("virtual", true, 2), (read.GetProperty("format").GetString(), read.GetProperty("approximate").GetBoolean(), read.GetProperty("days").GetArrayLength()));
        var bad = await secretariat.PatchAsJsonAsync($"/api/v1/processes/formats/meetings/{id}", new { format = "remote", version = read.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/formats/compliance?asOf=2030-05-01");
        var rule = report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray()).Single(r => r.GetProperty("id").GetString() == "sessions/1");
        Assert.Contains(rule.GetProperty("facts").EnumerateArray(), f => f.GetString() == "Its dates are recorded as approximate.");
    }
}
