using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Texts;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>
/// Every GET route and page, over a database holding confidential things (an objection with its basis, a private draft,
/// a registration), walked by every kind of caller — including privileged accounts signed in without their second factor
/// (decision 011) — with real route values and with extreme ones.
/// </summary>
public sealed partial class ReadWalkTests : IAsyncLifetime
{
    private const string Track = "special-preparatory";
    private const string ObjectionBasis = "OBJECTION-BASIS-WALK";
    private const string DraftWords = "PRIVATE-DRAFT-WORDS-WALK";
    private readonly ParleyFactory _app = new();
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private string _organisation = "";

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _app.Clock.Set(2017, 4, 10);
        var secretariat = await _app.SignInAsSecretariatAsync();
        async Task<int> Schedule(object body) =>
            (await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var meeting = await Schedule(new { series = "thematic", slot = 2, days = new[] { "2017-05-22", "2017-05-23" } });

        // A circulated list with Mexico's objection: confidential to the OPGA and Mexico.
        var applicants = await AccreditationData.ApplyManyAsync(_app, Track, 3);
        foreach (var a in applicants)
        {
            await AccreditationData.RecommendAsync(secretariat, a.ApplicationId);
        }
        var opga = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Opga));
        var listUrl = $"/api/v1/processes/gcm/lists/{Track}";
        var composed = await (await opga.PutAsJsonAsync($"{listUrl}/entries", new { add = applicants.Select(a => a.ApplicationId) })).Content.ReadFromJsonAsync<JsonElement>();
        await Ok(opga.PostAsJsonAsync($"{listUrl}/circulate", new { deadline = "2017-04-25T22:00:00Z", version = composed.GetProperty("version").GetInt32() }));
        var mex = await _app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        await Ok(mex.PostAsJsonAsync($"{listUrl}/objections", new { applicationId = applicants[0].ApplicationId, basis = ObjectionBasis }));
        _organisation = applicants[0].Code;

        // A text with proposals, and Mexico's private draft.
        int textId, versionId;
        string key;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
            (textId, versionId, _) = await DemoNegotiation.SeedAsync(db, _app.Clock, "gcm", "WALK", 12, 60);
            key = await db.Provisions.Where(p => p.VersionId == versionId).OrderBy(p => p.Id).Select(p => p.Key).FirstAsync();
        }
        await Ok(mex.PostAsJsonAsync($"/api/v1/versions/{versionId}/proposals",
            new { kind = "replace", provisionKey = key, start = 0, end = 1, newText = DraftWords, justification = DraftWords, submit = false }));
        await Ok(mex.PostAsJsonAsync($"/api/v1/meetings/{meeting}/registrations", new { participants = new[] { new { name = "Ana Delegada", role = "head-of-delegation" } } }));

        foreach (var (name, value) in new (string, string)[]
        {
            ("Id", "gcm"), ("ProcessId", "gcm"), ("id", "gcm"), ("TrackId", Track), ("track", Track), ("MonthKey", "2017-05"),
            ("SeriesId", "thematic"), ("series", "thematic"), ("MeetingId", meeting.ToString()), ("meetingId", meeting.ToString()),
            ("TextId", textId.ToString()), ("textId", textId.ToString()), ("VersionId", versionId.ToString()), ("versionId", versionId.ToString()),
            ("FromId", versionId.ToString()), ("ToId", versionId.ToString()), ("Key", key), ("key", key),
            ("applicationId", applicants[0].ApplicationId.ToString()), ("Token", "not-a-token"), ("format", "csv"),
        })
        {
            _values[name] = value;
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private IEnumerable<(string Pattern, bool Anonymous)> GetRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => (Pattern: e.RoutePattern.RawText!, Anonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .Where(r => !r.Pattern.StartsWith("/_", StringComparison.Ordinal) && !r.Pattern.StartsWith("/hubs/", StringComparison.Ordinal)
                && !r.Pattern.Contains("/events", StringComparison.Ordinal) && !r.Pattern.Contains("{**", StringComparison.Ordinal)
                && r.Pattern != "/error")
            .Distinct();

    /// <summary>A route with real values: the organisation, State or id the walk's data holds.</summary>
    private string Fill(string pattern) => RouteParameter().Replace(pattern, m =>
    {
        var name = m.Groups["name"].Value;
        if (name.Equals("code", StringComparison.OrdinalIgnoreCase))
        {
            return pattern.Contains("organisations", StringComparison.Ordinal) ? _organisation : "MEX";
        }
        if (name == "format")
        {
            return "csv";
        }
        return _values.TryGetValue(name, out var v) ? v : "1";
    }).Replace("organisations.{format}", "organisations.csv", StringComparison.Ordinal);

    private static readonly string[] ExtremeRouteValues = ["0", "-1", "2147483647", "99999999999999999999", "9999-12", "0000-00", "x%09y", new string('z', 3000), "%E2%80%AE", "..%2F..%2Fetc"];

    private static readonly string[] QueryNames =
        ["asOf", "from", "to", "page", "pageSize", "q", "status", "section", "track", "group", "ldcAsOf", "action", "actor", "kind", "returnUrl", "series", "sponsor", "dryRun", "path", "view", "provision"];

    private static readonly string[] ExtremeQueryValues =
        ["9999-12-31", "0001-01-01", "garbage", "-2147483648", "99999999999999999999", "\t\r\n", new string('q', 5000), "%00%01", "%E2%80%AE", "[]{}<script>"];

    private static string ExtremeFill(string pattern, string value) =>
        RouteParameter().Replace(pattern, m => m.Groups["name"].Value == "format" ? "csv" : value).Replace("organisations.{format}", "organisations.csv", StringComparison.Ordinal);

    private async Task<Dictionary<string, HttpClient>> ClientsAsync()
    {
        async Task<HttpClient> Browser(PrincipalKind kind, string? state = null, string? organisation = null) =>
            await _app.SignInBrowserAsync(await _app.CreateUserAsync(kind, state, focalPoint: true, organisation: organisation, administrator: kind == PrincipalKind.Secretariat));
        return new Dictionary<string, HttpClient>
        {
            ["anonymous"] = _app.Anonymous(),
            ["donor"] = await Browser(PrincipalKind.Donor),
            ["stakeholder"] = await Browser(PrincipalKind.Stakeholder, organisation: _organisation),
            ["delegate MEX"] = await Browser(PrincipalKind.MemberStateDelegate, "MEX"),
            ["delegate FRA"] = await Browser(PrincipalKind.MemberStateDelegate, "FRA"),
            ["secretariat"] = await Browser(PrincipalKind.Secretariat),
            ["opga"] = await Browser(PrincipalKind.Opga),
            ["co-facilitator"] = await Browser(PrincipalKind.CoFacilitator),
            ["secretariat, password only"] = await UnenrolledAsync(PrincipalKind.Secretariat),
            ["opga, password only"] = await UnenrolledAsync(PrincipalKind.Opga),
            ["co-facilitator, password only"] = await UnenrolledAsync(PrincipalKind.CoFacilitator),
        };
    }

    private async Task<HttpClient> UnenrolledAsync(PrincipalKind kind) =>
        await _app.SignInBrowserWithoutSecondFactorAsync(await _app.CreateUnenrolledUserAsync(kind, administrator: kind == PrincipalKind.Secretariat));

    /// <summary>What a page says, without what differs per person for reasons other than rights (the header, antiforgery tokens).</summary>
    private static string Comparable(string contentType, string body)
    {
        if (!contentType.Contains("html", StringComparison.Ordinal))
        {
            return Volatile().Replace(body, "");
        }
        var main = MainElement().Match(body);
        var text = main.Success ? main.Value : body;
        return Volatile().Replace(AntiforgeryValue().Replace(text, "name=\"__RequestVerificationToken\" value=\"\""), "");
    }

    [Fact]
    public async Task PrivilegedAccountsWithoutTheirSecondFactor_ReadExactlyWhatAPlainUserReads()
    {
        var clients = await ClientsAsync();
        var plain = clients["donor"];
        var differences = new List<string>();
        var compared = 0;
        foreach (var (pattern, anonymous) in GetRoutes())
        {
            var url = Fill(pattern);
            var expected = await plain.GetAsync(url);
            var expectedBody = Comparable(expected.Content.Headers.ContentType?.MediaType ?? "", await expected.Content.ReadAsStringAsync());
            var publicAnswer = await clients["anonymous"].GetAsync(url);
            var publicBody = Comparable(publicAnswer.Content.Headers.ContentType?.MediaType ?? "", await publicAnswer.Content.ReadAsStringAsync());
            foreach (var who in clients.Keys.Where(k => k.EndsWith("password only", StringComparison.Ordinal)))
            {
                var response = await clients[who].GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(ObjectionBasis, body, StringComparison.Ordinal);
                Assert.DoesNotContain(DraftWords, body, StringComparison.Ordinal);
                if (pattern.StartsWith("/account/", StringComparison.Ordinal))
                {
                    continue; // sign-in, enrolment and sign-out pages: open to a password-only sign-in by design
                }
                if (!anonymous)
                {
                    // Protected: the password-only sign-in is sent to enrol (pages) or refused (API), never served.
                    if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound))
                    {
                        differences.Add($"{who} GET {url}: {(int)response.StatusCode} on a protected route");
                    }
                    continue;
                }
                compared++;
                var comparable = Comparable(response.Content.Headers.ContentType?.MediaType ?? "", body);
                var binary = response.Content.Headers.ContentType?.MediaType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                var asPlainUser = response.StatusCode == expected.StatusCode && (binary || comparable == expectedBody);
                var asPublic = response.StatusCode == publicAnswer.StatusCode && (binary || comparable == publicBody);
                if (!asPlainUser && !asPublic)
                {
                    var at = Enumerable.Range(0, Math.Min(comparable.Length, expectedBody.Length)).FirstOrDefault(i => comparable[i] != expectedBody[i]);
                    differences.Add($"{who} GET {url}: {(int)response.StatusCode} vs the plain user's {(int)expected.StatusCode}" +
                        (comparable != expectedBody ? $" (differs at {at}: «{Excerpt(comparable, at)}» vs «{Excerpt(expectedBody, at)}»)" : ""));
                }
            }
        }
        Assert.True(compared > 60, $"only {compared} comparisons: the walk did not reach the routes");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));

        // The ones who may, do see the confidential things: the walk's data is real, and the check above could fail.
        Assert.Contains(ObjectionBasis, await clients["opga"].GetStringAsync($"/api/v1/processes/gcm/lists/{Track}"), StringComparison.Ordinal);
        Assert.Contains(DraftWords, await clients["delegate MEX"].GetStringAsync($"/api/v1/versions/{_values["versionId"]}/proposals"), StringComparison.Ordinal);
    }

    private static string Excerpt(string text, int at) => text.Substring(Math.Max(0, at - 60), Math.Min(160, text.Length - Math.Max(0, at - 60)));

    [Fact]
    public async Task TheSecretariatsAuditTrail_HoldsNeitherTheObjectionNorTheWordsOfAPrivateDraft()
    {
        var secretariat = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.Secretariat));
        var api = await secretariat.GetStringAsync("/api/v1/audit?pageSize=200");
        var page = await secretariat.GetStringAsync("/audit");
        foreach (var body in new[] { api, page, await secretariat.GetStringAsync("/api/v1/audit?entityType=Proposal&pageSize=200") })
        {
            Assert.DoesNotContain(DraftWords, body, StringComparison.Ordinal);
            Assert.DoesNotContain(ObjectionBasis, body, StringComparison.Ordinal);
            Assert.DoesNotContain("objection.", body, StringComparison.Ordinal);
        }
        Assert.Contains("[private draft]", api, StringComparison.Ordinal); // the draft's entry is there, without its words
        await using var db = _app.OpenDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.After != null && a.After.Contains(DraftWords))); // the chain itself holds them
    }

    [Fact]
    public async Task PrivilegedPageForms_PostedWithoutTheSecondFactor_ChangeNothing()
    {
        var secretariat = await _app.SignInBrowserAsync(await _app.CreateUserAsync(PrincipalKind.Secretariat, administrator: true));
        var unenrolled = await UnenrolledAsync(PrincipalKind.Secretariat);
        var opgaUnenrolled = await UnenrolledAsync(PrincipalKind.Opga);
        var posted = 0;
        foreach (var (pattern, _) in GetRoutes().Where(r => r.Anonymous && !r.Pattern.StartsWith("/api", StringComparison.Ordinal) && !r.Pattern.StartsWith("/account", StringComparison.Ordinal)))
        {
            var url = Fill(pattern);
            var html = await (await secretariat.GetAsync(url)).Content.ReadAsStringAsync();
            foreach (Match form in FormElement().Matches(html))
            {
                var handler = HandlerName().Match(form.Value);
                if (!handler.Success)
                {
                    continue;
                }
                var fields = InputElement().Matches(form.Value).Where(i => i.Groups["name"].Value is not ("__RequestVerificationToken" or "_handler"))
                    .GroupBy(i => i.Groups["name"].Value).ToDictionary(g => g.Key, g => g.First().Groups["value"].Success ? g.First().Groups["value"].Value : "walk");
                foreach (var client in new[] { unenrolled, opgaUnenrolled })
                {
                    var before = await AuditCountAsync();
                    var response = await PostFormAsync(client, url, handler.Groups["name"].Value, fields);
                    Assert.True((int)response.StatusCode < 500, $"POST {url} ({handler.Groups["name"].Value}): {(int)response.StatusCode}");
                    Assert.True(before == await AuditCountAsync(), $"POST {url} ({handler.Groups["name"].Value}) without a second factor changed something");
                    posted++;
                }
            }
        }
        Assert.True(posted >= 6, $"only {posted} forms were posted");

        // The group form named in the review: saved by the Secretariat with its second factor, not without.
        var group = new Dictionary<string, string> { ["code"] = "WALK-GROUP", ["name"] = "Walk group", ["members"] = "MEX, FRA", ["speakers"] = "MEX" };
        await PostFormAsync(unenrolled, "/groups", "save-group", group);
        Assert.DoesNotContain("WALK-GROUP", await _app.Anonymous().GetStringAsync("/api/v1/groups"), StringComparison.Ordinal);
        await Forms.SubmitAsync(secretariat, "/groups", "save-group", group);
        Assert.Contains("WALK-GROUP", await _app.Anonymous().GetStringAsync("/api/v1/groups"), StringComparison.Ordinal);
    }

    /// <summary>Posts a page form the way a forged browser would: its own antiforgery token (from the language form every page has) and the handler's name.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, IDictionary<string, string> fields)
    {
        var page = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        var token = AntiforgeryInput().Match(page).Groups["value"].Value;
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token) };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _app.OpenDb();
        return await db.AuditEntries.CountAsync();
    }

    [Fact]
    public async Task NoGetRouteOrPage_AnswersA5xx_WhoeverAsksAndWhateverTheValues()
    {
        var clients = await ClientsAsync();
        var failures = new List<string>();
        var requests = 0;
        async Task Probe(string who, string url)
        {
            requests++;
            HttpResponseMessage response;
            try
            {
                response = await clients[who].GetAsync(url);
            }
            catch (Exception e)
            {
                // The test server rethrows what the app's error handling let through: a 500 on a real server.
                failures.Add($"{who} GET {url[..Math.Min(url.Length, 160)]}: threw {e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Parley", StringComparison.Ordinal))?.Trim()}");
                return;
            }
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{who} GET {url[..Math.Min(url.Length, 160)]}: {(int)response.StatusCode}");
            }
            else if (url.StartsWith("/api/", StringComparison.Ordinal) && (int)response.StatusCode >= 400
                && response.Content.Headers.ContentType?.MediaType is { } type && type != "application/problem+json")
            {
                failures.Add($"{who} GET {url[..Math.Min(url.Length, 160)]}: {(int)response.StatusCode} as {type}, not problem+json");
            }
        }
        var routes = GetRoutes().ToList();
        foreach (var (pattern, _) in routes)
        {
            foreach (var who in clients.Keys)
            {
                await Probe(who, Fill(pattern));
            }
            foreach (var who in new[] { "anonymous", "secretariat", "delegate MEX", "opga, password only" })
            {
                foreach (var value in pattern.Contains('{', StringComparison.Ordinal) ? ExtremeRouteValues : [])
                {
                    await Probe(who, ExtremeFill(pattern, value));
                }
                foreach (var value in ExtremeQueryValues)
                {
                    await Probe(who, Fill(pattern) + "?" + string.Join("&", QueryNames.Select(n => n + "=" + Uri.EscapeDataString(value))));
                }
            }
        }
        Assert.True(requests > 2000, $"only {requests} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers were failures:\n" + string.Join("\n", failures.Take(40)));
    }

    [GeneratedRegex("\\{(?<name>[^}:?]+)[^}]*\\}")]
    private static partial Regex RouteParameter();

    /// <summary>Request ids, and the live lists' sequence numbers (each read takes the next one).</summary>
    [GeneratedRegex("\"(traceId|requestId)\":\"[^\"]*\"|\"sequence\":\\d+|data-sequence=\"\\d+\"")]
    private static partial Regex Volatile();

    [GeneratedRegex("<main[\\s\\S]*</main>")]
    private static partial Regex MainElement();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex FormElement();

    [GeneratedRegex("name=\"_handler\" value=\"(?<name>[^\"]+)\"")]
    private static partial Regex HandlerName();

    [GeneratedRegex("<(?:input|textarea|select)[^>]*name=\"(?<name>[^\"]+)\"(?:[^>]*value=\"(?<value>[^\"]*)\")?")]
    private static partial Regex InputElement();
}
