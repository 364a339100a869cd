using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>The text pages, posted as a browser without JavaScript posts them.</summary>
public sealed class TextPagesTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();
    private int _versionId;
    private JsonElement _version;
    private TestUser _cofacUser = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _cofacUser = await _app.CreateUserAsync(PrincipalKind.CoFacilitator);
        (_, _versionId, _version) = await NegotiationScenarioTests.ZeroDraftAsync(_app, await _app.SignInAsync(_cofacUser));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Key(int index) => _version.GetProperty("provisions")[index].GetProperty("key").GetString()!;

    [Fact]
    public async Task Delegate_ProposesOnThePage_ByQuotingTheWords_AndTheCompilationShowsIt()
    {
        var delegateUser = await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "KEN");
        var browser = await _app.SignInBrowserAsync(delegateUser);
        var p1 = Key(1); // "We, the Heads of State and Government, reaffirm our commitment."
        var posted = await Forms.SubmitAsync(browser, $"/versions/{_versionId}/propose?key={p1}", "propose", new Dictionary<string, string>
        {
            ["sponsor"] = "KEN", ["kind"] = "replace", ["phrase"] = "reaffirm", ["occurrence"] = "1", ["newText"] = "solemnly reaffirm", ["mode"] = "submit",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await browser.GetStringAsync($"/versions/{_versionId}/compilation");
        Assert.Contains("<del>reaffirm</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>solemnly reaffirm</ins>", html, StringComparison.Ordinal);
        Assert.Contains("<b class=\"attr\">(<bdi>Kenya</bdi>)</b>", html, StringComparison.Ordinal); // UN usage: the sponsor in parentheses after the words

        var missing = await Forms.SubmitAsync(browser, $"/versions/{_versionId}/propose?key={p1}", "propose", new Dictionary<string, string>
        {
            ["sponsor"] = "KEN", ["kind"] = "delete", ["phrase"] = "words that are not there", ["mode"] = "submit",
        });
        Assert.Contains("These words are not in the provision", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A draft shows only to its own delegation, with a button to submit it.
        await Forms.SubmitAsync(browser, $"/versions/{_versionId}/propose?key={Key(2)}", "propose", new Dictionary<string, string>
        {
            ["sponsor"] = "KEN", ["kind"] = "retain", ["mode"] = "draft",
        });
        Assert.Contains("data-testid=\"drafts\"", await browser.GetStringAsync($"/versions/{_versionId}/compilation"), StringComparison.Ordinal);
        var other = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "TZA"));
        Assert.DoesNotContain("data-testid=\"drafts\"", await other.GetStringAsync($"/versions/{_versionId}/compilation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoFacilitator_SetsAStatus_OnTheProvisionPage_AndADelegateCannot()
    {
        var key = Key(2);
        var cofac = await _app.SignInBrowserAsync(_cofacUser);
        var response = await Forms.SubmitAsync(cofac, $"/versions/{_versionId}/provisions/{key}", "set-status", new Dictionary<string, string> { ["status"] = "agreed-ad-ref" });
        Assert.Contains("data-testid=\"provision-message\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("agreed ad ref", await _app.Anonymous().GetStringAsync($"/versions/{_versionId}"), StringComparison.Ordinal);

        var delegateBrowser = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "GHA"));
        var page = await delegateBrowser.GetStringAsync($"/versions/{_versionId}/provisions/{key}");
        Assert.DoesNotContain("value=\"set-status\"", page, StringComparison.Ordinal);
        var forged = await delegateBrowser.PostAsync($"/versions/{_versionId}/provisions/{key}", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "set-status", ["status"] = "agreed" }));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        var history = await (await _app.SignInAsync(_cofacUser)).GetFromJsonAsync<JsonElement>($"/api/v1/versions/{_versionId}/statuses/{key}");
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task VersionComparisonAndGroups_ArePublic_TheCompilationIsNot()
    {
        var anonymous = _app.Anonymous();
        Assert.Contains("reaffirm our commitment", await anonymous.GetStringAsync($"/versions/{_versionId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/versions/{_versionId}/compare/{_versionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/processes/gcm/texts")).StatusCode);
        var compilation = await anonymous.GetAsync($"/versions/{_versionId}/compilation");
        Assert.Equal(HttpStatusCode.Redirect, compilation.StatusCode);
        Assert.StartsWith("/account/login", compilation.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/versions/999999")).StatusCode);
    }

    [Fact]
    public async Task CoFacilitator_BuildsARevision_OnThePage_WithTheirOwnEdit()
    {
        var cofac = await _app.SignInBrowserAsync(_cofacUser);
        var key = Key(2);
        var response = await Forms.SubmitAsync(cofac, $"/versions/{_versionId}/revision", "build-revision", new Dictionary<string, string>
        {
            ["label"] = "Rev.1", ["date"] = "2018-03-05", ["ek-0"] = key, ["et-0"] = "Migration has been part of the human experience since the dawn of history.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compare/", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var text = await _app.Anonymous().GetStringAsync(response.Headers.Location!.PathAndQuery());
        Assert.Contains("<del>experience.</del>", text, StringComparison.Ordinal); // words carry their punctuation
        Assert.Contains("<ins>experience since the dawn of history.</ins>", text, StringComparison.Ordinal);

        var delegateBrowser = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "SEN"));
        Assert.DoesNotContain("value=\"build-revision\"", await delegateBrowser.GetStringAsync($"/versions/{_versionId}/revision"), StringComparison.Ordinal);
    }
}
