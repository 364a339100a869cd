using System.Diagnostics;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>
/// Issue 16: the OpenAPI document is fit for other software — every operation says how it is secured (bearer or cookie, or
/// open), has an operationId and a summary, declares its problem-details errors, and file exports declare their media types;
/// and a standard linter (Redocly CLI, recommended rules) finds no error in it.
/// </summary>
public sealed class OpenApiTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private async Task<JsonElement> DocumentAsync() => JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(m => (p.Name, m.Name, m.Value)));

    [Fact]
    public async Task EveryOperation_IsSecuredNamedSummarisedAndDeclaresItsErrors()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 100, $"{operations.Count} operations");
        var ids = new HashSet<string>();
        foreach (var (path, method, op) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.True(op.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, $"{where}: no security");
            Assert.True(ids.Add(op.GetProperty("operationId").GetString()!), $"{where}: operationId repeated");
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{where}: no summary");
            var responses = op.GetProperty("responses");
            Assert.Contains(responses.EnumerateObject(), r => r.Name.StartsWith('4')
                && r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }

        // What needs an account says so, and an open read says it needs none.
        var (_, _, propose) = operations.Single(o => o.Path == "/api/v1/versions/{versionId}/proposals" && o.Method == "post");
        Assert.Contains(propose.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("bearer", out _));
        Assert.True(propose.GetProperty("responses").TryGetProperty("401", out _));
        var (_, _, states) = operations.Single(o => o.Path == "/api/v1/states" && o.Method == "get");
        Assert.Empty(states.GetProperty("security")[0].EnumerateObject());

        // File exports name what they answer in.
        string MediaTypes(string path) => string.Join(",", operations.Single(o => o.Path == path && o.Method == "get").Operation
            .GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name));
        Assert.Equal("text/csv", MediaTypes("/api/v1/states/export.csv"));
        Assert.Equal("text/calendar", MediaTypes("/api/v1/processes/{id}/calendar.ics"));
        Assert.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaTypes("/api/v1/processes/{id}/accreditation/organisations.{format}"));
    }

    /// <summary>Redocly CLI, installed by .ci/run (PARLEY_REDOCLY names it); skipped elsewhere unless PARLEY_REQUIRE_OPENAPI_LINT=1.</summary>
    [Fact]
    public async Task AStandardLinter_FindsNoErrorInTheDocument()
    {
        var redocly = Environment.GetEnvironmentVariable("PARLEY_REDOCLY");
        if (string.IsNullOrEmpty(redocly) || !File.Exists(redocly))
        {
            Assert.True(Environment.GetEnvironmentVariable("PARLEY_REQUIRE_OPENAPI_LINT") != "1", $"Redocly CLI not found (PARLEY_REDOCLY={redocly}).");
            return;
        }
        var file = Path.Combine(Path.GetTempPath(), $"parley-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var run = new ProcessStartInfo(redocly) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "lint", file, "--format=summary", "--max-problems", "1000" })
        {
            run.ArgumentList.Add(a);
        }
        using var process = Process.Start(run)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        Assert.True(process.ExitCode == 0, "Redocly found errors:\n" + output);
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }
}
