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

/// <summary>
/// Issue 16: a client generated from the document by a standard generator (NSwag) compiles, and calls the API: the registry
/// read anonymously, and a signed-in read with the bearer token.
/// </summary>
public sealed class GeneratedClientTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    /// <summary>A form field named like the generator's own "body" parameter gets another name in the client.</summary>
    private sealed class ParameterNames : NSwag.CodeGeneration.IParameterNameGenerator
    {
        private readonly NSwag.CodeGeneration.DefaultParameterNameGenerator _default = new();

        public string Generate(NSwag.OpenApiParameter parameter, IEnumerable<NSwag.OpenApiParameter> allParameters)
        {
            var name = _default.Generate(parameter, allParameters);
            return parameter.Kind != NSwag.OpenApiParameterKind.Body && name == "body" ? "bodyText" : name;
        }
    }

    [Fact]
    public async Task AClientGeneratedFromTheDocument_CompilesAndCallsTheApi()
    {
        var json = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new NSwag.CodeGeneration.CSharp.CSharpClientGeneratorSettings
        {
            ClassName = "ParleyClient",
            UseBaseUrl = false,
            ParameterNameGenerator = new ParameterNames(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Parley.Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var code = new NSwag.CodeGeneration.CSharp.CSharpClientGenerator(document, settings).GenerateFile();

        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(framework, "*.dll").Where(f => !f.Contains("Native", StringComparison.Ordinal))
            .Select(f => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(f)).ToList();
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Parley.Generated", [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code)], references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, "The generated client does not compile:\n" + string.Join("\n",
            emitted.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Take(20)));
        var assembly = System.Reflection.Assembly.Load(image.ToArray());
        var clientType = assembly.GetType("Parley.Generated.ParleyClient")!;

        async Task<object?> CallAsync(HttpClient http, string method, params object?[] arguments)
        {
            var client = Activator.CreateInstance(clientType, http)!;
            var m = clientType.GetMethods().First(x => x.Name == method && x.GetParameters().Length == arguments.Length + 1 || x.Name == method && x.GetParameters().Length == arguments.Length);
            var args = m.GetParameters().Select((p, i) => i < arguments.Length ? arguments[i] : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : null).ToArray();
            var task = (Task)m.Invoke(client, args)!;
            await task;
            return task.GetType().GetProperty("Result")?.GetValue(task);
        }

        // An open read: the registry, as objects of the generated types.
        var anonymous = app.Anonymous();
        var states = (System.Collections.IEnumerable)(await CallAsync(anonymous, "GetStatesAsync", null, null, null, null))!;
        var all = states.Cast<object>().ToList();
        Assert.True(all.Count > 190, $"{all.Count} States");
        var mexico = all.Single(s => (string?)s.GetType().GetProperty("Iso3")!.GetValue(s) == "MEX");
        Assert.Equal("Mexico", mexico.GetType().GetProperty("Name")!.GetValue(mexico));

        // A signed-in read with a bearer token: who am I.
        var delegateClient = await app.SignInAsDelegateOfAsync("MEX");
        var me = await CallAsync(delegateClient, "GetMeAsync");
        Assert.NotNull(me);
    }
}
