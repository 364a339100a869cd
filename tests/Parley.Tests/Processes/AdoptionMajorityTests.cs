using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Modalities;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>The body that adopts the outcome and its majority come from the modalities file, not from code.</summary>
public sealed class AdoptionMajorityTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static string File(string id, string? majority) => $$"""
        process:
          id: {{id}}
          title: Majority {{id}}
          mandate: { symbol: A/RES/5/5, adopted: 2030-01-10, body: Governing Council }
          outcome: { title: Charter, sections: [articles], paragraph: "1"{{(majority is null ? "" : $", adoptedBy: Conference of Plenipotentiaries, majority: {majority}")}} }
        venues:
          - { code: NBO, name: Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        series:
          - { id: sessions, name: Sessions, phase: talks, venue: NBO, paragraph: "3", meetings: [ { month: 2030-04 } ] }
        """;

    [Fact]
    public void TheFile_NamesTheAdoptingBodyAndItsMajority_OrTheMandatesBodyAndASimpleMajority()
    {
        var twoThirds = ModalitiesParser.Parse(File("a", "two-thirds")).Definition!.Outcome;
        Assert.Equal(("Conference of Plenipotentiaries", Majority.TwoThirds), (twoThirds.AdoptedBy, twoThirds.Majority));
        var plain = ModalitiesParser.Parse(File("b", null)).Definition!.Outcome;
        Assert.Equal(("Governing Council", Majority.Simple), (plain.AdoptedBy, plain.Majority));
        Assert.Contains(ModalitiesParser.Parse(File("c", "twothirds")).Problems, p => p.Message.Contains("'twothirds' is not one of: simple, two-thirds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("majority-two-thirds", "two-thirds", false)] // 10 of 16 voting yes: short of two thirds
    [InlineData("majority-simple", null, true)]
    public async Task TheSameVote_AdoptsOrNot_AsTheFilesMajoritySays(string id, string? majority, bool adopted)
    {
        app.Clock.Set(2030, 5, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsync("/api/v1/processes", new StringContent(File(id, majority), Encoding.UTF8, "application/yaml"))).StatusCode);
        var text = await (await secretariat.PostAsJsonAsync($"/api/v1/processes/{id}/texts", new { code = "charter", title = "Charter" })).Content.ReadFromJsonAsync<JsonElement>();
        var version = await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Final&date=2030-05-01",
            new StringContent("1. The Parties agree to cooperate.\n2. This Charter enters into force on signature.\n", Encoding.UTF8, "text/markdown"));
        Assert.Equal(HttpStatusCode.Created, version.StatusCode);
        var versionId = (await version.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var states = new[] { "ARG", "BRA", "CAN", "DEU", "EGY", "FRA", "GHA", "IND", "JPN", "KEN", "MEX", "NGA", "PER", "SEN", "THA", "URY" };
        var votes = states.Select((s, i) => (s, i < 10 ? "yes" : "no")).ToDictionary(x => x.s, x => x.Item2);
        var result = await secretariat.PostAsJsonAsync($"/api/v1/versions/{versionId}/adoption", new { method = "vote", adoptedOn = "2030-05-01", votes });
        var body = await result.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.IsSuccessStatusCode, body.ToString());
        Assert.Equal((10, 6, adopted), (body.GetProperty("yes").GetInt32(), body.GetProperty("no").GetInt32(), body.GetProperty("adopted").GetBoolean()));
    }
}
