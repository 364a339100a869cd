using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>Who may do what with the text; every rule tried by someone who may not.</summary>
public sealed class TextAuthorizationTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();
    private int _versionId;
    private string _p1 = "";
    private HttpClient _cofac = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _app.Clock.Set(2018, 2, 5);
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "EU", name = "European Union", members = new[] { "FRA", "DEU" }, speakers = new[] { "FRA" } })).EnsureSuccessStatusCode();
        _cofac = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var (_, versionId, version) = await NegotiationScenarioTests.ZeroDraftAsync(_app, _cofac);
        _versionId = versionId;
        _p1 = version.GetProperty("provisions")[1].GetProperty("key").GetString()!;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private object Retain(string? sponsor = null, bool submit = true) => new { kind = "retain", provisionKey = _p1, sponsor, submit };

    [Fact]
    public async Task FilteredCompilations_AreCachedPerFilter_AndNeverStale()
    {
        var ita = await _app.SignInAsDelegateOfAsync("ITA");
        async Task<int> CountAsync(string query) =>
            (await ita.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{_versionId}/compilation?{query}")).GetProperty("proposals").GetInt32();
        var before = await CountAsync("delegation=ITA");
        var byGroupBefore = await CountAsync("group=EU");
        Assert.Equal(before, await CountAsync("delegation=ITA")); // served again from the cache
        Assert.Equal(HttpStatusCode.Created, (await ita.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain("ITA"))).StatusCode);
        Assert.Equal(before + 1, await CountAsync("delegation=ITA")); // a new proposal changes the stamp
        Assert.Equal(byGroupBefore, await CountAsync("group=EU"));
        // Italy joins the EU: the group's view changes although no proposal did.
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "EU", name = "European Union", members = new[] { "FRA", "DEU", "ITA" }, speakers = new[] { "FRA" } })).EnsureSuccessStatusCode();
        Assert.Equal(byGroupBefore + 1, await CountAsync("group=EU"));
        (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "EU", name = "European Union", members = new[] { "FRA", "DEU" }, speakers = new[] { "FRA" } })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Delegate_CannotProposeForAnotherState_OrForAGroupTheyMayNotSpeakFor()
    {
        var deu = await _app.SignInAsDelegateOfAsync("DEU"); // a member of the EU, but not one of its speakers
        Assert.Equal(HttpStatusCode.Forbidden, (await deu.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain("FRA"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await deu.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain("EU"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await deu.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain("DEU"))).StatusCode);
        var fra = await _app.SignInAsDelegateOfAsync("FRA");
        Assert.Equal(HttpStatusCode.Created, (await fra.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain("EU"))).StatusCode);
    }

    [Fact]
    public async Task DraftProposals_ArePrivateToTheirDelegation_UntilSubmitted()
    {
        var mexA = await _app.SignInAsDelegateOfAsync("MEX");
        var mexB = await _app.SignInAsDelegateOfAsync("MEX");
        var arg = await _app.SignInAsDelegateOfAsync("ARG");
        var draft = await (await mexA.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals",
            new { kind = "replace", provisionKey = _p1, start = 0, end = 1, newText = "DRAFT-WORDS", submit = false })).Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetInt32();
        Assert.Contains("DRAFT-WORDS", await mexB.GetStringAsync($"/api/v1/versions/{_versionId}/proposals"), StringComparison.Ordinal); // same delegation
        Assert.DoesNotContain("DRAFT-WORDS", await arg.GetStringAsync($"/api/v1/versions/{_versionId}/proposals"), StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT-WORDS", await arg.GetStringAsync($"/api/v1/versions/{_versionId}/compilation"), StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT-WORDS", await _cofac.GetStringAsync($"/api/v1/versions/{_versionId}/compilation"), StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT-WORDS", await arg.GetStringAsync($"/api/v1/versions/{_versionId}/compilation.akn.xml"), StringComparison.Ordinal);
        // Not even in the drafter's own compilation or its exports: a forwarded file would circulate it.
        Assert.DoesNotContain("DRAFT-WORDS", await mexA.GetStringAsync($"/api/v1/versions/{_versionId}/compilation"), StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT-WORDS", await mexA.GetStringAsync($"/api/v1/versions/{_versionId}/compilation.akn.xml"), StringComparison.Ordinal);
        using (var docx = new System.IO.Compression.ZipArchive(new MemoryStream(await mexA.GetByteArrayAsync($"/api/v1/versions/{_versionId}/compilation.docx"))))
        using (var body = new StreamReader(docx.GetEntry("word/document.xml")!.Open()))
        {
            Assert.DoesNotContain("DRAFT-WORDS", await body.ReadToEndAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await arg.PostAsync($"/api/v1/proposals/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await arg.PostAsync($"/api/v1/proposals/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await arg.PostAsJsonAsync($"/api/v1/proposals/{id}/support", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await mexB.PostAsync($"/api/v1/proposals/{id}/submit", null)).StatusCode);
        Assert.Contains("DRAFT-WORDS", await arg.GetStringAsync($"/api/v1/versions/{_versionId}/compilation"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await arg.PostAsync($"/api/v1/proposals/{id}/withdraw", null)).StatusCode);
    }

    [Fact]
    public async Task OnlyTheCoFacilitators_SetProvisionStatus()
    {
        var delegateClient = await _app.SignInAsDelegateOfAsync("MEX");
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        var body = new { provisionKey = _p1, status = "agreed" };
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync($"/api/v1/versions/{_versionId}/statuses", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PostAsJsonAsync($"/api/v1/versions/{_versionId}/statuses", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync($"/api/v1/versions/{_versionId}/revision", new { label = "Rev.1", date = "2018-03-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _cofac.PostAsJsonAsync($"/api/v1/versions/{_versionId}/statuses", body)).StatusCode);
        var pending = await _cofac.PostAsJsonAsync($"/api/v1/versions/{_versionId}/statuses", new { provisionKey = _p1, status = "agreed-ad-ref-pending" });
        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode); // it must say what it waits on
        var history = await _cofac.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{_versionId}/statuses/{_p1}");
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task Stakeholders_ObserversAndTheSecretariat_CannotPropose()
    {
        var stakeholder = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: "org-x"));
        var observer = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.ObserverDelegate, "VAT"));
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        foreach (var client in new[] { stakeholder, observer, secretariat, _cofac })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain())).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous().GetAsync($"/api/v1/versions/{_versionId}/compilation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Anonymous().GetAsync($"/api/v1/versions/{_versionId}")).StatusCode); // versions are public
    }

    [Fact]
    public async Task ProposalsAfterTheDeadline_AreRefused_OnTheServerClock()
    {
        Assert.Equal(HttpStatusCode.OK, (await _cofac.PutAsJsonAsync($"/api/v1/versions/{_versionId}/deadline", new { deadline = "2018-02-10T18:00:00Z" })).StatusCode);
        var mex = await _app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Created, (await mex.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain())).StatusCode);
        _app.Clock.Set(new DateTimeOffset(2018, 2, 10, 18, 0, 0, TimeSpan.Zero));
        mex = await _app.SignInAsDelegateOfAsync("MEX");
        var late = await mex.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", Retain());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("closed on 10 February 2018 18:00 UTC", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadProposals_GetAMessagePerField()
    {
        var mex = await _app.SignInAsDelegateOfAsync("MEX");
        var response = await mex.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", new { kind = "replace", provisionKey = _p1, start = 5, end = 99, cosponsors = new[] { "XXX" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "start", "newText", "cosponsors" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await mex.PostAsJsonAsync($"/api/v1/versions/{_versionId}/proposals", new { kind = "rewrite", provisionKey = "nope" })).StatusCode);
    }
}
