using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Registry;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Meetings;

/// <summary>
/// A thematic session with three panels and an interactive exchange; moderators from three regional groups; 60 delegations and 20
/// stakeholder representatives register and are approved; 40 speakers inscribed in protocol order (a group first); the chair runs the
/// list with timers, watched live over SignalR; the summary is published; the balance view and the compliance report reflect it.
/// </summary>
public sealed class ThematicSessionScenarioTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectJsonAsync(expected);

    private static object Person(string name, string role, string gender = "female", bool listPublicly = true) => new { name, role, gender, listPublicly };

    [Fact]
    public async Task AThematicSession_FromPanelsToSummary()
    {
        _app.Clock.Set(2017, 5, 2);
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        var meeting = await Json(await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings",
            new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" }, expertPanels = 0, interactiveExchange = false }), HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents", new { type = "issue-brief", title = "Issue brief 1", publishedOn = "2017-05-01", meetingId })).StatusCode);
        await Json(await secretariat.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/setup", new { capacity = 500, stakeholderQuota = 2, languages = "English, French, Spanish", interpretationAsAvailable = true }));

        // Panels: the Secretariat may not appoint moderators; the OPGA does, from three regional groups.
        object[] Panels(string m1, string m2, string m3) =>
        [
            new { title = "Panel 1: Rights of all migrants", kind = "expert-panel", moderator = m1, panellists = new object[] { new { name = "A. Diallo", affiliation = "University of Dakar", country = "SEN", gender = "female", perspective = "origin" }, new { name = "J. Smith", country = "GBR", gender = "male", perspective = "destination" } } },
            new { title = "Panel 2: Social inclusion", kind = "expert-panel", moderator = m2, panellists = new object[] { new { name = "M. Pérez", country = "MEX", gender = "female", perspective = "transit" }, new { name = "K. Tanaka", country = "JPN", gender = "male", perspective = "destination" } } },
            new { title = "Panel 3: Discrimination", kind = "expert-panel", moderator = m3, panellists = new object[] { new { name = "F. Haddad", country = "LBN", gender = "female", perspective = "transit" } } },
            new { title = "Interactive exchange", kind = "interactive-exchange" },
        ];
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/panels", Panels("NGA", "BGD", "CHL"))).StatusCode);
        var opga = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Opga));
        var panels = await Json(await opga.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/panels", Panels("NGA", "BGD", "CHL")));
        Assert.Equal(["AG", "APG", "GRULAC"], panels.EnumerateArray().Take(3).Select(p => p.GetProperty("moderatorGroup").GetString()));
        var compliance = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/compliance?asOf=2017-05-10"));
        var rules = compliance.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray()).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("met", rules["thematic-balance"].GetProperty("status").GetString());
        var balance = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/series/thematic/balance"));
        Assert.Equal(3, balance.GetProperty("moderatorsByGroup").GetArrayLength());
        Assert.Empty(balance.GetProperty("warnings").EnumerateArray());

        // 60 delegations register (by their mission focal points) and 20 stakeholder representatives (10 organisations × 2).
        var states = (await _app.OpenDb().States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).OrderBy(s => s.Iso3).Select(s => s.Iso3).ToListAsync()).Take(60).ToList();
        var registrationIds = new List<int>();
        foreach (var iso in states)
        {
            var focal = await _app.SignInAsDelegateOfAsync(iso, focalPoint: true);
            var reg = await Json(await focal.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations",
                new { participants = new[] { Person($"Head {iso}", "head-of-delegation"), Person($"Delegate {iso}", "delegate", "male", false) } }), HttpStatusCode.Created);
            registrationIds.Add(reg.GetProperty("id").GetInt32());
        }
        _app.Clock.Set(2017, 4, 10);
        var organisations = await AccreditationData.ApplyManyAsync(_app, "ecosoc", 10, prefix: "Session NGO");
        using (var db = _app.OpenDb())
        {
            foreach (var app in db.Applications.Where(a => a.TrackId == "ecosoc"))
            {
                app.Decide(ApplicationStatus.Accredited, "test", "Verified.", DateTime.UtcNow);
            }
            await db.SaveChangesAsync();
        }
        _app.Clock.Set(2017, 5, 2);
        foreach (var org in organisations)
        {
            var focal = await AccreditationData.SignInStakeholderAsync(_app, org.Code);
            Assert.Equal(HttpStatusCode.BadRequest, (await focal.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations",
                new { participants = new[] { Person("A", "representative"), Person("B", "representative"), Person("C", "representative") } })).StatusCode); // over the quota
            var reg = await Json(await focal.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations",
                new { participants = new[] { Person($"{org.Code} rep 1", "representative"), Person($"{org.Code} rep 2", "representative", "male") } }), HttpStatusCode.Created);
            registrationIds.Add(reg.GetProperty("id").GetInt32());
        }
        secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        foreach (var id in registrationIds)
        {
            await Json(await secretariat.PostAsJsonAsync($"/api/v1/registrations/{id}/decision", new { decision = "approve" }));
        }
        var participants = await Json(await secretariat.GetAsync($"/api/v1/meetings/{meetingId}/participants"));
        Assert.Equal(140, participants.GetArrayLength());
        var publicList = await Json(await _app.Anonymous().GetAsync($"/api/v1/meetings/{meetingId}/participants"));
        Assert.Equal(80, publicList.GetArrayLength()); // heads of delegation (public) and the first representative of each organisation... and the second
        var csv = await _app.Anonymous().GetStringAsync($"/api/v1/meetings/{meetingId}/participants?format=csv");
        Assert.DoesNotContain("Delegate AFG", csv, StringComparison.Ordinal); // chose not to appear
        // One CSV writer for every export: a BOM, CRLF lines, human labels (not "HeadOfDelegation").
        var csvBytes = await _app.Anonymous().GetByteArrayAsync($"/api/v1/meetings/{meetingId}/participants?format=csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        Assert.StartsWith("Delegation,Participant,Function,Role\r\n", System.Text.Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3), StringComparison.Ordinal);
        Assert.Contains(",head of delegation\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("HeadOfDelegation", csv, StringComparison.Ordinal);

        // Check-in with the code on the badge.
        var mine = await Json(await (await _app.SignInAsDelegateOfAsync(states[0], focalPoint: true)).GetAsync($"/api/v1/meetings/{meetingId}/registrations"));
        var token = mine[0].GetProperty("participants")[0].GetProperty("token").GetString();
        await Json(await secretariat.PostAsync($"/api/v1/checkin/{token}", null));
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsync($"/api/v1/checkin/{token}", null)).StatusCode);

        // A viewer watches the list live (the projector), over SignalR.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/speakers"), o => { o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler(); o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling; })
            .Build();
        var pushes = new List<JsonElement>();
        hub.On<JsonElement>("list", list => { lock (pushes) { pushes.Add(list); } });
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", meetingId);

        // 40 speakers: 36 States at various levels, then a group statement (which goes first), 2 stakeholders and an observer.
        var levels = new[] { "head-of-delegation", "minister", "vice-minister", "head-of-delegation" };
        foreach (var (iso, i) in states.Take(36).Select((s, i) => (s, i)))
        {
            var d = await _app.SignInAsDelegateOfAsync(iso);
            await Json(await d.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { level = levels[i % 4] }), HttpStatusCode.Created);
        }
        secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        await Json(await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "AFRICAN-GROUP", name = "African Group", members = new[] { "NGA", "EGY" }, speakers = new[] { "NGA" } }));
        var nigeria = await _app.SignInAsDelegateOfAsync("NGA");
        var group = await Json(await nigeria.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { onBehalfOf = "AFRICAN-GROUP" }), HttpStatusCode.Created);
        Assert.Equal("group", group.GetProperty("category").GetString());
        foreach (var org in organisations.Take(2))
        {
            var focal = await AccreditationData.SignInStakeholderAsync(_app, org.Code);
            await Json(await focal.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { }), HttpStatusCode.Created);
        }
        var vatican = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.ObserverDelegate, "VAT"));
        await Json(await vatican.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { }), HttpStatusCode.Created);

        var list = await Json(await _app.Anonymous().GetAsync($"/api/v1/meetings/{meetingId}/speakers"));
        var speakers = list.GetProperty("speakers").EnumerateArray().ToList();
        Assert.Equal(40, speakers.Count);
        Assert.Equal("AFRICAN-GROUP", speakers[0].GetProperty("code").GetString());
        var categories = speakers.Select(s => s.GetProperty("category").GetString()).ToList();
        Assert.Equal(["group", .. Enumerable.Repeat("member-state", 36), "observer-state", "stakeholder", "stakeholder"], categories);
        var stateLevels = speakers.Skip(1).Take(36).Select(s => s.GetProperty("level").GetString()).ToList();
        Assert.Equal(stateLevels.OrderBy(l => Array.IndexOf(["head-of-state-or-government", "minister", "vice-minister", "head-of-delegation"], l)), stateLevels);

        // The chair runs the list with timers; a delegate cannot.
        var cofac = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        Assert.Equal(HttpStatusCode.Forbidden, (await nigeria.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" })).StatusCode);
        await Json(await cofac.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "time", seconds = 120 }));
        var afterNext = await Json(await cofac.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" }));
        var current = afterNext.GetProperty("speakers").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "speaking");
        Assert.Equal("AFRICAN-GROUP", current.GetProperty("code").GetString());
        Assert.Equal(120, current.GetProperty("timeLimitSeconds").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, current.GetProperty("startedAt").ValueKind);
        await Json(await cofac.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "point-of-order", code = "CUB", label = "Cuba" }));
        var afterPoint = await Json(await cofac.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" }));
        Assert.Equal("CUB", afterPoint.GetProperty("speakers").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "speaking").GetProperty("code").GetString());

        // Every change reached the live viewer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && pushes.Count < 44)
        {
            await Task.Delay(100);
        }
        lock (pushes)
        {
            Assert.True(pushes.Count >= 44, $"{pushes.Count} pushes");
            Assert.Equal("CUB", pushes[^1].GetProperty("speakers").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "speaking").GetProperty("code").GetString());
        }

        // The co-chairs' summary is published; the compliance report counts it.
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/documents", new { type = "co-chairs-summary", title = "Co-chairs' summary, session 1", publishedOn = "2017-05-30", meetingId })).StatusCode);
        var report = await Json(await _app.Anonymous().GetAsync("/api/v1/processes/gcm/compliance?asOf=2017-06-01"));
        var paragraph21 = report.GetProperty("paragraphs").EnumerateArray().Single(p => p.GetProperty("paragraph").GetString() == "21");
        Assert.Contains(paragraph21.GetProperty("rules").EnumerateArray(), r => r.GetProperty("facts").EnumerateArray().Any(f => f.GetString()!.Contains("Co-chairs' summary", StringComparison.Ordinal) || f.GetString()!.Contains("published", StringComparison.Ordinal)));
        var paragraph16 = report.GetProperty("paragraphs").EnumerateArray().Single(p => p.GetProperty("paragraph").GetString() == "16");
        Assert.DoesNotContain(paragraph16.GetProperty("rules").EnumerateArray(), r => r.GetProperty("status").GetString() == "breached");
    }
}
