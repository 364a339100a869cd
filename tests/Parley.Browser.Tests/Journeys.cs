using System.Net.Http.Json;
using Microsoft.Playwright;
using OtpNet;

namespace Parley.Browser.Tests;

/// <summary>Paths through the app that several browser tests walk, written once.</summary>
public static class Journeys
{
    public const string Password = "a long admin passphrase";

    /// <summary>First run as a user would do it: setup link, administrator, sign-in, authenticator. Returns the TOTP key.</summary>
    public static async Task<string> BecomeAdministratorAsync(AppProcess app, IPage page, string name, string email)
    {
        await page.GotoAsync(await app.WaitForLineAsync("PARLEY-SETUP-LINK", TimeSpan.FromSeconds(30)));
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await ClickUntilAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }), url => url.Contains("/account/login", StringComparison.Ordinal));
        return (await SignInAsync(app, page, email, Password, enrolAuthenticator: true))!;
    }

    /// <summary>Signs in on the login page; a privileged account signing in for the first time enrols its authenticator (returns the key).</summary>
    public static async Task<string?> SignInAsync(AppProcess app, IPage page, string email, string password, bool enrolAuthenticator = false, TimeSpan? clockShift = null)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await page.GotoAsync(app.BaseUrl + "/account/login");
        }
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await ClickUntilAsync(page, page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }),
            url => !url.Contains("/account/login", StringComparison.Ordinal));
        if (!enrolAuthenticator)
        {
            return null;
        }
        await page.WaitForURLAsync("**/account/authenticator**");
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));
        // Identity may check the code against the app's (possibly rehearsal) clock or the wall clock: try both. A code typed at the
        // end of its 30-second step, or on a loaded machine, may arrive late: then try again with the next step's code.
        for (var round = 0; round < 2; round++)
        {
            foreach (var at in new[] { DateTime.UtcNow, DateTime.UtcNow + (clockShift ?? TimeSpan.Zero) }.Distinct())
            {
                // A code accepted while the wait below timed out on a loaded machine: the page has moved on, the key is enrolled.
                if (!page.Url.Contains("/account/authenticator", StringComparison.Ordinal))
                {
                    return key;
                }
                await page.GetByLabel("Authenticator code").FillAsync(totp.ComputeTotp(at));
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and continue" }).ClickAsync();
                try
                {
                    await page.WaitForURLAsync(url => !url.Contains("/account/authenticator", StringComparison.Ordinal), new() { Timeout = 15000 });
                    return key;
                }
                catch (TimeoutException)
                {
                    // refused or slow: try the other clock
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(totp.RemainingSeconds() + 1));
        }
        throw new InvalidOperationException("The authenticator code was refused.");
    }

    /// <summary>An API client signed in as the administrator created by <see cref="BecomeAdministratorAsync"/> (TOTP on the wall clock, or shifted).</summary>
    public static async Task<HttpClient> AdministratorApiAsync(AppProcess app, string email, string totpKey, TimeSpan? clockShift = null)
    {
        var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var totp = new Totp(Base32Encoding.ToBytes(totpKey));
        // Each code is accepted once: the one just used to enrol is refused, so try the next step's too (within the ±30 s window).
        HttpResponseMessage token = null!;
        foreach (var at in new[] { DateTime.UtcNow, DateTime.UtcNow.AddSeconds(30), DateTime.UtcNow + (clockShift ?? TimeSpan.Zero) })
        {
            token = await api.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password, totpCode = totp.ComputeTotp(at) });
            if (token.IsSuccessStatusCode)
            {
                break;
            }
        }
        token.EnsureSuccessStatusCode();
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString());
        return api;
    }

    /// <summary>Creates an account through the API and returns its one-time set-password link.</summary>
    public static async Task<string> CreateAccountAsync(HttpClient administrator, object request)
    {
        var created = await administrator.PostAsJsonAsync("/api/v1/accounts", request);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("setPasswordUrl").GetString()!;
    }

    /// <summary>Follows a one-time link to set a password, as a new account holder does.</summary>
    public static async Task SetPasswordAsync(IPage page, string link, string password)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await ClickUntilAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save password" }), url => url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Submits a form by its button and waits to arrive; a click that led nowhere within 15 s (seen in CI on a loaded two-core
    /// machine, the page still settling) is given once more while the form is still there.
    /// </summary>
    private static async Task ClickUntilAsync(IPage page, ILocator button, Func<string, bool> arrived)
    {
        await button.ClickAsync();
        try
        {
            await page.WaitForURLAsync(arrived, new() { Timeout = 15_000 });
            return;
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"A click on {page.Url} led nowhere within 15 s; clicking once more.");
        }
        if (await button.CountAsync() != 1)
        {
            await page.WaitForURLAsync(arrived); // the page moved on after all: wait for it
            return;
        }
        await button.ClickAsync();
        await page.WaitForURLAsync(arrived);
    }
}
