using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>
/// Issue 18, the co-facilitators' side: the compilation's DOCX worked through in Word — tracked changes accepted, rejected,
/// reworded, a paragraph retyped — reads back as the decisions and edits of the next revision, which they confirm and build.
/// </summary>
public sealed class WordRevisionTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    /// <summary>What the co-facilitators do with one proposal in Word.</summary>
    private static byte[] Review(byte[] docx, IReadOnlyDictionary<int, string> actions, IReadOnlyDictionary<string, string>? retype = null)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            foreach (var (id, action) in actions)
            {
                var start = body.Descendants<BookmarkStart>().Single(b => b.Name == $"prop_{id}");
                var between = start.ElementsAfter().TakeWhile(e => !(e is BookmarkEnd end && end.Id == start.Id)).ToList();
                foreach (var e in between.SelectMany(e => e is InsertedRun or DeletedRun ? [e] : e.Descendants().Where(d => d is InsertedRun or DeletedRun)).ToList())
                {
                    var keep = (e, action) switch
                    {
                        (InsertedRun, "accept") or (DeletedRun, "reject") => true,
                        _ => false,
                    };
                    if (keep)
                    {
                        // Word unwraps the change: its runs become ordinary text.
                        foreach (var deleted in e.Descendants<DeletedText>().ToList())
                        {
                            deleted.InsertAfterSelf(new Text(deleted.Text) { Space = SpaceProcessingModeValues.Preserve });
                            deleted.Remove();
                        }
                        foreach (var run in e.Elements<Run>().ToList())
                        {
                            run.Remove();
                            e.InsertBeforeSelf(run);
                        }
                    }
                    e.Remove();
                }
                if (action.StartsWith("reword:", StringComparison.Ordinal))
                {
                    start.InsertAfterSelf(new Run(new Text(action["reword:".Length..]) { Space = SpaceProcessingModeValues.Preserve }));
                }
            }
            foreach (var (key, text) in retype ?? new Dictionary<string, string>())
            {
                var paragraph = body.Descendants<Paragraph>().Single(p => p.Descendants<BookmarkStart>().Any(b => b.Name == "pk_" + key));
                foreach (var t in paragraph.Descendants<Text>().ToList())
                {
                    t.Text = "";
                }
                paragraph.Descendants<Text>().First().Text = text;
            }
        }
        return stream.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] file) => new() { { new ByteArrayContent(file), "file", "compilation-reviewed.docx" } };

    [Fact]
    public async Task TheCompilationWorkedThroughInWord_ReadsBackAsDecisionsAndEdits_ThatBuildTheRevision()
    {
        app.Clock.Set(2018, 2, 5);
        var secretariat = await app.SignInAsSecretariatAsync();
        var cofac = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var text = await (await cofac.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "wordrev", title = "Word revision" })).ExpectJsonAsync(HttpStatusCode.Created);
        var version = await (await cofac.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("1. We reaffirm our resolve to cooperate on migration.\n2. Migration has been part of the human experience throughout history.\n" +
                "3. We commit to act together.\n4. States shall ensure access to basic services.\n", Encoding.UTF8, "text/markdown"))).ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var keys = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}")).GetProperty("provisions").EnumerateArray()
            .Select(p => p.GetProperty("key").GetString()!).ToList();
        async Task<int> Propose(string state, object request) =>
            (await (await (await app.SignInAsDelegateOfAsync(state)).PostAsJsonAsync($"/api/v1/versions/{versionId}/proposals", request)).ExpectJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var accepted = await Propose("MEX", new { kind = "replace", provisionKey = keys[0], start = 3, end = 4, newText = "determination" });
        var rejected = await Propose("USA", new { kind = "delete", provisionKey = keys[1], start = 8, end = 10 });
        var reworded = await Propose("CHE", new { kind = "insert", provisionKey = keys[2], start = 2, newText = "fully" });
        var added = await Propose("FRA", new { kind = "add-provision", provisionKey = keys[2], afterKey = keys[2], newText = "States shall cooperate in good faith." });
        var retained = await Propose("NGA", new { kind = "retain", provisionKey = keys[0] });
        var left = await Propose("BRA", new { kind = "replace", provisionKey = keys[1], start = 0, end = 1, newText = "Human mobility" });
        var compilation = await cofac.GetByteArrayAsync($"/api/v1/versions/{versionId}/compilation.docx");

        var reviewed = Review(compilation, new Dictionary<int, string>
        {
            [accepted] = "accept", [rejected] = "reject", [reworded] = "reword: resolutely", [added] = "accept",
        }, retype: new Dictionary<string, string> { [keys[3]] = "States shall ensure access to basic services for all migrants." });
        var reading = await (await cofac.PostAsync($"/api/v1/versions/{versionId}/revision-imports", Upload(reviewed))).ExpectJsonAsync(HttpStatusCode.OK);

        var decisions = reading.GetProperty("decisions").EnumerateArray().ToDictionary(d => d.GetProperty("proposalId").GetInt32(), d => d.GetProperty("decision").GetString());
        Assert.Equal(new Dictionary<int, string?> { [accepted] = "accept", [rejected] = "reject", [reworded] = "modify", [added] = "accept" }, decisions);
        var modify = reading.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("proposalId").GetInt32() == reworded);
        Assert.Equal("We commit resolutely to act together.", modify.GetProperty("text").GetString());
        Assert.Equal([retained, left], reading.GetProperty("undecided").EnumerateArray().Select(u => u.GetInt32()).Order());
        Assert.Equal("States shall ensure access to basic services for all migrants.", reading.GetProperty("edits").GetProperty(keys[3]).GetString());
        Assert.Contains(reading.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("retain", StringComparison.Ordinal));

        // On the revision page, as a browser posts it: the file's decisions fill the form, nothing is built yet.
        var page = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var html = System.Net.WebUtility.HtmlDecode(await (await Forms.SubmitWithFileAsync(page, $"/versions/{versionId}/revision", "revision-word",
            new Dictionary<string, string>(), reviewed, "compilation-reviewed.docx")).Content.ReadAsStringAsync());
        Assert.Contains("From Word: 4 decisions, 1 edits, 2 proposals left open", html, StringComparison.Ordinal);
        Assert.Matches($"<select id=\"d-{accepted}\"[^>]*>.*?<option value=\"accept\" selected", html);
        Assert.Matches($"<select id=\"d-{rejected}\"[^>]*>.*?<option value=\"reject\" selected", html);
        Assert.Contains(">We commit resolutely to act together.</textarea>", html, StringComparison.Ordinal);

        // The co-facilitators confirm: the reading, posted as it is, builds Rev.1.
        var built = await (await cofac.PostAsJsonAsync($"/api/v1/versions/{versionId}/revision", new
        {
            label = "Rev.1", date = "2018-03-01",
            decisions = reading.GetProperty("decisions").EnumerateArray().Select(d => new
            {
                proposalId = d.GetProperty("proposalId").GetInt32(), decision = d.GetProperty("decision").GetString(),
                text = d.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            }),
            edits = reading.GetProperty("edits"),
        })).ExpectJsonAsync(HttpStatusCode.Created);
        var rev1 = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{built.GetProperty("version").GetProperty("id").GetInt32()}");
        Assert.Equal(
            ["We reaffirm our determination to cooperate on migration.", "Migration has been part of the human experience throughout history.",
             "We commit resolutely to act together.", "States shall cooperate in good faith.", "States shall ensure access to basic services for all migrants."],
            rev1.GetProperty("provisions").EnumerateArray().Select(p => p.GetProperty("text").GetString()));

        // Only co-facilitators read a compilation for a revision; a delegation's clean file is not a compilation.
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await mex.PostAsync($"/api/v1/versions/{versionId}/revision-imports", Upload(reviewed))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PostAsync($"/api/v1/versions/{versionId}/revision-imports", Upload(reviewed))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cofac.PostAsync($"/api/v1/versions/{versionId}/revision-imports", Upload(reviewed))).StatusCode); // Rev.1 exists now
        var rev1Id = built.GetProperty("version").GetProperty("id").GetInt32();
        var clean = await app.Anonymous().GetByteArrayAsync($"/api/v1/versions/{rev1Id}/export.docx");
        var refused = await cofac.PostAsync($"/api/v1/versions/{rev1Id}/revision-imports", Upload(clean));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a compilation", await refused.Content.ReadAsStringAsync());
        var old = await cofac.PostAsync($"/api/v1/versions/{rev1Id}/revision-imports", Upload(reviewed));
        Assert.Contains("another version", await old.Content.ReadAsStringAsync());
    }
}
