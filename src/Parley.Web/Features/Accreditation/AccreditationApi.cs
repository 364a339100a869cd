using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Accreditation;

/// <summary>
/// Accreditation through the API. Endpoints declare who may call them at all (public, signed in, Secretariat); the use cases
/// decide the rest from the caller (<see cref="Viewer"/>), so that pages and API enforce one set of rules.
/// </summary>
public static class AccreditationApi
{
    public sealed record EntriesRequest(IReadOnlyList<int>? Add, IReadOnlyList<int>? Remove);
    public sealed record CirculateRequest(DateTime? Deadline, int? Version);
    public sealed record ObjectionRequest(int ApplicationId, string? Basis);
    public sealed record ReleaseRequest(string? ToState, string? Note);
    public sealed record NoteRequest(string? Text);

    private static IResult Answer<T>(Result<T> result, Func<T, IResult>? ok = null) =>
        result.IsSuccess ? (ok ?? (v => TypedResults.Ok(v)))(result.Value) : result.Error!.ToProblem();

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("").WithTags("Accreditation").AllowAnonymous();
        open.MapGet("/processes/{id}/accreditation", async (string id, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
            await AccreditedDirectory.TracksAsync(db, clock, id, ct) is { } tracks ? (IResult)TypedResults.Ok(tracks) : Error.NotFound($"No process '{id}'.").ToProblem())
            .WithSummary("The tracks through which stakeholders take part, with their dates and how many are accredited.");
        open.MapGet("/processes/{id}/accreditation/organisations", async (string id, string? track, string? q, int? page, int? pageSize, ParleyDb db, CancellationToken ct) =>
            Answer(await AccreditedDirectory.AccreditedAsync(db, id, track, q, page ?? 1, pageSize ?? 100, ct)))
            .WithSummary("Accredited organisations, per track if asked, paginated.");
        open.MapGet("/processes/{id}/accreditation/organisations.{format:regex(^(csv|xlsx)$)}", async (string id, string format, string? track, ParleyDb db, Parley.Web.Infrastructure.StateNames states,
            Microsoft.Extensions.Localization.IStringLocalizer<Parley.Web.SharedResource> L, CancellationToken ct) =>
        {
            var result = await AccreditedDirectory.AccreditedAsync(db, id, track, null, 1, 10_000, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            var name = $"{id}-accredited{(track is null ? "" : "-" + track)}";
            var names = await states.AllAsync();
            var cells = AccreditedDirectory.Cells(result.Value.Items, t => L["OrgType." + t], c => names.GetValueOrDefault(c, c)).ToList();
            var language = System.Globalization.CultureInfo.CurrentUICulture;
            var header = TableExport.InLanguage(AccreditedDirectory.Columns, language);
            return format == "csv"
                ? Results.File(TableExport.Csv(header, cells), TableExport.CsvContentType, name + ".csv")
                : Results.File(TableExport.Xlsx(Messages.Translate("Accredited", language), header, cells), TableExport.XlsxContentType, name + ".xlsx");
        }).WithSummary("Accredited organisations as CSV or XLSX.");
        open.MapGet("/organisations/{code}/status", async (string code, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
            await AccreditedDirectory.PublicStatusAsync(db, clock, code, ct) is { } o ? (IResult)TypedResults.Ok(o) : Error.NotFound("No such organisation.").ToProblem())
            .WithSummary("An organisation's public status in each track: pending, under consideration, accredited or not accredited.");
        open.MapGet("/processes/{id}/lists/{track}", async (string id, string track, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.GetAsync(db, clock, Viewer.From(user), id, track, ct)))
            .WithSummary("The proposer's list as the caller may see it: published proposed and final names for everyone; before that, Member States, the Secretariat and the OPGA only. Objections: the OPGA; a State its own, and others' after a release to it.");
        open.MapPost("/organisations", async (Organisations.RegisterRequest request, ParleyDb db, UserManager<ParleyUser> users, Notifier notifier, TimeProvider clock,
                HttpContext http, CancellationToken ct) =>
            Answer(await Organisations.RegisterAsync(db, users, notifier, clock, $"{http.Request.Scheme}://{http.Request.Host}", request, ct), v => TypedResults.Accepted((string?)null, v)))
            .RequireRateLimiting("sign-in")
            .WithSummary("Registers an organisation and its focal point's account; a link e-mailed to the address confirms it, then sign in at /api/v1/auth/token. "
                + "The answer is the same whether or not the address already has an account.");

        var signedIn = api.MapGroup("").WithTags("Accreditation").RequireAuthorization(Policies.SignedIn);
        signedIn.MapGet("/organisations/mine", async (ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Viewer.From(user).OrganisationCode is { } code && await Organisations.GetAsync(db, code, ct) is { } o
                ? (IResult)TypedResults.Ok(o) : Error.NotFound("Your account does not act for an organisation.").ToProblem());
        signedIn.MapPut("/organisations/mine", async (Organisations.UpdateRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            return Answer(await Organisations.UpdateAsync(db, viewer, viewer.OrganisationCode ?? "", request, ct));
        });
        signedIn.MapPost("/organisations/mine/representatives", async (Organisations.RepresentativeRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            return Answer(await Organisations.AddRepresentativeAsync(db, viewer, viewer.OrganisationCode ?? "", request, ct), v => TypedResults.Created("/api/v1/organisations/mine", v));
        });
        signedIn.MapDelete("/organisations/mine/representatives/{representativeId:int}", async (int representativeId, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            return Answer(await Organisations.RemoveRepresentativeAsync(db, viewer, viewer.OrganisationCode ?? "", representativeId, ct), _ => TypedResults.NoContent());
        });
        signedIn.MapGet("/organisations/mine/applications", async (ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            return TypedResults.Ok(viewer.OrganisationCode is null ? [] : await Applications.OfOrganisationAsync(db, clock, viewer, viewer.OrganisationCode, ct));
        });
        signedIn.MapPost("/processes/{id}/applications", async (string id, Applications.ApplyRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.ApplyAsync(db, notifier, clock, Viewer.From(user), id, request, ct), v => TypedResults.Created($"/api/v1/applications/{v.Id}", v)))
            .WithSummary("An organisation's focal point applies through a track while it is open.");
        signedIn.MapGet("/processes/{id}/applications", async (string id, [AsParameters] QueueQuery query, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.QueueAsync(db, Viewer.From(user), id, new Applications.QueueFilter(query.Track, query.Status, query.Group, query.Type, query.Q, query.Page ?? 1, query.PageSize ?? 50), ct)))
            .WithSummary("The review queue (Secretariat and OPGA), filtered by track, status, regional group, type and name.");
        signedIn.MapGet("/applications/{applicationId:int}", async (int applicationId, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.GetAsync(db, clock, Viewer.From(user), applicationId, ct)));
        signedIn.MapPost("/applications/{applicationId:int}/withdraw", async (int applicationId, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.WithdrawAsync(db, clock, Viewer.From(user), applicationId, ct)));
        signedIn.MapPost("/applications/{applicationId:int}/files", async (int applicationId, IFormFile? file, ParleyDb db, Parley.Common.FileStore files, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Error.Validation("file", "Attach the document as multipart form data, field 'file'.").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            return Answer(await Applications.UploadAsync(db, files, clock, Viewer.From(user), applicationId, file.FileName, stream, file.Length, ct),
                v => TypedResults.Created($"/api/v1/applications/{applicationId}/files/{v.Id}", v));
        }).DisableAntiforgery().WithSummary("Upload a PDF or DOCX (at most 5 MB, checked by content) to an application awaiting review.");
        signedIn.MapGet("/applications/{applicationId:int}/files/{fileId:int}", async (int applicationId, int fileId, ParleyDb db, Parley.Common.FileStore files, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Applications.OpenFileAsync(db, files, Viewer.From(user), applicationId, fileId, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            var (file, path) = result.Value;
            return File.Exists(path) ? Results.File(path, file.ContentType, file.FileName) : Error.NotFound("The stored file is missing.").ToProblem();
        });
        signedIn.MapPost("/applications/{applicationId:int}/notes", async (int applicationId, NoteRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.AddNoteAsync(db, clock, Viewer.From(user), applicationId, request.Text, ct), v => TypedResults.Created($"/api/v1/applications/{applicationId}", v)))
            .WithSummary("An internal note, seen by the Secretariat and the OPGA only.");
        signedIn.MapPost("/applications/{applicationId:int}/decision", async (int applicationId, Applications.DecisionRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Applications.DecideAsync(db, notifier, clock, Viewer.From(user), applicationId, request, ct)))
            .WithSummary("recommend or reject (special tracks); accept or reject (registration not matched automatically). Send the version you read.");

        var lists = signedIn.MapGroup("/processes/{id}/lists/{track}");
        lists.MapPut("/entries", async (string id, string track, EntriesRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.ChangeEntriesAsync(db, clock, Viewer.From(user), id, track, request.Add ?? [], request.Remove ?? [], ct)))
            .WithSummary("The OPGA adds recommended applications to the list, or removes them, while it is composed.");
        lists.MapPost("/circulate", async (string id, string track, CirculateRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.CirculateAsync(db, notifier, clock, Viewer.From(user), id, track, request.Deadline, request.Version, ct)))
            .WithSummary("Submit the list to Member States with a deadline for objections (UTC).");
        lists.MapPost("/objections", async (string id, string track, ObjectionRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.ObjectAsync(db, notifier, clock, Viewer.From(user), id, track, request.ApplicationId, request.Basis, ct),
                v => TypedResults.Created($"/api/v1/processes/{id}/lists/{track}", v)))
            .WithSummary("A Member State delegate objects to a name for their State, until the deadline; the general basis is optional and read by the OPGA only.");
        lists.MapDelete("/objections/{reference}", async (string id, string track, string reference, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.WithdrawObjectionAsync(db, clock, Viewer.From(user), id, track, reference, ct), _ => TypedResults.NoContent()));
        lists.MapPost("/releases", async (string id, string track, ReleaseRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.ReleaseAsync(db, notifier, clock, Viewer.From(user), id, track, request.ToState, request.Note, ct),
                v => TypedResults.Created($"/api/v1/processes/{id}/lists/{track}", v)))
            .WithSummary("The OPGA shares the information received with a Member State that asked; recorded.");
        lists.MapPost("/publish", async (string id, string track, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await NonObjection.PublishAsync(db, notifier, clock, Viewer.From(user), id, track, ct)))
            .WithSummary("After the deadline: the final list is the proposed list minus every name objected to.");

        api.MapPost("/verification/{source}", async (string source, bool? dryRun, HttpRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            Stream body;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                if (form.Files.GetFile("file") is not { } file)
                {
                    return Error.Validation("file", "Attach the CSV file as field 'file'.").ToProblem();
                }
                body = file.OpenReadStream();
            }
            else
            {
                body = request.Body;
            }
            await using (body)
            {
                return Answer(await Verification.ImportAsync(db, notifier, clock, user.NameOf(), source, body, dryRun ?? false, null, ct));
            }
        }).WithTags("Accreditation").RequireAuthorization(Policies.Secretariat).DisableAntiforgery()
            .WithSummary("Import the ECOSOC or GANHRI list from CSV (text/csv body or multipart 'file'); ?dryRun=true reports without saving.");

        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        notifications.MapGet("/", async (ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            return TypedResults.Ok(await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderByDescending(n => n.Id).Take(100)
                .Select(n => new { n.Id, n.Subject, n.Body, n.Link, n.CreatedAt, n.ReadAt }).ToListAsync(ct));
        });
        notifications.MapPost("/{notificationId:int}/read", async Task<IResult> (int notificationId, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == notificationId && x.UserId == id, ct);
            if (n is null)
            {
                return Error.NotFound("No such notification.").ToProblem();
            }
            n.MarkRead(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });
    }

    public sealed record QueueQuery(string? Track, string? Status, string? Group, string? Type, string? Q, int? Page, int? PageSize);
}
