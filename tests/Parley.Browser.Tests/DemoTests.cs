using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 15: `--demo` starts on its own database with an invented process well under way; every account it prints signs in (the
/// privileged ones with the printed authenticator secret) and lands on a home that says what awaits it; the projector shows the
/// speaker who has the floor and the compliance report real breaches.
/// </summary>
public sealed partial class DemoTests
{
    [BrowserFact]
    public async Task TheDemo_StartsOnItsOwn_AndEveryPrintedAccountSignsIn()
    {
        await using var app = await AppProcess.StartAsync(arguments: ["--demo"]);
        await app.WaitForLineAsync("PARLEY-DEMO", TimeSpan.FromSeconds(60));
        await Task.Delay(500); // the rest of the printed block
        var accounts = AccountLine().Matches(app.Output).Select(m => (Kind: m.Groups["kind"].Value, Email: m.Groups["email"].Value,
            Secret: m.Groups["secret"].Success ? m.Groups["secret"].Value : null)).ToList();
        Assert.True(accounts.Count >= 8, app.Output);
        Assert.Equal(["co-facilitator", "member-state-delegate", "observer-delegate", "opga", "secretariat", "stakeholder"], accounts.Select(a => a.Kind).Distinct().Order());
        var password = PasswordLine().Match(app.Output).Groups[1].Value;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var shift = new DateTime(2018, 3, 6, 14, 0, 0, DateTimeKind.Utc) - DateTime.UtcNow;
        foreach (var (kind, email, secret) in accounts)
        {
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            try
            {
                await page.GotoAsync(app.BaseUrl + "/account/login");
                await page.GetByLabel("E-mail address").FillAsync(email);
                await page.GetByLabel("Password").FillAsync(password);
                await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                if (secret is not null)
                {
                    await page.WaitForURLAsync("**/account/login-2fa**");
                    var totp = new Totp(Base32Encoding.ToBytes(secret));
                    foreach (var at in new[] { DateTime.UtcNow, DateTime.UtcNow + shift })
                    {
                        await page.GetByLabel("Authenticator code").FillAsync(totp.ComputeTotp(at));
                        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
                        await page.WaitForLoadStateAsync();
                        if (!page.Url.Contains("/account/login-2fa", StringComparison.Ordinal))
                        {
                            break;
                        }
                    }
                }
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                await page.GotoAsync(app.BaseUrl + "/");
                await Assertions.Expect(page.GetByTestId("home-tasks")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Good day");
                if (kind == "secretariat")
                {
                    await Screenshots.SaveAsync(page, "home-secretariat-desktop");
                }
                if (kind is "stakeholder" or "opga" || email.StartsWith("mexico@", StringComparison.Ordinal))
                {
                    // Each role's home on a phone, as the README shows it.
                    await page.SetViewportSizeAsync(390, 844);
                    await page.ReloadAsync();
                    await Assertions.Expect(page.GetByTestId("home-tasks")).ToBeVisibleAsync();
                    await Screenshots.SaveAsync(page, $"home-{(kind == "member-state-delegate" ? "delegate" : kind)}-phone", fullPage: true);
                }
                if (kind == "co-facilitator")
                {
                    await Assertions.Expect(page.GetByTestId("home-tasks")).ToContainTextAsync("open proposals to decide");
                }
            }
            catch
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"parley-demo-{kind}-failure.png"), FullPage = true });
                Console.WriteLine(app.Output);
                throw;
            }
        }
        var projector = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } })).NewPageAsync();
        await projector.GotoAsync(app.BaseUrl + "/meetings/1/projector");
        await Assertions.Expect(projector.GetByTestId("projector-current")).ToContainTextAsync("Group of 77 and China");
        await Screenshots.SaveAsync(projector, "projector-demo-1920x1080");
        await projector.SetViewportSizeAsync(390, 844); // a delegate following the room on a phone
        await Assertions.Expect(projector.GetByTestId("projector-current")).ToContainTextAsync("Group of 77 and China");
        await Screenshots.SaveAsync(projector, "projector-phone");
        var compliance = await browser.NewPageAsync();
        await compliance.GotoAsync(app.BaseUrl + "/processes/demo/compliance");
        await Assertions.Expect(compliance.Locator("[data-status='breached']").First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^\s*(?<kind>[a-z-]+)\s+(?<email>\S+@demo\.parley)(?:\s+authenticator secret (?<secret>[A-Z2-7]+))?\s*$", RegexOptions.Multiline)]
    private static partial Regex AccountLine();

    [GeneratedRegex("every password is \"([^\"]+)\"")]
    private static partial Regex PasswordLine();
}
