using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 15: an axe-core scan (WCAG 2.x A and AA rules) of every page of the main journeys, anonymous and for each role, finds no
/// serious or critical violation. The engine is injected into each page (CSP bypassed for the scan only).
/// </summary>
public sealed class AccessibilityTests
{
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vendor", "axe.min.js"));

    private const string Scan = """
        async () => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          // The rules that passed are counted too: a scan that checked nothing would pass vacuously.
          return [String(result.passes.length)].concat(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
        }
        """;

    [BrowserFact]
    public async Task EveryMainPage_ForEveryRole_HasNoSeriousOrCriticalViolation()
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
        var text = await (await api.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact" })).Content.ReadFromJsonAsync<JsonElement>();
        var version = await (await api.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("# I. Vision\n1. We reaffirm our commitment.\n2. Migration has been part of the human experience.\n", Encoding.UTF8, "text/markdown")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var versionId = version.GetProperty("id").GetInt32();
        var view = await new HttpClient().GetFromJsonAsync<JsonElement>($"{app.BaseUrl}/api/v1/versions/{versionId}");
        var key1 = view.GetProperty("provisions").EnumerateArray().Last().GetProperty("key").GetString();
        var mexLink = await Journeys.CreateAccountAsync(api, new { email = "delegada@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });

        var publicPages = new[]
        {
            "/", "/processes", "/processes/gcm", "/processes/gcm/compliance", "/processes/gcm/calendar/2017-05", "/processes/gcm/record", "/states", "/states/MEX",
            "/accreditation/gcm", $"/meetings/{meetingId}/speakers", $"/meetings/{meetingId}/projector", $"/processes/gcm/meetings/{meetingId}", $"/versions/{versionId}",
            "/processes/gcm/documents", "/processes/gcm/fund", "/account/login", "/organisations/register",
        };
        var staffPages = new[] { "/", "/accounts", "/audit", $"/meetings/{meetingId}/chair", $"/versions/{versionId}/compilation", $"/versions/{versionId}/revision", "/processes/gcm/fund/desk" };
        var delegatePages = new[] { "/", $"/versions/{versionId}/compilation", $"/versions/{versionId}/import", $"/versions/{versionId}/propose?key={key1}", $"/meetings/{meetingId}/registration", "/delegation" };

        var found = new List<string>();
        var scanned = 0;
        async Task ScanAsync(string who, IBrowserContext context, IEnumerable<string> paths)
        {
            var page = await context.NewPageAsync();
            foreach (var path in paths)
            {
                await page.GotoAsync(app.BaseUrl + path);
                await page.AddScriptTagAsync(new() { Content = Axe });
                var outcome = await page.EvaluateAsync<string[]>(Scan);
                Assert.True(int.Parse(outcome[0], System.Globalization.CultureInfo.InvariantCulture) >= 10, $"{who} {path}: axe checked almost nothing");
                found.AddRange(outcome.Skip(1).Select(v => $"{who} {path}: {v}"));
                scanned++;
            }
        }
        await ScanAsync("public", await browser.NewContextAsync(new() { BypassCSP = true }), publicPages);
        await ScanAsync("secretariat", await browser.NewContextAsync(new() { BypassCSP = true, StorageState = await admin.Context.StorageStateAsync() }), staffPages);
        var mexContext = await browser.NewContextAsync(new() { BypassCSP = true });
        var mex = await mexContext.NewPageAsync();
        await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
        await Journeys.SignInAsync(app, mex, "delegada@sre.gob.mx", "a long delegate passphrase");
        await ScanAsync("delegate", mexContext, delegatePages);
        Assert.Equal(publicPages.Length + staffPages.Length + delegatePages.Length, scanned);
        Assert.True(found.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", found));
    }
}
