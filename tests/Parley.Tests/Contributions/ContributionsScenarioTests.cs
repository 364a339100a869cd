using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit;

namespace Parley.Tests.Contributions;

/// <summary>
/// §7 and §19-20 of 71/280: 40 accredited organisations contribute to three thematic sessions and an informal dialogue; 20 States and
/// two groups submit inputs; the public collection filters by theme and perspective, finds a contribution by a word inside its PDF,
/// and counts by perspective; only accredited organisations contribute, only delegations for their State or group, drafts stay private.
/// </summary>
public sealed class ContributionsScenarioTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static byte[] Pdf(string words)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText(words, 12, new PdfPoint(40, 700), font);
        return builder.Build();
    }

    [Fact]
    public async Task FortyOrganisations_TwentyStates_TwoGroups_TheCollectionFiltersSearchesAndCounts()
    {
        _app.Clock.Set(2017, 4, 10);
        var organisations = await AccreditationData.ApplyManyAsync(_app, "ecosoc", 41, prefix: "Voice NGO");
        using (var db = _app.OpenDb())
        {
            foreach (var application in db.Applications.Where(a => a.TrackId == "ecosoc").OrderBy(a => a.Id).Take(40))
            {
                application.Decide(ApplicationStatus.Accredited, "test", "Verified.", DateTime.UtcNow);
            }
            await db.SaveChangesAsync();
        }
        _app.Clock.Set(2017, 5, 2);
        var secretariat = await _app.SignInAsSecretariatAsync();
        var sessions = new List<int>();
        foreach (var (slot, days) in new[] { (1, new[] { "2017-05-08", "2017-05-09" }), (2, new[] { "2017-05-22", "2017-05-23" }), (3, new[] { "2017-06-19", "2017-06-20" }) })
        {
            sessions.Add((await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot, days }), HttpStatusCode.Created)).GetProperty("id").GetInt32());
        }
        var dialogue = (await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "dialogues", days = new[] { "2017-05-15" }, title = "Informal dialogue with stakeholders" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var targets = sessions.Append(dialogue).ToList();
        string[] themes = ["human-rights", "drivers", "cooperation"];
        string[] perspectives = ["sustainable-development", "human-rights", "gender", "vulnerable", "children-youth"];

        // 40 accredited organisations contribute; the 41st, not accredited, is refused.
        var created = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            var client = await AccreditationData.SignInStakeholderAsync(_app, organisations[i].Code);
            var row = await Json(await client.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new
            {
                title = $"Contribution {i}", body = $"Our recommendations number {i}.", meetingId = targets[i % 4],
                themes = new[] { themes[i % 3] }, perspectives = new[] { perspectives[i % 5] },
            }), HttpStatusCode.Created);
            created.Add(row.GetProperty("id").GetInt32());
        }
        var outsider = await AccreditationData.SignInStakeholderAsync(_app, organisations[40].Code);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new { title = "Not accredited", body = "x" })).StatusCode);

        // One more, by the first organisation, with a PDF whose words the search must find.
        var first = await AccreditationData.SignInStakeholderAsync(_app, organisations[0].Code);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("Remittances study"), "title");
            form.Add(new StringContent("development"), "themes");
            form.Add(new StringContent("sustainable-development"), "perspectives");
            var file = new ByteArrayContent(Pdf("The corridor analysis shows xylophonic remittance costs falling."));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "study.pdf");
            created.Add((await Json(await first.PostAsync("/api/v1/processes/gcm/contributions", form), HttpStatusCode.Created)).GetProperty("id").GetInt32());
        }
        // A draft stays private: its author sees it, nobody else, not even the Secretariat.
        var draft = (await Json(await first.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new { title = "Unfinished thoughts", body = "Private.", submit = false }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        Assert.Contains((await Json(await first.GetAsync("/api/v1/processes/gcm/contributions?status=draft"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt32() == draft);
        Assert.DoesNotContain((await Json(await secretariat.GetAsync("/api/v1/processes/gcm/contributions"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt32() == draft);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.PostAsJsonAsync($"/api/v1/processes/gcm/contributions/{draft}/actions", new { action = "publish" })).StatusCode);

        // 20 States and two groups submit inputs; a delegate cannot submit for another State or a group it may not speak for.
        var states = (await _app.OpenDb().States.AsNoTracking().Where(s => s.Status == Parley.Features.Registry.StateStatus.MemberState).OrderBy(s => s.Iso3).Select(s => s.Iso3).ToListAsync()).Take(20).ToList();
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "TEST-G1", name = "Test group one", members = states.Take(5), speakers = new[] { states[0] } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "TEST-G2", name = "Test group two", members = states.Skip(5).Take(5), speakers = new[] { states[5] } })).StatusCode);
        for (var i = 0; i < states.Count; i++)
        {
            var delegate_ = await _app.SignInAsDelegateOfAsync(states[i]);
            var input = await Json(await delegate_.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new
            {
                title = $"Input of {states[i]}", body = "Concrete recommendations.", meetingId = sessions[i % 3], themes = new[] { themes[i % 3] }, perspectives = new[] { "gender" },
            }), HttpStatusCode.Created);
            created.Add(input.GetProperty("id").GetInt32());
            if (i is 0 or 5)
            {
                var group = await Json(await delegate_.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new
                {
                    author = i == 0 ? "TEST-G1" : "TEST-G2", title = $"Input of group {i}", body = "Joint recommendations.", perspectives = new[] { "children-youth" },
                }), HttpStatusCode.Created);
                Assert.Equal("group", group.GetProperty("authorKind").GetString());
                created.Add(group.GetProperty("id").GetInt32());
            }
            if (i == 1)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new { author = states[2], title = "Not mine", body = "x" })).StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new { author = "TEST-G1", title = "Not my group", body = "x" })).StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync($"/api/v1/processes/gcm/contributions/{created[0]}/actions", new { action = "publish" })).StatusCode);
            }
        }
        // Bad tags are refused with the allowed ones.
        var badTag = await first.PostAsJsonAsync("/api/v1/processes/gcm/contributions", new { title = "Bad", body = "x", perspectives = new[] { "gendre" } });
        Assert.Contains("'gendre' is not one of", await badTag.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing is public until the Secretariat publishes.
        Assert.Equal(0, (await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/contributions"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        foreach (var id in created)
        {
            await Json(await secretariat.PostAsJsonAsync($"/api/v1/processes/gcm/contributions/{id}/actions", new { action = "publish" }), HttpStatusCode.OK);
        }
        var all = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/contributions"), HttpStatusCode.OK);
        Assert.Equal(41 + 20 + 2, all.GetProperty("total").GetInt32());
        var byPerspective = all.GetProperty("byPerspective").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("value").GetInt32());
        // Organisations: 8 per perspective (40 over 5), the PDF one sustainable development; States: 20 gender; groups: 2 children and youth.
        Assert.Equal(new Dictionary<string, int> { ["sustainable-development"] = 9, ["human-rights"] = 8, ["gender"] = 28, ["vulnerable"] = 8, ["children-youth"] = 10 }, byPerspective);
        var kinds = all.GetProperty("byKind").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("value").GetInt32());
        Assert.Equal((41, 22), (kinds["contribution"], kinds["input"]));

        // Filters: a theme and a perspective together; a meeting; a word inside the PDF.
        var filtered = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/contributions?theme=human-rights&perspective=gender&kind=contribution"), HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(0, 40).Count(i => i % 3 == 0 && i % 5 == 2), filtered.GetProperty("total").GetInt32());
        var dialogueOnly = await Json(await _app.Anonymous().GetAsync($"/api/v1/processes/gcm/contributions?meetingId={dialogue}"), HttpStatusCode.OK);
        Assert.Equal(10, dialogueOnly.GetProperty("total").GetInt32());
        var found = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/contributions?q=xylophonic"), HttpStatusCode.OK);
        Assert.Equal("Remittances study", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        var pdfId = found.GetProperty("items")[0].GetProperty("id").GetInt32();
        var download = await _app.Anonymous().GetAsync($"/api/v1/processes/gcm/contributions/{pdfId}/file");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        // Feeds and the page; §7 in the compliance report links to the collection.
        var atom = await _app.Anonymous().GetStringAsync("/api/v1/processes/gcm/contributions/feed.atom");
        Assert.Contains("<title>Remittances study</title>", atom, StringComparison.Ordinal);
        var csv = await _app.Anonymous().GetStringAsync("/api/v1/processes/gcm/contributions/feed.csv?perspective=children-youth");
        Assert.Equal(1 + 10, csv.Trim().Split('\n').Length);
        var page = await _app.Anonymous().GetStringAsync("/processes/gcm/contributions?q=xylophonic");
        Assert.Contains("Remittances study", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Contribution 7", page, StringComparison.Ordinal);
        var compliance = await _app.Anonymous().GetStringAsync("/processes/gcm/compliance");
        Assert.Contains("href=\"/processes/gcm/contributions\"", compliance, StringComparison.Ordinal);

        // On the page, as a browser without JavaScript posts it: a contribution with a Word file, found by a word inside it once published.
        var browser = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: organisations[1].Code));
        using var docx = new MemoryStream();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Quixotic diaspora bonds finance schools.")))));
        }
        var answer = await Forms.SubmitWithFileAsync(browser, "/processes/gcm/contributions", "contribute",
            new Dictionary<string, string> { ["Input.Title"] = "Diaspora bonds", ["Input.Themes"] = "development", ["Input.Submit"] = "true" }, docx.ToArray(), "bonds.docx");
        Assert.Contains("“Diaspora bonds” submitted", System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var mine = (await Json(await secretariat.GetAsync("/api/v1/processes/gcm/contributions?q=quixotic"), HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal("bonds.docx", Assert.Single(mine.EnumerateArray()).GetProperty("fileName").GetString());
    }
}
