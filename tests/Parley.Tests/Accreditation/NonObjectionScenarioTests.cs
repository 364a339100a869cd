using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Accreditation;

/// <summary>
/// 300 applications from all regions → review → the PGA's proposed list → objections by two States (one with a basis,
/// one without) → deadline → the final list excludes exactly the names objected to; a late objection is refused.
/// </summary>
public sealed class NonObjectionScenarioTests : IAsyncLifetime
{
    private const string Track = "special-preparatory";
    private const string ListUrl = $"/api/v1/processes/gcm/lists/{Track}";
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ThreeHundredApplications_ToAFinalListWithoutTheObjectedNames()
    {
        _app.Clock.Set(2017, 4, 10); // the track is open from 6 to 21 April 2017
        var applicants = await AccreditationData.ApplyManyAsync(_app, Track, 300);
        Assert.Equal(5, applicants.Select(a => a.Group).Distinct().Count());

        // Review: the Secretariat recommends 240 and rejects 60 with reasons.
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        var queue = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/applications?track={Track}&status=submitted&pageSize=200");
        Assert.Equal(300, queue.GetProperty("total").GetInt32());
        Assert.Equal(200, queue.GetProperty("items").GetArrayLength());
        var filtered = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/applications?track={Track}&group=AG");
        Assert.Equal(60, filtered.GetProperty("total").GetInt32());
        foreach (var a in applicants.Take(240))
        {
            await AccreditationData.RecommendAsync(secretariat, a.ApplicationId);
        }
        foreach (var a in applicants.Skip(240))
        {
            var reject = await secretariat.PostAsJsonAsync($"/api/v1/applications/{a.ApplicationId}/decision", new { decision = "reject", reason = "Outside the themes of the process.", version = 0 });
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        }
        var noReason = await secretariat.PostAsJsonAsync($"/api/v1/applications/{applicants[0].ApplicationId}/decision", new { decision = "reject", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        // The OPGA composes the list from the recommended applications and sees the balance.
        var opgaUser = await _app.CreateUserAsync(PrincipalKind.Opga);
        var opga = await _app.SignInAsync(opgaUser);
        var onList = applicants.Take(200).Select(a => a.ApplicationId).ToList();
        var rejectedOne = applicants[^1].ApplicationId;
        Assert.Equal(HttpStatusCode.BadRequest, (await opga.PutAsJsonAsync($"{ListUrl}/entries", new { add = new[] { rejectedOne } })).StatusCode);
        var composed = await opga.PutAsJsonAsync($"{ListUrl}/entries", new { add = onList });
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        var list = await composed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, list.GetProperty("proposed").GetArrayLength());
        Assert.Equal(40, list.GetProperty("candidates").GetArrayLength());
        Assert.Equal(5, list.GetProperty("balance").GetProperty("byRegionalGroup").EnumerateArray().Count(g => g.GetProperty("count").GetInt32() == 40));
        Assert.Equal(75.0, list.GetProperty("balance").GetProperty("womenPercent").GetDouble());

        // The Secretariat may not draw up the list; the OPGA circulates it with a deadline.
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.PutAsJsonAsync($"{ListUrl}/entries", new { add = new[] { applicants[210].ApplicationId } })).StatusCode);
        var tooSoon = await opga.PostAsJsonAsync($"{ListUrl}/circulate", new { deadline = "2017-04-10T20:00:00Z", version = list.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
        var circulated = await opga.PostAsJsonAsync($"{ListUrl}/circulate", new { deadline = "2017-04-28T22:00:00Z", version = list.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, circulated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await opga.PutAsJsonAsync($"{ListUrl}/entries", new { remove = new[] { onList[0] } })).StatusCode);

        // Two States object: Freedonia-like MEX with a basis on two names, NOR without a basis on one; a third State does not.
        _app.Clock.Set(2017, 4, 20);
        var mex = await _app.SignInAsDelegateOfAsync("MEX");
        var nor = await _app.SignInAsDelegateOfAsync("NOR");
        var objectedByMex = new[] { onList[3], onList[77] };
        var objectedByNor = onList[150];
        foreach (var id in objectedByMex)
        {
            var o = await mex.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = id, basis = "Activities inconsistent with the purposes of the process." });
            Assert.Equal(HttpStatusCode.Created, o.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await mex.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = onList[3] })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await nor.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = objectedByNor })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await nor.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = applicants[250].ApplicationId })).StatusCode);

        // Before the deadline: no final list, and nothing can be published.
        opga = await _app.SignInAsync(opgaUser); // bearer tokens last hours; the clock moved ten days
        Assert.Equal(HttpStatusCode.Conflict, (await opga.PostAsync($"{ListUrl}/publish", null)).StatusCode);
        var before = await _app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{applicants[3].Code}/status");
        Assert.Equal("under-consideration", before.GetProperty("statuses")[0].GetProperty("status").GetString());

        // After the deadline (server clock, UTC): a late objection is refused; the final list excludes exactly the three names.
        _app.Clock.Set(new DateTimeOffset(2017, 4, 28, 22, 0, 0, TimeSpan.Zero));
        mex = await _app.SignInAsDelegateOfAsync("MEX");
        var late = await mex.PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = onList[5] });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("deadline passed", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        opga = await _app.SignInAsync(opgaUser);
        var published = await opga.PostAsync($"{ListUrl}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var report = await _app.Anonymous().GetFromJsonAsync<JsonElement>(ListUrl);
        Assert.Equal("published", report.GetProperty("status").GetString());
        Assert.Equal(200, report.GetProperty("proposed").GetArrayLength());
        var final = report.GetProperty("final").EnumerateArray().Select(e => e.GetProperty("applicationId").GetInt32()).ToHashSet();
        Assert.Equal(onList.Except(objectedByMex).Except([objectedByNor]).ToHashSet(), final);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("objections").ValueKind);

        using var db = _app.OpenDb();
        Assert.Equal(197, await db.Applications.CountAsync(a => a.TrackId == Track && a.Status == ApplicationStatus.Accredited));
        Assert.Equal(3, await db.Applications.CountAsync(a => a.TrackId == Track && a.Status == ApplicationStatus.NotAccredited));
        // The circulation and the final list are documents of the process: §6(b)'s obligation is met by the circulation.
        Assert.True(await db.ProcessDocuments.AnyAsync(d => d.Type == "stakeholder-list-preparatory"));
        var compliance = await _app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/compliance?asOf=2017-04-30");
        var rule = compliance.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .First(r => r.GetProperty("id").GetString() == "stakeholder-list-preparatory");
        Assert.Equal("met", rule.GetProperty("status").GetString());

        var status = await _app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{applicants[3].Code}/status");
        Assert.Equal("not-accredited", status.GetProperty("statuses")[0].GetProperty("status").GetString());
        var accredited = await _app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/processes/gcm/accreditation/organisations?track={Track}&pageSize=500");
        Assert.Equal(197, accredited.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeadlineWatcher_WarnsMemberStates_ThenPublishesAtTheDeadline_AndExportsListTheResult()
    {
        _app.Clock.Set(2017, 4, 10);
        var applicants = await AccreditationData.ApplyManyAsync(_app, Track, 3);
        var secretariat = await _app.SignInAsSecretariatAsync(administrator: false);
        foreach (var a in applicants)
        {
            await AccreditationData.RecommendAsync(secretariat, a.ApplicationId);
        }
        var opga = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.Opga));
        var list = await (await opga.PutAsJsonAsync($"{ListUrl}/entries", new { add = applicants.Select(a => a.ApplicationId) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, (await opga.PostAsJsonAsync($"{ListUrl}/circulate", new { deadline = "2017-04-14T12:00:00Z", version = list.GetProperty("version").GetInt32() })).StatusCode);
        var delegateUser = await _app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "CHL");
        Assert.Equal(HttpStatusCode.Created, (await (await _app.SignInAsync(delegateUser)).PostAsJsonAsync($"{ListUrl}/objections", new { applicationId = applicants[1].ApplicationId })).StatusCode);

        async Task<int> RunAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await NonObjection.RunDeadlinesAsync(scope.ServiceProvider.GetRequiredService<Parley.Data.ParleyDb>(),
                scope.ServiceProvider.GetRequiredService<Parley.Features.Notifications.Notifier>(), _app.Clock);
        }
        Assert.Equal(0, await RunAsync()); // four days before: nothing to do
        _app.Clock.Set(new DateTimeOffset(2017, 4, 13, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await RunAsync()); // within 48 hours: Member States are warned, once
        Assert.Equal(0, await RunAsync());
        var notices = await (await _app.SignInAsync(delegateUser)).GetStringAsync("/api/v1/notifications");
        Assert.Contains("Deadline for objections approaching", notices, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(_app.MailFolder, "*.eml"));

        _app.Clock.Set(new DateTimeOffset(2017, 4, 14, 12, 0, 1, TimeSpan.Zero));
        Assert.Equal(1, await RunAsync()); // the deadline passed: the final list is published
        var report = await _app.Anonymous().GetFromJsonAsync<JsonElement>(ListUrl);
        Assert.Equal("published", report.GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("final").GetArrayLength());

        var csv = await _app.Anonymous().GetStringAsync($"/api/v1/processes/gcm/accreditation/organisations.csv?track={Track}");
        Assert.Equal(3, csv.Trim().Split('\n').Length); // header and the two names on the final list
        var xlsx = await _app.Anonymous().GetByteArrayAsync($"/api/v1/processes/gcm/accreditation/organisations.xlsx?track={Track}");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Name", rows[0].Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().First().Text);
        // A spreadsheet a person can use at once: filters on the header, the header frozen and styled, widths set.
        var sheet = workbook.WorkbookPart.WorksheetParts.Single().Worksheet;
        Assert.Equal("A1:F3", sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.AutoFilter>().Single().Reference?.Value);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single().State?.Value);
        Assert.Equal(6, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>().Count());
        var headerStyle = rows[0].Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First().StyleIndex!.Value;
        var format = workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ElementAt((int)headerStyle);
        Assert.True(format.FontId!.Value > 0 && format.FillId!.Value > 1, "the header is neither bold nor shaded");
        Assert.DoesNotContain("migrant-organisation", csv, StringComparison.Ordinal); // types by their names
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Select(e => e.Description));
    }
}
