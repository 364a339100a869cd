using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Data;
using Parley.Features.Registry;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Registry;

/// <summary>The registry is public: anyone may read it.</summary>
public static class StatesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var states = api.MapGroup("/states").WithTags("Registry").AllowAnonymous();

        states.MapGet("/", async Task<Results<Ok<List<ListStates.StateRow>>, ProblemHttpResult>> (
            ParleyDb db, string? status, string? group, string? ldcAsOf, string? q, CancellationToken ct) =>
        {
            var result = await ListStates.HandleAsync(db, new(status, group, ldcAsOf, q), ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("States, filtered by status, regional group, LDC status on a date, and name or code.");

        states.MapGet("/export.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            ParleyDb db, string? status, string? group, string? ldcAsOf, string? q, CancellationToken ct) =>
        {
            var result = await ListStates.HandleAsync(db, new(status, group, ldcAsOf, q), ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            return TypedResults.File(Parley.Common.TableExport.Csv(Parley.Common.TableExport.InLanguage(ListStates.Columns, CultureInfo.CurrentUICulture), ListStates.Cells(result.Value, CultureInfo.CurrentUICulture)), Parley.Common.TableExport.CsvContentType, "states.csv");
        }).WithSummary("The same list as CSV.");

        states.MapGet("/{code}", async Task<Results<Ok<GetState.Detail>, ProblemHttpResult>> (
            ParleyDb db, TimeProvider clock, string code, CancellationToken ct) =>
        {
            var result = await GetState.HandleAsync(db, code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("One State by ISO3 or ISO2 code, with its LDC history.");

        api.MapGet("/regional-groups", (ParleyDb db) => TypedResults.Ok(db.RegionalGroups.OrderBy(g => g.Name)
                .Select(g => new { code = g.Code.ToString(), g.Name, members = db.States.Count(s => s.RegionalGroup == g.Code) }).ToList()))
            .WithTags("Registry").AllowAnonymous();
        api.MapGet("/institutions", (ParleyDb db) => TypedResults.Ok(db.Institutions.OrderBy(i => i.Code)
                .Select(i => new { i.Code, i.Name, kind = i.Kind.ToString(), i.Seat }).ToList()))
            .WithTags("Registry").AllowAnonymous();
    }
}
