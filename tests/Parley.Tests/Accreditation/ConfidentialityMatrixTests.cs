using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Accreditation;

/// <summary>
/// Who learns what about objections: stakeholder, public, delegate of the objecting State, delegate of another State,
/// OPGA, Secretariat — through the API, the pages, the exports, the audit trail, notifications and error messages.
/// The objecting State appears only to the OPGA, to itself, and to a State after a recorded release.
/// </summary>
public sealed class ConfidentialityMatrixTests : IAsyncLifetime
{
    private const string Track = "special-preparatory";
    private const string ListUrl = $"/api/v1/processes/gcm/lists/{Track}";
    private const string ListPage = $"/accreditation/gcm/lists/{Track}";
    private const string Basis = "BASIS-ONLY-FOR-THE-OPGA";
    private const string ObjectingState = "\"state\":\"MEX\"";
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void Hidden(string body, string who)
    {
        Assert.False(body.Contains(ObjectingState, StringComparison.Ordinal), $"{who} learnt who objected");
        Assert.False(body.Contains(Basis, StringComparison.Ordinal), $"{who} read the basis");
        Assert.False(body.Contains("Mexico", StringComparison.Ordinal) && body.Contains("objection", StringComparison.OrdinalIgnoreCase), $"{who} saw Mexico near an objection");
    }

