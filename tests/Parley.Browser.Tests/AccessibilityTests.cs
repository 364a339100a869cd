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
        var opgaLink = await Journeys.CreateAccountAsync(api, new { email = "opga@un.org", displayName = "Office of the PGA", kind = "opga" });
        var cofacLink = await Journeys.CreateAccountAsync(api, new { email = "cofac@mission.example", displayName = "Co-facilitator", kind = "co-facilitator" });

        var publicPages = new[]
        {
            "/", "/processes", "/processes/gcm", "/processes/gcm/compliance", "/processes/gcm/calendar/2017-05", "/processes/gcm/record", "/states", "/states/MEX",
            "/accreditation/gcm", $"/meetings/{meetingId}/speakers", $"/meetings/{meetingId}/projector", $"/processes/gcm/meetings/{meetingId}", $"/versions/{versionId}",
            "/processes/gcm/documents", "/processes/gcm/fund", "/account/login", "/organisations/register",
        };
        var staffPages = new[] { "/", "/accounts", "/audit", $"/meetings/{meetingId}/chair", $"/versions/{versionId}/compilation", $"/versions/{versionId}/revision", "/processes/gcm/fund/desk" };
        var opgaPages = new[] { "/", "/accreditation/gcm", "/accreditation/gcm/lists/special-preparatory", "/processes/gcm/compliance" };
        var cofacPages = new[] { "/", $"/versions/{versionId}/compilation", $"/versions/{versionId}/revision", $"/meetings/{meetingId}/chair" };
        var stakeholderPages = new[] { "/", "/organisations/mine", $"/meetings/{meetingId}/registration", "/processes/gcm/contributions" };
        var delegatePages = new[] { "/", $"/versions/{versionId}/compilation", $"/versions/{versionId}/import", $"/versions/{versionId}/propose?key={key1}", $"/meetings/{meetingId}/registration", "/delegation" };

        var found = new List<string>();
        var scanned = 0;
        async Task ScanAsync(string who, IBrowserContext context, IEnumerable<string> paths)
        {
            var page = await context.NewPageAsync();
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(app.BaseUrl + path);
                Assert.True(response is { Ok: true }, $"{who} {path}: {response?.Status}"); // a refusal page scanned instead would prove nothing
                await page.AddScriptTagAsync(new() { Content = Axe });
                var outcome = await page.EvaluateAsync<string[]>(Scan);
                Assert.True(int.Parse(outcome[0], System.Globalization.CultureInfo.InvariantCulture) >= 10, $"{who} {path}: axe checked almost nothing");
                found.AddRange(outcome.Skip(1).Select(v => $"{who} {path}: {v}"));
                scanned++;
            }
        }
        // The API reference is served from here alone: no request leaves for another site, and the console stays clean (the
        // content security policy refused outside fonts with 14 console errors before).
        var reference = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        var outside = new List<string>();
        reference.Console += (_, m) => { if (m.Type == "error") { consoleErrors.Add(m.Text); } };
        reference.Request += (_, r) => { if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) { outside.Add(r.Url); } };
        await reference.GotoAsync(app.BaseUrl + "/api/reference", new() { WaitUntil = WaitUntilState.NetworkIdle });
        // Scalar renders the 156 operations in the browser: on a loaded two-core machine that took more than 5 s.
        await Assertions.Expect(reference.Locator("body")).ToContainTextAsync("/api/v1/states", new() { Timeout = 60_000 });
        Assert.True(consoleErrors.Count == 0, "Console errors on the API reference:\n" + string.Join("\n", consoleErrors));
        Assert.True(outside.Count == 0, "The API reference asked other sites:\n" + string.Join("\n", outside));

        await ScanAsync("public", await browser.NewContextAsync(new() { BypassCSP = true }), publicPages);
        await ScanAsync("secretariat", await browser.NewContextAsync(new() { BypassCSP = true, StorageState = await admin.Context.StorageStateAsync() }), staffPages);
        var mexContext = await browser.NewContextAsync(new() { BypassCSP = true });
        var mex = await mexContext.NewPageAsync();
        await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
        await Journeys.SignInAsync(app, mex, "delegada@sre.gob.mx", "a long delegate passphrase");
        await ScanAsync("delegate", mexContext, delegatePages);

        async Task<IBrowserContext> SignedInAsync(string link, string email, bool secondFactor)
        {
            var context = await browser.NewContextAsync(new() { BypassCSP = true });
            var page = await context.NewPageAsync();
            await Journeys.SetPasswordAsync(page, link, "a long passphrase for the scan");
            await Journeys.SignInAsync(app, page, email, "a long passphrase for the scan", enrolAuthenticator: secondFactor);
            return context;
        }
        await ScanAsync("opga", await SignedInAsync(opgaLink, "opga@un.org", secondFactor: true), opgaPages);
        await ScanAsync("co-facilitator", await SignedInAsync(cofacLink, "cofac@mission.example", secondFactor: true), cofacPages);

        // A stakeholder registers its organisation as anyone would, confirms its address and signs in as its focal point.
        var stakeholderContext = await browser.NewContextAsync(new() { BypassCSP = true });
        var stakeholder = await stakeholderContext.NewPageAsync();
        await stakeholder.GotoAsync(app.BaseUrl + "/organisations/register");
        await stakeholder.GetByLabel("Organisation", new() { Exact = true }).FillAsync("Red de Migrantes del Sur");
        await stakeholder.GetByLabel("Type").SelectOptionAsync("migrant-organisation");
        await stakeholder.GetByLabel("Country of headquarters").FillAsync("ARG");
        await stakeholder.GetByLabel("Name of the focal point").FillAsync("Lucía Focal");
        await stakeholder.GetByLabel("E-mail").FillAsync("lucia@migrantes.example.org");
        await stakeholder.GetByLabel("Password (at least 12 characters)").FillAsync("a long stakeholder passphrase");
        await stakeholder.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(stakeholder.GetByTestId("registered")).ToBeVisibleAsync();
        await stakeholder.GotoAsync(app.LinkInMail("lucia@migrantes.example.org", "/account/confirm-email"));
        await Assertions.Expect(stakeholder.GetByTestId("email-confirmed")).ToBeVisibleAsync();
        await Journeys.SignInAsync(app, stakeholder, "lucia@migrantes.example.org", "a long stakeholder passphrase");
        await ScanAsync("stakeholder", stakeholderContext, stakeholderPages);

        Assert.Equal(publicPages.Length + staffPages.Length + delegatePages.Length + opgaPages.Length + cofacPages.Length + stakeholderPages.Length, scanned);
        Assert.True(found.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", found));
    }
}
