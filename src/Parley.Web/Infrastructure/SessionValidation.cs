using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Microsoft.Extensions.Options;
using Parley.Features.Identity;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Every signed-in request (cookie or bearer token) is checked against its account: still active, and the security stamp
/// the sign-in carries still current. Deactivating an account, changing its password or its second factor changes the stamp,
/// so every session and token issued before ends at once — not at the cookie's or token's expiry. One indexed read per
/// signed-in request.
/// </summary>
public sealed class SessionValidationMiddleware(RequestDelegate next, IOptions<IdentityOptions> identity)
{
    /// <summary>A class, not a tuple: Npgsql reads a projected tuple as a PostgreSQL record and refuses it.</summary>
    private sealed record Account(bool IsActive, string? SecurityStamp);

    private static readonly Func<ParleyDb, string, Task<Account?>> AccountState =
        EF.CompileAsyncQuery((ParleyDb db, string id) => db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new Account(u.IsActive, u.SecurityStamp)).FirstOrDefault());

    public async Task InvokeAsync(HttpContext context, ParleyDb db)
    {
        var user = context.User;
        // Health probes reveal nothing about the caller; they need no account check.
        if (user.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments("/health"))
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var account = id is null ? null : await AccountState(db, id);
            if (account is null || !account.IsActive || stamp is null || account.SecurityStamp != stamp)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(AuthSchemes.CookieName))
                {
                    context.Response.Cookies.Delete(AuthSchemes.CookieName);
                }
            }
        }
        await next(context);
    }
}