    [Fact]
    public async Task ObjectingStates_AreKnownOnlyToTheOpga_ThemselvesAndAfterARecordedRelease()
    {
        _app.Clock.Set(2017, 4, 10);
        var applicants = await AccreditationData.ApplyManyAsync(_app, Track, 5);
        var secretariatUser = await _app.CreateUserAsync(PrincipalKind.Secretariat);
        var secretariat = await _app.SignInAsync(secretariatUser);
        foreach (var a in applicants)
        {
            await AccreditationData.RecommendAsync(secretariat, a.ApplicationId);
        }
        var opgaUser = await _app.CreateUserAsync(PrincipalKind.Opga);
        var opga = await _app.SignInAsync(opgaUser);
        var composed = await (await opga.PutAsJsonAsync($"{ListUrl}/entries", new { add = applicants.Select(a => a.ApplicationId) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await opga.PostAsJsonAsync($"{ListUrl}/circulate", new { deadline = "2017-04-25T22:00:00Z", version = composed.GetProperty("version").GetInt32() })).StatusCode);

        var target = applicants[0];
        var stakeholderUser = await _app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: target.Code);
        var stakeholder = await _app.SignInAsync(stakeholderUser);
        var publicClient = _app.Anonymous();
        var mexUser = await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX");
        var mex = await _app.SignInAsync(mexUser);
        var fra = await _app.SignInAsDelegateOfAsync("FRA");
        var stakeholderNoticesBefore = (await stakeholder.GetFromJsonAsync<JsonElement[]>("/api/v1/notifications"))!.Length;

        var auditBefore = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");
        var verifyBefore = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        var lodged = await mex.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = target.ApplicationId, basis = Basis });
        Assert.Equal(HttpStatusCode.Created, lodged.StatusCode);
        var auditAfter = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=200");
        var verifyAfter = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        var lodgedBody = await lodged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(lodgedBody.TryGetProperty("id", out _)); // no database id: it would count the objections before this one
        var objectionId = lodgedBody.GetProperty("reference").GetString();
        Assert.Matches("^[0-9a-f]{20}$", objectionId!);

        // Before the deadline.
        var (publicStatus, _) = await GetAsync(publicClient, ListUrl);
        Assert.Equal(HttpStatusCode.NotFound, publicStatus); // the list is not public until published
        var (stakeholderStatus, _) = await GetAsync(stakeholder, ListUrl);
        Assert.Equal(HttpStatusCode.NotFound, stakeholderStatus);

        // The OPGA's own account, signed in with its password but not its second factor, learns what the public learns.
        var opgaPasswordOnly = await _app.SignInBrowserWithoutSecondFactorAsync(await _app.CreateUnenrolledUserAsync(PrincipalKind.Opga));
        var (noSecondFactorStatus, noSecondFactorBody) = await GetAsync(opgaPasswordOnly, ListUrl);
        Assert.Equal(HttpStatusCode.NotFound, noSecondFactorStatus);
        Hidden(noSecondFactorBody, "the OPGA without its second factor");
        var (noSecondFactorPageStatus, noSecondFactorPage) = await GetAsync(opgaPasswordOnly, ListPage);
        Assert.Equal(HttpStatusCode.NotFound, noSecondFactorPageStatus);
        Hidden(noSecondFactorPage, "the OPGA without its second factor (page)");

        var (_, opgaBody) = await GetAsync(opga, ListUrl);
        Assert.Contains(ObjectingState, opgaBody, StringComparison.Ordinal);
        Assert.Contains(Basis, opgaBody, StringComparison.Ordinal);

        var (_, mexBody) = await GetAsync(mex, ListUrl);
        Assert.Contains(ObjectingState, mexBody, StringComparison.Ordinal); // its own objection, with its own basis
        var mexView = JsonDocument.Parse(mexBody).RootElement;
        Assert.Equal([target.ApplicationId], mexView.GetProperty("objectedByMyState").EnumerateArray().Select(e => e.GetInt32()));

        var (_, fraBody) = await GetAsync(fra, ListUrl);
        Hidden(fraBody, "another State");
        Assert.Equal(0, JsonDocument.Parse(fraBody).RootElement.GetProperty("objections").GetArrayLength());

        var (_, secretariatBody) = await GetAsync(secretariat, ListUrl);
        Hidden(secretariatBody, "the Secretariat");
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(secretariatBody).RootElement.GetProperty("objections").ValueKind);

        // The same on the pages, before the deadline.
        var fraUser = await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "FRA");
        var fraBrowser = await _app.SignInBrowserAsync(fraUser);
        var secretariatBrowser = await _app.SignInBrowserAsync(secretariatUser);
        var (_, fraPage) = await GetAsync(fraBrowser, ListPage);
        Hidden(fraPage, "another State (page)");
        Assert.Contains("data-testid=\"object-", fraPage, StringComparison.Ordinal); // France may still object itself
        // Countries are named for people, the code kept as a tooltip; groups spelled out the same way.
        var country = System.Text.RegularExpressions.Regex.Match(fraPage, $"<abbr title=\"{target.Country}\">([^<]+)</abbr>");
        Assert.True(country.Success && country.Groups[1].Value != target.Country && country.Groups[1].Value.Length > 3, $"{target.Country} is not named on the list");
        Assert.Contains($">{target.Group}</abbr>", fraPage, StringComparison.Ordinal);
        var (_, secretariatPage) = await GetAsync(secretariatBrowser, ListPage);
        Hidden(secretariatPage, "the Secretariat (page)");
        Assert.DoesNotContain("data-testid=\"objection\"", secretariatPage, StringComparison.Ordinal);
        var (_, opgaPageBefore) = await GetAsync(await _app.SignInBrowserAsync(opgaUser), ListPage);
        Assert.Contains(Basis, opgaPageBefore, StringComparison.Ordinal);
        var (_, mexPageBefore) = await GetAsync(await _app.SignInBrowserAsync(mexUser), ListPage);
        Assert.Contains(Basis, mexPageBefore, StringComparison.Ordinal);
        var (stakeholderPageStatus, _) = await GetAsync(await _app.SignInBrowserAsync(stakeholderUser), ListPage);
        Assert.Equal(HttpStatusCode.NotFound, stakeholderPageStatus);
        var (_, ownPage) = await GetAsync(await _app.SignInBrowserAsync(stakeholderUser), "/organisations/mine");
        Hidden(ownPage, "the stakeholder's own page");
        Assert.Contains("Under consideration by Member States", ownPage, StringComparison.Ordinal);

        // Nobody else can touch the objection, and the answer is the same as for one that does not exist.
        var fraDelete = await fra.DeleteAsync($"{ListUrl}/objections/{objectionId}");
        var fraDeleteNone = await fra.DeleteAsync($"{ListUrl}/objections/00000000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, fraDelete.StatusCode);
        Assert.Equal(await fraDeleteNone.Content.ReadAsStringAsync().ContinueWith(t => JsonDocument.Parse(t.Result).RootElement.GetProperty("detail").GetString()),
            JsonDocument.Parse(await fraDelete.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await stakeholder.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = target.ApplicationId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = target.ApplicationId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fra.PostAsJsonAsync($"{ListUrl}/releases", new { toState = "FRA" })).StatusCode);

        // The stakeholder is told nothing when an objection arrives; the public status says only "under consideration".
        var stakeholderNotices = await stakeholder.GetStringAsync("/api/v1/notifications");
        Assert.Equal(stakeholderNoticesBefore, JsonDocument.Parse(stakeholderNotices).RootElement.GetArrayLength());
        var (_, statusBody) = await GetAsync(publicClient, $"/api/v1/organisations/{target.Code}/status");
        Assert.Contains("under-consideration", statusBody, StringComparison.Ordinal);
        Hidden(statusBody, "the public");

        // The audit trail the Secretariat reads does not show that an objection was lodged — not even a count or a gap in the numbering.
        var (_, audit) = await GetAsync(secretariat, "/api/v1/audit?action=objection.&pageSize=200");
        Assert.DoesNotContain("objection.lodged", audit, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(audit).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(auditBefore.GetProperty("total").GetInt32(), auditAfter.GetProperty("total").GetInt32());
        var numbers = auditAfter.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, numbers.Count).Select(i => numbers[0] - i), numbers); // contiguous: no hole where the objection is
        Assert.Equal(auditAfter.GetProperty("total").GetInt32(), (int)numbers[0]);
        Assert.Equal(verifyBefore.GetRawText(), verifyAfter.GetRawText());
        Assert.DoesNotContain(Basis, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(mexUser.Id, audit, StringComparison.Ordinal);
        var (_, byActor) = await GetAsync(secretariat, $"/api/v1/audit?actor={mexUser.Id}&pageSize=200");
        Assert.DoesNotContain("objection.", byActor, StringComparison.Ordinal);
        var (_, wholeAudit) = await GetAsync(secretariat, "/api/v1/audit?pageSize=200");
        Assert.DoesNotContain(Basis, wholeAudit, StringComparison.Ordinal);

        // E-mails written so far never name the objecting State to anyone but the OPGA (who is told only that something arrived).
        foreach (var mail in Directory.Exists(_app.MailFolder) ? Directory.GetFiles(_app.MailFolder) : [])
        {
            var text = await File.ReadAllTextAsync(mail);
            Assert.DoesNotContain(Basis, text, StringComparison.Ordinal);
            if (text.Contains("Objection", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("MEX", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Mexico", text, StringComparison.Ordinal);
            }
        }

        // A recorded release lets France read what the OPGA received.
        var release = await opga.PostAsJsonAsync($"{ListUrl}/releases", new { toState = "FRA", note = "Requested by note verbale of 21 April 2017." });
        Assert.Equal(HttpStatusCode.Created, release.StatusCode);
        var (_, fraPageAfter) = await GetAsync(fraBrowser, ListPage);
        Assert.Contains(Basis, fraPageAfter, StringComparison.Ordinal);
        var (_, fraAfter) = await GetAsync(fra, ListUrl);
        Assert.Contains(ObjectingState, fraAfter, StringComparison.Ordinal);
        Assert.Contains(Basis, fraAfter, StringComparison.Ordinal);
        var (_, opgaAfter) = await GetAsync(opga, ListUrl);
        Assert.Contains("\"toState\":\"FRA\"", opgaAfter, StringComparison.Ordinal);
        var (_, secretariatAfter) = await GetAsync(secretariat, ListUrl);
        Hidden(secretariatAfter, "the Secretariat after a release to another State");

        // After the deadline and publication: everyone sees proposed and final lists; still nobody learns who objected.
        _app.Clock.Set(2017, 4, 26);
        opga = await _app.SignInAsync(opgaUser);
        Assert.Equal(HttpStatusCode.OK, (await opga.PostAsync($"{ListUrl}/publish", null)).StatusCode);
        stakeholder = await _app.SignInAsync(stakeholderUser);
        secretariat = await _app.SignInAsync(secretariatUser);
        foreach (var (client, who) in new[] { (publicClient, "the public"), (stakeholder, "the stakeholder"), (secretariat, "the Secretariat"), (opgaPasswordOnly, "the OPGA without its second factor") })
        {
            var (status, body) = await GetAsync(client, ListUrl);
            Assert.Equal(HttpStatusCode.OK, status);
            Hidden(body, who);
            var view = JsonDocument.Parse(body).RootElement;
            Assert.Equal(5, view.GetProperty("proposed").GetArrayLength());
            Assert.DoesNotContain(view.GetProperty("final").EnumerateArray(), e => e.GetProperty("applicationId").GetInt32() == target.ApplicationId);
            var (pageStatus, page) = await GetAsync(client, ListPage);
            Assert.Equal(HttpStatusCode.OK, pageStatus);
            Hidden(page, who + " (page)");
            foreach (var export in new[] { "csv", "xlsx" })
            {
                var (_, file) = await GetAsync(client, $"/api/v1/processes/gcm/accreditation/organisations.{export}?track={Track}");
                Hidden(file, who + " (" + export + ")");
            }
            var (_, orgStatus) = await GetAsync(client, $"/api/v1/organisations/{target.Code}/status");
            Assert.Contains("not-accredited", orgStatus, StringComparison.Ordinal);
            Hidden(orgStatus, who);
            var (_, orgPage) = await GetAsync(client, $"/organisations/{target.Code}");
            Hidden(orgPage, who + " (organisation page)");
        }
        var finalNotice = await stakeholder.GetStringAsync("/api/v1/notifications");
        Assert.Contains("not on the final list", finalNotice, StringComparison.Ordinal);
        Hidden(finalNotice, "the stakeholder's notifications");

        // The OPGA's page shows the objection; the objecting State's page shows its own.
        var (_, opgaPage) = await GetAsync(await _app.SignInBrowserAsync(opgaUser), ListPage);
        Assert.Contains(Basis, opgaPage, StringComparison.Ordinal);
        var (_, mexPage) = await GetAsync(await _app.SignInBrowserAsync(mexUser), ListPage);
        Assert.Contains(Basis, mexPage, StringComparison.Ordinal);
    }
}
