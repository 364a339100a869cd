using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Identity;

public sealed class AuthorizationTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private IEnumerable<RouteEndpoint> Endpoints =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    [Fact]
    public void EveryEndpointAndPage_DeclaresAPolicyOrAnonymousAccess()
    {
        // Blazor's own /_framework/ endpoints fall under the deny-by-default fallback policy.
        var undeclared = Endpoints
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/_framework/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a declared policy: " + string.Join(", ", undeclared));
        Assert.Contains(Endpoints, e => e.RoutePattern.RawText == "/audit"); // pages are enumerated too
    }

    [Fact]
    public async Task AnonymousCalls_ToEveryNonPublicApiEndpoint_Get401()
    {
        var client = app.Anonymous();
        var protectedApi = Endpoints
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.NotEmpty(protectedApi);
        foreach (var endpoint in protectedApi)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, "\\{[^}:]+(:int)?\\}",
                m => m.Groups[1].Success ? "1" : "MEX");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = JsonContent.Create(new { });
                }
                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task AnonymousVisitor_OfAProtectedPage_IsSentToSignIn()
    {
        var response = await app.Anonymous().GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FocalPoint_ManagesTheirOwnStatesDelegates()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var created = await mex.PostAsJsonAsync("/api/v1/states/MEX/delegates", new { email = $"d{Guid.NewGuid():N}@sre.gob.mx", displayName = "Ana Delegada" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("MEX", body.GetProperty("account").GetProperty("state").GetString());
        Assert.Contains("/account/set-password?", body.GetProperty("setPasswordUrl").GetString(), StringComparison.Ordinal);
        var list = await mex.GetFromJsonAsync<JsonElement[]>("/api/v1/states/MEX/delegates");
        Assert.Contains(list!, a => a.GetProperty("displayName").GetString() == "Ana Delegada");
    }

    [Fact]
    public async Task FocalPoint_OfOneState_CannotManageAnotherStatesDelegates()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await mex.GetAsync("/api/v1/states/FRA/delegates")).StatusCode);
        var post = await mex.PostAsJsonAsync("/api/v1/states/FRA/delegates", new { email = "x@example.org", displayName = "Intruder" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task DelegateWhoIsNotFocalPoint_CannotManageEvenTheirOwnState()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await mex.GetAsync("/api/v1/states/MEX/delegates")).StatusCode);
    }

    [Fact]
    public async Task FocalPoint_CannotAppointAnotherFocalPoint()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var post = await mex.PostAsJsonAsync("/api/v1/states/MEX/delegates", new { email = $"f{Guid.NewGuid():N}@example.org", displayName = "Second", focalPoint = true });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task Secretariat_ManagesAnyStatesDelegates_AndAppointsFocalPoints()
    {
        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        var post = await secretariat.PostAsJsonAsync("/api/v1/states/KEN/delegates", new { email = $"fp{Guid.NewGuid():N}@example.org", displayName = "Focal Point", focalPoint = true });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Fact]
    public async Task Delegate_CannotReadTheAuditTrail_NorManageAccounts()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await mex.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mex.GetAsync("/api/v1/accounts")).StatusCode);
    }

    [Fact]
    public async Task SecretariatWithoutAdministratorRight_CannotManageAccounts()
    {
        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync("/api/v1/accounts")).StatusCode);
    }

    [Fact]
    public async Task PrivilegedRole_WithoutSecondFactor_GetsNoToken_AndWithItGetsIn()
    {
        var user = await app.CreateUserAsync(PrincipalKind.Opga);
        var client = app.Anonymous();
        var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password });
        Assert.Equal(HttpStatusCode.BadRequest, withoutCode.StatusCode);
        var problem = await withoutCode.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("totpCode", out _));

        var wrongCode = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password, totpCode = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);

        var signedIn = await app.SignInAsync(user);
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.True(me.GetProperty("secondFactor").GetBoolean());
        Assert.Equal("opga", me.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ATotpCode_IsAcceptedOnce_EvenWithinItsWindow()
    {
        var user = await app.CreateUserAsync(PrincipalKind.CoFacilitator);
        var code = app.NextCode(user);
        var client = app.Anonymous();
        var first = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password, totpCode = code });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replayed = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password, totpCode = code });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        // An earlier step's code, still inside the window, is refused too once a later one was used.
        var earlier = user.CurrentCode(app.TotpClock.GetUtcNow().UtcDateTime.AddSeconds(-30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password, totpCode = earlier })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password, totpCode = app.NextCode(user) })).StatusCode);
    }

    [Fact]
    public void TotpCodes_MatchRfc6238()
    {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": at 59 s the 8-digit code is 94287082, so 6 digits are 287082.
        var secret = System.Text.Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal(287082, OneTimeAuthenticatorTokenProvider.CodeAt(secret, 59 / 30));
        Assert.Equal(secret, OneTimeAuthenticatorTokenProvider.Base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }

    [Fact]
    public async Task PrivilegedRole_NotYetEnrolled_GetsNoToken()
    {
        var user = await app.CreateUnenrolledUserAsync(PrincipalKind.Secretariat, administrator: true);
        var token = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password });
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.DoesNotContain("accessToken", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivilegedRole_SignedInWithPasswordOnly_IsRefusedEverything()
    {
        // A Secretariat account whose authenticator is not yet enrolled gets a password-only cookie…
        var client = await app.SignInBrowserWithoutSecondFactorAsync(await app.CreateUnenrolledUserAsync(PrincipalKind.Secretariat, administrator: true));
        // …which opens nothing until a second factor is used.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me")).StatusCode);
        var page = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/authenticator", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiWrites_WithACookieInsteadOfABearerToken_AreRefused()
    {
        var browser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX", focalPoint: true));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode); // reads may use the page's cookie
        var write = await browser.PostAsJsonAsync("/api/v1/states/MEX/delegates", new { email = $"d{Guid.NewGuid():N}@sre.gob.mx", displayName = "Forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownUser_GetTheSameAnswer()
    {
        var user = await app.CreateUserAsync(PrincipalKind.Donor);
        var client = app.Anonymous();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = "not the password at all" });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.org", password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccountOut_WithoutSayingSo()
    {
        var user = await app.CreateUserAsync(PrincipalKind.Donor);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = "wrong password " + i });
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = $"nobody{Guid.NewGuid():N}@example.org", password = ParleyFactory.Password });
        // The right password no longer opens it, and the answer is the one an unknown address gets (no enumeration).
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MalformedJson_Is400Problem_NotA500()
    {
        var client = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var response = await client.PostAsync("/api/v1/states/MEX/delegates", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDelegate_WithBadFields_Is400WithAMessagePerField()
    {
        var client = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var response = await client.PostAsJsonAsync("/api/v1/states/MEX/delegates", new { email = "not-an-address", displayName = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
    }
}

public sealed class StrictRateLimitFactory : ParleyFactory
{
    protected override int SignInPerMinute => 3;
}

public sealed class SignInRateLimitTests(StrictRateLimitFactory app) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task SignIn_IsRateLimited()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "a@example.org", password = "whatever it is" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "a@example.org", password = "whatever it is" });
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("try again in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewingTheSignInPage_IsNeverLimited_OnlyAttemptsAre_AndARefusedAttemptSaysWhenToTryAgain()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 25; i++)
        {
            var page = await client.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await Forms.SubmitAsync(client, "/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "b@example.org", ["Input.Password"] = "not the password" });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        var html = await last.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"rate-limited\"", html, StringComparison.Ordinal);
        Assert.Contains("Nothing is wrong with your account", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
