using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 15, in the room: the projector page on a 1920×1080 and a 1280×720 screen — no site chrome, type sized from the screen,
/// readable contrast — follows the chair's "next" (given with the N key on the console) within a second; the chair's console shows a
/// delegation's new inscription and its right of reply, each marked for what it is, without a reload.
/// </summary>
public sealed class RoomTests
{
    private const string Measure = """
        () => {
          const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
          const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const ground = getComputedStyle(document.querySelector('.projector-screen')).backgroundColor;
          const of = sel => getComputedStyle(document.querySelector(sel));
          return {
            timer: parseFloat(of('[data-testid="projector-timer"]').fontSize),
            speaker: parseFloat(of('[data-testid="projector-current"]').fontSize),
            next: parseFloat(of('[data-testid="projector-next"]').fontSize),
            contrast: Math.min(ratio(of('[data-testid="projector-timer"]').color, ground), ratio(of('[data-testid="projector-next"]').color, ground),
              ratio(of('.projector-label').color, ground)),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            fill: document.querySelector('.projector').getBoundingClientRect().width / document.documentElement.clientWidth,
            timerLines: Math.round(document.querySelector('[data-testid="projector-timer"]').getBoundingClientRect().height / parseFloat(of('[data-testid="projector-timer"]').lineHeight)),
            chrome: document.querySelectorAll('header.site-header, footer.site-footer, nav').length,
          };
        }
        """;


    [BrowserFact]
    public async Task TheProjectorFollowsTheChair_AndTheConsoleShowsNewInscriptionsLive()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var chair = await browser.NewPageAsync();
        IPage failed = chair;
        try
        {
            var key = await Journeys.BecomeAdministratorAsync(app, chair, "Omar Secretariat", "omar@un.org");
            using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key);
            var meeting = await api.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } });
            meeting.EnsureSuccessStatusCode();
            var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var link = await Journeys.CreateAccountAsync(api, new { email = "delegado@cancilleria.example", displayName = "Delegado de Colombia", kind = "member-state-delegate", state = "COL" });
            (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "add", code = "MAR", label = "Morocco", category = "member-state", level = "minister" }))
                .EnsureSuccessStatusCode();

            var screens = new List<(IPage Page, int Height)>();
            foreach (var (width, height) in new[] { (1920, 1080), (1280, 720) })
            {
                var screen = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } })).NewPageAsync();
                await screen.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/projector");
                await Assertions.Expect(screen.GetByTestId("projector-next")).ToContainTextAsync("Morocco");
                await Assertions.Expect(screen.GetByTestId("projector-current")).ToContainTextAsync("No one has the floor");
                screens.Add((screen, height));
            }
            await chair.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/chair");
            await Assertions.Expect(chair.GetByTestId("console-list")).ToContainTextAsync("Morocco");
            await chair.WaitForTimeoutAsync(500); // the hub connections are up

            // A delegation inscribes, then asks for a right of reply: the open console shows both, the second marked as such.
            var delegatePage = await (await browser.NewContextAsync()).NewPageAsync();
            failed = delegatePage;
            await Journeys.SetPasswordAsync(delegatePage, link, "a long delegate passphrase");
            await Journeys.SignInAsync(app, delegatePage, "delegado@cancilleria.example", "a long delegate passphrase");
            await delegatePage.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/speakers");
            await delegatePage.GetByLabel("Level").SelectOptionAsync("minister");
            await delegatePage.GetByTestId("inscribe").ClickAsync();
            await Assertions.Expect(delegatePage.GetByTestId("acknowledgement")).ToBeVisibleAsync();
            failed = chair;
            await Assertions.Expect(chair.GetByTestId("console-list")).ToContainTextAsync("Colombia", new() { Timeout = 5_000 });
            await delegatePage.GetByLabel("What you propose").SelectOptionAsync("right-of-reply");
            await delegatePage.GetByTestId("inscribe").ClickAsync();
            await Assertions.Expect(chair.Locator("[data-testid='console-list'] li.kind-right-of-reply")).ToContainTextAsync("right of reply", new() { Timeout = 5_000 });
            await Assertions.Expect(chair.GetByTestId("console-announce")).ToContainTextAsync("right of reply");
            await Screenshots.SaveAsync(chair, "chair-console", fullPage: true);
            await Assertions.Expect(chair.Locator("[data-testid='console-list'] li")).ToHaveCountAsync(3);

            // The chair presses N: both screens show the first speaker within a second, with a countdown that runs.
            await chair.Locator("body").PressAsync("n");
            foreach (var (screen, _) in screens)
            {
                failed = screen;
                await Assertions.Expect(screen.GetByTestId("projector-current")).ToContainTextAsync("Morocco", new() { Timeout = 1_000 });
                await Assertions.Expect(screen.GetByTestId("projector-next")).ToContainTextAsync("Colombia");
            }
            var before = await screens[0].Page.GetByTestId("projector-timer").InnerTextAsync();
            await screens[0].Page.WaitForTimeoutAsync(1_300);
            Assert.NotEqual(before, await screens[0].Page.GetByTestId("projector-timer").InnerTextAsync());

            // Readable from the back of the room: sizes follow the screen, contrast well above 7:1, no chrome, nothing off the side.
            foreach (var (screen, height) in screens)
            {
                var m = await screen.EvaluateAsync<JsonElement>(Measure);
                double Of(string name) => m.GetProperty(name).GetDouble();
                Assert.True(Of("timer") >= height * 0.15, $"countdown {Of("timer")}px on a {height}px screen");
                Assert.True(Of("speaker") >= height * 0.06, $"speaker {Of("speaker")}px on a {height}px screen");
                Assert.True(Of("next") >= height * 0.035, $"next speakers {Of("next")}px on a {height}px screen");
                Assert.True(Of("contrast") >= 7, $"contrast {Of("contrast"):F1}:1");
                Assert.Equal(0, Of("chrome"));
                Assert.True(Of("overflow") <= 0, $"{Of("overflow")}px wider than the screen");
                Assert.True(Of("fill") >= 0.95, $"the projector fills {Of("fill"):P0} of the screen's width");
                Assert.Equal(1, Of("timerLines"));
                await Screenshots.SaveAsync(screen, $"projector-{(height == 1080 ? "1920x1080" : "1280x720")}");
            }
        }
        catch
        {
            await failed.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-room-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
    }
}
