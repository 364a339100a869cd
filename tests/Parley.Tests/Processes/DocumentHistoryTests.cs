using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>A recorded document is corrected or withdrawn with its history: the report as of each date reads the record that stood then.</summary>
public sealed class DocumentHistoryTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private const string File = """
        process:
          id: documents
          title: Documents with history
          atRiskDays: 7
          mandate: { symbol: A/RES/3/3, adopted: 2030-01-10 }
          outcome: { title: Accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        series:
          - { id: sessions, name: Sessions, phase: talks, venue: NBO, paragraph: "3", meetings: [ { month: 2030-04 } ] }
        obligations:
          - { id: report, title: Report, document: report, dueBy: 2030-06-30, paragraph: "4" }
        """;

    private async Task<string> StatusAsync(string asOf)
    {
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/documents/compliance?asOf={asOf}");
        return report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .Single(r => r.GetProperty("id").GetString() == "report").GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task ACorrectionAndAWithdrawal_KeepTheHistory_AndTheReportReadsTheRecordOfItsDate()
    {
        app.Clock.Set(2030, 8, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsync("/api/v1/processes", new StringContent(File, Encoding.UTF8, "application/yaml"))).StatusCode);

        // A typo in the type is refused with the types the file names.
        var typo = await secretariat.PostAsJsonAsync("/api/v1/processes/documents/documents", new { type = "reprot", title = "Report", publishedOn = "2030-06-20" });
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("use one of: other, report", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Recorded on 1 July as published on 20 July (late); corrected on 1 August to its real date, 20 June (in time).
        var recorded = await (await secretariat.PostAsJsonAsync("/api/v1/processes/documents/documents", new { type = "report", symbol = "R/1", title = "Report", publishedOn = "2030-07-20", knownOn = "2030-07-21" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = recorded.GetProperty("id").GetInt32();
        var corrected = await secretariat.PatchAsJsonAsync($"/api/v1/processes/documents/documents/{id}", new { publishedOn = "2030-06-20" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var correction = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((id, "R/1"), (correction.GetProperty("corrects").GetInt32(), correction.GetProperty("symbol").GetString())); // absent fields kept
        Assert.Equal("breached", await StatusAsync("2030-07-25")); // as recorded then
        Assert.Equal("met", await StatusAsync("2030-08-02"));     // as corrected
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PatchAsJsonAsync($"/api/v1/processes/documents/documents/{id}", new { title = "Again" })).StatusCode);

        // Withdrawn on 1 September: from then the obligation is unmet again; the records stay.
        app.Clock.Set(2030, 9, 1);
        secretariat = await app.SignInAsSecretariatAsync();
        var withdrawn = await secretariat.PostAsJsonAsync($"/api/v1/processes/documents/documents/{correction.GetProperty("id").GetInt32()}/withdraw", new { reason = "Issued in error" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("met", await StatusAsync("2030-08-15"));
        Assert.Equal("breached", await StatusAsync("2030-09-02"));
        var all = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/documents/documents?history=true");
        Assert.Equal(2, all.GetArrayLength());
        Assert.Empty((await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/documents/documents")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsDelegateOfAsync("MEX")).PostAsJsonAsync($"/api/v1/processes/documents/documents/{id}/withdraw", new { reason = "x" })).StatusCode);
    }
}
