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
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/authenticator**");
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Authenticator code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and continue" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return key;
    }
}
