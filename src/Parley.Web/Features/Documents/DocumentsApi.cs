using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
    }
}
