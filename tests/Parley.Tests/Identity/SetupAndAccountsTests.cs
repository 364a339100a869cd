using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Identity;

/// <summary>Each test here needs a database with no administrator yet, so each gets its own application.</summary>
public sealed class SetupLinkTests
{
    private static async Task<string> IssueAsync(ParleyFactory app, TimeProvider? clock = null)
    {
        await using var db = app.OpenDb();
        return (await SetupLink.IssueAsync(db, clock ?? TimeProvider.System)).Value.Token;
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, string token, string email = "admin@un.org") =>
        Forms.SubmitAsync(client, $"/setup?token={token}", "setup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "First Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = ParleyFactory.Password,
            ["Input.ConfirmPassword"] = ParleyFactory.Password,
        });

    [Fact]
    public async Task SetupLink_CreatesTheFirstAdministrator_Once()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        var token = await IssueAsync(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var done = await CompleteAsync(client, token);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/account/login", done.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.True(await SetupLink.AdministratorExistsAsync(db));
        }

        var again = await client.GetStringAsync($"/setup?token={token}");
        Assert.Contains("not valid", again, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.False((await SetupLink.IssueAsync(db, TimeProvider.System)).IsSuccess);
        }
    }

    [Fact]
    public async Task SetupLink_AfterItExpires_IsRefused()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        var token = await IssueAsync(app, new ShiftedClock(-SetupLink.Lifetime - TimeSpan.FromMinutes(1)));
        var page = await app.Anonymous().GetStringAsync($"/setup?token={token}");
        Assert.Contains("not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"setup\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuingANewLink_RevokesTheOldOne()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        var first = await IssueAsync(app);
        var second = await IssueAsync(app);
        await using var db = app.OpenDb();
        Assert.False(await SetupLink.IsValidAsync(db, TimeProvider.System, first));
        Assert.True(await SetupLink.IsValidAsync(db, TimeProvider.System, second));
    }

    [Fact]
    public async Task SetupForm_WithMismatchedPasswords_ShowsTheFieldMessage_AndCreatesNobody()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        var token = await IssueAsync(app);
        var response = await Forms.SubmitAsync(app.Anonymous(), $"/setup?token={token}", "setup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "First Admin",
            ["Input.Email"] = "admin@un.org",
            ["Input.Password"] = ParleyFactory.Password,
            ["Input.ConfirmPassword"] = "something else entirely",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The two passwords differ.", html, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.False(await SetupLink.AdministratorExistsAsync(db));
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}

public sealed class AccountsTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task Administrator_CreatesAnAccount_AndTheHolderSetsTheirPassword_ThenSignsIn()
    {
        var admin = await app.SignInAsSecretariatAsync();
        var email = $"delegate{Guid.NewGuid():N}@mission.org";
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new { email, displayName = "Jean Délégué", kind = "member-state-delegate", state = "fra" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = new Uri((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("setPasswordUrl").GetString()!);

        var holder = app.Anonymous();
        var set = await Forms.SubmitAsync(holder, link.PathAndQuery, "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var token = await holder.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        // The link works once.
        var reuse = await Forms.SubmitAsync(app.Anonymous(), link.PathAndQuery, "set-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "another passphrase here",
            ["Input.ConfirmPassword"] = "another passphrase here",
        });
        Assert.Contains("not valid", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_IssuesAPasswordReset()
    {
        var admin = await app.SignInAsSecretariatAsync();
        var user = await app.CreateUserAsync(PrincipalKind.Donor);
        var response = await admin.PostAsync($"/api/v1/accounts/{user.Id}/password-reset", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/account/set-password?userId=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/accounts/nobody/password-reset", null)).StatusCode);
    }

    [Theory]
    [InlineData("member-state-delegate", "VAT", "state")]
    [InlineData("observer-delegate", "MEX", "state")]
    [InlineData("pope", null, "kind")]
    [InlineData("stakeholder", null, "organisation")]
    [InlineData("donor", "MEX", "state")]
    public async Task CreatingAnAccount_WithInconsistentFields_Is400(string kind, string? state, string field)
    {
        var admin = await app.SignInAsSecretariatAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { email = $"x{Guid.NewGuid():N}@example.org", displayName = "X", kind, state });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task DuplicateEmail_Is409()
    {
        var admin = await app.SignInAsSecretariatAsync();
        var existing = await app.CreateUserAsync(PrincipalKind.Donor);
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { email = existing.Email, displayName = "Dup", kind = "donor", organisation = "DONOR1" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task SignInPage_WithTotp_ReachesTheAuditPage()
    {
        var user = await app.CreateUserAsync(PrincipalKind.Secretariat);
        var browser = app.Anonymous();
        var login = await Forms.SubmitAsync(browser, "/account/login?returnUrl=%2Faudit", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = ParleyFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/login-2fa", login.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var twoFactor = await Forms.SubmitAsync(browser, login.Headers.Location!.PathAndQuery(), "login-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = app.NextCode(user)!,
        });
        Assert.Equal(HttpStatusCode.Redirect, twoFactor.StatusCode);
        Assert.Equal("/audit", twoFactor.Headers.Location!.PathAndQuery());
        var audit = await browser.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task FocalPointPage_IsClosedToStakeholders()
    {
        var stakeholder = await app.CreateUserAsync(PrincipalKind.Stakeholder);
        var browser = app.Anonymous();
        await Forms.SubmitAsync(browser, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = stakeholder.Email,
            ["Input.Password"] = ParleyFactory.Password,
        });
        var page = await browser.GetAsync("/delegation");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}
