using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// The negotiated text in a real browser: a co-facilitator issues the zero draft (preview, then issue); a delegate proposes by quoting
/// words; the co-facilitator's open compilation updates live; the co-facilitator marks a provision agreed ad ref and builds Rev.1 taking
/// the proposal, and lands on the comparison.
/// </summary>
public sealed class NegotiationJourneyTests
{
    private const string ZeroDraft = """
        # I. Vision
        1. We, the Heads of State and Government, reaffirm our commitment to cooperation on migration.
        2. Migration has been part of the human experience throughout history.
        """;

    [BrowserFact]
    public async Task CoFacilitator_IssuesTheZeroDraft_DelegateProposes_CompilationUpdatesLive_Rev1TakesTheProposal()
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
            Task<string> AccountAsync(object request) => Journeys.CreateAccountAsync(api, request);
            var cofacLink = await AccountAsync(new { email = "cofac@mission.example", displayName = "Co-facilitator", kind = "co-facilitator" });
            var mexLink = await AccountAsync(new { email = "delegada@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });

            // The co-facilitator creates the text and issues the zero draft after a preview.
            var cofac = await (await browser.NewContextAsync()).NewPageAsync();
            failed = cofac;
            await Journeys.SetPasswordAsync(cofac, cofacLink, "a long cofacilitator passphrase");
            await Journeys.SignInAsync(app, cofac, "cofac@mission.example", "a long cofacilitator passphrase", enrolAuthenticator: true);
            await cofac.GotoAsync(app.BaseUrl + "/processes/gcm/texts");
            await cofac.GetByLabel("Code").FillAsync("outcome");
            await cofac.GetByLabel("Title").FillAsync("Global compact for migration");
            await cofac.GetByRole(AriaRole.Button, new() { Name = "Create text" }).ClickAsync();
            await cofac.WaitForURLAsync("**/texts/*");
            await cofac.GetByLabel("Label").FillAsync("Zero draft");
            await cofac.GetByLabel("Date").FillAsync("2018-02-05");
            await cofac.GetByLabel("Text (Markdown or plain)").FillAsync(ZeroDraft);
            await cofac.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
            await Assertions.Expect(cofac.GetByTestId("preview")).ToContainTextAsync("3 provisions");
            await cofac.GetByTestId("issue").ClickAsync();
            await Assertions.Expect(cofac.GetByTestId("issued")).ToContainTextAsync("Zero draft issued");
            await cofac.GetByRole(AriaRole.Link, new() { Name = "Compilation" }).First.ClickAsync();
            await Assertions.Expect(cofac.GetByTestId("compilation")).ToContainTextAsync("reaffirm our commitment");
            var compilationUrl = cofac.Url;

            // The delegate proposes by quoting words; the co-facilitator's open page shows it without reloading.
            var mex = await (await browser.NewContextAsync()).NewPageAsync();
            failed = mex;
            await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
            await Journeys.SignInAsync(app, mex, "delegada@sre.gob.mx", "a long delegate passphrase");
            await mex.GotoAsync(compilationUrl);
            // The first paragraph's "Propose" (headings take proposals too, and have their own link).
            await mex.Locator(".compiled:has(p.paragraph)").First.GetByRole(AriaRole.Link, new() { Name = "Propose" }).ClickAsync();
            await mex.GetByLabel("What you propose").SelectOptionAsync("replace");
            await mex.GetByLabel("The words concerned").FillAsync("reaffirm");
            await mex.GetByLabel("Your words").FillAsync("solemnly reaffirm");
            await mex.GetByTestId("submit-proposal").ClickAsync();
            await Assertions.Expect(mex.GetByTestId("compilation")).ToContainTextAsync("(Mexico)");
            failed = cofac;
            await Assertions.Expect(cofac.GetByTestId("compilation")).ToContainTextAsync("solemnly reaffirm", new() { Timeout = 10_000 });
            await Assertions.Expect(cofac.GetByTestId("live-status")).ToContainTextAsync("Updated");

            // Agreed ad ref on paragraph 2, then Rev.1 accepting the Mexican proposal.
            await cofac.Locator("#c-" + await cofac.Locator(".compiled").Nth(2).GetAttributeAsync("data-key")).GetByRole(AriaRole.Link).Last.ClickAsync();
            await cofac.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("agreed-ad-ref");
            await cofac.GetByTestId("set-status").ClickAsync();
            await Assertions.Expect(cofac.GetByTestId("status-history")).ToContainTextAsync("agreed ad ref");
            var versionPath = new Uri(compilationUrl).AbsolutePath.Replace("/compilation", "", StringComparison.Ordinal);
            await cofac.GotoAsync(app.BaseUrl + versionPath + "/revision");
            await cofac.Locator("tr[data-proposal] select").First.SelectOptionAsync("accept");
            await cofac.GetByTestId("build-revision").ClickAsync();
            await cofac.WaitForURLAsync("**/compare/**");
            await Assertions.Expect(cofac.GetByTestId("compare-summary")).ToContainTextAsync("1 changed");
            await Assertions.Expect(cofac.Locator("ins").First).ToContainTextAsync("solemnly");
        }
        catch
        {
            await failed.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-negotiation-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
    }
}
