using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Parley.Features.Identity;

namespace Parley.Web.Infrastructure;

/// <summary>Cookies for the UI, bearer tokens for the API; API callers get 401/403, never a redirect to a page.</summary>
public static class AuthSchemes
{
    public const string Smart = "Parley";
    public const string SignInRateLimit = "sign-in";
    public const string CookieName = "parley.auth";

    /// <summary>
    /// Bearer when the request carries one. Writes to the API are bearer-only: a cookie there would be a write without an
    /// antiforgery token (cross-site request forgery), and the app's own pages never write through the API. Reads of the
    /// API (event streams, statement downloads) may use the page's cookie.
    /// </summary>
    public static string Select(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityConstants.BearerScheme;
        }
        return IsApi(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.LoginPath = "/account/login";
        o.LogoutPath = "/account/logout";
        o.AccessDeniedPath = "/account/access-denied";
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = ctx =>
        {
            if (IsApi(ctx.Request))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        };
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            if (IsApi(ctx.Request))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            // A privileged user who has not used a second factor is sent to enrol one, not to a dead end.
            var user = ctx.HttpContext.User;
            if (user.AwaitsSecondFactor())
            {
                ctx.Response.Redirect("/account/authenticator?returnUrl=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString));
                return Task.CompletedTask;
            }
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        };
    }
}
