using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// The trust fund in a real browser: Nepal's mission applies for travel support for two representatives; the Secretariat runs the
/// allocation on its desk and approves it; the mission reads its result and the reason; the public report shows the commitment.
/// </summary>
public sealed class TrustFundJourneyTests
{
    [BrowserFact]
    public async Task AMissionApplies_TheSecretariatAllocatesAndApproves_TheMissionReadsWhy_ThePublicReportUpdates()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        IPage failed = admin;
        try
        {
            var key = await Journeys.BecomeAdministratorAsync(app, admin, "Omar Secretariat", "omar@un.org");
            using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key);
            (await api.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/v1/processes/gcm/fund/travel-rates", new { venue = "GVA", ticket = "1500.00", dsa = "300.00" })).EnsureSuccessStatusCode(); // 1500 + 300 × 3
            (await api.PostAsJsonAsync("/api/v1/processes/gcm/fund/contributions", new { donor = "NOR", amount = "3000.00", receivedOn = "2017-04-20" })).EnsureSuccessStatusCode(); // one place
            var link = await Journeys.CreateAccountAsync(api, new { email = "focal@nepal.example", displayName = "Nepal focal point", kind = "member-state-delegate", state = "NPL", focalPoint = true });

            // The mission applies for two representatives.
            var nepal = await (await browser.NewContextAsync()).NewPageAsync();
            failed = nepal;
            await Journeys.SetPasswordAsync(nepal, link, "a long nepal mission passphrase");
            await Journeys.SignInAsync(app, nepal, "focal@nepal.example", "a long nepal mission passphrase");
            await nepal.GotoAsync(app.BaseUrl + "/processes/gcm/fund");
            await nepal.GetByRole(AriaRole.Link, new() { Name = "Apply for travel support" }).ClickAsync();
            await nepal.GetByLabel("Representative 1 (full name)").FillAsync("Sita Sharma");
            await nepal.GetByLabel("Representative 2 (full name)").FillAsync("Ram Thapa");
            await nepal.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Assertions.Expect(nepal.GetByTestId("applied")).ToContainTextAsync("Application sent for 2 representatives");
            await Assertions.Expect(nepal.GetByTestId("my-applications")).ToContainTextAsync("awaiting the allocation");

            // The Secretariat runs the allocation on its desk, reads it, and approves.
            failed = admin;
            await admin.GotoAsync(app.BaseUrl + "/processes/gcm/fund/desk");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Run the allocation" }).ClickAsync();
            await Assertions.Expect(admin.GetByTestId("fund-done")).ToContainTextAsync("1 of 2 travellers funded");
            await Assertions.Expect(admin.Locator("article.run[data-status='proposed']")).ToContainTextAsync("Sita Sharma (NPL): Funded: place 1");
            await admin.Locator("article.run[data-status='proposed'] button").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("fund-done")).ToContainTextAsync("approved");
            await Assertions.Expect(admin.GetByTestId("fund-balances")).ToContainTextAsync("Committed: USD 2,400.00");

            // The mission reads its result and why.
            failed = nepal;
            await nepal.GotoAsync(app.BaseUrl + "/processes/gcm/fund/apply");
            await Assertions.Expect(nepal.GetByTestId("my-applications")).ToContainTextAsync("Sita Sharma — Funded: place 1, round 1");
            await Assertions.Expect(nepal.GetByTestId("my-applications")).ToContainTextAsync("Ram Thapa — Not funded: the funds ran out in round 2");

            // The public report: the commitment, by LDC status, and no names.
            var visitor = await (await browser.NewContextAsync()).NewPageAsync();
            failed = visitor;
            await visitor.GotoAsync(app.BaseUrl + "/processes/gcm/fund");
            await Assertions.Expect(visitor.GetByTestId("fund-committed")).ToHaveTextAsync("USD 2,400.00");
            await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("least developed countries");
            Assert.DoesNotContain("Sita Sharma", await visitor.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            var compliance = await api.GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/fund/verify");
            Assert.True(compliance.GetProperty("balanced").GetBoolean());
        }
        catch
        {
            await failed.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-fund-failure.png"), FullPage = true });
            throw;
        }
    }
}
