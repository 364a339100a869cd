using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Meetings;

public sealed class MeetingAuthorizationTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();
    private int _thematic;
    private int _round;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        async Task<int> Schedule(object body) =>
            (await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        _thematic = await Schedule(new { series = "thematic", slot = 2, days = new[] { "2017-05-22", "2017-05-23" } });
        _round = await Schedule(new { series = "negotiations", slot = 1, days = new[] { "2018-02-20", "2018-02-21", "2018-02-22" } });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object People(params string[] roles) => new { participants = roles.Select((r, i) => new { name = $"Person {i}", role = r }).ToArray() };

    [Fact]
    public async Task FocalPoint_CannotRegisterAnotherStatesDelegates_NorCanAnOrdinaryDelegate()
    {
        var focal = await _app.SignInAsDelegateOfAsync("PER", focalPoint: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/registrations?code=CHL", People("head-of-delegation"))).StatusCode);
        var ordinary = await _app.SignInAsDelegateOfAsync("PER");
        Assert.Equal(HttpStatusCode.Forbidden, (await ordinary.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/registrations", People("head-of-delegation"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await focal.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/registrations", People("delegate"))).StatusCode); // no head
        var created = await focal.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/registrations", People("head-of-delegation", "adviser"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var other = await _app.SignInAsDelegateOfAsync("CHL", focalPoint: true);
        using (var letter = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 note verbale"u8.ToArray()), "file", "note.pdf" } })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/registrations/{id}/credentials", letter)).StatusCode);
        }
        using (var letter = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 note verbale"u8.ToArray()), "file", "note.pdf" } })
        {
            Assert.Equal(HttpStatusCode.OK, (await focal.PostAsync($"/api/v1/registrations/{id}/credentials", letter)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/registrations/{id}/credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignInAsSecretariatAsync(false)).GetAsync($"/api/v1/registrations/{id}/credentials")).StatusCode);
        Assert.DoesNotContain("PER", await other.GetStringAsync($"/api/v1/meetings/{_thematic}/registrations"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await focal.PostAsJsonAsync("/api/v1/registrations/1/decision", new { decision = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Stakeholder_CannotInscribe_OrRegister_InAClosedNegotiationRound()
    {
        _app.Clock.Set(2017, 4, 10);
        var org = (await AccreditationData.ApplyManyAsync(_app, "special-preparatory", 1, prefix: "Closed Round NGO"))[0];
        using (var db = _app.OpenDb())
        {
            db.Applications.Single(a => a.Id == org.ApplicationId).Decide(ApplicationStatus.Accredited, "test", null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        _app.Clock.Reset();
        var stakeholder = await AccreditationData.SignInStakeholderAsync(_app, org.Code);
        var inscribe = await stakeholder.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { });
        Assert.Equal(HttpStatusCode.Forbidden, inscribe.StatusCode);
        Assert.Contains("intergovernmental", await inscribe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await stakeholder.PostAsJsonAsync($"/api/v1/meetings/{_round}/registrations", People("representative"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await stakeholder.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/speakers", new { })).StatusCode); // open to stakeholders

        var unaccredited = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: "not-accredited"));
        Assert.Equal(HttpStatusCode.Forbidden, (await unaccredited.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/speakers", new { })).StatusCode);
    }

    [Fact]
    public async Task AStatesLevel_IsNeverAssumed_WhenItWouldMoveItInTheList()
    {
        // An unknown level is refused, not read as "other" (which would put the State after every head of delegation).
        var mexico = await _app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.BadRequest, (await mexico.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { level = "grand-vizier" })).StatusCode);
        // The chair adding a Member State says at what level; a point of order goes first whoever raises it, so it needs none.
        var cofac = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var refused = await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "add", code = "MAR", label = "Morocco", category = "member-state" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("level", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "add", code = "MAR", label = "Morocco", category = "member-state", level = "minister" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "add", code = "IOM", label = "IOM", category = "intergovernmental-organisation" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "point-of-order", code = "CUB", label = "Cuba" })).StatusCode);

        // On the page, nothing is chosen for the delegation: posting without a level says so and inscribes no one.
        var page = await (await mexico.GetAsync($"/meetings/{_round}/speakers")).Content.ReadAsStringAsync();
        Assert.Contains("<option value>", page);
        Assert.DoesNotContain("selected", System.Text.RegularExpressions.Regex.Match(page, "<select id=\"level\"[\\s\\S]*?</select>").Value);
        var posted = await Forms.SubmitAsync(mexico, $"/meetings/{_round}/speakers", "inscribe", new Dictionary<string, string> { ["level"] = "", ["kind"] = "statement" });
        var body = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Say at what level", body);
        var list = await (await mexico.GetAsync($"/api/v1/meetings/{_round}/speakers")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(list.GetProperty("speakers").EnumerateArray(), s => s.GetProperty("code").GetString() == "MEX");
    }

    [Fact]
    public async Task OnlyTheChairsTeam_RunsTheList()
    {
        var delegateClient = await _app.SignInAsDelegateOfAsync("ARG");
        Assert.Equal(HttpStatusCode.Created, (await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { level = "minister" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { })).StatusCode); // once
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { onBehalfOf = "BRA" })).StatusCode);
        foreach (var action in new[] { "next", "close", "time" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action, seconds = 10 })).StatusCode);
        }
        var stakeholder = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: "x"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stakeholder.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "next" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "next" })).StatusCode);
        var cofac = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        Assert.Equal(HttpStatusCode.OK, (await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "close" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await _app.SignInAsDelegateOfAsync("URY")).PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers", new { })).StatusCode); // closed
        Assert.Equal(HttpStatusCode.BadRequest, (await cofac.PostAsJsonAsync($"/api/v1/meetings/{_round}/speakers/chair", new { action = "dance" })).StatusCode);
    }

    [Fact]
    public async Task AtCapacity_RegistrationsWait_AndARefusalLetsTheNextIn()
    {
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutAsJsonAsync($"/api/v1/meetings/{_round}/setup", new { capacity = 4, stakeholderQuota = 2, interpretationAsAvailable = false })).StatusCode);
        var ids = new List<int>();
        foreach (var iso in new[] { "FIN", "SWE", "NOR" })
        {
            var focal = await _app.SignInAsDelegateOfAsync(iso, focalPoint: true);
            var created = await focal.PostAsJsonAsync($"/api/v1/meetings/{_round}/registrations", People("head-of-delegation", "delegate"));
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }
        string Status(JsonElement r) => r.GetProperty("status").GetString()!;
        Assert.Equal("approved", Status(await (await secretariat.PostAsJsonAsync($"/api/v1/registrations/{ids[0]}/decision", new { decision = "approve" })).Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal("approved", Status(await (await secretariat.PostAsJsonAsync($"/api/v1/registrations/{ids[1]}/decision", new { decision = "approve" })).Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal("waitlisted", Status(await (await secretariat.PostAsJsonAsync($"/api/v1/registrations/{ids[2]}/decision", new { decision = "approve" })).Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync($"/api/v1/registrations/{ids[1]}/decision", new { decision = "refuse" })).StatusCode); // no reason
        await secretariat.PostAsJsonAsync($"/api/v1/registrations/{ids[1]}/decision", new { decision = "refuse", reason = "Credentials not received." });
        var all = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{_round}/registrations");
        Assert.Equal("approved", all.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == ids[2]).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Statements_AreUploadedByTheSpeakersDelegation_AndPublicOnceDelivered()
    {
        var col = await _app.SignInAsDelegateOfAsync("COL");
        var inscription = await (await col.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/speakers", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var id = inscription.GetProperty("id").GetInt32();
        MultipartFormDataContent File(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "statement.pdf" } };
        var pdf = "%PDF-1.4 statement of Colombia"u8.ToArray();
        var ecu = await _app.SignInAsDelegateOfAsync("ECU");
        Assert.Equal(HttpStatusCode.NotFound, (await ecu.PostAsync($"/api/v1/meetings/{_thematic}/speakers/{id}/statement", File(pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await col.PostAsync($"/api/v1/meetings/{_thematic}/speakers/{id}/statement", File("MZ not a pdf"u8.ToArray()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await col.PostAsync($"/api/v1/meetings/{_thematic}/speakers/{id}/statement", File(pdf))).StatusCode);
        var url = $"/api/v1/meetings/{_thematic}/speakers/{id}/statement";
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Anonymous().GetAsync(url)).StatusCode); // not yet delivered
        Assert.Equal(pdf, await col.GetByteArrayAsync(url));
        var cofac = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        await cofac.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/speakers/chair", new { action = "next" });
        await cofac.PostAsJsonAsync($"/api/v1/meetings/{_thematic}/speakers/chair", new { action = "end" });
        Assert.Equal(pdf, await _app.Anonymous().GetByteArrayAsync(url));

        var checkin = await (await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "COL"))).GetAsync("/checkin/abc");
        Assert.StartsWith("/account/access-denied", checkin.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}
