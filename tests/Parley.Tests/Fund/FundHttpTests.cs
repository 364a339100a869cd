using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Fund;

/// <summary>The trust fund through the real pipeline and database: money in several currencies, who may see and do what, the last
/// funds under concurrent commitments, and an allocation from applications to the public report.</summary>
public sealed class FundHttpTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static string File(string id) => $$"""
        process:
          id: {{id}}
          title: Fund {{id}}
          mandate: { symbol: A/RES/99/1, adopted: 2030-01-10 }
          outcome: { title: Compact, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NYC, name: Headquarters, city: New York, timeZone: America/New_York }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        series:
          - { id: sessions, name: Sessions, phase: talks, venue: NYC, paragraph: "3", meetings: [ { month: 2030-06, days: 3 } ] }
        trustFund:
          paragraph: "31"
          developed: { regions: [Europe, Northern America, Australia and New Zealand], states: [JPN] }
          extraDays: 1
        """;

    private async Task<HttpClient> ProcessAsync(string id)
    {
        app.Clock.Set(2030, 5, 1);
        var secretariat = await app.SignInAsSecretariatAsync();
        var load = await secretariat.PostAsync("/api/v1/processes", new StringContent(File(id), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, load.StatusCode);
        return secretariat;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task ContributionsInEurosFrancsAndDollars_InDifferentMonths_ReconcileExactlyToTheReportedDollarTotals()
    {
        var s = await ProcessAsync("fund-fx");
        var f = "/api/v1/processes/fund-fx/fund";
        await Ok(await s.PostAsJsonAsync($"{f}/rates", new { currency = "EUR", month = "2030-02", unitsPerUsd = "0.921" }));
        await Ok(await s.PostAsync($"{f}/rates/import", new StringContent("currency,month,units_per_usd\nEUR,2030-03,0.905\nCHF,2030-03,0.887\nCHF,2030-04,0.9012\n", Encoding.UTF8, "text/csv")));
        var noRate = await s.PostAsJsonAsync($"{f}/contributions", new { donor = "CHE", amount = "1000.00", currency = "CHF", receivedOn = "2030-02-10" });
        Assert.Equal(HttpStatusCode.BadRequest, noRate.StatusCode);
        Assert.Contains("There is no operational rate for CHF in 2030-02", await noRate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var pledge = await Ok(await s.PostAsJsonAsync($"{f}/pledges", new { donor = "DEU", amount = "250000.00", currency = "EUR", pledgedOn = "2030-02-01", earmark = "Travel of LDC delegates" }), HttpStatusCode.Created);
        var contributions = new (object Body, decimal Usd)[]
        {
            (new { pledgeId = pledge.GetProperty("id").GetInt32(), amount = "100000.00", receivedOn = "2030-02-20" }, 108_577.63m), // 100000 / 0.921
            (new { pledgeId = pledge.GetProperty("id").GetInt32(), amount = "150000.00", receivedOn = "2030-03-15" }, 165_745.86m), // 150000 / 0.905
            (new { donor = "CHE", amount = "75000.50", currency = "CHF", receivedOn = "2030-03-31" }, 84_555.24m), // 75000.50 / 0.887 = 84555.242…
            (new { donor = "CHE", amount = "33333.33", currency = "CHF", receivedOn = "2030-04-02" }, 36_987.72m), // 33333.33 / 0.9012 = 36987.716…
            (new { donor = "MEX", amount = "20000.00", currency = "USD", receivedOn = "2030-04-15" }, 20_000.00m),
            (new { donor = "ORG-1", donorName = "A Foundation", amount = "0.01", currency = "USD", receivedOn = "2030-04-16" }, 0.01m),
        };
        foreach (var (body, usd) in contributions)
        {
            var row = await Ok(await s.PostAsJsonAsync($"{f}/contributions", body), HttpStatusCode.Created);
            Assert.Equal(usd, row.GetProperty("usd").GetDecimal());
        }
        var total = contributions.Sum(c => c.Usd);
        var report = await Ok(await app.Anonymous().GetAsync($"{f}/report?asOf=2030-04-30"));
        Assert.Equal(total, report.GetProperty("received").GetDecimal());
        Assert.Equal(total, report.GetProperty("held").GetDecimal());
        Assert.Equal(total, report.GetProperty("available").GetDecimal());
        var donors = report.GetProperty("donors").EnumerateArray().ToDictionary(d => d.GetProperty("donor").GetString()!, d => d.GetProperty("received").GetDecimal());
        Assert.Equal(108_577.63m + 165_745.86m, donors["DEU"]);
        Assert.Equal(84_555.24m + 36_987.72m, donors["CHE"]);
        Assert.Equal(total, donors.Values.Sum());
        // As of the end of February, only the first.
        Assert.Equal(108_577.63m, (await Ok(await app.Anonymous().GetAsync($"{f}/report?asOf=2030-02-28"))).GetProperty("held").GetDecimal());
        // A rate already used cannot change under the contributions converted at it.
        Assert.Equal(HttpStatusCode.Conflict, (await s.PostAsJsonAsync($"{f}/rates", new { currency = "EUR", month = "2030-02", unitsPerUsd = "0.95" })).StatusCode);
        var csv = await app.Anonymous().GetStringAsync($"{f}/report.csv?asOf=2030-04-30");
        Assert.Contains($"position,held,Held,,{total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}", csv, StringComparison.Ordinal);
        var verify = await Ok(await s.GetAsync($"{f}/verify"));
        Assert.True(verify.GetProperty("balanced").GetBoolean());
    }

    [Fact]
    public async Task OnlyTheSecretariatWithItsSecondFactorMovesMoney_AMissionSeesItsOwnApplications_DonorsSeeNoTravellersNames()
    {
        var s = await ProcessAsync("fund-authz");
        var f = "/api/v1/processes/fund-authz/fund";
        await Ok(await s.PostAsJsonAsync($"{f}/contributions", new { donor = "NOR", amount = "50000.00", currency = "USD", receivedOn = "2030-04-01" }), HttpStatusCode.Created);
        var meeting = await Ok(await s.PostAsJsonAsync("/api/v1/processes/fund-authz/meetings", new { series = "sessions", slot = 1, days = new[] { "2030-06-10", "2030-06-11", "2030-06-12" } }), HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetInt32();

        // Money: refused to a delegate, a donor and the public; refused to a Secretariat account without its second factor.
        var delegate_ = await app.SignInAsDelegateOfAsync("BGD", focalPoint: true);
        var donor = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Donor, organisation: "NOR"));
        foreach (var client in new[] { delegate_, donor, app.Anonymous() })
        {
            Assert.True((await client.PostAsJsonAsync($"{f}/contributions", new { donor = "NOR", amount = "1.00", receivedOn = "2030-04-01" })).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
            Assert.True((await client.GetAsync($"{f}/ledger")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
        }
        var unenrolled = await app.SignInBrowserWithoutSecondFactorAsync(await app.CreateUnenrolledUserAsync(PrincipalKind.Secretariat));
        var halfSigned = await unenrolled.PostAsJsonAsync($"{f}/surplus", new { amount = "1.00", memo = "x" });
        Assert.NotEqual(HttpStatusCode.OK, halfSigned.StatusCode);

        // Applications: each mission sees its own only; a delegate who is not the focal point cannot apply.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsDelegateOfAsync("BGD")).PostAsJsonAsync($"{f}/applications", new { meetingId, travellers = new[] { new { name = "A" } } })).StatusCode);
        await Ok(await delegate_.PostAsJsonAsync($"{f}/applications", new { meetingId, travellers = new[] { new { name = "Ms. Rahman", role = "delegate" } } }), HttpStatusCode.Created);
        var nepal = await app.SignInAsDelegateOfAsync("NPL", focalPoint: true);
        await Ok(await nepal.PostAsJsonAsync($"{f}/applications", new { meetingId, travellers = new[] { new { name = "Mr. Thapa" } } }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await nepal.PostAsJsonAsync($"{f}/applications", new { meetingId, travellers = new[] { new { name = "Again" } } })).StatusCode);
        // Linked to the meeting's registration: Bangladesh registers its delegation with Ms. Rahman, and the application says so.
        await Ok(await s.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/setup", new { capacity = 100, stakeholderQuota = 2, languages = "English", interpretationAsAvailable = true }));
        await Ok(await delegate_.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations",
            new { participants = new[] { new { name = "Ms. Rahman", role = "head-of-delegation", gender = "female", listPublicly = true } } }), HttpStatusCode.Created);
        var bangladesh = (await Ok(await delegate_.GetAsync($"{f}/applications"))).EnumerateArray().Single();
        Assert.Equal(("pending", true), (bangladesh.GetProperty("registration").GetString(), bangladesh.GetProperty("travellers")[0].GetProperty("registered").GetBoolean()));
        var mine = await Ok(await nepal.GetAsync($"{f}/applications"));
        Assert.Equal(["NPL"], mine.EnumerateArray().Select(a => a.GetProperty("state").GetString()));
        Assert.Empty((await Ok(await donor.GetAsync($"{f}/applications"))).EnumerateArray());
        Assert.Equal(2, (await Ok(await s.GetAsync($"{f}/applications"))).GetArrayLength());
        // A mission cannot run or approve an allocation.
        Assert.Equal(HttpStatusCode.Forbidden, (await nepal.PostAsync($"{f}/meetings/{meetingId}/allocation", null)).StatusCode);

        await Ok(await s.PostAsJsonAsync($"{f}/travel-rates", new { venue = "NYC", ticket = "1800.00", dsa = "350.00" }));
        var run = await Ok(await s.PostAsync($"{f}/meetings/{meetingId}/allocation", null));
        await Ok(await s.PostAsync($"{f}/allocations/{run.GetProperty("id").GetInt32()}/approval", null));
        // The donor reads the report: figures, no names; the Secretariat sees the names.
        var donorView = await (await donor.GetAsync($"{f}/report?asOf=2030-05-01")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Thapa", donorView, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahman", donorView, StringComparison.Ordinal);
        Assert.Contains("least developed countries", donorView, StringComparison.Ordinal);
        Assert.Contains("Thapa", await (await s.GetAsync($"{f}/report?asOf=2030-05-01")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Thapa", await app.Anonymous().GetStringAsync($"{f}/report.csv"), StringComparison.Ordinal);
        // The donor sees its pledges only.
        await Ok(await s.PostAsJsonAsync($"{f}/pledges", new { donor = "SWE", amount = "10.00", pledgedOn = "2030-04-01" }), HttpStatusCode.Created);
        await Ok(await s.PostAsJsonAsync($"{f}/pledges", new { donor = "NOR", amount = "20.00", pledgedOn = "2030-04-01" }), HttpStatusCode.Created);
        Assert.Equal(["NOR"], (await Ok(await donor.GetAsync($"{f}/pledges"))).EnumerateArray().Select(p => p.GetProperty("donor").GetString()));

        // The pages: the desk is the Secretariat's; the application form needs a signed-in delegation.
        var mission = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "BGD", focalPoint: true));
        var deskForMission = await mission.GetAsync("/processes/fund-authz/fund/desk");
        Assert.True(deskForMission.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, deskForMission.StatusCode.ToString());
        Assert.DoesNotContain("fund-ledger", await deskForMission.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/processes/fund-authz/fund/apply")).StatusCode);
        Assert.Contains("Ms. Rahman", await mission.GetStringAsync("/processes/fund-authz/fund/apply"), StringComparison.Ordinal);
        Assert.DoesNotContain("Mr. Thapa", await mission.GetStringAsync("/processes/fund-authz/fund/apply"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCommitmentsAgainstTheLastFunds_NeverOverspend()
    {
        var s = await ProcessAsync("fund-race");
        var f = "/api/v1/processes/fund-race/fund";
        await Ok(await s.PostAsJsonAsync($"{f}/contributions", new { donor = "NOR", amount = "1000.00", receivedOn = "2030-04-01" }), HttpStatusCode.Created);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            clients.Add(await app.SignInAsSecretariatAsync());
        }
        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync($"{f}/surplus", new { amount = "300.00", memo = $"Preparatory activity {i}" })));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var report = await Ok(await app.Anonymous().GetAsync($"{f}/report"));
        Assert.Equal((100.00m, 900.00m), (report.GetProperty("available").GetDecimal(), report.GetProperty("committed").GetDecimal()));
        Assert.True((await Ok(await s.GetAsync($"{f}/verify"))).GetProperty("balanced").GetBoolean());
        var refused = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        Assert.Contains("is available; surplus of USD 300.00 refused", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAllocation_FromApplicationsToCommitments_Payments_AndCorrections_EachApplicantReadingWhy()
    {
        var s = await ProcessAsync("fund-run");
        var f = "/api/v1/processes/fund-run/fund";
        var meeting = await Ok(await s.PostAsJsonAsync("/api/v1/processes/fund-run/meetings", new { series = "sessions", slot = 1, days = new[] { "2030-06-10", "2030-06-11", "2030-06-12" } }), HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetInt32();
        await Ok(await s.PostAsJsonAsync($"{f}/travel-rates", new { venue = "NYC", ticket = "2000.00", dsa = "400.00" })); // 2000 + 400 × (3 + 1) = 3600
        await Ok(await s.PostAsJsonAsync($"{f}/contributions", new { donor = "NOR", amount = "10800.00", receivedOn = "2030-04-01" }), HttpStatusCode.Created); // three places

        var applicants = new[] { ("BRA", 1), ("NPL", 2), ("FRA", 1), ("MLI", 1), ("PER", 1) };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (state, count) in applicants)
        {
            clients[state] = await app.SignInAsDelegateOfAsync(state, focalPoint: true);
            await Ok(await clients[state].PostAsJsonAsync($"{f}/applications", new { meetingId, travellers = Enumerable.Range(1, count).Select(i => new { name = $"{state} traveller {i}" }) }), HttpStatusCode.Created);
        }
        var run = await Ok(await s.PostAsync($"{f}/meetings/{meetingId}/allocation", null));
        Assert.Equal((3, 6, 3600m), (run.GetProperty("funded").GetInt32(), run.GetProperty("asked").GetInt32(), run.GetProperty("costPerTraveller").GetDecimal()));
        var again = await Ok(await s.PostAsync($"{f}/meetings/{meetingId}/allocation", null)); // the same input, the same result
        Assert.Equal(run.GetProperty("decisions").ToString(), again.GetProperty("decisions").ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await s.PostAsync($"{f}/allocations/{run.GetProperty("id").GetInt32()}/approval", null)).StatusCode); // superseded
        await Ok(await s.PostAsync($"{f}/allocations/{again.GetProperty("id").GetInt32()}/approval", null));

        async Task<JsonElement> Mine(string state) => (await Ok(await clients[state].GetAsync($"{f}/applications"))).EnumerateArray().Single();
        // LDCs (Mali, Nepal) first, one each; then Brazil and Peru in order of application: Brazil applied first.
        Assert.Equal("funded", (await Mine("MLI")).GetProperty("status").GetString());
        var nepal = await Mine("NPL");
        Assert.Equal("partly-funded", nepal.GetProperty("status").GetString());
        Assert.Contains("Not funded: the funds ran out in round 2", nepal.GetProperty("travellers")[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("funded", (await Mine("BRA")).GetProperty("status").GetString());
        Assert.Equal("not-funded", (await Mine("PER")).GetProperty("status").GetString());
        var france = await Mine("FRA");
        Assert.Equal("not-funded", france.GetProperty("status").GetString());
        Assert.Contains("is not eligible", france.GetProperty("travellers")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Pay a traveller, then correct the payment by reversal; overpaying is refused.
        var mali = await Mine("MLI");
        var commitment = $"travel:{mali.GetProperty("travellers")[0].GetProperty("id").GetInt32()}";
        Assert.Equal(HttpStatusCode.Conflict, (await s.PostAsJsonAsync($"{f}/commitments/{commitment}/disbursements", new { amount = "3600.01", memo = "Ticket and DSA" })).StatusCode);
        var paid = await Ok(await s.PostAsJsonAsync($"{f}/commitments/{commitment}/disbursements", new { amount = "3600.00", memo = "Ticket and DSA" }));
        await Ok(await s.PostAsJsonAsync($"{f}/entries/{paid.GetProperty("id").GetInt32()}/reversal", new { reason = "Paid to the wrong account" }));
        Assert.Equal(HttpStatusCode.Conflict, (await s.PostAsJsonAsync($"{f}/entries/{paid.GetProperty("id").GetInt32()}/reversal", new { reason = "Twice" })).StatusCode);
        await Ok(await s.PostAsJsonAsync($"{f}/commitments/{commitment}/disbursements", new { amount = "3600.00", memo = "Ticket and DSA, correct account" }));

        var report = await Ok(await app.Anonymous().GetAsync($"{f}/report"));
        Assert.Equal((10800m, 0m, 7200m, 3600m), (report.GetProperty("held").GetDecimal() + 3600m, report.GetProperty("available").GetDecimal(),
            report.GetProperty("committed").GetDecimal(), report.GetProperty("disbursed").GetDecimal()));
        var ldc = report.GetProperty("byLdcStatus").EnumerateArray().ToDictionary(x => x.GetProperty("key").GetString()!, x => x.GetProperty("travellers").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["least developed countries"] = 2, ["other developing countries"] = 1 }, ldc);
        Assert.Equal(5, (await Ok(await s.GetAsync($"{f}/ledger"))).GetArrayLength()); // receipt, the run's commitments, payment, its reversal, payment
        Assert.True((await Ok(await s.GetAsync($"{f}/verify"))).GetProperty("balanced").GetBoolean());

        // The pages: the public report with its figures and no names; Nepal's mission reads its result and why; §31 links to the report.
        var page = await app.Anonymous().GetStringAsync("/processes/fund-run/fund");
        Assert.Contains("data-testid=\"fund-committed\">USD 7,200.00", page, StringComparison.Ordinal);
        Assert.DoesNotContain("NPL traveller", page, StringComparison.Ordinal);
        var nepalPage = await (await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "NPL", focalPoint: true))).GetStringAsync("/processes/fund-run/fund");
        Assert.Contains("NPL traveller 2 — Not funded: the funds ran out in round 2", nepalPage, StringComparison.Ordinal);
        Assert.DoesNotContain("BRA traveller", nepalPage, StringComparison.Ordinal);
        var compliance = await app.Anonymous().GetStringAsync("/processes/fund-run/compliance");
        Assert.Contains("href=\"/processes/fund-run/fund?asOf=", compliance, StringComparison.Ordinal);
    }
}
