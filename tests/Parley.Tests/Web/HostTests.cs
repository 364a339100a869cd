using System.Net;
using System.Xml.Linq;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

public sealed class HostTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_Answer200(string url) =>
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(url)).StatusCode);

    [Fact]
    public async Task OpenApiDocument_DescribesThePublicRegistry()
    {
        var json = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/states", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/auth/token", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReferencePage_IsServedLocally()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/api/reference/");
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reference/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task Pages_AreCompressed_ForClientsThatAcceptIt()
    {
        var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/states");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        await using var decoded = new System.IO.Compression.BrotliStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        Assert.Contains("<main", await new StreamReader(decoded).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await app.Anonymous().GetAsync("/states");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Forms_CarryAntiforgeryTokens_AndAPostWithoutOneIsRefused()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/account/login");
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "a@example.org",
            ["Input.Password"] = "whatever it is",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CultureSwitch_ShowsFrench()
    {
        var client = app.CreateClient();
        var response = await Forms.SubmitAsync(client, "/states", "", new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "/states" }, action: "/culture");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>États</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_ShowsNotFound()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // a page that says so, with the status that says so (issue 15)
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class DatabaseProviderTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public void TheSuite_RunsOnTheDatabaseCiAskedFor()
    {
        using var db = app.OpenDb();
        Assert.Equal(TestDatabase.PostgresServer is null ? "Microsoft.EntityFrameworkCore.Sqlite" : "Npgsql.EntityFrameworkCore.PostgreSQL",
            db.Database.ProviderName);
    }
}
