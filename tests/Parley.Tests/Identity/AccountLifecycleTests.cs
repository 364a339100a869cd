using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Cli;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Identity;

/// <summary>Deactivation, reactivation and password changes end what was issued before, at once.</summary>
public sealed class AccountLifecycleTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static async Task<HttpStatusCode> MeAsync(HttpClient client) => (await client.GetAsync("/api/v1/me")).StatusCode;

    [Fact]
    public async Task Deactivation_EndsTheAccountsTokensAndSessionsAtOnce_AndReactivationLetsItBackIn()
    {
        var admin = await app.SignInAsSecretariatAsync();
        var user = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX");
        var token = await app.SignInAsync(user);
        var browser = await app.SignInBrowserAsync(user);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(token));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/delegation")).StatusCode);

        var deactivated = await admin.PostAsync($"/api/v1/accounts/{user.Id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token)); // the bearer token issued before: refused now, not in 8 hours
        var page = await browser.GetAsync("/delegation");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var again = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/accounts/{user.Id}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token)); // old tokens stay dead
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await app.SignInAsync(user)));
    }

    [Fact]
    public async Task APasswordChange_EndsTheSessionsIssuedBefore()
    {
        var admin = await app.SignInAsSecretariatAsync();
        var user = await app.CreateUserAsync(PrincipalKind.Donor);
        var token = await app.SignInAsync(user);
        var link = new Uri(await (await admin.PostAsync($"/api/v1/accounts/{user.Id}/password-reset", null)).Content.ReadFromJsonAsync<string>() ?? "");
        var set = await Forms.SubmitAsync(app.Anonymous(), link.PathAndQuery, "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
    }

    [Fact]
    public async Task OnlyAnAdministrator_Deactivates_AndNeverTheirOwnAccount()
    {
        var target = await app.CreateUserAsync(PrincipalKind.Donor);
        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        var focalPoint = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PostAsync($"/api/v1/accounts/{target.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await focalPoint.PostAsync($"/api/v1/accounts/{target.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync($"/api/v1/accounts/{target.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(await app.SignInAsync(target)));

        var adminUser = await app.CreateUserAsync(PrincipalKind.Secretariat, administrator: true);
        var admin = await app.SignInAsync(adminUser);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/accounts/{adminUser.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/accounts/nobody/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task TheCommandLine_DeactivatesAnAccountByItsAddress()
    {
        var user = await app.CreateUserAsync(PrincipalKind.Donor);
        var token = await app.SignInAsync(user);
        var output = new StringWriter();
        var code = await CliApp.RunAsync(["account", "deactivate", user.Email, "--provider", app.Database.Settings.Provider.ToString(),
            "--connection", app.Database.Settings.ConnectionString], output, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("deactivated", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.Equal(2, await CliApp.RunAsync(["account", "reactivate", "nobody@example.org", "--provider", app.Database.Settings.Provider.ToString(),
            "--connection", app.Database.Settings.ConnectionString], new StringWriter(), new StringWriter()));
    }
}
