using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Identity;
using Microsoft.Extensions.DependencyInjection;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>
/// Zero draft imported from DOCX → three delegations and a group propose → compilation attributes each → a provision agreed ad ref →
/// Rev.1 takes one proposal modified, open ones carried forward → Rev.1 compared with the zero draft → silence broken by one State →
/// the final version adopted by a recorded vote.
/// </summary>
public sealed class NegotiationScenarioTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectJsonAsync(expected);

    internal static async Task<(int TextId, int VersionId, JsonElement Version)> ZeroDraftAsync(ParleyFactory app, HttpClient cofacilitator)
    {
        var text = await Json(await cofacilitator.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact for safe, orderly and regular migration" }), HttpStatusCode.Created);
        var textId = text.GetProperty("id").GetInt32();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TextImportTests.Docx());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "zero-draft.docx");
        var preview = await Json(await cofacilitator.PostAsync($"/api/v1/texts/{textId}/preview", form));
        Assert.Equal(8, preview.GetProperty("provisions").GetArrayLength());
        using var form2 = new MultipartFormDataContent { { new ByteArrayContent(TextImportTests.Docx()), "file", "zero-draft.docx" } };
        var created = await Json(await cofacilitator.PostAsync($"/api/v1/texts/{textId}/versions?label=Zero%20draft&date=2018-02-05&symbol=ZD", form2), HttpStatusCode.Created);
        var versionId = created.GetProperty("id").GetInt32();
        var version = await Json(await app.Anonymous().GetAsync($"/api/v1/versions/{versionId}"));
        return (textId, versionId, version);
    }

    private static string Key(JsonElement version, string number) =>
        version.GetProperty("provisions").EnumerateArray().First(p => p.GetProperty("number").GetString() == number).GetProperty("key").GetString()!;

    [Fact]
    public async Task FromZeroDraft_ToAdoptionByRecordedVote()
    {
        _app.Clock.Set(2018, 2, 5);
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        await Json(await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "EU", name = "European Union", members = new[] { "FRA", "DEU", "ITA" }, speakers = new[] { "FRA" } }));
        await Json(await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "G77", name = "Group of 77 and China", members = new[] { "NGA", "BRA", "IND", "MEX" }, speakers = new[] { "NGA" } }));
        var cofacUser = await _app.CreateUserAsync(PrincipalKind.CoFacilitator);
        var cofac = await _app.SignInAsync(cofacUser);
        var (textId, zeroId, zero) = await ZeroDraftAsync(_app, cofac);
        var p1 = Key(zero, "1");
        var p2 = Key(zero, "2");
        var p3 = Key(zero, "3");

        // p1: "We, the Heads of State and Government, reaffirm our commitment." p2: "Migration has been part of the human experience."
        var mex = await _app.SignInAsDelegateOfAsync("MEX");
        var usa = await _app.SignInAsDelegateOfAsync("USA");
        var che = await _app.SignInAsDelegateOfAsync("CHE");
        var fra = await _app.SignInAsDelegateOfAsync("FRA");
        var mexReplace = await Json(await mex.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "replace", provisionKey = p1, start = 7, end = 9, newText = "renew our shared commitment." }), HttpStatusCode.Created);
        var usaDelete = await Json(await usa.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "delete", provisionKey = p1, start = 8, end = 9 }), HttpStatusCode.Created);
        var cheInsert = await Json(await che.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "insert", provisionKey = p2, start = 3, newText = "always", cosponsors = new[] { "NOR" } }), HttpStatusCode.Created);
        var euAlt = await Json(await fra.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "alternative", provisionKey = p2, sponsor = "EU", newText = "Migration is part of the human experience throughout history.", justification = "Closer to agreed language." }), HttpStatusCode.Created);
        var nga = await _app.SignInAsDelegateOfAsync("NGA");
        var g77Retain = await Json(await nga.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "retain", provisionKey = p3, sponsor = "G77" }), HttpStatusCode.Created);
        await Json(await mex.PostAsJsonAsync($"/api/v1/proposals/{euAlt.GetProperty("id").GetInt32()}/oppose", new { justification = "Prefer the original." }));
        await Json(await nga.PostAsJsonAsync($"/api/v1/proposals/{cheInsert.GetProperty("id").GetInt32()}/support", new { actingFor = "G77" }));

        // The compilation attributes each, with MEX and USA overlapping as alternatives.
        var compilationResponse = await che.GetAsync($"/api/v1/versions/{zeroId}/compilation");
        var etag = compilationResponse.Headers.ETag;
        var compilation = await Json(compilationResponse);
        Assert.Equal(5, compilation.GetProperty("proposals").GetInt32());
        // Unchanged since: 304, and nothing sent again.
        using (var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/versions/{zeroId}/compilation"))
        {
            Assert.NotNull(etag);
            again.Headers.IfNoneMatch.Add(etag!);
            Assert.Equal(HttpStatusCode.NotModified, (await che.SendAsync(again)).StatusCode);
        }
        var compiled = compilation.GetProperty("provisions").EnumerateArray().ToDictionary(p => p.GetProperty("provision").GetProperty("key").GetString()!);
        var alt = compiled[p1].GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "alternatives");
        Assert.Equal(["Mexico", "United States of America"], alt.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("sponsors")[0].GetString()));
        var insertion = compiled[p2].GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "insertion");
        Assert.Equal(["Switzerland", "Norway"], insertion.GetProperty("alternatives")[0].GetProperty("sponsors").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("EU", compiled[p2].GetProperty("wholeAlternatives")[0].GetProperty("sponsors")[0].GetString());
        Assert.Equal("G77", compiled[p3].GetProperty("retain")[0].GetProperty("sponsors")[0].GetString());
        var byEu = await Json(await che.GetAsync($"/api/v1/versions/{zeroId}/compilation?group=EU"));
        Assert.Equal(1, byEu.GetProperty("proposals").GetInt32());
        var docx = await che.GetByteArrayAsync($"/api/v1/versions/{zeroId}/compilation.docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            // Changes are authored by their first sponsor (co-sponsors in a comment); "retain" changes no word, so it is a comment only.
            var body = doc.MainDocumentPart!.Document!.Body!;
            var authors = body.Descendants<InsertedRun>().Select(i => i.Author!.Value).Concat(body.Descendants<DeletedRun>().Select(d => d.Author!.Value)).ToHashSet();
            Assert.Superset(new HashSet<string?> { "Mexico", "United States of America", "Switzerland", "EU" }, authors);
            var comments = doc.MainDocumentPart.WordprocessingCommentsPart!.Comments!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Comment>().Select(c => c.InnerText).ToList();
            Assert.Contains("Switzerland, with Norway", comments);
            Assert.Contains("G77: retain", comments);
        }

        // The co-facilitators mark paragraph 3 agreed ad ref; Rev.1 takes the Swiss insertion modified and rejects the US deletion.
        await Json(await cofac.PostAsJsonAsync($"/api/v1/versions/{zeroId}/statuses", new { provisionKey = p3, status = "agreed-ad-ref" }), HttpStatusCode.Created);
        _app.Clock.Set(2018, 3, 5);
        cofac = await _app.SignInAsync(cofacUser);
        var rev1 = await Json(await cofac.PostAsJsonAsync($"/api/v1/versions/{zeroId}/revision", new
        {
            label = "Rev.1", date = "2018-03-05", symbol = "Rev.1",
            decisions = new object[]
            {
                new { proposalId = cheInsert.GetProperty("id").GetInt32(), decision = "modify", text = "Migration has always been part of the shared human experience." },
                new { proposalId = usaDelete.GetProperty("id").GetInt32(), decision = "reject" },
            },
        }), HttpStatusCode.Created);
        Assert.Equal(1, rev1.GetProperty("partlyIncorporated").GetInt32());
        Assert.Equal(1, rev1.GetProperty("notIncorporated").GetInt32());
        Assert.Equal(3, rev1.GetProperty("carriedForward").GetInt32()); // MEX replace, EU alternative, G77 retain
        Assert.Equal(1, rev1.GetProperty("wordsChanged").GetInt32());   // the EU alternative's provision changed under it
        var rev1Id = rev1.GetProperty("version").GetProperty("id").GetInt32();
        mex = await _app.SignInAsDelegateOfAsync("MEX"); // a month later: a new sign-in
        var carried = await Json(await mex.GetAsync($"/api/v1/versions/{rev1Id}/proposals"));
        Assert.Equal(3, carried.GetArrayLength());
        Assert.Contains(carried.EnumerateArray(), p => p.GetProperty("sponsor").GetString() == "Mexico" && !p.GetProperty("wordsChanged").GetBoolean());
        Assert.Contains(carried.EnumerateArray(), p => p.GetProperty("sponsor").GetString() == "EU" && p.GetProperty("wordsChanged").GetBoolean());
        var old = await Json(await mex.GetAsync($"/api/v1/versions/{zeroId}/proposals"));
        Assert.Contains(old.EnumerateArray(), p => p.GetProperty("status").GetString() == "partly-incorporated");
        Assert.Equal(HttpStatusCode.Conflict, (await mex.PostAsJsonAsync($"/api/v1/versions/{zeroId}/proposals", new { kind = "retain", provisionKey = p3 })).StatusCode);

        // Compare Rev.1 with the zero draft.
        var comparison = await Json(await _app.Anonymous().GetAsync($"/api/v1/versions/{zeroId}/compare/{rev1Id}"));
        Assert.Equal(1, comparison.GetProperty("changed").GetInt32());
        var change = comparison.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "changed");
        Assert.Equal(p2, change.GetProperty("key").GetString());
        var compareDocx = await _app.Anonymous().GetByteArrayAsync($"/api/v1/versions/{zeroId}/compare/{rev1Id}?format=docx");
        using (var doc = WordprocessingDocument.Open(new MemoryStream(compareDocx), false))
        {
            // The public reads the changes as the co-facilitators' (who proposed what is for those who may read the compilation)…
            Assert.All(doc.MainDocumentPart!.Document!.Body!.Descendants<InsertedRun>(), i => Assert.Equal("Co-facilitators", i.Author!.Value));
        }
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await (await _app.SignInAsDelegateOfAsync("CHE")).GetByteArrayAsync($"/api/v1/versions/{zeroId}/compare/{rev1Id}?format=docx")), false))
        {
            // …a delegation reads them as the incorporated proposal's sponsor's, dated at the revision.
            var inserted = doc.MainDocumentPart!.Document!.Body!.Descendants<InsertedRun>().ToList();
            Assert.Contains(inserted, i => i.Author!.Value == "Switzerland" && i.Date!.Value == new DateTime(2018, 3, 5));
        }

        // Silence on Rev.1: at least 72 hours; broken by one State; the outcome recorded at the deadline.
        Assert.Equal(HttpStatusCode.BadRequest, (await cofac.PostAsJsonAsync($"/api/v1/versions/{rev1Id}/silence", new { deadline = "2018-03-06T12:00:00Z" })).StatusCode);
        var silence = await Json(await cofac.PostAsJsonAsync($"/api/v1/versions/{rev1Id}/silence", new { deadline = "2018-03-09T18:00:00Z" }), HttpStatusCode.Created);
        var silenceId = silence.GetProperty("id").GetInt32();
        usa = await _app.SignInAsDelegateOfAsync("USA");
        await Json(await usa.PostAsJsonAsync($"/api/v1/silences/{silenceId}/break", new { letter = "The United States breaks silence on paragraph 1." }));
        Assert.Equal(HttpStatusCode.Conflict, (await usa.PostAsJsonAsync($"/api/v1/silences/{silenceId}/break", new { letter = "Again." })).StatusCode);
        _app.Clock.Set(2018, 3, 10);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>();
            Assert.Equal(1, await Parley.Features.Texts.TextProcedures.CloseDueAsync(db, scope.ServiceProvider.GetRequiredService<Parley.Features.Notifications.Notifier>(), _app.Clock));
        }
        var closed = await Json(await _app.Anonymous().GetAsync($"/api/v1/silences/{silenceId}"));
        Assert.Equal("broken", closed.GetProperty("outcome").GetString());
        Assert.Equal("USA", closed.GetProperty("breaks")[0].GetProperty("state").GetString());
        var late = await (await _app.SignInAsDelegateOfAsync("CUB")).PostAsJsonAsync($"/api/v1/silences/{silenceId}/break", new { letter = "Late." });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // The final version adopted by a recorded vote.
        var secretariat2 = await _app.SignInAsSecretariatAsync(administrator: false);
        var votes = new Dictionary<string, string> { ["MEX"] = "yes", ["CHE"] = "yes", ["FRA"] = "yes", ["NGA"] = "yes", ["USA"] = "no", ["HUN"] = "no", ["AUS"] = "abstain" };
        var adoption = await Json(await secretariat2.PostAsJsonAsync($"/api/v1/versions/{rev1Id}/adoption", new
        {
            method = "vote", adoptedOn = "2018-12-19", votes,
            explanations = new Dictionary<string, string> { ["USA"] = "The United States votes no: the compact would infringe on sovereignty." },
        }), HttpStatusCode.Created);
        Assert.True(adoption.GetProperty("adopted").GetBoolean());
        Assert.Equal((4, 2, 1), (adoption.GetProperty("yes").GetInt32(), adoption.GetProperty("no").GetInt32(), adoption.GetProperty("abstain").GetInt32()));
        Assert.Equal(193 - 7, adoption.GetProperty("notVoting").GetInt32());
        var text = await Json(await _app.Anonymous().GetAsync($"/api/v1/texts/{textId}"));
        Assert.True(text.GetProperty("versions").EnumerateArray().Last().GetProperty("isAdopted").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat2.PostAsJsonAsync($"/api/v1/versions/{rev1Id}/adoption", new { method = "consensus", adoptedOn = "2018-12-19" })).StatusCode);
    }
}
