using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// A stakeholder applies; the OPGA puts it on the list; a delegate objects; after the deadline the stakeholder's public status
/// shows "not accredited" and nothing about who objected. The app runs on a rehearsal clock in April 2017, when the track
/// was open, and is restarted later on the same database to pass the deadline.
/// </summary>
public sealed class AccreditationJourneyTests
{
    private const string Basis = "Basis for the OPGA only";

    [BrowserFact]
    public async Task Stakeholder_Applies_OpgaLists_DelegateObjects_PublicStatusSaysNotAccredited()
    {
        var start = new DateTimeOffset(2017, 4, 10, 9, 0, 0, TimeSpan.Zero);
        var shift = start - DateTimeOffset.UtcNow;
        var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["Clock:Start"] = start.ToString("O"), ["Accreditation:WatchSeconds"] = "0" });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        IPage? failed = null;
        try
        {
            // The Secretariat administrator, and accounts for the OPGA and a Mexican delegate.
            var key = await Journeys.BecomeAdministratorAsync(app, admin, "Omar Secretariat", "omar@un.org");
            using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key, shift);
            Task<string> AccountAsync(object request) => Journeys.CreateAccountAsync(api, request);
            var opgaLink = await AccountAsync(new { email = "opga@un.org", displayName = "Office of the PGA", kind = "opga" });
            var mexLink = await AccountAsync(new { email = "delegate@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });

            // The stakeholder registers and applies for special accreditation, on the pages.
            var stakeholder = await (await browser.NewContextAsync()).NewPageAsync();
            failed = stakeholder;
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
            await stakeholder.GotoAsync(app.BaseUrl + "/account/login");
            await Journeys.SignInAsync(app, stakeholder, "lucia@migrantes.example.org", "a long stakeholder passphrase");
            await stakeholder.GotoAsync(app.BaseUrl + "/organisations/mine");
            await stakeholder.GetByLabel("Track").SelectOptionAsync("gcm|special-preparatory");
            await stakeholder.GetByLabel("Mandate of the organisation").FillAsync("Defends the rights of migrants in South America.");
            await stakeholder.GetByLabel("Relevance to the themes of the process").FillAsync("Works on regular pathways and labour migration.");
            await stakeholder.GetByTestId("apply").ClickAsync();
            await Assertions.Expect(stakeholder.GetByTestId("applications")).ToContainTextAsync("Submitted");
            var publicPath = await stakeholder.GetByRole(AriaRole.Link, new() { Name = "Public status page" }).GetAttributeAsync("href");

            // The Secretariat recommends it.
            var queue = await api.GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/applications?track=special-preparatory");
            var applicationId = queue.GetProperty("items")[0].GetProperty("id").GetInt32();
            (await api.PostAsJsonAsync($"/api/v1/applications/{applicationId}/decision", new { decision = "recommend", version = 0 })).EnsureSuccessStatusCode();

            // The OPGA sets its password, enrols its authenticator, puts the name on the list and circulates it.
            var opga = await (await browser.NewContextAsync()).NewPageAsync();
            failed = opga;
            await Journeys.SetPasswordAsync(opga, opgaLink, "a long opga passphrase");
            await Journeys.SignInAsync(app, opga, "opga@un.org", "a long opga passphrase", enrolAuthenticator: true, clockShift: shift);
            await opga.GotoAsync(app.BaseUrl + "/accreditation/gcm/lists/special-preparatory");
            await opga.GetByLabel("Red de Migrantes del Sur").CheckAsync();
            await opga.GetByTestId("add-entries").ClickAsync();
            await Assertions.Expect(opga.GetByTestId("proposed")).ToContainTextAsync("Red de Migrantes del Sur");
            await opga.GetByLabel("Deadline for objections (UTC)").FillAsync("2017-04-12T09:00");
            await opga.GetByTestId("circulate").ClickAsync();
            await Assertions.Expect(opga.GetByTestId("list-status")).ToContainTextAsync("With Member States");

            // The Mexican delegate objects, with a basis.
            var mex = await (await browser.NewContextAsync()).NewPageAsync();
            failed = mex;
            await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
            await Journeys.SignInAsync(app, mex, "delegate@sre.gob.mx", "a long delegate passphrase");
            await mex.GotoAsync(app.BaseUrl + "/accreditation/gcm/lists/special-preparatory");
            await mex.GetByLabel("General basis (optional, read by the OPGA only)").FillAsync(Basis);
            await mex.GetByTestId($"object-{applicationId}").ClickAsync();
            await Assertions.Expect(mex.GetByTestId("list-message")).ToContainTextAsync("objection was received");

            // Before the deadline the public status says only "under consideration".
            var visitor = await (await browser.NewContextAsync()).NewPageAsync();
            failed = visitor;
            await visitor.GotoAsync(app.BaseUrl + publicPath);
            await Assertions.Expect(visitor.GetByTestId("public-status")).ToContainTextAsync("Under consideration");

            // Three days later (the app restarted on the same data with a later rehearsal clock): not accredited, and nothing about who objected.
            app = await app.RestartAsync(new Dictionary<string, string> { ["Clock:Start"] = start.AddDays(3).ToString("O"), ["Accreditation:WatchSeconds"] = "0" });
            await visitor.GotoAsync(app.BaseUrl + publicPath);
            await Assertions.Expect(visitor.GetByTestId("public-status")).ToContainTextAsync("Not accredited");
            var text = await visitor.Locator("body").InnerTextAsync();
            foreach (var secret in new[] { "MEX", "Mexico", "México", Basis, "objection", "objected" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
            await stakeholder.GotoAsync(app.BaseUrl + "/account/login?returnUrl=/organisations/mine"); // the sign-in of three days ago has expired
            await Journeys.SignInAsync(app, stakeholder, "lucia@migrantes.example.org", "a long stakeholder passphrase");
            await stakeholder.GotoAsync(app.BaseUrl + "/organisations/mine");
            Assert.Equal("not-accredited", await stakeholder.GetByTestId("applications").Locator("td[data-status]").First.GetAttributeAsync("data-status"));
            var own = await stakeholder.Locator("main").InnerTextAsync();
            Assert.Contains("Red de Migrantes del Sur", own, StringComparison.Ordinal);
            foreach (var secret in new[] { "MEX", "Mexico", "México", Basis })
            {
                Assert.DoesNotContain(secret, own, StringComparison.Ordinal);
            }
        }
        catch
        {
            await (failed ?? admin).ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-accreditation-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
