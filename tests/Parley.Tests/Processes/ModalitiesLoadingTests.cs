using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Cli;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>A process is loaded by its users, through the API, the page or the command line; a changed file is a new version,
/// and the report as of a date reads the version in force then.</summary>
public sealed class ModalitiesLoadingTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static string File(string id, int round2Days = 2) => $$"""
        process:
          id: {{id}}
          title: Invented ocean accord ({{id}})
          atRiskDays: 7
          mandate: { symbol: A/RES/99/1, adopted: 2030-01-15 }
          outcome: { title: Ocean accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: United Nations Office at Nairobi, city: Nairobi, timeZone: Africa/Nairobi, holidays: UNON }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-06, paragraph: "2" }
        series:
          - id: rounds
            name: Negotiating rounds
            phase: talks
            paragraph: "4"
            meetings:
              - { venue: NBO, month: 2030-04, days: 3 }
              - { venue: NBO, month: 2030-06, days: {{round2Days}} }
        principles:
          - { paragraph: "8", summary: "Open to all States" }
        """;

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private (string[] Args, StringWriter Out, StringWriter Err) Cli(params string[] args) =>
        ([.. args, "--provider", app.Database.Settings.Provider.ToString(), "--connection", app.Database.Settings.ConnectionString], new StringWriter(), new StringWriter());

    private async Task<Dictionary<string, string>> StatusesAsync(string id, string asOf)
    {
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/{id}/compliance?asOf={asOf}");
        return report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task AFile_IsLoadedThroughTheApiThePageAndTheCommandLine_AndAChangeAppliesFromItsDate()
    {
        var secretariat = await app.SignInAsSecretariatAsync();

        // The API: 201 for a new process, 200 for the same file again, 400 with line and column for a bad one.
        var created = await secretariat.PostAsync("/api/v1/processes", Yaml(File("ocean-api")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, true), (body.GetProperty("version").GetInt32(), body.GetProperty("created").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync("/api/v1/processes", Yaml(File("ocean-api")))).StatusCode);
        var bad = await secretariat.PostAsync("/api/v1/processes", Yaml(File("ocean-api").Replace("days: 3 }", "days: three }", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("line 17, column", problem.GetProperty("errors").GetProperty("modalities")[0].GetString(), StringComparison.Ordinal);

        // The page: check shows the problems and loads nothing; load creates the process.
        var browser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Secretariat));
        var checkedBad = await Forms.SubmitAsync(browser, "/processes/load", "load-process",
            new Dictionary<string, string> { ["yaml"] = File("ocean-page").Replace("venue: NBO, month: 2030-04", "venue: XYZ, month: 2030-04", StringComparison.Ordinal), ["action"] = "load" });
        var html = await checkedBad.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"problems\"", html, StringComparison.Ordinal);
        Assert.Contains("Line 17, column 18: &#x27;venue&#x27;: &#x27;XYZ&#x27; is not one of the venues", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/processes/ocean-page")).StatusCode);
        var loaded = await Forms.SubmitAsync(browser, "/processes/load", "load-process", new Dictionary<string, string> { ["yaml"] = File("ocean-page"), ["action"] = "load" });
        Assert.Contains("data-testid=\"loaded\"", await loaded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/api/v1/processes/ocean-page")).StatusCode);

        // The command line: validate says what the file would do, or every problem (exit 1); load makes version 2 from a date.
        var folder = Directory.CreateTempSubdirectory("parley-modalities-");
        try
        {
            var amended = Path.Combine(folder.FullName, "amended.yaml");
            await System.IO.File.WriteAllTextAsync(amended, File("ocean-api", round2Days: 3));
            var broken = Path.Combine(folder.FullName, "broken.yaml");
            await System.IO.File.WriteAllTextAsync(broken, File("ocean-api").Replace("from: 2030-03", "from: 2030-13", StringComparison.Ordinal));

            var (args, output, error) = Cli("process", "validate", amended);
            Assert.Equal(0, await CliApp.RunAsync(args, output, error));
            Assert.Contains("would be version 2", output.ToString(), StringComparison.Ordinal);
            (args, output, error) = Cli("process", "validate", broken);
            Assert.Equal(1, await CliApp.RunAsync(args, output, error));
            Assert.Contains("line 10, column", error.ToString(), StringComparison.Ordinal);
            (args, output, error) = Cli("process", "load", amended, "--in-force-from", "2030-05-15", "--note", "Round 2 lengthened by decision 99/2");
            Assert.Equal(0, await CliApp.RunAsync(args, output, error));
            Assert.Contains("version 2, in force from 2030-05-15", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        // Round 2 held over three days: a breach of version 1 (two days), met under version 2 from its date.
        var meeting = await secretariat.PostAsJsonAsync("/api/v1/processes/ocean-api/meetings", new { series = "rounds", slot = 2, days = new[] { "2030-06-03", "2030-06-04", "2030-06-05" } });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        Assert.Equal("breached", (await StatusesAsync("ocean-api", "2030-05-01"))["rounds/2"]);
        Assert.Equal("met", (await StatusesAsync("ocean-api", "2030-07-01"))["rounds/2"]);
        var versions = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/ocean-api/modalities");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("Round 2 lengthened by decision 99/2", versions[1].GetProperty("note").GetString());
        Assert.Contains("days: 3 }", await app.Anonymous().GetStringAsync("/api/v1/processes/ocean-api/modalities/2"), StringComparison.Ordinal);

        // A version may not apply from before the one in force.
        var backdated = await secretariat.PostAsync("/api/v1/processes?inForceFrom=2030-05-01", Yaml(File("ocean-api", round2Days: 4)));
        Assert.Equal(HttpStatusCode.BadRequest, backdated.StatusCode);
    }

    [Fact]
    public async Task NobodyButTheSecretariat_LoadsOrChecksAFile()
    {
        var delegate_ = await app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsync("/api/v1/processes", Yaml(File("ocean-denied")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsync("/api/v1/processes/check", Yaml(File("ocean-denied")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync("/api/v1/processes", Yaml(File("ocean-denied")))).StatusCode);
        var page = await (await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX"))).GetAsync("/processes/load");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/processes/ocean-denied")).StatusCode);
    }

    [Fact]
    public async Task Check_SaysWhatTheFileDefines_AndStoresNothing()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var preview = await (await secretariat.PostAsync("/api/v1/processes/check", Yaml(File("ocean-check")))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ocean-check", preview.GetProperty("id").GetString());
        Assert.Contains(preview.GetProperty("rules").EnumerateArray(), r => r.GetProperty("kind").GetString() == "series" && r.GetProperty("id").GetString() == "rounds");
        Assert.Empty(preview.GetProperty("problems").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/processes/ocean-check")).StatusCode);
        var tooBig = await secretariat.PostAsync("/api/v1/processes", Yaml(new string('#', 1_100_000)));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    /// <summary>The reader's problems with a file come in the reader's language, each with its line and column.</summary>
    [Fact]
    public async Task AFilesProblems_AreWrittenInTheReadersLanguage()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var bad = File("ocean-fr").Replace("timeZone: Africa/Nairobi", "timeZone: Mars/Base", StringComparison.Ordinal);
        var check = new HttpRequestMessage(HttpMethod.Post, "/api/v1/processes/check") { Content = Yaml(bad) };
        check.Headers.AcceptLanguage.ParseAdd("fr");
        var preview = await (await secretariat.SendAsync(check)).Content.ReadFromJsonAsync<JsonElement>();
        var problem = Assert.Single(preview.GetProperty("problems").EnumerateArray());
        Assert.Equal("'timeZone' : 'Mars/Base' n’est pas un fuseau horaire IANA connu (p. ex. America/New_York).", problem.GetProperty("message").GetString());
        Assert.True(problem.GetProperty("line").GetInt32() > 1);

        var load = new HttpRequestMessage(HttpMethod.Post, "/api/v1/processes") { Content = Yaml(bad) };
        load.Headers.AcceptLanguage.ParseAdd("ru");
        var refused = await secretariat.SendAsync(load);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("modalities")[0].GetString();
        Assert.Matches(@"^строка \d+, столбец \d+: 'timeZone': 'Mars/Base' не является известным часовым поясом IANA", message);
    }
}
