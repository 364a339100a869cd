using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Documents;

/// <summary>
/// §1(d): the report of the conference, assembled from three plenary summaries and a roundtable summary, the adoption and the adopted
/// text, and the list of participants; edited by the Secretariat; a DOCX valid against the Open XML SDK validator; issuing it meets
/// the §1(d) rule; drafts are the Secretariat's.
/// </summary>
public sealed class ConferenceReportTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<Dictionary<string, string>> StatusesAsync(string asOf)
    {
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/compliance?asOf={asOf}");
        return report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task TheReport_FromThreePlenariesAndARoundtable_ExportsValidDocx_AndIssuingItMeetsTheRule()
    {
        app.Clock.Set(2018, 9, 10);
        var secretariat = await app.SignInAsSecretariatAsync();
        var conference = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings",
            new { series = "conference", slot = 1, days = new[] { "2018-09-17", "2018-09-18" } }), HttpStatusCode.Created);
        var meetingId = conference.GetProperty("id").GetInt32();
        await Json(await secretariat.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/setup", new { capacity = 500, stakeholderQuota = 2, languages = "English, French", interpretationAsAvailable = true }));
        foreach (var state in new[] { "MEX", "MAR" })
        {
            var focal = await app.SignInAsDelegateOfAsync(state, focalPoint: true);
            var registration = await Json(await focal.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations",
                new { participants = new[] { new { name = $"Head of {state}", role = "head-of-delegation", gender = "female", listPublicly = true }, new { name = $"Private {state}", role = "delegate", gender = "male", listPublicly = false } } }), HttpStatusCode.Created);
            await Json(await secretariat.PostAsJsonAsync($"/api/v1/registrations/{registration.GetProperty("id").GetInt32()}/decision", new { decision = "approve" }));
        }
        foreach (var (kind, title, summary) in new[]
        {
            ("plenary", "First plenary meeting", "The President opened the conference.\nThe conference adopted its rules of procedure."),
            ("plenary", "Second plenary meeting", "The general debate began; 40 speakers took the floor."),
            ("plenary", "Third plenary meeting", "The general debate concluded."),
            ("roundtable", "Multi-stakeholder dialogue 1", "Participants discussed the implementation of the compact."),
        })
        {
            await Json(await secretariat.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind, title, text = summary }), HttpStatusCode.Created);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind = "plenery", title = "x", text = "y" })).StatusCode);
        var delegate_ = await app.SignInAsDelegateOfAsync("FRA");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind = "plenary", title = "x", text = "y" })).StatusCode);

        // The adopted outcome.
        var text = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "report-gcm", title = "Global compact" }), HttpStatusCode.Created);
        var version = await Json(await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Final&date=2018-07-13",
            new StringContent("1. We, the Heads of State and Government, adopt this compact.\n2. The compact is non-binding.\n", Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        await Json(await secretariat.PostAsJsonAsync($"/api/v1/versions/{version.GetProperty("id").GetInt32()}/adoption", new { method = "consensus", adoptedOn = "2018-09-18" }), HttpStatusCode.Created);

        // The draft: assembled, the Secretariat's only.
        var draft = await Json(await secretariat.PostAsync("/api/v1/processes/gcm/conference-report/assemble", null));
        var chapters = draft.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal(["I. Organization of the conference", "II. Summaries of the plenary meetings", "III. Summaries of the roundtables and other deliberations",
            "IV. Adoption of the outcome", "Annex I. Global compact for safe, orderly and regular migration", "Annex II. List of participants"],
            chapters.Select(c => c.GetProperty("heading").GetString()));
        Assert.Contains("Second plenary meeting", chapters[1].GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("Multi-stakeholder dialogue 1", chapters[2].GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("without a vote", chapters[3].GetProperty("paragraphs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("2. The compact is non-binding.", chapters[4].GetProperty("paragraphs")[1].GetString());
        var participants = chapters[5].GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains("Mexico: Head of MEX", participants);
        Assert.DoesNotContain(participants, p => p.Contains("Private", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/processes/gcm/conference-report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await delegate_.GetAsync("/api/v1/processes/gcm/conference-report.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsync("/api/v1/processes/gcm/conference-report/assemble", null)).StatusCode);

        // Edited on the page (a chapter's paragraphs, one per line), then through the API; a stale version is refused.
        var desk = await app.SignInBrowserAsync(await app.CreateUserAsync(Parley.Features.Identity.PrincipalKind.Secretariat));
        var posted = await Forms.SubmitAsync(desk, "/processes/gcm/conference-report", "chapter-2",
            new Dictionary<string, string> { ["ChapterText"] = "Multi-stakeholder dialogue 1\nParticipants discussed implementation, follow-up and review." });
        Assert.Contains("Chapter saved.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var afterPage = await Json(await secretariat.GetAsync("/api/v1/processes/gcm/conference-report"));
        Assert.Equal("Participants discussed implementation, follow-up and review.", afterPage.GetProperty("chapters")[2].GetProperty("paragraphs")[1].GetString());
        var version1 = afterPage.GetProperty("version").GetInt32();
        var edited = await Json(await secretariat.PutAsJsonAsync("/api/v1/processes/gcm/conference-report/chapters",
            new { version = version1, chapter = 1, paragraphs = new[] { "First plenary meeting", "The President of the General Assembly opened the conference at 10 a.m." } }));
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PutAsJsonAsync("/api/v1/processes/gcm/conference-report/chapters", new { version = version1, chapter = 2, paragraphs = new[] { "x" } })).StatusCode);
        Assert.Contains("Report of the conference", await app.Anonymous().GetStringAsync("/processes/gcm/conference-report"), StringComparison.Ordinal);
        Assert.DoesNotContain("Participants discussed", await app.Anonymous().GetStringAsync("/processes/gcm/conference-report"), StringComparison.Ordinal); // a draft is not public

        // The §1(d) rule waits for the report; issuing it meets the rule.
        Assert.Equal("not-yet-due", (await StatusesAsync("2018-10-01"))["conference/conference-report"]);
        app.Clock.Set(2018, 10, 15);
        secretariat = await app.SignInAsSecretariatAsync();
        var issued = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/conference-report/issue",
            new { symbol = "A/CONF.231/7", issuedOn = "2018-10-15", version = edited.GetProperty("version").GetInt32() }));
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal("met", (await StatusesAsync("2018-10-20"))["conference/conference-report"]);
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsync("/api/v1/processes/gcm/conference-report/assemble", null)).StatusCode);

        // The public reads it; the DOCX is valid; the HTML prints; the library holds it under its symbol with the English version.
        var docx = await app.Anonymous().GetByteArrayAsync("/api/v1/processes/gcm/conference-report.docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
            var words = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("A/CONF.231/7", words, StringComparison.Ordinal);
            Assert.Contains("opened the conference at 10 a.m.", words, StringComparison.Ordinal);
        }
        Assert.Contains("Participants discussed implementation", await app.Anonymous().GetStringAsync("/processes/gcm/conference-report"), StringComparison.Ordinal);
        var html = await app.Anonymous().GetStringAsync("/api/v1/processes/gcm/conference-report.html");
        Assert.Contains("@page{size:A4", html, StringComparison.Ordinal);
        var library = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/documents/A/CONF.231/7");
        Assert.DoesNotContain("en", library.GetProperty("pending").EnumerateArray().Select(l => l.GetString()));
    }
}
