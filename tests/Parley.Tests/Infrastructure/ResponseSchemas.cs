using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// Issue 16: every JSON answer an HTTP test receives from /api/v1 is checked against the schema its operation declares in the
/// app's own OpenAPI document (OpenAPI 3.1 schemas are JSON Schema 2020-12). A mismatch fails the request in the test that made
/// it, naming the operation and what differed.
/// </summary>
public sealed class ResponseSchemas
{
    private sealed record Operation(string Method, Regex Path, int Parameters, JsonObject Responses, string Template);

    private readonly List<Operation> _operations = [];
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new(StringComparer.Ordinal);
    private static int _built;

    public ResponseSchemas(string openApiJson)
    {
        var document = JsonNode.Parse(Rewrite(openApiJson))!.AsObject();
        _definitions = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["responses"] is JsonObject responses)
                {
                    var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
                    _operations.Add(new Operation(method.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant), template.Count(c => c == '{'), responses, template));
                }
            }
        }
        _operations.Sort((a, b) => a.Parameters.CompareTo(b.Parameters)); // a literal segment wins over a parameter
    }

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    /// <summary>Null when the body matches (or nothing is declared for it); otherwise what is wrong.</summary>
    public string? Check(string method, string path, int status, string body)
    {
        var operation = _operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path));
        if (operation is null)
        {
            return null;
        }
        var key = $"{operation.Method} {operation.Template} {status}";
        var schema = _schemas.GetOrAdd(key, _ =>
        {
            var declared = operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?["application/json"]?["schema"];
            if (declared is null)
            {
                return null;
            }
            var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _definitions.DeepClone() };
            foreach (var (k, v) in declared.AsObject())
            {
                root[k] = v?.DeepClone();
            }
            var id = Interlocked.Increment(ref _built);
            return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://parley.test/responses/{id}"));
        });
        if (schema is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(body);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }
        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct().Take(5);
        return $"{key}: the answer does not match its declared schema — {string.Join("; ", problems)}";
    }
}

/// <summary>Checks each JSON answer from /api/v1 against its declared schema (see <see cref="ResponseSchemas"/>).</summary>
public sealed class ResponseSchemaHandler(Func<ResponseSchemas> schemas) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal) || response.Content.Headers.ContentType?.MediaType != "application/json"
            || request.Headers.Accept.Any(a => a.MediaType == "text/event-stream"))
        {
            return response;
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Content.Headers.ToList();
        response.Content = new ByteArrayContent(bytes);
        foreach (var (name, values) in headers)
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }
        if (bytes.Length > 0 && schemas().Check(request.Method.Method, path, (int)response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes)) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        return response;
    }
}
