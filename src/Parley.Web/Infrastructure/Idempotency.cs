using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Operations;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Writes to the API (POST, PUT, PATCH, DELETE under /api/v1) may carry an <c>Idempotency-Key</c> header. The first request with
/// a key runs inside one database transaction together with the record of its answer; a retry with the same key, caller, method,
/// address and body gets that answer again (with <c>Idempotent-Replayed: true</c>) and writes nothing. A retry while the first is
/// still running waits for it at the database (the key is unique) and then gets its answer. The same key with another body is
/// refused with 422. A server error (5xx) rolls everything back and keeps no record, so it may be retried. Records are kept a day.
/// Sign-in (/api/v1/auth) is left out: its answers are bearer tokens, which are not kept anywhere.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    public async Task InvokeAsync(HttpContext http, ParleyDb db, TimeProvider clock)
    {
        var method = http.Request.Method;
        // Sign-in answers carry bearer tokens: never stored, so a key sent there is ignored.
        if (!http.Request.Path.StartsWithSegments("/api/v1") || http.Request.Path.StartsWithSegments("/api/v1/auth") || !(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length is 0 or > 255)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Idempotency-Key",
                detail: "An Idempotency-Key is 1 to 255 characters (a UUID is a good choice).").ExecuteAsync(http);
            return;
        }
        http.Request.EnableBuffering();
        string hash;
        using (var sha = SHA256.Create())
        {
            hash = Convert.ToHexStringLower(await sha.ComputeHashAsync(http.Request.Body, http.RequestAborted));
        }
        http.Request.Body.Position = 0;
        var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var scope = $"{user}|{method}|{http.Request.Path}{http.Request.QueryString}";
        if (scope.Length > 700)
        {
            scope = scope[..700];
        }

        if (await FindAsync(db, scope, key, http.RequestAborted) is { } earlier)
        {
            await AnswerAsync(http, earlier, hash);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var record = new IdempotentRequest { Scope = scope, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.IdempotentRequests.Add(record);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Another request with this key got there first and has finished (the unique index waited for it): its answer.
            await transaction.RollbackAsync(http.RequestAborted);
            db.ChangeTracker.Clear();
            if (await FindAsync(db, scope, key, http.RequestAborted) is { StatusCode: > 0 } first)
            {
                await AnswerAsync(http, first, hash);
                return;
            }
            await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                detail: "A request with this Idempotency-Key is still being processed; try again in a moment.").ExecuteAsync(http);
            return;
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            http.Response.Body = original;
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        http.Response.Body = original;
        if (http.Response.StatusCode >= 500)
        {
            await transaction.RollbackAsync(CancellationToken.None); // nothing kept: the client may retry with the same key
        }
        else
        {
            var body = buffer.ToArray();
            var status = http.Response.StatusCode;
            var contentType = http.Response.ContentType;
            var location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
            await db.IdempotentRequests.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, status)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Location, location)
                .SetProperty(r => r.Body, body), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            logger.LogDebug("Write under Idempotency-Key recorded ({Status}).", status);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    private static Task<IdempotentRequest?> FindAsync(ParleyDb db, string scope, string key, CancellationToken ct) =>
        db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);

    private static async Task AnswerAsync(HttpContext http, IdempotentRequest earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used for a request with another body; use a new key for a new request.").ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = earlier.StatusCode;
        if (earlier.ContentType is not null)
        {
            http.Response.ContentType = earlier.ContentType;
        }
        if (earlier.Location is not null)
        {
            http.Response.Headers.Location = earlier.Location;
        }
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(earlier.Body, http.RequestAborted);
    }

    /// <summary>Forgets answers older than a day (run by the deadline watcher).</summary>
    public static Task<int> PurgeAsync(ParleyDb db, DateTime now, CancellationToken ct) =>
        db.IdempotentRequests.Where(r => r.CreatedAt < now - Kept).ExecuteDeleteAsync(ct);
}
