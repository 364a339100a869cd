using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Parley.Web.Infrastructure;

/// <summary>
/// The OpenAPI document as other software needs it (issue 16), derived from the endpoints themselves: a bearer security scheme
/// (the token of POST /api/v1/auth/token) and a cookie scheme (the browser's session), required by every operation whose
/// endpoint requires authorization and declared empty on the open ones; problem-details error responses on every operation
/// (400 where input is read, 401/403 where a sign-in is needed, 404 where the address names something, 409/422 on writes);
/// an operationId and a summary on each; the media type of each file export; servers without a trailing slash.
/// </summary>
public static class OpenApiSetup
{
    private const string Bearer = "bearer";
    private const string Cookie = "cookie";

    /// <summary>File exports by the end of their route, with the media type they answer in.</summary>
    private static readonly (string Suffix, string MediaType)[] Exports =
    [
        (".csv", "text/csv"), (".ics", "text/calendar"), (".atom", "application/atom+xml"), (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (".akn.xml", "application/akn+xml"), (".pdf", "application/pdf"),
    ];

    public static void AddParleyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // Schemas named by their use case too ("FundQueriesReport", "ComplianceReport"): several use cases have a nested
            // "Report", "View" or "Row", and one name for all of them made operations point at another's schema.
            o.CreateSchemaReferenceId = info =>
            {
                var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
                for (var outer = info.Type.DeclaringType; id is not null && outer is not null; outer = outer.DeclaringType)
                {
                    id = outer.Name.Split('`')[0] + id;
                }
                return id;
            };
            o.AddDocumentTransformer((document, context, ct) =>
            {
                document.Info.Title = "Parley API";
                document.Info.Description = "An open platform for intergovernmental negotiations: processes and their calendars, accreditation, meetings and " +
                    "lists of speakers, documents, the negotiated text and its proposals, the trust fund. Sign in with POST /api/v1/auth/token and send " +
                    "the token as `Authorization: Bearer …`; writes may carry an `Idempotency-Key`. Errors are RFC 9457 problem details.";
                document.Info.License = new OpenApiLicense { Name = "Parley licence: see the repository" , Identifier = "LicenseRef-Parley" };
                document.Info.Contact = new OpenApiContact { Name = "Parley" };
                foreach (var server in document.Servers ?? [])
                {
                    server.Url = server.Url?.TrimEnd('/');
                }
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = "The access token from POST /api/v1/auth/token (privileged accounts add their authenticator code).",
                };
                document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ".AspNetCore.Identity.Application",
                    Description = "The session cookie of a browser signed in on the site.",
                };
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas["ProblemDetails"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "RFC 9457 problem details; validation problems add `errors`, a list of messages per field.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        ["errors"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                        },
                    },
                };
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                {
                    tag.Description ??= $"Operations on {tag.Name?.ToLowerInvariant()}.";
                }
                var ids = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (path, item) in document.Paths)
                {
                    foreach (var (method, operation) in item.Operations ?? [])
                    {
                        var id = operation.OperationId ?? OperationId(method.ToString(), path);
                        for (var n = 2; !ids.Add(id); n++)
                        {
                            id = OperationId(method.ToString(), path) + n.ToString(CultureInfo.InvariantCulture);
                        }
                        operation.OperationId = id;
                        operation.Summary ??= Summary(method.ToString(), path);
                    }
                }
                return Task.CompletedTask;
            });
            // Numbers are numbers: the server also reads them from strings (web defaults), but what it writes and what clients
            // should send is a JSON number; "integer or string" made generated clients type them as strings.
            o.AddSchemaTransformer((schema, context, ct) =>
            {
                if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && type.HasFlag(JsonSchemaType.String))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var open = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
                var route = "/" + (context.Description.RelativePath ?? "");
                var document = context.Document;
                operation.Security = open
                    ? [new OpenApiSecurityRequirement()]
                    : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                       new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] }];
                operation.Responses ??= new OpenApiResponses();
                var method = context.Description.HttpMethod ?? "GET";
                var reads = operation.Parameters?.Count > 0 || operation.RequestBody is not null;
                void Problem(int status, string description)
                {
                    var key = status.ToString(CultureInfo.InvariantCulture);
                    if (operation.Responses.ContainsKey(key) && operation.Responses[key].Content?.Count > 0)
                    {
                        return;
                    }
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                        },
                    };
                }
                if (reads)
                {
                    Problem(400, "The request is not valid: see `errors` for each field.");
                }
                if (!open)
                {
                    Problem(401, "Not signed in (no token, an expired one, or a privileged account without its second factor).");
                    Problem(403, "Signed in, but this account may not do this.");
                }
                if (route.Contains('{', StringComparison.Ordinal))
                {
                    Problem(404, "Nothing here by that name (or nothing this account may see).");
                }
                if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    Problem(409, "In conflict with the current state (changed meanwhile, already done, closed…).");
                    Problem(422, "This Idempotency-Key was used with another body.");
                }
                Problem(429, "Too many attempts from this address; try again after the time the answer gives.");
                // File exports: the media type they answer in, as a binary or text body.
                var export = Exports.FirstOrDefault(e => route.Split('?')[0].EndsWith(e.Suffix, StringComparison.Ordinal) || route.Contains("{format", StringComparison.Ordinal) && e.Suffix is ".csv" or ".xlsx");
                if (export.MediaType is not null && method == "GET")
                {
                    var ok = operation.Responses.TryGetValue("200", out var found) ? found : operation.Responses["200"] = new OpenApiResponse { Description = "The file." };
                    if (ok is OpenApiResponse response)
                    {
                        response.Content ??= new Dictionary<string, OpenApiMediaType>();
                        response.Content.Remove("application/json");
                        foreach (var e in route.Contains("{format", StringComparison.Ordinal) ? Exports.Where(x => x.Suffix is ".csv" or ".xlsx") : [export])
                        {
                            response.Content[e.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                        }
                    }
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>"GET /api/v1/versions/{versionId}/proposals" → "getVersionsProposals".</summary>
    public static string OperationId(string method, string path)
    {
        var sb = new StringBuilder(method.ToLowerInvariant());
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2))
        {
            var word = part.StartsWith('{') ? "By" + part.Trim('{', '}').Split(':')[0] : part;
            foreach (var piece in word.Replace("{", ".By", StringComparison.Ordinal).Split(['-', '.', '_', '}', ':'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new string([.. p.Where(char.IsAsciiLetterOrDigit)])).Where(p => p.Length > 0))
            {
                sb.Append(char.ToUpperInvariant(piece[0])).Append(piece[1..]);
            }
        }
        return sb.ToString();
    }

    /// <summary>A plain summary for an operation that has none: "Read notifications", "Submit a proposal"…</summary>
    public static string Summary(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2).Where(p => !p.StartsWith('{')).Select(p => p.Replace('-', ' ')).ToList();
        var last = words.LastOrDefault() ?? "API";
        var what = string.Join(" of ", Enumerable.Reverse(words));
        return method.ToUpperInvariant() switch
        {
            "GET" => $"Read {what}",
            "DELETE" => $"Remove {what}",
            "PUT" => $"Set {what}",
            "PATCH" => $"Change {what}",
            _ when words.Count > 1 && !last.EndsWith('s') => $"{char.ToUpperInvariant(last[0])}{last[1..]} ({string.Join(" of ", Enumerable.Reverse(words).Skip(1))})",
            _ => $"Add to {what}",
        };
    }
}
