using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Processes;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Processes;

/// <summary>The process, its calendar and its compliance are public; recording facts is the Secretariat's.</summary>
public static class ProcessesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/processes").WithTags("Process").AllowAnonymous();
        open.MapGet("/", async (ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Processes.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct)));

        open.MapGet("/{id}", async Task<Results<Ok<ProcessCalendar.View>, ProblemHttpResult>> (string id, ParleyDb db, CancellationToken ct) =>
        {
            var view = await ProcessCalendar.GetAsync(db, id, ct);
            return view is null ? Parley.Common.Error.NotFound($"No process '{id}'.").ToProblem() : TypedResults.Ok(view);
        }).WithSummary("The process: mandate, phases, meeting series with planned and recorded meetings, appointments, decisions, documents.");

        open.MapGet("/{id}/compliance", async Task<Results<Ok<GetCompliance.Report>, ProblemHttpResult>> (
            string id, string? asOf, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await GetCompliance.HandleAsync(db, id, asOf, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Every rule of the modalities, by paragraph, evaluated as of a date (default today) with what was recorded by then.");

        open.MapGet("/{id}/calendar.ics", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, string? series, ParleyDb db, CancellationToken ct) =>
        {
            var ics = await ProcessCalendar.ICalendarAsync(db, id, series, ct);
            return ics is null
                ? Parley.Common.Error.NotFound($"No process '{id}'{(series is null ? "" : $" or series '{series}'")}.").ToProblem()
                : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{id}{(series is null ? "" : "-" + series)}.ics");
        }).WithSummary("iCalendar feed (RFC 5545) of the process, or of one series with ?series=, in each venue's time zone.");

        api.MapGet("/holidays", async (string? calendar, ParleyDb db, CancellationToken ct) => TypedResults.Ok(await ManageHolidays.ListAsync(db, calendar, ct)))
            .WithTags("Process").AllowAnonymous().WithSummary("Official holidays per duty-station calendar, used to count working days.");
        api.MapPost("/holidays", async Task<Results<Created<ManageHolidays.HolidayRow>, ProblemHttpResult>> (ManageHolidays.HolidayRequest request, ParleyDb db, CancellationToken ct) =>
        {
            var result = await ManageHolidays.AddAsync(db, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/holidays/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).WithTags("Process").RequireAuthorization(Policies.Secretariat);
        api.MapDelete("/holidays/{holidayId:int}", async Task<Results<NoContent, ProblemHttpResult>> (int holidayId, ParleyDb db, CancellationToken ct) =>
        {
            var result = await ManageHolidays.RemoveAsync(db, holidayId, ct);
            return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
        }).WithTags("Process").RequireAuthorization(Policies.Secretariat);

        var secretariat = api.MapGroup("/processes/{id}").WithTags("Process").RequireAuthorization(Policies.Secretariat);
        secretariat.MapPost("/meetings", async Task<Results<Created<ProcessCommands.MeetingRow>, ProblemHttpResult>> (
            string id, ProcessCommands.MeetingRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ProcessCommands.ScheduleMeetingAsync(db, clock, user.NameOf(), id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/meetings/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        });
        secretariat.MapPut("/meetings/{meetingId:int}", async Task<Results<Ok<ProcessCommands.MeetingRow>, ProblemHttpResult>> (
            string id, int meetingId, ProcessCommands.MeetingRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ProcessCommands.UpdateMeetingAsync(db, clock, user.NameOf(), id, meetingId, request, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Reschedule or change a meeting; send the version you read (409 if it changed since).");
        secretariat.MapPost("/appointments", async Task<Results<Created, ProblemHttpResult>> (
            string id, ProcessCommands.AppointmentRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordAppointmentAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}") : result.Error!.ToProblem();
        });
        secretariat.MapPost("/decisions", async Task<Results<Created, ProblemHttpResult>> (
            string id, ProcessCommands.DecisionRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordDecisionAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}") : result.Error!.ToProblem();
        });
        secretariat.MapPost("/documents", async Task<Results<Created, ProblemHttpResult>> (
            string id, ProcessCommands.DocumentRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordDocumentAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}") : result.Error!.ToProblem();
        });
    }
}
