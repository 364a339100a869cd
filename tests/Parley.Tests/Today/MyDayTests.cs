using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Parley.Web.Infrastructure;
using Xunit;

namespace Parley.Tests.Today;

/// <summary>Issue 15: each person's home says what awaits them, by role, and what is happening now; words are counted correctly.</summary>
public sealed class MyDayTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Theory]
    [InlineData("en", 0, "other")]
    [InlineData("en", 1, "one")]
    [InlineData("en", 2, "other")]
    [InlineData("fr", 0, "one")]
    [InlineData("fr", 1, "one")]
    [InlineData("fr", 2, "other")]
    [InlineData("ru", 1, "one")]
    [InlineData("ru", 3, "few")]
    [InlineData("ru", 5, "many")]
    [InlineData("ru", 11, "many")]
    [InlineData("ru", 21, "one")]
    [InlineData("ru", 22, "few")]
    [InlineData("ar", 0, "zero")]
    [InlineData("ar", 2, "two")]
    [InlineData("ar", 3, "few")]
    [InlineData("ar", 11, "many")]
    [InlineData("ar", 100, "other")]
    [InlineData("zh", 1, "other")]
    [InlineData("es", 1, "one")]
    public void PluralCategories_FollowEachLanguagesRules(string language, long n, string category) =>
        Assert.Equal(category, Plurals.Category(CultureInfo.GetCultureInfo(language), n));

    [Fact]
    public async Task EachRolesHome_ListsWhatAwaitsIt_AndThePublicSeesOnlyWhatIsHappening()
    {
        app.Clock.Set(2018, 2, 10);
        var cofac = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var text = await (await cofac.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "home", title = "Home text" })).ExpectJsonAsync(HttpStatusCode.Created);
        var version = await (await cofac.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("1. We commit to act.\n2. States shall cooperate.\n", Encoding.UTF8, "text/markdown"))).ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var key = (await app.Anonymous().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/versions/{versionId}")).GetProperty("provisions")[0].GetProperty("key").GetString();
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        await (await mex.PostAsJsonAsync($"/api/v1/versions/{versionId}/proposals", new { kind = "insert", provisionKey = key, start = 2, newText = "fully", submit = false }))
            .ExpectJsonAsync(HttpStatusCode.Created);
        await (await (await app.SignInAsDelegateOfAsync("CHL")).PostAsJsonAsync($"/api/v1/versions/{versionId}/proposals", new { kind = "delete", provisionKey = key, start = 1, end = 2 }))
            .ExpectJsonAsync(HttpStatusCode.Created);

        async Task<string> Home(HttpClient client) => WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var mexHome = await Home(await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX")));
        Assert.Contains("1 draft of your delegation not submitted on Home text — Zero draft", mexHome, StringComparison.Ordinal);
        var chlHome = await Home(await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "CHL")));
        Assert.DoesNotContain("draft of your delegation", chlHome, StringComparison.Ordinal); // Mexico's draft is Mexico's alone
        Assert.Contains("Propose on Home text — Zero draft", chlHome, StringComparison.Ordinal);
        var cofacHome = await Home(await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator)));
        Assert.Contains("1 open proposal to decide on Home text — Zero draft", cofacHome, StringComparison.Ordinal);
        Assert.Contains($"href=\"/versions/{versionId}/revision\"", cofacHome, StringComparison.Ordinal);
        var publicHome = await Home(app.Anonymous());
        Assert.DoesNotContain("data-testid=\"home-tasks\"", publicHome, StringComparison.Ordinal);
        Assert.Contains("Home text: Zero draft is open for proposals.", publicHome, StringComparison.Ordinal);
        Assert.Contains("Phase:", publicHome, StringComparison.Ordinal); // 71/280's phases: consultations in February 2018
    }
}
