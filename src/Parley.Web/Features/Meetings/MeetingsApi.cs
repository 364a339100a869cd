using System.Security.Claims;
using System.Text;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Meetings;
using Parley.Features.Notifications;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Meetings;

/// <summary>Meetings in session: panels and balance, registration and check-in, the list of speakers.</summary>
public static class MeetingsApi
{
    private static IResult Answer<T>(Result<T> result, Func<T, IResult>? ok = null) =>
        result.IsSuccess ? (ok ?? (v => TypedResults.Ok(v)))(result.Value) : result.Error!.ToProblem();

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("").WithTags("Meetings").AllowAnonymous();
        open.MapGet("/meetings/{meetingId:int}/panels", async Task<IResult> (int meetingId, ParleyDb db, CancellationToken ct) =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Meetings, m => m.Id == meetingId, ct)
                ? TypedResults.Ok(await Panels.ListAsync(db, meetingId, ct)) : Error.NotFound("No such meeting.").ToProblem());
        open.MapGet("/processes/{id}/series/{series}/balance", async Task<IResult> (string id, string series, ParleyDb db, CancellationToken ct) =>
            (await Parley.Features.Processes.ProcessQueries.FindAsync(db, id, ct))?.Definition.FindSeries(series) is null
                ? Error.NotFound($"No series '{series}' in process '{id}'.").ToProblem()
                : TypedResults.Ok(await Panels.BalanceAsync(db, id, series, ct)))
            .WithSummary("Moderators by regional group; panellists by region, gender and perspective; warnings (71/280 §17).");
        open.MapGet("/meetings/{meetingId:int}/speakers", async (int meetingId, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
            await SpeakersList.SnapshotAsync(db, meetingId, clock, ct) is { } s ? (IResult)TypedResults.Ok(s) : Error.NotFound("No such meeting.").ToProblem())
            .WithSummary("The list of speakers, in speaking order (also pushed live on /hubs/speakers).");
        open.MapGet("/meetings/{meetingId:int}/speakers/{inscriptionId:int}/statement", async Task<IResult> (int meetingId, int inscriptionId, ParleyDb db, Parley.Common.FileStore files, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await SpeakersList.StatementAsync(db, files, Viewer.From(user), meetingId, inscriptionId, ct);
            return result.IsSuccess && File.Exists(result.Value.Path)
                ? Results.File(result.Value.Path, result.Value.ContentType, result.Value.Name)
                : Error.NotFound("No statement.").ToProblem();
        }).WithSummary("A delivered statement (the speaker's delegation and the chair's team may read it before).");
        open.MapGet("/meetings/{meetingId:int}/participants", async Task<IResult> (int meetingId, string? format, ParleyDb db, ClaimsPrincipal user,
            Microsoft.Extensions.Localization.IStringLocalizer<Parley.Web.SharedResource> L, CancellationToken ct) =>
        {
            var rows = await Registrations.ParticipantsAsync(db, Viewer.From(user), meetingId, ct);
            string?[][] cells = [.. rows.Select(r => new[] { r.Delegation, r.Name, r.Title, L["Role." + r.Role].Value })];
            var language = System.Globalization.CultureInfo.CurrentUICulture;
            var header = TableExport.InLanguage(["Delegation", "Participant", "Function", "Role"], language);
            return format switch
            {
                "csv" => Results.File(TableExport.Csv(header, cells), TableExport.CsvContentType, $"participants-{meetingId}.csv"),
                "xlsx" => Results.File(TableExport.Xlsx(Messages.Translate("Participants", language), header, cells), TableExport.XlsxContentType, $"participants-{meetingId}.xlsx"),
                _ => TypedResults.Ok(rows),
            };
        }).WithSummary("Approved participants: everyone for the Secretariat, those who chose to appear for others; ?format=csv|xlsx.");

        var signedIn = api.MapGroup("").WithTags("Meetings").RequireAuthorization(Policies.SignedIn);
        signedIn.MapPut("/meetings/{meetingId:int}/panels", async (int meetingId, IReadOnlyList<Panels.PanelRequest> panels, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Panels.SaveAsync(db, clock, Viewer.From(user), meetingId, panels, ct)));
        signedIn.MapPut("/meetings/{meetingId:int}/setup", async (int meetingId, Registrations.SetupRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Registrations.SetupAsync(db, Viewer.From(user), meetingId, request, ct)))
            .WithSummary("Capacity, quota per organisation, interpretation (languages, 'as available'), default speaking time.");
        signedIn.MapPost("/meetings/{meetingId:int}/invitations", async (int meetingId, InvitationRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Invitations.InviteAsync(db, clock, Viewer.From(user), meetingId, request.Organisations, ct);
            return result.IsSuccess ? Results.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("The co-facilitators invite organisations (by code) to a meeting held by invitation only, e.g. an informal dialogue (§8).");
        signedIn.MapGet("/meetings/{meetingId:int}/invitations", async (int meetingId, ParleyDb db, CancellationToken ct) => TypedResults.Ok(await Invitations.ListAsync(db, meetingId, ct)))
            .WithSummary("The organisations invited to a meeting, and the state of their registration.");
        signedIn.MapPost("/meetings/{meetingId:int}/registrations", async (int meetingId, string? code, Registrations.RegisterRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Registrations.RegisterAsync(db, clock, Viewer.From(user), meetingId, code, request, ct), v => TypedResults.Created($"/api/v1/registrations/{v.Id}", v)))
            .WithSummary("A mission focal point registers its delegation (one head of delegation); an accredited organisation's focal point its representatives, within the quota.");
        signedIn.MapGet("/meetings/{meetingId:int}/registrations", async (int meetingId, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await Registrations.ListAsync(db, Viewer.From(user), meetingId, ct)));
        signedIn.MapPost("/registrations/{registrationId:int}/decision", async (int registrationId, Registrations.DecisionRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Registrations.DecideAsync(db, notifier, clock, Viewer.From(user), registrationId, request, ct)));
        signedIn.MapPost("/registrations/{registrationId:int}/credentials", async (int registrationId, IFormFile? file, ParleyDb db, Parley.Common.FileStore files, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Error.Validation("file", "Attach the note verbale or credentials as multipart 'file'.").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            return Answer(await Registrations.UploadCredentialsAsync(db, files, Viewer.From(user), registrationId, file.FileName, stream, file.Length, ct));
        }).DisableAntiforgery().WithSummary("The note verbale or credentials letter (PDF or DOCX, 5 MB).");
        signedIn.MapGet("/registrations/{registrationId:int}/credentials", async Task<IResult> (int registrationId, ParleyDb db, Parley.Common.FileStore files, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Registrations.CredentialsAsync(db, files, Viewer.From(user), registrationId, ct);
            return result.IsSuccess && File.Exists(result.Value.Path) ? Results.File(result.Value.Path, result.Value.ContentType, result.Value.Name) : Error.NotFound("No credentials.").ToProblem();
        });
        signedIn.MapPost("/checkin/{token}", async (string token, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Registrations.CheckInAsync(db, clock, Viewer.From(user), token, ct)));
        signedIn.MapPost("/meetings/{meetingId:int}/speakers", async (int meetingId, SpeakersList.InscribeRequest request, ParleyDb db, TimeProvider clock, SpeakersBroadcaster broadcaster, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await SpeakersList.InscribeAsync(db, clock, Viewer.From(user), meetingId, request, ct);
            if (result.IsSuccess)
            {
                await broadcaster.PushAsync(db, meetingId, ct);
            }
            return Answer(result, v => TypedResults.Created($"/api/v1/meetings/{meetingId}/speakers", v));
        }).WithSummary("Inscribe on the list of speakers; the answer says where you stand.");
        signedIn.MapPost("/meetings/{meetingId:int}/speakers/{inscriptionId:int}/statement", async (int meetingId, int inscriptionId, IFormFile? file, ParleyDb db, Parley.Common.FileStore files, SpeakersBroadcaster broadcaster, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Error.Validation("file", "Attach the statement as multipart 'file'.").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            var result = await SpeakersList.UploadStatementAsync(db, files, Viewer.From(user), meetingId, inscriptionId, file.FileName, stream, file.Length, ct);
            if (result.IsSuccess)
            {
                await broadcaster.PushAsync(db, meetingId, ct);
            }
            return Answer(result);
        }).DisableAntiforgery().WithSummary("The speaker's statement (PDF or DOCX, 5 MB); public once delivered.");
        signedIn.MapPost("/meetings/{meetingId:int}/speakers/chair", async Task<IResult> (int meetingId, SpeakersList.ChairRequest request, ParleyDb db, TimeProvider clock, SpeakersBroadcaster broadcaster, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await SpeakersList.ChairAsync(db, clock, Viewer.From(user), meetingId, request, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            await broadcaster.PushAsync(db, meetingId, ct);
            return TypedResults.Ok(await SpeakersList.SnapshotAsync(db, meetingId, clock, ct));
        }).WithSummary("The chair's console: next, start, end, up, down, withdraw, add, point-of-order, time, open, close.");
    }


    public sealed record InvitationRequest(IReadOnlyList<string>? Organisations);
}
