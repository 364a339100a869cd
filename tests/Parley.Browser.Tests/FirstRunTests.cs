using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

public sealed class FirstRunTests
{
    internal static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });

    [BrowserFact]
    public async Task FirstRun_SetupLink_Administrator_SignIn_FilterLdcs_SignOut()
    {
        await using var app = await AppProcess.StartAsync();
        var setupLink = await app.WaitForLineAsync("PARLEY-SETUP-LINK", TimeSpan.FromSeconds(30));
        Assert.StartsWith(app.BaseUrl + "/setup?token=", setupLink, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        try
        {
            // The one-time link creates the first administrator, who signs in and enrols an authenticator
            // (the Secretariat is a privileged role).
            await Journeys.BecomeAdministratorAsync(app, page, "Amina Secretariat", "amina@un.org");
            Assert.Contains("Amina Secretariat", await page.GetByTestId("signed-in-user").InnerTextAsync(), StringComparison.Ordinal);

            // Filter the States list to the LDCs of 1 January 2018.
            await page.GetByRole(AriaRole.Link, new() { Name = "States", Exact = true }).First.ClickAsync();
            await page.GetByLabel("LDC on date").FillAsync("2018-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await page.WaitForURLAsync("**/states?**ldcAsOf=2018-01-01**");
            Assert.Equal("47 States", await page.GetByTestId("states-count").InnerTextAsync());
            Assert.Equal(47, await page.Locator("tbody tr").CountAsync());

            // The administrator sees the audit trail of what just happened.
            await page.GotoAsync(app.BaseUrl + "/audit?action=setup");
            Assert.Contains("setup.completed", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

            // Sign out.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.WaitForURLAsync(app.BaseUrl + "/");
            Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).CountAsync());
            Assert.Equal(0, await page.GetByTestId("signed-in-user").CountAsync());
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-failure.png"), FullPage = true });
            throw;
        }
    }

    [BrowserFact]
    public async Task KeyboardOnly_CanReachTheStatesFilters()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/states");
        // The stylesheet is served by the app itself (no CDN) and applied.
        Assert.Equal("rgb(0, 63, 110)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.site-header')).backgroundColor"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("Mexico");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/states?q=Mexico**");
        Assert.Equal("1 States", await page.GetByTestId("states-count").InnerTextAsync());
    }
}
