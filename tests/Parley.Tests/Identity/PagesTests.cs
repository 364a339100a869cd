using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Identity;

/// <summary>The server-rendered pages, posted as a browser without JavaScript posts them.</summary>
public sealed class PagesTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task FocalPoint_AddsADelegate_ThroughTheDelegationPage()
    {
        var focal = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "BRA", focalPoint: true);
        var browser = await app.SignInBrowserAsync(focal);
        var email = $"page{Guid.NewGuid():N}@itamaraty.gov.br";
        var response = await Forms.SubmitAsync(browser, "/delegation", "new-delegate", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Maria Delegada",
            ["Input.Email"] = email,
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"password-link\"", html, StringComparison.Ordinal);
        Assert.Contains(email, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryDelegate_SeesTheDelegationPage_WithoutTheForm_AndCannotPostIt()
    {
        var focal = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "ARG", focalPoint: true);
        var member = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "ARG");
        var browser = await app.SignInBrowserAsync(member);
        var html = await browser.GetStringAsync("/delegation");
        Assert.Contains("Your mission focal point manages", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"new-delegate\"", html, StringComparison.Ordinal);

        // Replaying the focal point's form as this delegate creates nobody.
        var focalBrowser = await app.SignInBrowserAsync(focal);
        var focalPage = await focalBrowser.GetStringAsync("/delegation");
        Assert.Contains("value=\"new-delegate\"", focalPage, StringComparison.Ordinal);
        var page = await browser.GetAsync("/delegation");
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = await browser.PostAsync("/delegation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "new-delegate",
            ["__RequestVerificationToken"] = token,
            ["Input.DisplayName"] = "Sneaky",
            ["Input.Email"] = "sneaky@example.org",
        }));
        Assert.DoesNotContain("data-testid=\"password-link\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.DoesNotContain(db.Users, u => u.Email == "sneaky@example.org");
    }

    [Fact]
    public async Task Administrator_CreatesAnAccount_ThroughTheAccountsPage_AndSeesFieldErrors()
    {
        var admin = await app.CreateUserAsync(PrincipalKind.Secretariat, administrator: true);
        var browser = await app.SignInBrowserAsync(admin);
        var bad = await Forms.SubmitAsync(browser, "/accounts", "new-account", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Observer",
            ["Input.Email"] = $"obs{Guid.NewGuid():N}@holysee.va",
            ["Input.Kind"] = "member-state-delegate",
            ["Input.State"] = "VAT",
        });
        Assert.Contains("is not a Member State", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var email = $"obs{Guid.NewGuid():N}@holysee.va";
        var good = await Forms.SubmitAsync(browser, "/accounts", "new-account", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Observer",
            ["Input.Email"] = email,
            ["Input.Kind"] = "observer-delegate",
            ["Input.State"] = "VAT",
        });
        var page = System.Net.WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"password-link\"", page, StringComparison.Ordinal);
        // The link goes to the account holder by e-mail; the administrator may also pass it on.
        Assert.Contains($"was e-mailed to {email}", page, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"password-link\">([^<]+)<").Groups[1].Value;
        Assert.Contains(link, Assert.Single(app.MailTo(email)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivilegedUser_WithoutAnAuthenticator_IsSentToEnrolOne()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = $"cofac{Guid.NewGuid():N}@example.org";
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ParleyUser>>();
        Assert.True((await users.CreateAsync(new ParleyUser { UserName = email, Email = email, DisplayName = "Co-facilitator", Kind = PrincipalKind.CoFacilitator, EmailConfirmed = true }, ParleyFactory.Password)).Succeeded);
        var browser = app.Anonymous();
        var login = await Forms.SubmitAsync(browser, "/account/login?returnUrl=%2Fstates", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = ParleyFactory.Password,
        });
        Assert.StartsWith("/account/authenticator", login.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var me = await browser.GetAsync("/delegation");
        Assert.StartsWith("/account/authenticator", me.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        // Enrolment shows the key as a QR code an authenticator app scans, as well as in letters.
        var enrol = await browser.GetStringAsync("/account/authenticator");
        Assert.Matches("data-testid=\"totp-qr\"[^>]*>\\s*<svg", enrol);
        Assert.Contains("data-testid=\"totp-key\"", enrol, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownState_DetailPage_Is404()
    {
        var response = await app.Anonymous().GetAsync("/states/ZZZ");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
