using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Common;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>The six languages through the real pipeline: who reads which language, and what is written in it.</summary>
public sealed partial class LanguagesTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static HttpRequestMessage Get(string url, string? acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return request;
    }

    /// <summary>Letters of the language's own script: Arabic, CJK, Cyrillic, or accented Latin for Spanish and French.</summary>
    private static bool InItsScript(string culture, string text) => culture switch
    {
        "ar" => ArabicLetters().IsMatch(text),
        "zh" => ChineseLetters().IsMatch(text),
        "ru" => CyrillicLetters().IsMatch(text),
        _ => true,
    };

    [Fact]
    public async Task TheComplianceReport_IsWrittenInEachLanguage_WithItsDates()
    {
        var client = app.CreateClient();
        async Task<List<(string Id, string Title, string[] Facts)>> Report(string culture)
        {
            var response = await client.SendAsync(Get("/api/v1/processes/gcm/compliance?asOf=2018-07-13", culture));
            var json = await response.ExpectJsonAsync();
            return [.. json.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
                .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("title").GetString()!,
                    r.GetProperty("facts").EnumerateArray().Select(f => f.GetString()!).ToArray()))];
        }
        var english = await Report("en");
        foreach (var language in Languages.Official.Where(l => l.Culture != "en"))
        {
            var report = await Report(language.Culture);
            Assert.Equal(english.Select(r => r.Id), report.Select(r => r.Id));
            // Facts the engine writes (not a principle's own words from the file) change language: all but a few.
            var engineFacts = english.Zip(report).SelectMany(p => p.First.Facts.Zip(p.Second.Facts))
                .Where(f => !f.First.StartsWith("Served by: ", StringComparison.Ordinal) || f.First.Contains("trust fund", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(engineFacts);
            var translated = engineFacts.Count(f => f.First != f.Second);
            Assert.True(translated >= engineFacts.Count * 9 / 10, $"{language.Culture}: only {translated} of {engineFacts.Count} facts differ from English");
            Assert.True(engineFacts.Count(f => InItsScript(language.Culture, f.Second)) >= engineFacts.Count * 9 / 10, $"{language.Culture}: facts not in its script");
        }
        var chinese = await Report("zh-CN"); // a regional variant reads the language
        // Dates are written as the language writes them: "Phase I: consultations: 1 April 2017 to 30 November 2017" in English.
        Assert.Contains(english, r => r.Title.Contains("1 April 2017", StringComparison.Ordinal));
        Assert.Contains(chinese, r => r.Title.Contains("2017年4月1日", StringComparison.Ordinal) && r.Title.Contains("第一阶段", StringComparison.Ordinal));
        Assert.Contains(await Report("ar"), r => r.Title.Contains("أبريل", StringComparison.Ordinal));
        Assert.Contains(await Report("ru"), r => r.Title.Contains("апреля 2017 г.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANotice_IsWrittenInTheLanguageItsReaderChose_WithTheSwitcher()
    {
        var arabic = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MAR");
        var russian = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "RUS");
        var none = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX");
        // The switcher, used while signed in, is also the account's choice.
        foreach (var (user, culture) in new[] { (arabic, "ar"), (russian, "ru") })
        {
            var browser = await app.SignInBrowserAsync(user);
            var switched = await Forms.SubmitAsync(browser, "/states", "", new Dictionary<string, string> { ["culture"] = culture, ["returnUrl"] = "/states" }, action: "/culture");
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>();
            Assert.Equal("ar", (await db.Users.SingleAsync(u => u.Id == arabic.Id)).Culture);
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.QueueAsync(db, [arabic.Id, russian.Id, none.Id], Phrase.Of("Notice.UnderSilence", "Rev.2"),
                Phrase.Of("Notice.UnderSilenceBody", "Rev.2", new DateTime(2018, 7, 9, 18, 0, 0, DateTimeKind.Utc)), null);
            await db.SaveChangesAsync();
            await notifier.FlushAsync();
            var notices = await db.Notifications.AsNoTracking().Where(n => n.UserId == arabic.Id || n.UserId == russian.Id || n.UserId == none.Id).ToListAsync();
            var ar = notices.Single(n => n.UserId == arabic.Id);
            Assert.Contains("Rev.2", ar.Subject, StringComparison.Ordinal);
            Assert.Matches(ArabicLetters(), ar.Subject);
            Assert.Contains("يوليو", ar.Body, StringComparison.Ordinal); // the date in Arabic
            Assert.Contains("июля", notices.Single(n => n.UserId == russian.Id).Body, StringComparison.Ordinal);
            Assert.Equal("Rev.2 under silence", notices.Single(n => n.UserId == none.Id).Subject); // no choice: the source language
            var mails = Directory.GetFiles(app.MailFolder, "*.eml").Select(File.ReadAllText).ToList();
            Assert.Contains(mails, m => m.Contains(russian.Email, StringComparison.Ordinal) && m.Contains("=?utf-8?", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task TheLanguage_ComesFromTheSwitcher_ThenTheAccount_ThenTheBrowser()
    {
        var client = app.CreateClient();
        var html = await (await client.SendAsync(Get("/states", "zh-CN,zh;q=0.9"))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>国家</h1>", html, StringComparison.Ordinal);
        html = await (await client.SendAsync(Get("/states", "ar"))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        html = await (await client.SendAsync(Get("/states", "de-DE"))).Content.ReadAsStringAsync(); // not one of ours: English
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html, StringComparison.Ordinal);

        // An account that chose Russian reads Russian whatever the browser says, until the switcher says otherwise.
        var user = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "KAZ");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>();
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            account.Culture = "ru";
            await db.SaveChangesAsync();
        }
        var browser = await app.SignInBrowserAsync(user);
        html = await (await browser.SendAsync(Get("/states", "es"))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ru\"", html, StringComparison.Ordinal);
        await Forms.SubmitAsync(browser, "/states", "", new Dictionary<string, string> { ["culture"] = "es", ["returnUrl"] = "/states" }, action: "/culture");
        html = await (await browser.SendAsync(Get("/states", "ar"))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMachineMadeTranslation_SaysSoOnEveryPage_AndEnglishDoesNot()
    {
        var client = app.CreateClient();
        foreach (var language in Languages.Official)
        {
            var html = await (await client.SendAsync(Get("/", language.Culture))).Content.ReadAsStringAsync();
            Assert.Equal(!language.Reviewed, html.Contains("data-testid=\"translation-unreviewed\"", StringComparison.Ordinal));
        }
        // The pseudo-locales are not offered unless configured, but answer when asked for (layout testing).
        var home = await (await client.SendAsync(Get("/?culture=qps-ploc", null))).Content.ReadAsStringAsync();
        Assert.Contains("⟦", home, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"qps-ploc\"", await (await client.SendAsync(Get("/", "en"))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TitlesInSeveralLanguages_AreShownToTheirReaders_AndOnlyTheSecretariatGivesThem()
    {
        var client = app.CreateClient();
        var spanish = await (await client.SendAsync(Get("/processes/gcm", "es"))).Content.ReadAsStringAsync();
        Assert.Contains("Pacto Mundial para la Migración Segura, Ordenada y Regular", spanish, StringComparison.Ordinal);
        Assert.Contains("Fase III: negociaciones intergubernamentales", spanish, StringComparison.Ordinal);
        var english = await (await client.SendAsync(Get("/processes/gcm", "en"))).Content.ReadAsStringAsync();
        Assert.Contains("Global compact for safe, orderly and regular migration", english, StringComparison.Ordinal);

        app.Clock.Set(2018, 5, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        var created = await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings",
            new { series = "conference", slot = 1, days = new[] { "2018-12-10", "2018-12-11" } })).ExpectJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var original = created.GetProperty("title").GetString()!;

        var delegate_ = await app.SignInAsDelegateOfAsync("FRA");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles", new { titles = "fr: Conférence" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles", new { titles = "fr: Conférence" })).StatusCode);
        var bad = await secretariat.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles", new { titles = "de: Konferenz" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var missing = new HttpRequestMessage(HttpMethod.Put, "/api/v1/processes/gcm/meetings/999999/titles") { Content = JsonContent.Create(new { titles = "fr: x" }) };
        missing.Headers.AcceptLanguage.ParseAdd("ru");
        var notFound = await secretariat.SendAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        // The answer is written in the asker's language.
        Assert.Equal("Такого заседания в этом процессе нет.", (await notFound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var saved = await (await secretariat.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles",
            new { titles = "fr: Conférence intergouvernementale\nar: المؤتمر الحكومي الدولي" })).ExpectJsonAsync();
        Assert.Equal("Conférence intergouvernementale", saved.GetProperty("fr").GetString());
        // Changed again by an officer who read them: the French version reworded, the Arabic one dropped, one row per language.
        const string read = "ar: المؤتمر الحكومي الدولي\nfr: Conférence intergouvernementale";
        var again = await (await secretariat.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles",
            new { titles = "fr: Conférence intergouvernementale sur les migrations", previous = read })).ExpectJsonAsync();
        // A second officer who read them before that change overwrites nothing.
        var stale = await secretariat.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles", new { titles = "fr: Conférence", previous = read });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.False(again.TryGetProperty("ar", out _));
        await using (var check = app.Services.CreateAsyncScope())
        {
            var rows = await check.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>().ContentTranslations.AsNoTracking()
                .Where(t => t.Kind == "meeting" && t.RecordId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync();
            Assert.Equal("Conférence intergouvernementale sur les migrations", Assert.Single(rows).Text);
        }
        // A Secretariat account that has not used its second factor gives no titles.
        var unenrolled = await app.SignInBrowserWithoutSecondFactorAsync(await app.CreateUnenrolledUserAsync(PrincipalKind.Secretariat));
        Assert.False((await unenrolled.PutAsJsonAsync($"/api/v1/processes/gcm/meetings/{id}/titles", new { titles = "fr: x" })).IsSuccessStatusCode);

        var french = await (await client.SendAsync(Get($"/processes/gcm/meetings/{id}", "fr"))).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Conférence intergouvernementale sur les migrations</h1>", french, StringComparison.Ordinal);
        var chinese = await (await client.SendAsync(Get($"/processes/gcm/meetings/{id}", "zh"))).Content.ReadAsStringAsync();
        Assert.Contains($"<span lang=\"en\" dir=\"ltr\">{System.Net.WebUtility.HtmlEncode(original)}</span>", chinese, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "meeting.titles-set"));
    }

    /// <summary>
    /// The 71/280 file names its series, roles, obligations, documents, principles, themes and perspectives in the six languages:
    /// the compliance report and the process page read them in the reader's language, and "each …" takes the series' singular.
    /// </summary>
    [Fact]
    public async Task TheModalitiesFile_NamesItsSeriesRolesAndObligations_InEachLanguage()
    {
        var client = app.CreateClient();
        async Task<List<string>> Titles(string culture)
        {
            var json = await (await client.SendAsync(Get("/api/v1/processes/gcm/compliance?asOf=2018-07-13", culture))).ExpectJsonAsync();
            return [.. json.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("title").GetString()!)];
        }
        var english = await Titles("en");
        Assert.Contains(english, t => t.StartsWith("Each informal thematic session: ", StringComparison.Ordinal)); // English unchanged
        var french = await Titles("fr");
        Assert.Contains(french, t => t.StartsWith("Chaque session thématique informelle : ", StringComparison.Ordinal));
        Assert.Contains(french, t => t.StartsWith("Note du Secrétaire général sur l’organisation des travaux de la conférence", StringComparison.Ordinal));
        Assert.Contains(french, t => t.StartsWith("Président de l’Assemblée générale nomme 2 Cofacilitateurs", StringComparison.Ordinal));
        Assert.Contains(french, t => t == "La conférence se tient au plus haut niveau politique possible");
        var arabic = await Titles("ar");
        Assert.Contains(arabic, t => t.Contains("دورة مواضيعية غير رسمية", StringComparison.Ordinal));
        Assert.Contains(arabic, t => t.Contains("موجز القضايا المشترك بين الوكالات", StringComparison.Ordinal));
        // Titles of the engine (not a date or a code) in the reader's script: all but a handful.
        var chinese = await Titles("zh");
        Assert.True(chinese.Count(t => ChineseLetters().IsMatch(t)) >= chinese.Count - 3, string.Join("\n", chinese.Where(t => !ChineseLetters().IsMatch(t))));

        var page = await (await client.SendAsync(Get("/processes/gcm", "zh"))).Content.ReadAsStringAsync();
        Assert.Contains("非正式专题会议", page, StringComparison.Ordinal);
        Assert.Contains("通过全球契约的政府间会议", page, StringComparison.Ordinal);
        var contributions = await (await client.SendAsync(Get("/processes/gcm/contributions", "es"))).Content.ReadAsStringAsync();
        Assert.Contains("Migración y desarrollo sostenible", contributions, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every export's headings (and a workbook's sheet name) are in the reader's language; a request that asks for none gets the
    /// English labels scripts read. Codes in the cells (ISO3, sections) stay as they are.
    /// </summary>
    [Fact]
    public async Task EveryExport_HasItsHeadingsInTheReadersLanguage_AndEnglishWhenNoneIsAsked()
    {
        int meetingId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            meetingId = await scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>().Meetings.Select(m => m.Id).FirstOrDefaultAsync(); // headings with no rows
        }
        var client = app.CreateClient();
        var exports = new Dictionary<string, string>
        {
            ["/api/v1/states/export.csv"] = "ISO3,ISO2,M49,Name,Formal name,Status,Regional group,Also participates in,LDC,",
            ["/api/v1/processes/gcm/accreditation/organisations.csv"] = "Name,Acronym,Type,Country,Regional group,Track",
            ["/api/v1/processes/gcm/fund/report.csv"] = "Section,Key,Name,Count,US dollars",
            ["/api/v1/processes/gcm/contributions/feed.csv"] = "Id,Kind,Author,Type of author,Group,Title,Themes,Perspectives,Meeting,Published",
            [$"/api/v1/meetings/{meetingId}/participants?format=csv"] = "Delegation,Participant,Function,Role",
        };
        foreach (var (url, english) in exports)
        {
            var plain = await client.GetStringAsync(url);
            Assert.StartsWith(english, plain.TrimStart('\uFEFF'), StringComparison.Ordinal);
            foreach (var culture in new[] { "ar", "zh", "ru" })
            {
                var header = CsvCells((await (await client.SendAsync(Get(url, culture))).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n")[0]);
                Assert.Equal(english.TrimEnd(',').Split(',').Length, header.Take(english.TrimEnd(',').Split(',').Length).Count());
                Assert.All(header, h => Assert.True(InItsScript(culture, h), $"{url} in {culture}: '{h}' is not translated"));
            }
        }
        // The fund's rows name their lines in the reader's language; their codes stay.
        var fund = await (await client.SendAsync(Get("/api/v1/processes/gcm/fund/report.csv", "fr"))).Content.ReadAsStringAsync();
        Assert.Contains("position,available,Disponibles,", fund, StringComparison.Ordinal);
        // A workbook: headings and the sheet's name.
        var xlsx = await (await client.SendAsync(Get("/api/v1/processes/gcm/accreditation/organisations.xlsx", "zh"))).Content.ReadAsByteArrayAsync();
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.Equal("已认可", workbook.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name?.Value);
        Assert.Equal("名称", workbook.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().First().Text);
    }

    /// <summary>A refusal built with a value (the process's id) reaches an API client in its language, the value kept.</summary>
    [Fact]
    public async Task ARefusalBuiltWithAValue_IsInTheReadersLanguage()
    {
        var client = app.CreateClient();
        foreach (var (culture, expected) in new[] { ("en", "No process 'cop-99'."), ("fr", "Aucun processus 'cop-99'."), ("ar", "لا توجد عملية 'cop-99'.") })
        {
            var response = await client.SendAsync(Get("/api/v1/processes/cop-99/fund/report", culture));
            Assert.Equal(expected, (await response.ExpectJsonAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        }
    }

    private static List<string> CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex ArabicLetters();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseLetters();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex CyrillicLetters();
}
