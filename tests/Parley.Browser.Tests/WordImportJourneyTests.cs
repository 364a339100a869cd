using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 18 in a real browser: a delegate downloads the version as Word, marks it up with tracked changes (as Word writes them),
/// uploads it, reads the preview, submits; the co-facilitator's open compilation shows the proposals without a reload.
/// </summary>
public sealed class WordImportJourneyTests
{
    [BrowserFact]
    public async Task ADelegateUploadsAMarkedUpFile_ReviewsThePreview_Submits_AndTheCoFacilitatorSeesItLive()
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
            var cofacLink = await Journeys.CreateAccountAsync(api, new { email = "cofac@mission.example", displayName = "Co-facilitator", kind = "co-facilitator" });
            var mexLink = await Journeys.CreateAccountAsync(api, new { email = "delegada@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });
            var text = await (await api.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact for migration" })).Content.ReadFromJsonAsync<JsonElement>();
            var version = await (await api.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
                new StringContent("1. We reaffirm our commitment to cooperation on migration.\n2. Migration has been part of the human experience throughout history.\n",
                    Encoding.UTF8, "text/markdown"))).Content.ReadFromJsonAsync<JsonElement>();
            var versionId = version.GetProperty("id").GetInt32();

            var cofac = await (await browser.NewContextAsync()).NewPageAsync();
            failed = cofac;
            await Journeys.SetPasswordAsync(cofac, cofacLink, "a long cofacilitator passphrase");
            await Journeys.SignInAsync(app, cofac, "cofac@mission.example", "a long cofacilitator passphrase", enrolAuthenticator: true);
            await cofac.GotoAsync($"{app.BaseUrl}/versions/{versionId}/compilation");
            await Assertions.Expect(cofac.GetByTestId("compilation")).ToContainTextAsync("reaffirm our commitment");

            var mex = await (await browser.NewContextAsync()).NewPageAsync();
            failed = mex;
            await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
            await Journeys.SignInAsync(app, mex, "delegada@sre.gob.mx", "a long delegate passphrase");
            await mex.GotoAsync($"{app.BaseUrl}/");
            await Screenshots.SaveAsync(mex, "home-delegate-desktop");
            await mex.GotoAsync($"{app.BaseUrl}/versions/{versionId}/compilation");
            await mex.GetByTestId("word-import-link").ClickAsync();
            var download = await mex.APIRequest.GetAsync(await mex.GetByTestId("clean-docx").GetAttributeAsync("href") is { } href ? app.BaseUrl + href : "");
            var marked = Mark(await download.BodyAsync(), "reaffirm", "solemnly reaffirm", "Delegada");
            marked = Mark(marked, " throughout history", "", "Delegada");
            await mex.GetByLabel("Marked-up Word file").SetInputFilesAsync(new FilePayload
            {
                Name = "zero-draft-mexico.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Buffer = marked,
            });
            await mex.GetByTestId("import-word").ClickAsync();
            await mex.WaitForURLAsync("**/imports/*");
            await Assertions.Expect(mex.GetByTestId("import-summary")).ToContainTextAsync("2 changes found");
            await Assertions.Expect(mex.GetByTestId("import-changes")).ToContainTextAsync("replace “reaffirm” with “solemnly reaffirm”");
            await Screenshots.SaveAsync(mex, "word-import-preview", fullPage: true);
            await Assertions.Expect(mex.GetByTestId("import-changes")).ToContainTextAsync("replace “experience throughout history.” with “experience.”");
            // Nothing is seen before the delegate submits.
            await Assertions.Expect(cofac.GetByTestId("compilation")).Not.ToContainTextAsync("solemnly");
            await mex.GetByTestId("submit-import").ClickAsync();
            await Assertions.Expect(mex.GetByTestId("import-message")).ToContainTextAsync("2 proposals submitted");

            failed = cofac;
            await Assertions.Expect(cofac.GetByTestId("compilation")).ToContainTextAsync("solemnly reaffirm", new() { Timeout = 10_000 });
            await Assertions.Expect(cofac.GetByTestId("compilation")).ToContainTextAsync("Mexico");
        }
        catch
        {
            await failed.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-word-import-failure.png"), FullPage = true });
            Console.WriteLine(app.Output);
            throw;
        }
    }

    /// <summary>Replaces the first occurrence of <paramref name="old"/> by a tracked deletion and insertion, as Word writes them.</summary>
    private static byte[] Mark(byte[] docx, string old, string replacement, string author)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var run = doc.MainDocumentPart!.Document!.Body!.Descendants<Run>().First(r => r.InnerText.Contains(old, StringComparison.Ordinal) && r.Parent is Paragraph);
            var full = run.InnerText;
            var at = full.IndexOf(old, StringComparison.Ordinal);
            var date = DateTime.UtcNow;
            run.InsertBeforeSelf(new Run(new Text(full[..at]) { Space = SpaceProcessingModeValues.Preserve }));
            run.InsertBeforeSelf(new DeletedRun(new Run(new DeletedText(old) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = date, Id = "9" + at });
            if (replacement.Length > 0)
            {
                run.InsertBeforeSelf(new InsertedRun(new Run(new Text(replacement) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = date, Id = "8" + at });
            }
            run.InsertBeforeSelf(new Run(new Text(full[(at + old.Length)..]) { Space = SpaceProcessingModeValues.Preserve }));
            run.Remove();
        }
        return stream.ToArray();
    }
}
