using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>The public projector view follows the list of speakers live (SignalR) as a delegation inscribes and the chair gives the floor.</summary>
public sealed class ProjectorTests
{
    [BrowserFact]
    public async Task Projector_ShowsANewSpeaker_AndTheCurrentSpeakerWithATimer_WithoutReloading()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        var key = await Journeys.BecomeAdministratorAsync(app, admin, "Omar Secretariat", "omar@un.org");
        using var chair = await Journeys.AdministratorApiAsync(app, "omar@un.org", key);
        var meeting = await chair.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } });
        meeting.EnsureSuccessStatusCode();
        var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var link = await Journeys.CreateAccountAsync(chair, new { email = "delegado@cancilleria.example", displayName = "Delegado de Colombia", kind = "member-state-delegate", state = "COL" });
        var delegatePage = await (await browser.NewContextAsync()).NewPageAsync();
        await Journeys.SetPasswordAsync(delegatePage, link, "a long delegate passphrase");

        var projector = await (await browser.NewContextAsync()).NewPageAsync();
        try
        {
            await projector.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/speakers");
            await Assertions.Expect(projector.GetByTestId("speakers")).ToContainTextAsync("No one");
            await projector.WaitForTimeoutAsync(500); // the hub connection is up

            // The delegate inscribes on the page; the projector, opened before, shows Colombia without reloading.
            await Journeys.SignInAsync(app, delegatePage, "delegado@cancilleria.example", "a long delegate passphrase");
            await delegatePage.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/speakers");
            await delegatePage.GetByLabel("Level").SelectOptionAsync("minister");
            await delegatePage.GetByTestId("inscribe").ClickAsync();
            await Assertions.Expect(delegatePage.GetByTestId("acknowledgement")).ToContainTextAsync("number 1");
            await Assertions.Expect(projector.GetByTestId("speakers")).ToContainTextAsync("Colombia", new() { Timeout = 10_000 });

            // The chair gives the floor: the projector shows the current speaker and a running timer.
            (await chair.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" })).EnsureSuccessStatusCode();
            await Assertions.Expect(projector.GetByTestId("current-speaker")).ToContainTextAsync("Colombia", new() { Timeout = 10_000 });
            var first = await projector.Locator(".timer").InnerTextAsync();
            await projector.WaitForTimeoutAsync(1600);
            Assert.NotEqual(first, await projector.Locator(".timer").InnerTextAsync());
        }
        catch
        {
            await projector.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-projector-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
    }
}
