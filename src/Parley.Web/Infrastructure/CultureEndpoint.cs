using Microsoft.AspNetCore.Localization;

namespace Parley.Web.Infrastructure;

/// <summary>The culture switcher posts here; the choice is kept in a cookie.</summary>
public static class CultureEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/culture", (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm] string? culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var chosen = ParleyApp.Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "en";
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
