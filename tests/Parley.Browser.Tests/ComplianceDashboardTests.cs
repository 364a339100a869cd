using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace Parley.Browser.Tests;

public sealed class ComplianceDashboardTests
{
    [BrowserFact]
    public async Task Secretariat_ReschedulesAThematicSession_OverTheDayBudget_AndSees16TurnRed()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        try
        {
            var key = await Journeys.BecomeAdministratorAsync(app, page, "Omar Secretariat", "omar@un.org");

            // The six thematic sessions, two days each, are recorded through the API (12 working days: the budget).
            using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key);
            string[][] sessions = [["2017-05-08", "2017-05-09"], ["2017-05-22", "2017-05-23"], ["2017-06-20", "2017-06-21"], ["2017-07-24", "2017-07-25"], ["2017-09-04", "2017-09-05"], ["2017-10-12", "2017-10-13"]];
            var last = 0;
            for (var i = 0; i < sessions.Length; i++)
            {
                var created = await api.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = i + 1, days = sessions[i], expertPanels = 3, interactiveExchange = true });
                created.EnsureSuccessStatusCode();
                last = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            }

            var paragraph16 = page.Locator("li[data-paragraph='16']");
            await page.GotoAsync(app.BaseUrl + "/processes/gcm/compliance");
            Assert.Equal("met", await paragraph16.GetAttributeAsync("data-status"));

            // The Secretariat adds a third day to the sixth session, on the meeting's page.
            await page.GotoAsync($"{app.BaseUrl}/processes/gcm/meetings/{last}");
            await page.GetByLabel("Days (YYYY-MM-DD, separated by commas)").FillAsync("2017-10-12, 2017-10-13, 2017-10-16");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save meeting" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

            await page.GotoAsync(app.BaseUrl + "/processes/gcm/compliance");
            Assert.Equal("breached", await paragraph16.GetAttributeAsync("data-status"));
            Assert.Contains("13 of at most 12 working days", await paragraph16.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("rgb(164, 0, 28)", await paragraph16.Locator(".light").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-compliance-failure.png"), FullPage = true });
            throw;
        }
    }
}
