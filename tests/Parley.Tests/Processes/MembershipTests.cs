using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Modalities;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>
/// A body other than the UN General Assembly declares its own membership and groupings in its modalities file (a World Health
/// Assembly–like body: the UN's Member States less Liechtenstein, with the Cook Islands and Niue, associate members, WHO regions),
/// and everything that counts members follows it: the recorded vote, the moderators of panels and their balance across groups.
/// </summary>
public sealed class MembershipTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private const string Who = """
        process:
          id: wha-like
          title: Intergovernmental negotiating body (WHA-like)
          mandate: { symbol: SSA2(5), adopted: 2030-12-01, body: World Health Assembly }
          outcome: { title: Agreement, sections: [articles], paragraph: "1", adoptedBy: World Health Assembly, majority: two-thirds }
        venues:
          - { code: GVA, name: Geneva, city: Geneva, timeZone: Europe/Zurich }
        phases:
          - { id: talks, name: Negotiations, from: 2031-02, to: 2031-12, paragraph: "1" }
        series:
          - { id: inb, name: Negotiating body sessions, phase: talks, venue: GVA, paragraph: "1", meetings: [ { month: 2031-03, days: 5 } ] }
        membership:
          organisation: World Health Organization
          base: un-member-states
          members:
            - { code: LIE, status: not-member }
            - { code: COK, status: member }
            - { code: NIU, status: member }
            - { code: PRI, name: Puerto Rico, status: associate }
            - { code: TKL, name: Tokelau, status: associate, since: 2031-06-01 }
          groupings:
            label: WHO region
            groups:
              - { id: AFR, name: African Region, members: [NGA, SEN, KEN, GHA] }
              - { id: AMR, name: Region of the Americas, members: [MEX, BRA, CAN, PRI] }
              - { id: EUR, name: European Region, members: [FRA, DEU] }
              - { id: WPR, name: Western Pacific Region, members: [COK, NIU, JPN, TKL] }
        """;

    private async Task<HttpClient> LoadAsync()
    {
        app.Clock.Set(2031, 2, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        var load = await secretariat.PostAsync("/api/v1/processes", new StringContent(Who, Encoding.UTF8, "application/yaml"));
        Assert.True(load.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await load.Content.ReadAsStringAsync());
        return secretariat;
    }

    [Fact]
    public async Task TheBodysMembers_AreTheUnsLessAndMoreAsDeclared_WithTheirRegions_OnEachDay()
    {
        await LoadAsync();
        var before = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/wha-like/membership?asOf=2031-03-01");
        var members = before.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("code").GetString()!);
        Assert.Equal("World Health Organization", before.GetProperty("organisation").GetString());
        Assert.Equal(194, before.GetProperty("voting").GetInt32()); // 193 − Liechtenstein + Cook Islands + Niue
        Assert.False(members.ContainsKey("LIE"));
        Assert.Equal(("member", "WPR"), (members["COK"].GetProperty("status").GetString(), members["COK"].GetProperty("group").GetString()));
        Assert.Equal(("associate", "Puerto Rico", "AMR"), (members["PRI"].GetProperty("status").GetString(), members["PRI"].GetProperty("name").GetString(), members["PRI"].GetProperty("group").GetString()));
        Assert.False(members.ContainsKey("TKL")); // an associate member from June only
        var groups = before.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("id").GetString()!, g => g.GetProperty("members").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["AFR"] = 4, ["AMR"] = 4, ["EUR"] = 2, ["WPR"] = 3 }, groups);

        var after = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/wha-like/membership?asOf=2031-07-01");
        Assert.Contains(after.GetProperty("members").EnumerateArray(), m => m.GetProperty("code").GetString() == "TKL");

        // The General Assembly process keeps the UN's membership: 193 with a vote, two observer States, the five regional groups.
        var gcm = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/membership");
        Assert.Equal(193, gcm.GetProperty("voting").GetInt32());
        Assert.True(gcm.GetProperty("groupsFromRegistry").GetBoolean());
        Assert.Equal(5, gcm.GetProperty("groups").GetArrayLength());
        Assert.Contains(gcm.GetProperty("members").EnumerateArray(), m => m.GetProperty("code").GetString() == "PSE" && m.GetProperty("status").GetString() == "observer");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/v1/processes/gcm/membership?asOf=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/processes/nope/membership")).StatusCode);

        var page = await (await app.Anonymous().GetAsync("/processes/wha-like")).Content.ReadAsStringAsync();
        Assert.Contains("World Health Organization: 194 members with a vote, 1 associate members", page, StringComparison.Ordinal);
        Assert.Contains("Western Pacific Region (<span class=\"symbol\">WPR</span>): 3", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRecordedVote_IsTheBodysMembers_AssociateMembersHaveNoVote_AndTheUnsBodyRefusesTheCookIslands()
    {
        var secretariat = await LoadAsync();
        async Task<int> VersionOf(string processId, string code)
        {
            var text = await (await secretariat.PostAsJsonAsync($"/api/v1/processes/{processId}/texts", new { code, title = "Agreement" })).ExpectJsonAsync(HttpStatusCode.Created);
            var version = await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Final&date=2031-05-01",
                new StringContent("1. The Parties cooperate.\n", Encoding.UTF8, "text/markdown"));
            return (await version.ExpectJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        }
        var who = await VersionOf("wha-like", "agreement-vote");
        var refused = await secretariat.PostAsJsonAsync($"/api/v1/versions/{who}/adoption",
            new { method = "vote", adoptedOn = "2031-05-20", votes = new Dictionary<string, string> { ["COK"] = "yes", ["PRI"] = "yes", ["LIE"] = "no" } });
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'PRI' is an associate member of World Health Organization and has no vote.", problem, StringComparison.Ordinal);
        Assert.Contains("'LIE' is not a Member State of World Health Organization.", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("COK", problem, StringComparison.Ordinal);

        var adopted = await (await secretariat.PostAsJsonAsync($"/api/v1/versions/{who}/adoption",
            new { method = "vote", adoptedOn = "2031-05-20", votes = new Dictionary<string, string> { ["COK"] = "yes", ["NIU"] = "yes", ["FRA"] = "yes", ["DEU"] = "no" } })).ExpectJsonAsync(HttpStatusCode.Created);
        Assert.True(adopted.GetProperty("adopted").GetBoolean()); // 3 of 4: two thirds
        Assert.Equal(194, adopted.GetProperty("yes").GetInt32() + adopted.GetProperty("no").GetInt32() + adopted.GetProperty("abstain").GetInt32() + adopted.GetProperty("notVoting").GetInt32());
        // Each State's vote is in the JSON (it once came back as empty objects).
        var votes = adopted.GetProperty("votes").EnumerateArray().ToDictionary(v => v.GetProperty("state").GetString()!, v => v.GetProperty("vote").GetString());
        Assert.Equal(194, votes.Count);
        Assert.Equal(("yes", "no", "notvoting"), (votes["COK"], votes["DEU"], votes["JPN"]));
        Assert.Equal("Cook Islands", adopted.GetProperty("votes").EnumerateArray().Single(v => v.GetProperty("state").GetString() == "COK").GetProperty("name").GetString());

        var gcm = await VersionOf("gcm", "gcm-membership-vote");
        var un = await secretariat.PostAsJsonAsync($"/api/v1/versions/{gcm}/adoption", new { method = "vote", adoptedOn = "2031-05-20", votes = new Dictionary<string, string> { ["COK"] = "yes" } });
        Assert.Equal(HttpStatusCode.BadRequest, un.StatusCode);
        Assert.Contains("'COK' is not a Member State.", await un.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderators_AreTheBodysMembers_AndTheirBalanceIsCountedByItsRegions()
    {
        var secretariat = await LoadAsync();
        var meeting = await (await secretariat.PostAsJsonAsync("/api/v1/processes/wha-like/meetings",
            new { series = "inb", slot = 1, days = new[] { "2031-03-03", "2031-03-04", "2031-03-05" } })).ExpectJsonAsync(HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetInt32();
        var opga = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Opga));
        object[] Panels(string m1, string m2) =>
        [
            new { title = "Panel 1: Prevention", kind = "expert-panel", moderator = m1 },
            new { title = "Panel 2: Access", kind = "expert-panel", moderator = m2 },
        ];
        var bad = await opga.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/panels", Panels("PRI", "COK"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("the moderator is a member of World Health Organization (ISO3), not 'PRI'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var panels = await (await opga.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/panels", Panels("COK", "JPN"))).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["WPR", "WPR"], panels.EnumerateArray().Select(p => p.GetProperty("moderatorGroup").GetString()));
        var balance = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/wha-like/series/inb/balance");
        var byGroup = Assert.Single(balance.GetProperty("moderatorsByGroup").EnumerateArray());
        Assert.Equal(("WPR", 2), (byGroup.GetProperty("key").GetString(), byGroup.GetProperty("value").GetInt32()));
    }

    [Fact]
    public void AMemberList_KeptAsASpreadsheet_BecomesAMembershipSectionTheReaderAccepts()
    {
        const string Csv = """
            code,name,status,since,group,group_name
            COK,Cook Islands,member,,WPR,Western Pacific Region
            NIU,Niue,,,WPR,
            PRI,"Puerto Rico",associate,,AMR,Region of the Americas
            CIV,"Côte d'Ivoire",member,2031-01-01,AFR,African Region
            """;
        var outcome = MembershipCsv.ToYaml(new StringReader(Csv), "World Health Organization", "WHO region");
        Assert.Empty(outcome.Problems);
        Assert.Equal((4, 3), (outcome.Members, outcome.Groups));
        var file = Who[..Who.IndexOf("membership:", StringComparison.Ordinal)] + outcome.Yaml;
        var parsed = ModalitiesParser.Parse(file);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems) + "\n" + outcome.Yaml);
        var membership = parsed.Definition!.Members;
        Assert.False(membership.UnMemberStates);
        Assert.Equal(["COK", "NIU"], membership.Groupings!.Single(g => g.Id == "WPR").Members);
        Assert.Equal(("Côte d'Ivoire", new DateOnly(2031, 1, 1)), (membership.Members.Single(m => m.Code == "CIV").Name, membership.Members.Single(m => m.Code == "CIV").Since));

        var broken = MembershipCsv.ToYaml(new StringReader("code,name,status\nCOK,Cook Islands,membre\nCOK,Again,member\nXX,Bad,member\n"), "X", "region");
        Assert.Null(broken.Yaml);
        Assert.Equal(["row 2: 'membre' is not a status: use member, associate or observer.", "row 3: COK is listed twice.", "row 4: 'XX' is not a three-letter code (ISO 3166-1 alpha-3)."], broken.Problems);
        Assert.Equal(["row 1: there is no 'name' column."], MembershipCsv.ToYaml(new StringReader("code\nCOK\n"), "X", "region").Problems);
    }
}
