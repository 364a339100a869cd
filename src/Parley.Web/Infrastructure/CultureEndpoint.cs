using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Parley.Web.Infrastructure;

/// <summary>The culture switcher posts here; the choice is kept in a cookie.</summary>
public static class CultureEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/culture", async (HttpContext http, Parley.Data.ParleyDb db, [Microsoft.AspNetCore.Mvc.FromForm] string? culture,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl, CancellationToken ct) =>
        {
            var chosen = Parley.Common.Languages.Find(culture)?.Culture ?? Parley.Common.Languages.Source;
            // A signed-in person's choice is also the account's: its notifications and e-mails follow it.
            if (http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId)
            {
                if (await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) is { } account && account.Culture != chosen)
                {
                    account.Culture = chosen;
                    db.AuditAction = "account.language";
                    await db.SaveChangesAsync(ct);
                }
            }
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return TypedResults.LocalRedirect(SafeReturn(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>A path on this site to go back to, or "/": no other host, no scheme, no control characters or spaces (which make a redirect throw).</summary>
    public static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2000 && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? url
            : "/";
}
