using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Common;

namespace Parley.Web.Infrastructure;

/// <summary>The one place where an <see cref="Error"/> becomes an HTTP answer or a form's messages, in the reader's language.</summary>
public static class ErrorResults
{
    private static string T(string english) => Messages.Translate(english, System.Globalization.CultureInfo.CurrentUICulture);

    private static Dictionary<string, string[]> Fields(Error error) =>
        (error.Fields ?? new Dictionary<string, string[]>()).ToDictionary(kv => kv.Key, kv => kv.Value.Select(T).ToArray());

    public static ProblemHttpResult ToProblem(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => TypedResults.Problem(new HttpValidationProblemDetails(Fields(error))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = T(error.Message),
        }),
        ErrorKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: T("Not found"), detail: T(error.Message)),
        ErrorKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: T("Forbidden"), detail: T(error.Message)),
        ErrorKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: T("Conflict"), detail: T(error.Message)),
    };

    /// <summary>Field messages for a form; the empty key holds messages about the form as a whole.</summary>
    public static IReadOnlyDictionary<string, string[]> ToFieldMessages(this Error error) =>
        error.Fields is null ? new Dictionary<string, string[]> { [""] = [T(error.Message)] } : Fields(error);

    /// <summary>Every message of an error under the empty key: for forms whose inputs are not bound one by one (lists of actions).</summary>
    public static IReadOnlyDictionary<string, string[]> ToSummary(this Error error) =>
        new Dictionary<string, string[]> { [""] = error.Fields?.SelectMany(f => f.Value).Select(T).ToArray() ?? [T(error.Message)] };
}

/// <summary>Unexpected exceptions on the API become a bare 500 ProblemDetails with the request id; no stack trace leaves the server.</summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
            });
        }
        logger.LogError(exception, "Unhandled exception for request {RequestId}", httpContext.TraceIdentifier);
        // By now the middleware has set the path to /error; the original one says whether this was the API.
        var original = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        if (!new PathString(original).StartsWithSegments("/api"))
        {
            return false; // pages re-execute /error
        }
        // Written directly (not through IProblemDetailsService, which declines when the client's Accept header names no JSON):
        // an API failure is problem+json whatever the client asked for.
        httpContext.Response.Headers["X-Request-Id"] = httpContext.TraceIdentifier; // the middleware cleared the headers
        await TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Something went wrong on our side.",
            Detail = "The failure is logged with this request id; quote it when reporting the problem.",
            Extensions = { ["requestId"] = httpContext.TraceIdentifier },
        }).ExecuteAsync(httpContext);
        return true;
    }
}

/// <summary>Empty error responses: ProblemDetails on the API, the not-found page for pages.</summary>
public static class StatusCodePages
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (AuthSchemes.IsApi(http.Request))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode },
            });
            return;
        }
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && HttpMethods.IsGet(http.Request.Method))
        {
            // An address that leads nowhere answers 404 with a page that says so (not a redirect to a page answering 200).
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Not found — Parley</title><link rel="stylesheet" href="/app.css"></head>
                <body><main id="main"><h1>Not found</h1><p>There is nothing at {System.Net.WebUtility.HtmlEncode(http.Request.Path.Value ?? "/")}.</p>
                <p><a href="/">Home</a> · <a href="/processes">Processes</a></p></main></body></html>
                """);
        }
    }
}
