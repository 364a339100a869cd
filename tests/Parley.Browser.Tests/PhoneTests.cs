using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 15, on a phone (390×844): no page of the main journeys is wider than the screen (measured), the header folds behind a
/// Menu button, the month is readable; and on a desktop the compliance dashboard's badges are legible and the page fits.
/// </summary>
public sealed class PhoneTests
{
    private const string Overflow = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    /// <summary>The outermost elements that reach past the screen's right edge, to say what to fix.</summary>
    private const string Culprits = """
        () => [...document.querySelectorAll('body *')]
          .map(e => ({ e, r: e.getBoundingClientRect() }))
          .filter(x => x.r.width > 0 && x.r.right > document.documentElement.clientWidth + 1)
          .sort((a, b) => b.r.right - a.r.right)
          .slice(0, 2).map(x => x.e.outerHTML.slice(0, 400).replace(/\s+/g, ' ') + ' ' + Math.round(x.r.left) + '+' + Math.round(x.r.width) + 'px ws=' + getComputedStyle(x.e).whiteSpace + ' parent=' + x.e.parentElement.tagName + '/' + getComputedStyle(x.e.parentElement).display + '/' + Math.round(x.e.parentElement.getBoundingClientRect().width))
          .join(' | ')
        """;

    [BrowserFact]
    public async Task AtPhoneWidth_NoMainPageScrollsSideways_AndTheMenuFolds()
    {
        await using var app = await AppProcess.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        var key = await Journeys.BecomeAdministratorAsync(app, admin, "Omar Secretariat", "omar@un.org");
        using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key);
        var meeting = await api.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } });
        meeting.EnsureSuccessStatusCode();
        var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var text = await (await api.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact for safe, orderly and regular migration" })).Content.ReadFromJsonAsync<JsonElement>();
        var version = await (await api.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("# I. Vision\n1. We reaffirm our commitment to the purposes and principles of the Charter of the United Nations in all our work on migration.\n",
                Encoding.UTF8, "text/markdown"))).Content.ReadFromJsonAsync<JsonElement>();
        var versionId = version.GetProperty("id").GetInt32();

        var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, StorageState = await admin.Context.StorageStateAsync() });
        var page = await phone.NewPageAsync();
        var paths = new[]
        {
            "/", "/processes", "/processes/gcm", "/processes/gcm/compliance", "/processes/gcm/calendar/2017-05", "/processes/gcm/record", "/states", "/states/MEX",
            "/accreditation/gcm", "/accounts", $"/meetings/{meetingId}/speakers", $"/meetings/{meetingId}/chair", $"/meetings/{meetingId}/registration",
            $"/processes/gcm/meetings/{meetingId}", $"/versions/{versionId}", $"/versions/{versionId}/compilation", "/audit",
            $"/meetings/{meetingId}/projector", "/processes/gcm/fund", "/processes/gcm/fund/desk", "/processes/gcm/documents", "/processes/gcm/contributions",
            $"/versions/{versionId}/revision", "/organisations/register",
        };
        var wide = new List<string>();
        try
        {
            foreach (var path in paths)
            {
                await page.GotoAsync(app.BaseUrl + path);
                var overflow = await page.EvaluateAsync<int>(Overflow);
                if (overflow > 0)
                {
                    wide.Add($"{path}: {overflow}px ({await page.EvaluateAsync<string>(Culprits)})");
                    await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-phone" + path.Replace('/', '-') + ".png"), FullPage = true });
                }
            }
            Assert.True(wide.Count == 0, "Wider than a 390px screen: " + string.Join("; ", wide));

            await page.GotoAsync(app.BaseUrl + "/processes/gcm/compliance");
            await Screenshots.SaveAsync(page, "compliance-phone");
            // The header is one line: the navigation opens from the Menu button.
            await page.GotoAsync(app.BaseUrl + "/");
            await Screenshots.SaveAsync(page, "home-secretariat-phone");
            var header = await page.Locator("header.site-header").BoundingBoxAsync();
            Assert.True(header!.Height <= 80, $"header {header.Height}px tall");
            await Assertions.Expect(page.Locator("header.site-header").GetByRole(AriaRole.Link, new() { Name = "Processes", Exact = true })).Not.ToBeVisibleAsync();
            await page.GetByTestId("nav-toggle").ClickAsync();
            await Assertions.Expect(page.Locator("header.site-header").GetByRole(AriaRole.Link, new() { Name = "Processes", Exact = true })).ToBeVisibleAsync();

            // On a desktop the compliance dashboard fits and its badges are legible.
            var desk = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            await desk.GotoAsync(app.BaseUrl + "/processes/gcm/compliance");
            Assert.True(await desk.EvaluateAsync<int>(Overflow) <= 0, "the compliance dashboard is wider than 1280px");
            await Screenshots.SaveAsync(desk, "compliance-desktop");
            var contrast = await desk.EvaluateAsync<double>("""
                () => {
                  const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
                  const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                  const badges = [...document.querySelectorAll('.badge')];
                  if (badges.length === 0) { return 0; }
                  return Math.min(...badges.map(b => { const s = getComputedStyle(b); const [x, y] = [lum(s.color), lum(s.backgroundColor)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }));
                }
                """);
            Assert.True(contrast >= 4.5, $"a compliance badge has contrast {contrast:F2}:1");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-phone-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
    }
}
