using Parley.Features.Translations;
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

        open.MapGet("/{id}/calendar.ics", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, string? series, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var ics = await ProcessCalendar.ICalendarAsync(db, id, series, ct, clock);
            return ics is null
                ? Parley.Common.Error.NotFound(series is null ? $"No process '{id}'." : $"No process '{id}' or series '{series}'.").ToProblem()
                : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{id}{(series is null ? "" : "-" + series)}.ics");
        }).WithSummary("iCalendar feed (RFC 5545) of the process, or of one series with ?series=, in each venue's time zone.");

        api.MapGet("/holidays", async (string? calendar, ParleyDb db, CancellationToken ct) => TypedResults.Ok(await ManageHolidays.ListAsync(db, calendar, ct)))
            .WithTags("Process").AllowAnonymous().WithSummary("Official holidays per duty-station calendar, used to count working days.");
        api.MapPost("/holidays", async Task<Results<Created<ManageHolidays.HolidayRow>, ProblemHttpResult>> (ManageHolidays.HolidayRequest request, ParleyDb db, CancellationToken ct) =>
        {
            var result = await ManageHolidays.AddAsync(db, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/holidays/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).WithTags("Process").RequireAuthorization(Policies.Secretariat);
        api.MapPost("/holidays/import", async Task<Results<Ok<ImportHolidays.Imported>, ProblemHttpResult>> (HttpRequest request, string? calendar, ParleyDb db, CancellationToken ct) =>
        {
            var file = await ReadFileAsync(request, ct);
            if (!file.IsSuccess)
            {
                return file.Error!.ToProblem();
            }
            var result = await ImportHolidays.HandleAsync(db, calendar, file.Value, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithTags("Process").RequireAuthorization(Policies.Secretariat).DisableAntiforgery()
            .WithSummary("Import a duty station's holidays from an iCalendar file (body text/calendar, or multipart 'file'), for ?calendar=CODE; any year.");
        api.MapDelete("/holidays/{holidayId:int}", async Task<Results<NoContent, ProblemHttpResult>> (int holidayId, ParleyDb db, CancellationToken ct) =>
        {
            var result = await ManageHolidays.RemoveAsync(db, holidayId, ct);
            return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
        }).WithTags("Process").RequireAuthorization(Policies.Secretariat);

        open.MapGet("/{id}/meetings/{meetingId:int}", async Task<Results<Ok<ProcessCommands.MeetingRow>, ProblemHttpResult>> (string id, int meetingId, ParleyDb db, CancellationToken ct) =>
        {
            var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.ProcessId == id, ct);
            return meeting is null ? Parley.Common.Error.NotFound("No such meeting in this process.").ToProblem() : TypedResults.Ok(ProcessCommands.ToRow(meeting));
        }).WithSummary("One meeting as recorded now, with its version (to send back with a change).");
        open.MapGet("/{id}/documents", async (string id, bool? history, ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok((await db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == id && (history == true || d.EndedAt == null))
                .OrderBy(d => d.PublishedOn).ThenBy(d => d.Id).ToListAsync(ct)).Select(ProcessCommands.ToRow).ToList()))
            .WithSummary("The documents of the process as they stand; ?history=true adds corrected and withdrawn records.");
        open.MapGet("/{id}/modalities", async Task<Results<Ok<List<ModalitiesVersionRow>>, ProblemHttpResult>> (string id, ParleyDb db, CancellationToken ct) =>
        {
            var rows = await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == id).OrderBy(v => v.Number)
                .Select(v => new ModalitiesVersionRow(v.Number, v.InForceFrom, v.LoadedAt, v.Sha256, v.Note)).ToListAsync(ct);
            return rows.Count == 0 ? Parley.Common.Error.NotFound($"No process '{id}'.").ToProblem() : TypedResults.Ok(rows);
        }).WithSummary("Every modalities file the process has had, with the date from which each is in force.");
        open.MapGet("/{id}/modalities/{number:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string id, int number, ParleyDb db, CancellationToken ct) =>
        {
            var yaml = await db.ModalitiesVersions.AsNoTracking().Where(v => v.ProcessId == id && v.Number == number).Select(v => v.Yaml).FirstOrDefaultAsync(ct);
            return yaml is null ? Parley.Common.Error.NotFound($"No version {number} of '{id}'.").ToProblem() : TypedResults.Text(yaml, "application/yaml; charset=utf-8");
        }).WithSummary("One modalities file of the process, as it was loaded.");

        open.MapGet("/{id}/membership", async Task<Results<Ok<ProcessMembership.View>, ProblemHttpResult>> (string id, string? asOf, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            DateOnly? on = null;
            if (asOf is not null)
            {
                if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                {
                    return Parley.Common.Error.Validation("asOf", "Use a date as YYYY-MM-DD.").ToProblem();
                }
                on = d;
            }
            var found = await ProcessQueries.FindAsOfAsync(db, id, on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
            return found is null ? Parley.Common.Error.NotFound($"No process '{id}'.").ToProblem()
                : TypedResults.Ok(await ProcessMembership.ResolveAsync(db, found.Value.Definition, on, ct));
        }).WithSummary("The members of the process's body (status, since, group) and its groupings, as its modalities declare them; ?asOf=YYYY-MM-DD for a past day.");

        var loader = api.MapGroup("/processes").WithTags("Process").RequireAuthorization(Policies.Secretariat);
        loader.MapPost("/{id}/history", async Task<Results<Ok<ImportHistory.Report>, ProblemHttpResult>> (
            string id, bool? dryRun, HttpRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var csv = await ReadFileAsync(request, ct);
            if (!csv.IsSuccess)
            {
                return csv.Error!.ToProblem();
            }
            var report = await ImportHistory.HandleAsync(db, clock, user.NameOf(), id, new StringReader(csv.Value), dryRun ?? false, ct);
            if (report.Problems.Count > 0)
            {
                return Parley.Common.Error.Validation(new Dictionary<string, string[]> { ["history"] = report.Problems.ToArray() }).ToProblem();
            }
            return TypedResults.Ok(report);
        }).Accepts<string>("text/csv", "multipart/form-data")
          .WithSummary("Enter a process's past from a CSV of dated events (text/csv body, or multipart 'file'): all rows or none, each recorded as known on its day; ?dryRun=true checks and keeps nothing.");
        loader.MapPost("/", async Task<Results<Created<LoadProcess.Loaded>, Ok<LoadProcess.Loaded>, ProblemHttpResult>> (
            HttpRequest request, string? inForceFrom, string? note, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var yaml = await ReadFileAsync(request, ct);
            if (!yaml.IsSuccess)
            {
                return yaml.Error!.ToProblem();
            }
            DateOnly? from = null;
            if (!string.IsNullOrWhiteSpace(inForceFrom))
            {
                if (!DateOnly.TryParseExact(inForceFrom.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                {
                    return Parley.Common.Error.Validation("inForceFrom", "Use a date in the form YYYY-MM-DD.").ToProblem();
                }
                from = d;
            }
            var result = await LoadProcess.HandleAsync(db, clock, user.NameOf(), yaml.Value, from, note, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            return result.Value.Changed
                ? TypedResults.Created($"/api/v1/processes/{result.Value.Id}/modalities/{result.Value.Version}", result.Value)
                : TypedResults.Ok(result.Value);
        }).DisableAntiforgery().Accepts<string>("application/yaml", "text/yaml", "text/plain", "multipart/form-data")
            .WithSummary("Load a modalities file (body application/yaml, or multipart 'file'): a new process (201), the next version of an existing one in force from ?inForceFrom= (201), or the same file again (200). Problems come back as 400 with line and column.");
        loader.MapPost("/check", async Task<Results<Ok<LoadProcess.Preview>, ProblemHttpResult>> (HttpRequest request, ParleyDb db, CancellationToken ct) =>
        {
            var yaml = await ReadFileAsync(request, ct);
            if (!yaml.IsSuccess)
            {
                return yaml.Error!.ToProblem();
            }
            // The problems in the reader's language, like every other answer (their line and column unchanged).
            var preview = await LoadProcess.CheckAsync(db, yaml.Value, ct);
            var language = System.Globalization.CultureInfo.CurrentUICulture;
            IReadOnlyList<Parley.Modalities.ModalitiesProblem> Translated(IReadOnlyList<Parley.Modalities.ModalitiesProblem> problems) =>
                [.. problems.Select(p => p with { Message = Parley.Common.Messages.Translate(p.Message, language) })];
            return TypedResults.Ok(preview with { Problems = Translated(preview.Problems), Warnings = preview.Warnings is { } w ? Translated(w) : null });
        }).DisableAntiforgery().WithSummary("What a modalities file says and every problem in it (line and column); nothing is stored.");

        var secretariat = api.MapGroup("/processes/{id}").WithTags("Process").RequireAuthorization(Policies.Secretariat);
        secretariat.MapPost("/meetings", async Task<Results<Created<ProcessCommands.MeetingRow>, ProblemHttpResult>> (
            string id, ProcessCommands.MeetingRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ProcessCommands.ScheduleMeetingAsync(db, clock, user.NameOf(), id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/meetings/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        });
        foreach (var verb in new[] { "PUT", "PATCH" })
        {
            secretariat.MapMethods("/meetings/{meetingId:int}", [verb], async Task<Results<Ok<ProcessCommands.MeetingRow>, ProblemHttpResult>> (
                string id, int meetingId, ProcessCommands.MeetingRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await ProcessCommands.UpdateMeetingAsync(db, clock, user.NameOf(), id, meetingId, request, ct);
                return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
            }).WithSummary("Reschedule or change a meeting: fields left out keep their values; send the version you read (409 if it changed since).");
        }
        foreach (var (kind, segment) in new[] { (TitleVersions.Meeting, "meetings/{recordId:int}"), (TitleVersions.Document, "documents/{recordId:int}") })
        {
            secretariat.MapPut($"/{segment}/titles", async Task<Results<Ok<Dictionary<string, string>>, ProblemHttpResult>> (
                string id, int recordId, TitleVersions.SetRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await TitleVersions.SetAsync(db, Viewer.From(user), kind, id, recordId, request, ct);
                return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
            }).WithName($"Set{char.ToUpperInvariant(kind[0])}{kind[1..]}Titles")
              .WithSummary($"The {kind}'s title in other official languages, one per line (\"fr: …\"); they replace the previous ones, an empty text removes them. Send 'previous' (the versions as you read them) and a change made meanwhile is not overwritten (409).");
        }
        secretariat.MapPost("/appointments", async Task<Results<Created<ProcessCommands.AppointmentRow>, ProblemHttpResult>> (
            string id, ProcessCommands.AppointmentRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordAppointmentAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/appointments/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).WithSummary("Record an appointment; the answer carries its id, for a later correction or its end.");
        secretariat.MapPatch("/appointments/{appointmentId:int}", async Task<Results<Ok<ProcessCommands.AppointmentRow>, ProblemHttpResult>> (
            string id, int appointmentId, ProcessCommands.AppointmentPatch request, ParleyDb db, CancellationToken ct) =>
        {
            var result = await ProcessCommands.CorrectAppointmentAsync(db, id, appointmentId, request, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Correct an appointment or record its end (endedOn); fields left out keep their values.");
        secretariat.MapPost("/decisions", async Task<Results<Created, ProblemHttpResult>> (
            string id, ProcessCommands.DecisionRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordDecisionAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}") : result.Error!.ToProblem();
        });
        secretariat.MapPost("/documents", async Task<Results<Created<ProcessCommands.DocumentRow>, ProblemHttpResult>> (
            string id, ProcessCommands.DocumentRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.RecordDocumentAsync(db, clock, id, request, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/documents/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).WithSummary("Record a document of the process (its type one the modalities name, or 'other'); knownOn records it as known on an earlier day.");
        secretariat.MapPatch("/documents/{documentId:int}", async Task<Results<Ok<ProcessCommands.DocumentRow>, ProblemHttpResult>> (
            string id, int documentId, ProcessCommands.DocumentRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.CorrectDocumentAsync(db, clock, id, documentId, request, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Correct a recorded document: a new record replaces it from now (or knownOn); the earlier one stays in the history.");
        secretariat.MapPost("/documents/{documentId:int}/withdraw", async Task<Results<Ok<ProcessCommands.DocumentRow>, ProblemHttpResult>> (
            string id, int documentId, ProcessCommands.WithdrawRequest request, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await ProcessCommands.WithdrawDocumentAsync(db, clock, id, documentId, request, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Withdraw a recorded document with a reason; it stops counting from then, its record stays.");
    }

    public sealed record ModalitiesVersionRow(int Number, DateOnly InForceFrom, DateTime LoadedAt, string Sha256, string? Note);

    /// <summary>The file from the body (YAML or text) or from a multipart field "file", at most <see cref="LoadProcess.MaxBytes"/>.</summary>
    private static async Task<Parley.Common.Result<string>> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
            {
                return Parley.Common.Error.Validation("file", "Attach the file as 'file'.");
            }
            if (file.Length > LoadProcess.MaxBytes)
            {
                return Parley.Common.Error.Validation("file", $"The file is larger than {LoadProcess.MaxBytes / 1024} KB.");
            }
            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }
        await using (source)
        {
            var buffer = new byte[LoadProcess.MaxBytes + 1];
            var read = 0;
            while (read < buffer.Length && await source.ReadAsync(buffer.AsMemory(read), ct) is var n && n > 0)
            {
                read += n;
            }
            if (read > LoadProcess.MaxBytes)
            {
                return Parley.Common.Error.Validation("file", $"The file is larger than {LoadProcess.MaxBytes / 1024} KB.");
            }
            try
            {
                return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, read).TrimStart('\uFEFF');
            }
            catch (System.Text.DecoderFallbackException)
            {
                return Parley.Common.Error.Validation("file", "The file is not UTF-8 text.");
            }
        }
    }
}
