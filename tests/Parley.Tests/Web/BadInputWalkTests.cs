using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>
/// Every API endpoint that changes something, called by privileged and ordinary accounts with an empty object, with broken JSON and
/// with nonsense route values: the answer is always a 4xx with a reason, never a 500.
/// </summary>
public sealed class BadInputWalkTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task NoWritingEndpoint_AnswersBadInputWithA500()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "DELETE").Select(m => (e.RoutePattern.RawText!, m)))
            .ToList();
        Assert.NotEmpty(endpoints);
        var clients = new[]
        {
            await app.SignInAsSecretariatAsync(),
            await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Opga)),
            await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator)),
            await app.SignInAsDelegateOfAsync("BRA", focalPoint: true),
            await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: "org-walk")),
        };
        var failures = new List<string>();
        var seen = new HashSet<HttpStatusCode>();
        foreach (var (pattern, method) in endpoints)
        {
            foreach (var values in new[] { ("1", "gcm"), ("999999", "nope") })
            {
                var url = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{([^}:]+)(:int)?\\}", m => m.Groups[2].Success ? values.Item1 : m.Groups[1].Value switch
                {
                    "id" => values.Item2,
                    "code" => "BRA",
                    _ => "x",
                });
                foreach (var client in clients)
                {
                    foreach (var body in new HttpContent?[] { JsonContent.Create(new { }), new StringContent("{ not json", Encoding.UTF8, "application/json"), null })
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
                        var response = await client.SendAsync(request);
                        seen.Add(response.StatusCode);
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Superset(new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Forbidden }, seen); // the walk reached the handlers
    }
}
