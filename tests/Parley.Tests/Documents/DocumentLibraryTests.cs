using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Documents;

/// <summary>
/// The documents library: the Secretary-General's report (§26) issued in English, then in French and Spanish, and a corrigendum;
/// search finds each by symbol and by words inside the files; the page and the stable address show which languages are pending;
/// only the Secretariat issues files.
/// </summary>
public sealed class DocumentLibraryTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int documentId, string language, string text)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Docx(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", $"report-{language}.docx");
        return await client.PostAsync($"/api/v1/processes/gcm/documents/{documentId}/files?language={language}", form);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task AReportIssuedInThreeLanguages_AndACorrigendum_AreFoundBySymbolAndWords_WithPendingLanguagesShown()
    {
        app.Clock.Set(2018, 1, 20);
        var secretariat = await app.SignInAsSecretariatAsync();
        var report = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents",
            new { type = "sg-report", symbol = "A/72/643", title = "Making migration work for all", publishedOn = "2018-01-12" }), HttpStatusCode.Created);
        var reportId = report.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents",
            new { type = "sg-report", symbol = "A/72/643", title = "Again", publishedOn = "2018-01-12" })).StatusCode); // a symbol is one document's

        await Json(await UploadAsync(secretariat, reportId, "en", "Migration is an engine of economic growth, innovation and sustainable development."), HttpStatusCode.Created);
        var afterEnglish = await Json(await app.Anonymous().GetAsync("/api/v1/documents/A/72/643"), HttpStatusCode.OK);
        Assert.Equal(["ar", "zh", "fr", "ru", "es"], afterEnglish.GetProperty("pending").EnumerateArray().Select(l => l.GetString()));
        await Json(await UploadAsync(secretariat, reportId, "fr", "La migration est un moteur de croissance économique et d'innovation."), HttpStatusCode.Created);
        await Json(await UploadAsync(secretariat, reportId, "es", "La migración es un motor de crecimiento económico e innovación."), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(secretariat, reportId, "de", "Nein.")).StatusCode);

        var corrigendum = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents", new
        {
            type = "sg-report", symbol = "A/72/643/Corr.1", title = "Making migration work for all — corrigendum", publishedOn = "2018-01-19",
            relatesTo = "A/72/643", relation = "corrigendum",
        }), HttpStatusCode.Created);
        await Json(await UploadAsync(secretariat, corrigendum.GetProperty("id").GetInt32(), "en", "Paragraph 42, for quinquennial read biennial."), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents",
            new { type = "sg-report", symbol = "A/72/999/Corr.1", title = "Of nothing", publishedOn = "2018-01-19", relatesTo = "A/72/999", relation = "corrigendum" })).StatusCode);

        // Only the Secretariat issues files.
        var delegate_ = await app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(delegate_, reportId, "ru", "Нет.")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await UploadAsync(app.Anonymous(), reportId, "ru", "Нет.")).StatusCode);

        // Search: by symbol, and by words inside each language's file.
        async Task<List<string>> Find(string q) => (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/library?q={Uri.EscapeDataString(q)}"))
            .EnumerateArray().Select(d => d.GetProperty("symbol").GetString()!).ToList();
        Assert.Equal(["A/72/643/Corr.1", "A/72/643"], await Find("A/72/643"));
        Assert.Equal(["A/72/643"], await Find("innovation"));
        Assert.Equal(["A/72/643"], await Find("croissance"));
        Assert.Equal(["A/72/643"], await Find("migración"));
        Assert.Equal(["A/72/643/Corr.1"], await Find("quinquennial"));
        Assert.Empty(await Find("nonexistentword"));

        var original = await Json(await app.Anonymous().GetAsync("/api/v1/documents/A/72/643"), HttpStatusCode.OK);
        Assert.Equal(["A/72/643/Corr.1"], original.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ar", "zh", "ru"], original.GetProperty("pending").EnumerateArray().Select(l => l.GetString()));
        var french = await app.Anonymous().GetAsync("/api/v1/document-files/fr/A/72/643");
        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/document-files/ru/A/72/643")).StatusCode);

        // The pages show which languages are pending.
        var library = await app.Anonymous().GetStringAsync("/processes/gcm/documents");
        Assert.Contains("data-pending=\"ru\"", library, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/document-files/fr/A/72/643\"", library, StringComparison.Ordinal);
        var page = await app.Anonymous().GetStringAsync("/documents/A/72/643");
        Assert.Contains("Making migration work for all", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/documents/A/72/643/Corr.1\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"serves\"", page, StringComparison.Ordinal); // the rule it serves
        Assert.StartsWith("§26 Secretary-General's report", original.GetProperty("serves")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/documents/A/00/000")).StatusCode);

        // The Secretariat issues the Russian version from the library's row, as a browser posts it; a delegate sees no such form.
        Assert.DoesNotContain($"value=\"issue-{reportId}\"", await (await app.SignInBrowserAsync(await app.CreateUserAsync(Parley.Features.Identity.PrincipalKind.MemberStateDelegate, "MEX")))
            .GetStringAsync("/processes/gcm/documents"), StringComparison.Ordinal);
        var desk = await app.SignInBrowserAsync(await app.CreateUserAsync(Parley.Features.Identity.PrincipalKind.Secretariat));
        var answer = await Forms.SubmitWithFileAsync(desk, "/processes/gcm/documents", $"issue-{reportId}", new Dictionary<string, string> { ["language"] = "ru" },
            Docx("Миграция является двигателем экономического роста."), "report-ru.docx");
        Assert.Contains("Issued in RU.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["ar", "zh"], (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/documents/A/72/643")).GetProperty("pending").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["A/72/643"], await Find("экономического"));
    }
}
