using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Fund;
using Parley.Features.Identity;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Fund;

/// <summary>
/// The trust fund (§31) under <c>/api/v1/processes/{id}/fund</c>: the report is public (figures only); a mission applies and reads its
/// own applications; only the Secretariat, with its second factor, records rates, pledges and contributions and moves money.
/// </summary>
public static class FundApi
{
    public sealed record RateRequest(string? Currency, string? Month, string? UnitsPerUsd);

    public sealed record TravelRateRequest(string? Venue, string? Ticket, string? Dsa);

    public sealed record ApplyRequest(int MeetingId, IReadOnlyList<FundCommands.TravellerRequest>? Travellers);

    public sealed record ReverseRequest(string? Reason);

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Parley.Common.Result<T> r) => r.IsSuccess ? TypedResults.Ok(r.Value) : r.Error!.ToProblem();

    private static Results<Created<T>, ProblemHttpResult> Made<T>(Parley.Common.Result<T> r, string at) => r.IsSuccess ? TypedResults.Created(at, r.Value) : r.Error!.ToProblem();

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/processes/{id}/fund").WithTags("Trust fund").AllowAnonymous();
        open.MapGet("/report", async Task<Results<Ok<FundQueries.Report>, ProblemHttpResult>> (string id, string? asOf, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (ParseDay(asOf, clock) is not { } day)
            {
                return Parley.Common.Error.Validation("asOf", "A date as YYYY-MM-DD.").ToProblem();
            }
            var report = await FundQueries.ReportAsync(db, Viewer.From(user), id, day, ct);
            return report is null ? Parley.Common.Error.NotFound($"No process '{id}'.").ToProblem() : TypedResults.Ok(report);
        }).WithSummary("The fund as of a date (default today): position by month, contributions by donor in US dollars, funded representatives by meeting, regional group and LDC status. Travellers' names only for the Secretariat.");

        open.MapGet("/report.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, string? asOf, string? format, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            if (ParseDay(asOf, clock) is not { } day || await FundQueries.ReportAsync(db, Viewer.Public, id, day, ct) is not { } report)
            {
                return Parley.Common.Error.NotFound($"No process '{id}', or not a date.").ToProblem();
            }
            var language = CultureInfo.CurrentUICulture;
            var header = Parley.Common.TableExport.InLanguage(["Section", "Key", "Name", "Count", "US dollars"], language);
            var rows = Rows(report, language).ToList();
            if (format == "xlsx")
            {
                return TypedResults.File(Parley.Common.TableExport.Xlsx(Parley.Common.Messages.Translate("Trust fund", language), header, rows), Parley.Common.TableExport.XlsxContentType, $"{id}-fund-{day:yyyy-MM-dd}.xlsx");
            }
            return TypedResults.File(Parley.Common.TableExport.Csv(header, rows), Parley.Common.TableExport.CsvContentType, $"{id}-fund-{day:yyyy-MM-dd}.csv");
        }).WithSummary("The public report as CSV (or ?format=xlsx): no personal data.");

        var signedIn = api.MapGroup("/processes/{id}/fund").WithTags("Trust fund").RequireAuthorization(Policies.SignedIn);
        signedIn.MapGet("/applications", async (string id, int? meetingId, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await FundCommands.ApplicationsAsync(db, id, Viewer.From(user), null, ct, meetingId)))
            .WithSummary("Travel applications: the Secretariat sees all, a mission its own State's, anyone else none.");
        signedIn.MapPost("/applications", async Task<Results<Created<FundCommands.ApplicationRow>, ProblemHttpResult>> (string id, ApplyRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await FundCommands.ApplyAsync(db, clock, Viewer.From(user), id, r.MeetingId, r.Travellers, ct);
            return Made(result, $"/api/v1/processes/{id}/fund/applications/{(result.IsSuccess ? result.Value.Id : 0)}");
        }).WithSummary("A mission's focal point applies for travel support for named representatives of its State to a meeting.");
        signedIn.MapGet("/pledges", async (string id, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            var query = db.Pledges.Where(p => p.ProcessId == id);
            if (!viewer.IsSecretariat)
            {
                // A donor sees its own pledges (by its organisation's code, or its State's), nobody else's.
                var code = viewer.Kind == PrincipalKind.Donor ? viewer.OrganisationCode : null;
                query = query.Where(p => code != null && p.DonorCode == code);
            }
            return TypedResults.Ok(await query.AsNoTracking().OrderBy(p => p.PledgedOn).ThenBy(p => p.Id)
                .Select(p => new { p.Id, donor = p.DonorCode, p.DonorName, p.Amount, p.Currency, p.PledgedOn, p.Earmark, p.Conditions }).ToListAsync(ct));
        }).WithSummary("Pledges: the Secretariat sees all, a donor its own.");

        var money = api.MapGroup("/processes/{id}/fund").WithTags("Trust fund").RequireAuthorization(Policies.Secretariat);
        money.MapGet("/ledger", async (string id, ParleyDb db, CancellationToken ct) => TypedResults.Ok((await db.FundEntries.AsNoTracking().Include(e => e.Lines)
                .Where(e => e.ProcessId == id).OrderBy(e => e.Id).ToListAsync(ct)).Select(FundCommands.ToRow).ToList()))
            .WithSummary("Every entry of the books with its lines (debit, credit, commitment).");
        money.MapGet("/verify", async (string id, ParleyDb db, CancellationToken ct) => TypedResults.Ok(await FundQueries.VerifyAsync(db, id, ct)))
            .WithSummary("Recomputes the books from their lines: balanced, nothing below zero, running balances as kept.");
        money.MapPost("/rates", async Task<Results<Ok<FundCommands.RateRow>, ProblemHttpResult>> (string id, RateRequest r, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.SetRateAsync(db, Viewer.From(user), r.Currency, r.Month, r.UnitsPerUsd, ct)))
            .WithSummary("Sets the UN operational rate of a currency for a month (units per US dollar).");
        money.MapPost("/rates/import", async Task<Results<Ok<int>, ProblemHttpResult>> (string id, HttpRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return Answer(await FundCommands.ImportRatesAsync(db, Viewer.From(user), new StringReader(await reader.ReadToEndAsync(ct)), ct));
        }).Accepts<string>("text/csv").WithSummary("Operational rates from a CSV (currency, month, units_per_usd): all rows or none.");
        money.MapPost("/travel-rates", async Task<Results<Ok<FundCommands.TravelRateRow>, ProblemHttpResult>> (string id, TravelRateRequest r, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.SetTravelRateAsync(db, Viewer.From(user), id, r.Venue, r.Ticket, r.Dsa, ct)))
            .WithSummary("The ticket estimate and daily subsistence allowance (USD) for a venue.");
        money.MapPost("/pledges", async Task<Results<Created<FundCommands.PledgeRow>, ProblemHttpResult>> (string id, FundCommands.PledgeRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Made(await FundCommands.RecordPledgeAsync(db, clock, Viewer.From(user), id, r, ct), $"/api/v1/processes/{id}/fund/pledges"))
            .WithSummary("Records a donor's pledge (amount, currency, date, earmarking, conditions).");
        money.MapPost("/contributions", async Task<Results<Created<FundCommands.ContributionRow>, ProblemHttpResult>> (string id, FundCommands.ContributionRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Made(await FundCommands.RecordContributionAsync(db, clock, Viewer.From(user), id, r, ct), $"/api/v1/processes/{id}/fund/ledger"))
            .WithSummary("Records money received, converted at the month's operational rate, as a receipt on the books.");
        money.MapPost("/refunds", async Task<Results<Ok<FundCommands.EntryRow>, ProblemHttpResult>> (string id, FundCommands.MoneyRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.RefundAsync(db, clock, Viewer.From(user), id, r, ct))).WithSummary("Gives money back to a donor from the uncommitted balance.");
        money.MapPost("/surplus", async Task<Results<Ok<FundCommands.EntryRow>, ProblemHttpResult>> (string id, FundCommands.MoneyRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.AllocateSurplusAsync(db, clock, Viewer.From(user), id, r, ct))).WithSummary("§31: commits remaining funds to preparatory activities.");
        money.MapPost("/commitments/{commitment}/disbursements", async Task<Results<Ok<FundCommands.EntryRow>, ProblemHttpResult>> (string id, string commitment, FundCommands.MoneyRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.DisburseAsync(db, clock, Viewer.From(user), id, commitment, r, ct))).WithSummary("Pays out (part of) a commitment: travel:ID or surplus:N.");
        money.MapPost("/entries/{entryId:int}/reversal", async Task<Results<Ok<FundCommands.EntryRow>, ProblemHttpResult>> (string id, int entryId, ReverseRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.ReverseAsync(db, clock, Viewer.From(user), id, entryId, r.Reason, ct))).WithSummary("Corrects an entry by a reversing entry (entries are never edited).");
        money.MapPost("/meetings/{meetingId:int}/allocation", async Task<Results<Ok<FundCommands.RunRow>, ProblemHttpResult>> (string id, int meetingId, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.RunAllocationAsync(db, clock, Viewer.From(user), id, meetingId, ct))).WithSummary("Runs the allocation for a meeting on the funds available: a proposal to review.");
        money.MapGet("/meetings/{meetingId:int}/allocation", async (string id, int meetingId, ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok(await FundCommands.RunsAsync(db, id, meetingId, ct))).WithSummary("The allocation runs for a meeting, latest first, with each decision and its reason.");
        money.MapPost("/allocations/{runId:int}/approval", async Task<Results<Ok<FundCommands.RunRow>, ProblemHttpResult>> (string id, int runId, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await FundCommands.ApproveAllocationAsync(db, clock, Viewer.From(user), id, runId, ct))).WithSummary("Approves a proposed run: funded travellers' costs become commitments; each applicant reads why.");
    }

    private static DateOnly? ParseDay(string? asOf, TimeProvider clock) => asOf is null ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
        : DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The report's rows: section and key are codes (the same in every language), the name is in the reader's language.</summary>
    private static IEnumerable<string?[]> Rows(FundQueries.Report r, CultureInfo language)
    {
        static string Usd(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        yield return ["position", "held", Parley.Common.Messages.Translate("Held", language), null, Usd(r.Held)];
        yield return ["position", "available", Parley.Common.Messages.Translate("Available", language), null, Usd(r.Available)];
        yield return ["position", "committed", Parley.Common.Messages.Translate("Committed", language), null, Usd(r.Committed)];
        yield return ["position", "disbursed", Parley.Common.Messages.Translate("Disbursed", language), null, Usd(r.Disbursed)];
        foreach (var d in r.Donors)
        {
            yield return ["donor", d.Donor, d.Name, d.Contributions.ToString(CultureInfo.InvariantCulture), Usd(d.Received)];
        }
        foreach (var (section, list) in new[] { ("meeting", r.ByMeeting), ("regional-group", r.ByRegionalGroup), ("ldc-status", r.ByLdcStatus) })
        {
            foreach (var c in list)
            {
                yield return [section, c.Key, c.Key, c.Travellers.ToString(CultureInfo.InvariantCulture), Usd(c.Committed)];
            }
        }
    }
}
