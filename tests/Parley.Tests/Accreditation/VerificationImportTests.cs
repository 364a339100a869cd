using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Cli;
using Parley.Features.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Accreditation;

public sealed class VerificationImportTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A synthetic ECOSOC list: names, statuses and countries as the real list has them.</summary>
    public static string EcosocCsv(int rows, Func<int, string>? name = null)
    {
        var statuses = new[] { "general", "special", "roster" };
        var countries = new[] { "KEN", "BRA", "IND", "FRA", "POL", "MEX", "PHL", "USA", "NGA", "CHE" };
        var sb = new StringBuilder("name,status,country,since\n");
        for (var i = 0; i < rows; i++)
        {
            var n = name?.Invoke(i) ?? $"Organisation number {i:D5} for migrants' rights";
            sb.Append('"').Append(n.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(statuses[i % 3]).Append(',').Append(countries[i % 10]).Append(',').Append(1950 + i % 70).Append('\n');
        }
        return sb.ToString();
    }

    [Fact]
    public async Task FiveThousandRows_Import_AndConfirmPendingRegistrations()
    {
        _app.Clock.Set(2017, 6, 1);
        var applicants = await AccreditationData.ApplyManyAsync(_app, "ecosoc", 20, prefix: "Pending");
        using (var db = _app.OpenDb())
        {
            Assert.Equal(20, await db.Applications.CountAsync(a => a.Status == ApplicationStatus.AwaitingVerification));
        }
        string[] names;
        using (var db = _app.OpenDb())
        {
            names = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Name).ToArrayAsync();
        }
        // 5,000 rows; the first 15 pending organisations are on it (one with a roster status, one spelt with other case and accents).
        var csv = EcosocCsv(5000, i => i < 15 ? (i == 3 ? names[i].ToUpperInvariant() : names[i]) : $"Organisation number {i:D5} for migrants' rights");
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);

        var dry = await secretariat.PostAsync("/api/v1/verification/ecosoc?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var dryReport = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5000, dryReport.GetProperty("imported").GetInt32());
        Assert.Equal(15, dryReport.GetProperty("registrationsMatched").GetInt32());
        using (var db = _app.OpenDb())
        {
            Assert.Equal(0, await db.VerificationEntries.CountAsync()); // a dry run saves nothing
        }

        var real = await secretariat.PostAsync("/api/v1/verification/ecosoc", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        var report = await real.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5000, report.GetProperty("imported").GetInt32());
        Assert.Equal(0, report.GetProperty("problems").GetArrayLength());
        using (var db = _app.OpenDb())
        {
            Assert.Equal(5000, await db.VerificationEntries.CountAsync(v => v.Source == "ecosoc"));
            Assert.Equal(15, await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Accredited && a.MatchedEntryId != null));
            Assert.Equal(5, await db.Applications.CountAsync(a => a.Status == ApplicationStatus.AwaitingVerification));
            Assert.Single(await db.ImportBatches.ToListAsync());
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "verification.ecosoc-imported" && a.EntityType == "ImportBatch"));
        }

        // Re-importing replaces the list; confirmed registrations stay confirmed.
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync("/api/v1/verification/ecosoc", new StringContent(EcosocCsv(10), Encoding.UTF8, "text/csv"))).StatusCode);
        using (var db = _app.OpenDb())
        {
            Assert.Equal(10, await db.VerificationEntries.CountAsync(v => v.Source == "ecosoc"));
            Assert.Equal(15, await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Accredited));
        }
        _app.Clock.Reset();
    }

    [Fact]
    public async Task BrokenRows_AreReportedWithTheirLine_AndTheGoodOnesImported()
    {
        var csv = "name,country,status\n" +
                  "Kenya National Commission on Human Rights,KEN,A\n" +
                  ",FRA,A\n" +                                             // line 3: no name
                  "Commission nationale consultative des droits de l'homme,FRA,A\n" +
                  "Somewhere Commission,ZZZ,A\n" +                         // line 5: unknown country
                  "Defensoría del Pueblo,PER,C\n" +                        // line 6: bad status
                  "\"Comisión Nacional de los Derechos Humanos, México\",MEX,A\n" +
                  "Human Rights Commission,,B\n";                          // line 8: no country
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        var response = await secretariat.PostAsync("/api/v1/verification/ganhri", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        var problems = report.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("line").GetInt32(), p => p.GetProperty("message").GetString()!);
        Assert.Equal([3, 5, 6, 8], problems.Keys.Order());
        Assert.Contains("ZZZ", problems[5], StringComparison.Ordinal);
        Assert.Contains("'C'", problems[6], StringComparison.Ordinal);

        var wrongHeader = await secretariat.PostAsync("/api/v1/verification/ganhri", new StringContent("organisation;grade\nX;A\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongHeader.StatusCode);
        Assert.Contains("missing", await wrongHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsync("/api/v1/verification/unesco", new StringContent("name\n", Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.SignInAsDelegateOfAsync("KEN")).PostAsync("/api/v1/verification/ganhri", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task Cli_ImportsWithAReport_AndADryRunSavesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ecosoc-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, EcosocCsv(50) + "\"Broken row\",consultative,KEN,1990\n");
        try
        {
            async Task<(int Code, string Output)> RunAsync(params string[] args)
            {
                var output = new StringWriter();
                var code = await CliApp.RunAsync([.. args, "--provider", _app.Database.Settings.Provider.ToString(), "--connection", _app.Database.Settings.ConnectionString], output, new StringWriter());
                return (code, output.ToString());
            }
            var (dryCode, dryOutput) = await RunAsync("import", "ecosoc", file, "--dry-run");
            Assert.Equal(0, dryCode);
            Assert.Contains("Dry run: would import 50 of 51 rows; 1 with problems", dryOutput, StringComparison.Ordinal);
            Assert.Contains("line 52: status 'consultative'", dryOutput, StringComparison.Ordinal);
            using (var db = _app.OpenDb())
            {
                Assert.Equal(0, await db.VerificationEntries.CountAsync());
            }
            var (code, output) = await RunAsync("import", "ecosoc", file);
            Assert.Equal(0, code);
            Assert.Contains("Imported 50 of 51 rows", output, StringComparison.Ordinal);
            using var db2 = _app.OpenDb();
            Assert.Equal(50, await db2.VerificationEntries.CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
