using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>An application whose clock fails for requests that ask it to: an unexpected fault in the middle of a page or an endpoint.</summary>
public sealed class FaultyClockFactory : ParleyFactory
{
    public const string Header = "X-Test-Fault";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(sp => new FaultyClock(sp.GetRequiredService<IHttpContextAccessor>())));
    }

    private sealed class FaultyClock(IHttpContextAccessor http) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() =>
            http.HttpContext is { } context && context.Request.Headers.ContainsKey(Header) && !context.Request.Path.StartsWithSegments("/error")
                ? throw new InvalidOperationException("SECRET-INTERNAL-DETAIL: the clock failed")
                : base.GetUtcNow();
    }
}

public sealed class ErrorPageTests(FaultyClockFactory app) : IClassFixture<FaultyClockFactory>
{
    [Fact]
    public async Task APageThatFails_RendersTheErrorPage_WithTheRequestId()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add(FaultyClockFactory.Header, "1");
        var response = await client.GetAsync("/processes/gcm/compliance");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-page\"", html, StringComparison.Ordinal);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Contains(requestId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-INTERNAL-DETAIL", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointThatFails_AnswersProblemJson_WithTheRequestId()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add(FaultyClockFactory.Header, "1");
        var response = await client.GetAsync("/api/v1/processes/gcm/compliance");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", body);
        Assert.DoesNotContain("SECRET-INTERNAL-DETAIL", body, StringComparison.Ordinal);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), JsonDocument.Parse(body).RootElement.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task WithoutTheFault_ThePagesWork()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/processes/gcm/compliance")).StatusCode);
    }
}

/// <summary>Issue 15: an address that leads nowhere answers 404 with a page that says so, never 200.</summary>
public sealed class NotFoundTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/processes/no-such-process")]
    [InlineData("/processes/gcm/meetings/999999")]
    [InlineData("/versions/999999")]
    [InlineData("/meetings/999999/projector")]
    public async Task AnUnknownAddress_Answers404_WithAPageThatSaysSo(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Contains("not found", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }
}

