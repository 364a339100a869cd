using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Documents;
using Parley.Features.Identity;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Documents;

/// <summary>The documents library: language versions attached by the Secretariat, search, and a stable address per symbol.</summary>
public static class DocumentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("").WithTags("Documents").AllowAnonymous();
        open.MapGet("/processes/{id}/library", async (string id, string? q, string? type, ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok(await DocumentLibrary.ListAsync(db, id, q, type, ct)))
            .WithSummary("The process's current documents with their language versions (available or pending) and related documents; ?q= searches titles, symbols and the words inside the files.");
        open.MapGet("/documents/{**symbol}", async Task<Results<Ok<DocumentLibrary.Item>, ProblemHttpResult>> (string symbol, ParleyDb db, CancellationToken ct) =>
            await DocumentLibrary.BySymbolAsync(db, symbol, ct) is { } item ? TypedResults.Ok(item) : Error.NotFound($"No current document '{symbol}'.").ToProblem())
            .WithSummary("A document by its symbol (e.g. /api/v1/documents/A/CONF.231/3).");
        open.MapGet("/document-files/{language}/{**symbol}", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (string language, string symbol, ParleyDb db, FileStore files, CancellationToken ct) =>
            await DocumentLibrary.FileAsync(db, symbol, language, ct) is { } f && files.Exists(f.StorageName)
                ? TypedResults.PhysicalFile(files.PathOf(f.StorageName), f.ContentType, f.FileName)
                : Error.NotFound($"'{symbol}' is not available in '{language}'.").ToProblem())
            .WithSummary("A document's file in one of the six official languages (ar, zh, en, fr, ru, es).");

        var secretariat = api.MapGroup("").WithTags("Documents").RequireAuthorization(Policies.Secretariat);
        secretariat.MapPost("/processes/{id}/documents/{documentId:int}/files", async Task<Results<Created<DocumentLibrary.LanguageVersion>, ProblemHttpResult>> (
            string id, int documentId, string? language, IFormFile? file, ParleyDb db, FileStore files, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (file is null)
            {
                return Error.Validation("file", "Attach the document as multipart form data, field 'file'.").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            var result = await DocumentLibrary.AttachAsync(db, files, clock, Viewer.From(user), id, documentId, language, file.FileName, stream, file.Length, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/library", result.Value) : result.Error!.ToProblem();
        }).DisableAntiforgery().WithSummary("Issues a document in a language (?language=en): a PDF or DOCX of at most 5 MB; a new file replaces the earlier one of that language.");

        // The report of the conference (§1(d)): summaries per meeting, a draft assembled from the record, edited, issued.
        open.MapGet("/meetings/{meetingId:int}/summaries", async (int meetingId, ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.MeetingSummaries.AsNoTracking().Where(s => s.MeetingId == meetingId).OrderBy(s => s.Id)
                .Select(s => new ConferenceReports.SummaryRow(s.Id, s.MeetingId, s.Kind.ToString().ToLower(), s.Title, s.Text)).ToListAsync(ct)))
            .WithSummary("The summaries of a meeting's plenaries, roundtables and other deliberations.");
        var recorders = api.MapGroup("").WithTags("Documents").RequireAuthorization(Policies.SignedIn);
        recorders.MapPost("/meetings/{meetingId:int}/summaries", async Task<Results<Created<ConferenceReports.SummaryRow>, ProblemHttpResult>> (int meetingId, ConferenceReports.SummaryRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ConferenceReports.RecordSummaryAsync(db, clock, Viewer.From(user), meetingId, r, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/meetings/{meetingId}/summaries", result.Value) : result.Error!.ToProblem();
        }).WithSummary("Records the summary of a plenary, roundtable, dialogue or other deliberation of a meeting (the Secretariat; the co-facilitators for their dialogues).");
        var signedIn = api.MapGroup("").WithTags("Documents");
        signedIn.MapGet("/processes/{id}/conference-report", async Task<Results<Ok<ConferenceReports.View>, ProblemHttpResult>> (string id, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            await Visible(db, user, id, ct) is { } view ? TypedResults.Ok(view) : Error.NotFound("No report of the conference is issued yet.").ToProblem())
            .AllowAnonymous().WithSummary("The report of the conference: the issued one for everyone, the draft for the Secretariat.");
        signedIn.MapGet("/processes/{id}/conference-report.docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            await Visible(db, user, id, ct) is { } view
                ? TypedResults.File(ConferenceReports.Docx(view), Parley.Features.Accreditation.UploadedFiles.Docx, "conference-report.docx")
                : Error.NotFound("No report of the conference is issued yet.").ToProblem())
            .AllowAnonymous().WithSummary("The report as a Word document.");
        signedIn.MapGet("/processes/{id}/conference-report.html", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string id, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            await Visible(db, user, id, ct) is { } view ? TypedResults.Text(ConferenceReports.Html(view), "text/html; charset=utf-8") : Error.NotFound("No report of the conference is issued yet.").ToProblem())
            .AllowAnonymous().WithSummary("The report as HTML ready to print to PDF (A4, annexes on new pages).");
        secretariat.MapPost("/processes/{id}/conference-report/assemble", async Task<Results<Ok<ConferenceReports.View>, ProblemHttpResult>> (string id, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ConferenceReports.AssembleAsync(db, Viewer.From(user), id, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Assembles the draft from the record: organisation, plenary and other summaries, adoption, the adopted text and the list of participants.");
        secretariat.MapPut("/processes/{id}/conference-report/chapters", async Task<Results<Ok<ConferenceReports.View>, ProblemHttpResult>> (string id, ConferenceReports.EditRequest r, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ConferenceReports.EditAsync(db, Viewer.From(user), id, r, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Edits one chapter of the draft (send the version you read).");
        secretariat.MapPost("/processes/{id}/conference-report/issue", async Task<Results<Ok<ConferenceReports.View>, ProblemHttpResult>> (string id, ConferenceReports.IssueRequest r, ParleyDb db, FileStore files, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await ConferenceReports.IssueAsync(db, files, clock, Viewer.From(user), id, r, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("Issues the report under a symbol on a date: the document §1(d) waits for, its DOCX filed as the English version.");
    }

    private static async Task<ConferenceReports.View?> Visible(ParleyDb db, ClaimsPrincipal user, string processId, CancellationToken ct) =>
        await ConferenceReports.GetAsync(db, processId, ct) is { } view && (view.Status == "issued" || Viewer.From(user).IsSecretariat) ? view : null;
}
