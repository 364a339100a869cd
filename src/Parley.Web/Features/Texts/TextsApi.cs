using System.Security.Claims;
using System.Text;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Texts;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Texts;

/// <summary>
/// The negotiated text through the API. Versions, comparisons and clean exports are public (the process is transparent); the
/// compilation and proposals need a sign-in; who may do what is decided by the use cases from the caller.
/// </summary>
public static class TextsApi
{
    public sealed record CreateTextRequest(string? Code, string? Title);
    public sealed record DeadlineRequest(DateTime? Deadline);
    public sealed record StanceRequest(string? ActingFor, string? Justification);

    public sealed record ImportSubmitRequest(IReadOnlyList<int>? ProposalIds, bool? DiscardOthers);
    public sealed record SilenceRequest(DateTime? Deadline);
    public sealed record BreakRequest(string? Letter);

    private static IResult Answer<T>(Result<T> result, Func<T, IResult>? ok = null) =>
        result.IsSuccess ? (ok ?? (v => TypedResults.Ok(v)))(result.Value) : result.Error!.ToProblem();

    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("").WithTags("Texts").AllowAnonymous();
        open.MapGet("/processes/{id}/texts", async (string id, ParleyDb db, CancellationToken ct) =>
        {
            var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Texts.Where(t => t.ProcessId == id).OrderBy(t => t.Id).Select(t => t.Id), ct);
            var rows = new List<TextCommands.TextRow>();
            foreach (var t in ids)
            {
                rows.Add((await TextCommands.GetTextAsync(db, t, ct))!);
            }
            return TypedResults.Ok(rows);
        }).WithSummary("The negotiated texts of a process, with their versions.");
        open.MapGet("/texts/{textId:int}", async (int textId, ParleyDb db, CancellationToken ct) =>
            await TextCommands.GetTextAsync(db, textId, ct) is { } t ? (IResult)TypedResults.Ok(t) : Error.NotFound("No such text.").ToProblem());
        open.MapGet("/versions/{versionId:int}", async (int versionId, ParleyDb db, CancellationToken ct) =>
            await TextQueries.VersionAsync(db, versionId, ct) is { } v ? (IResult)TypedResults.Ok(v) : Error.NotFound("No such version.").ToProblem())
            .WithSummary("A version: provisions (with their stable keys) and their current status.");
        open.MapGet("/versions/{versionId:int}/export.{format:regex(^(docx|akn\\.xml)$)}", async (int versionId, string format, ParleyDb db, CancellationToken ct) =>
        {
            var v = await TextQueries.VersionAsync(db, versionId, ct);
            if (v is null)
            {
                return Error.NotFound("No such version.").ToProblem();
            }
            var name = FileName(v);
            return format == "docx"
                ? Results.File(TextExports.CleanDocx(v), Docx, name + ".docx")
                : Results.File(Encoding.UTF8.GetBytes(TextExports.VersionAkn(v).Declaration + "\n" + TextExports.VersionAkn(v)), "application/akn+xml", name + ".akn.xml");
        }).WithSummary("A clean version as DOCX, or as Akoma Ntoso 3.0 XML.");
        open.MapGet("/versions/{fromId:int}/compare/{toId:int}", async (int fromId, int toId, string? format, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var from = await TextQueries.VersionAsync(db, fromId, ct);
            var to = await TextQueries.VersionAsync(db, toId, ct);
            if (from is null || to is null || from.TextId != to.TextId)
            {
                return Error.NotFound("Two versions of the same text, please.").ToProblem();
            }
            var comparison = TextQueries.Compare(from, to);
            return format == "docx"
                // Who proposed what is read only by those who may read the compilation (signed in); the public sees the issuer as author.
                ? Results.File(TextExports.ComparisonDocx(comparison, to, Viewer.From(user).Kind is null ? null : await TextQueries.IncorporatedByAsync(db, from, to, ct)),
                    Docx, $"{FileName(to)}-compared-with-{from.Label}.docx")
                : TypedResults.Ok(comparison);
        }).WithSummary("Provision-aware word-level comparison; ?format=docx for Word tracked changes.");
        open.MapGet("/groups", async (ParleyDb db, CancellationToken ct) => TypedResults.Ok(await Delegations.ListAsync(db, ct)))
            .WithSummary("Negotiating groups, their members and the States that may speak for them.");
        open.MapGet("/silences/{silenceId:int}", async (int silenceId, ParleyDb db, CancellationToken ct) =>
            await TextProcedures.RowAsync(db, silenceId, ct) is { } s ? (IResult)TypedResults.Ok(s) : Error.NotFound("No such silence procedure.").ToProblem());
        open.MapGet("/adoptions/{adoptionId:int}", async (int adoptionId, ParleyDb db, CancellationToken ct) =>
            await TextProcedures.AdoptionAsync(db, adoptionId, ct) is { } a ? (IResult)TypedResults.Ok(a) : Error.NotFound("No such adoption.").ToProblem())
            .WithSummary("How a text was adopted: by consensus, or the recorded vote with counts and explanations of position.");

        var signedIn = api.MapGroup("").WithTags("Texts").RequireAuthorization(Policies.SignedIn);
        signedIn.MapPut("/groups", async (Delegations.GroupRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Delegations.SaveAsync(db, Viewer.From(user), request, ct)));
        signedIn.MapPost("/processes/{id}/texts", async (string id, CreateTextRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextCommands.CreateTextAsync(db, clock, Viewer.From(user), id, request.Code, request.Title, ct), v => TypedResults.Created($"/api/v1/texts/{v.Id}", v)));
        signedIn.MapPost("/texts/{textId:int}/preview", async Task<IResult> (int textId, HttpRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!TextCommands.MayManage(Viewer.From(user)))
            {
                return Error.Forbidden("Versions are issued by the co-facilitators and the Secretariat.").ToProblem();
            }
            var read = await ReadDraftAsync(db, textId, request, ct);
            return read.IsSuccess ? TypedResults.Ok(read.Value.Import) : read.Error!.ToProblem();
        }).DisableAntiforgery().WithSummary("What an import would give (provisions and problems), without saving: text/plain or text/markdown body, or a .docx as multipart 'file'.");
        signedIn.MapPost("/texts/{textId:int}/versions", async Task<IResult> (int textId, HttpRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var viewer = Viewer.From(user);
            if (!TextCommands.MayManage(viewer))
            {
                return Error.Forbidden("Versions are issued by the co-facilitators and the Secretariat.").ToProblem();
            }
            var read = await ReadDraftAsync(db, textId, request, ct);
            if (!read.IsSuccess)
            {
                return read.Error!.ToProblem();
            }
            if (read.Value.Import.Problems.Count > 0)
            {
                return Error.Validation("content", string.Join(" ", read.Value.Import.Problems.Select(p => p.Line > 0 ? $"Line {p.Line}: {p.Message}" : p.Message))).ToProblem();
            }
            var q = request.Query;
            var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
            string? Field(string k) => form?[k].FirstOrDefault() ?? q[k].FirstOrDefault();
            DateTime? deadline = DateTime.TryParse(Field("proposalDeadline"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;
            return Answer(await TextCommands.AddVersionAsync(db, clock, viewer, textId, new TextCommands.VersionRequest(Field("label"), Field("symbol"), Field("date"), null, deadline),
                read.Value.Import.Provisions, ct), v => TypedResults.Created($"/api/v1/versions/{v.Id}", v));
        }).DisableAntiforgery().WithSummary("Issue a version from Markdown/plain text (body) or DOCX (multipart 'file'); label, symbol, date (and proposalDeadline) as query or form fields.");
        signedIn.MapPut("/versions/{versionId:int}/deadline", async (int versionId, DeadlineRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextCommands.SetDeadlineAsync(db, Viewer.From(user), versionId, request.Deadline, ct)));

        signedIn.MapGet("/versions/{versionId:int}/compilation", async Task<IResult> (int versionId, [Microsoft.AspNetCore.Http.AsParameters] FilterQuery f, ParleyDb db, CompilationCache cache,
            Microsoft.Extensions.Caching.Memory.IMemoryCache memory, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await TextQueries.CompilationAsync(db, versionId, new TextQueries.CompilationFilter(f.Delegation, f.Group, f.Section, f.Status), ct, cache);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }
            if (result.Value.Stamp is not { } stamp)
            {
                return TypedResults.Ok(result.Value);
            }
            // The whole, draft-free compilation is the same for every reader while its stamp holds: serialised once.
            var bytes = Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreate(memory, $"compilation-json:{versionId}:{stamp}", entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromMinutes(10);
                entry.Size = 1;
                return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Value, json.Value.SerializerOptions);
            })!;
            // Conditional: a reader polling an unchanged compilation gets 304 (the stamp changes with any proposal or status).
            return Results.Bytes(bytes, "application/json; charset=utf-8", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"c-{stamp}\""));
        })
            .WithSummary("The version with every submitted proposal inline and attributed (never drafts), filtered by delegation, group, section or status.");
        foreach (var format in new[] { "docx", "akn.xml" })
        {
            signedIn.MapGet($"/versions/{{versionId:int}}/compilation.{format}", async (int versionId, [Microsoft.AspNetCore.Http.AsParameters] FilterQuery f, ParleyDb db, CompilationCache cache, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await TextQueries.CompilationAsync(db, versionId, new TextQueries.CompilationFilter(f.Delegation, f.Group, f.Section, f.Status), ct, cache);
                if (!result.IsSuccess)
                {
                    return result.Error!.ToProblem();
                }
                var name = FileName(result.Value.Version) + "-compilation";
                return format == "docx"
                    ? Results.File(TextExports.CompilationDocx(result.Value, clock.GetUtcNow().UtcDateTime), Docx, name + ".docx")
                    : Results.File(Encoding.UTF8.GetBytes(TextExports.CompilationAkn(result.Value).ToString()), "application/akn+xml", name + ".akn.xml");
            }).WithSummary("The compilation as Word tracked changes (authors: the sponsoring delegations) or Akoma Ntoso.");
        }
        signedIn.MapGet("/versions/{versionId:int}/proposals", async (int versionId, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await Proposals.ListAsync(db, Viewer.From(user), versionId, ct)));
        signedIn.MapPost("/versions/{versionId:int}/proposals", async (int versionId, Proposals.ProposalRequest request, ParleyDb db, TimeProvider clock, TextEvents events, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Proposals.CreateAsync(db, clock, Viewer.From(user), versionId, request, ct);
            if (result.IsSuccess && result.Value.Status == "submitted")
            {
                events.Publish(new TextEvents.Change(versionId, "proposal", result.Value.ProvisionKey, clock.GetUtcNow().UtcDateTime));
            }
            return Answer(result, v => TypedResults.Created($"/api/v1/proposals/{v.Id}", v));
        }).WithSummary("A Member State delegation proposes, for its State or a group it may speak for: replace, insert or delete words; add, delete or move a provision; an alternative; retain. submit=false keeps it a private draft.");
        signedIn.MapPost("/versions/{versionId:int}/imports", async (int versionId, HttpRequest request, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                return Error.Validation("file", "Send the marked-up Word file as multipart form data (field 'file', optional 'sponsor').").ToProblem();
            }
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
            {
                return Error.Validation("file", "Attach the marked-up Word file (field 'file').").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            return Answer(await Proposals.ImportAsync(db, clock, Viewer.From(user), versionId, file.FileName, stream, file.Length, form["sponsor"], ct),
                v => TypedResults.Created($"/api/v1/imports/{v.Id}", v));
        }).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
          .WithSummary("A delegation uploads the version's Word file marked up with tracked changes (or edited): each change becomes a private draft proposal for its State or the 'sponsor' group; the answer is the preview.");
        signedIn.MapGet("/imports/{importId:int}", async (int importId, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await Proposals.PreviewAsync(db, Viewer.From(user), importId, ct)))
            .WithSummary("The preview of a Word import: every change found, how it was understood, its draft proposal, and what could not be placed (the importing delegation only).");
        signedIn.MapPost("/imports/{importId:int}/submit", async (int importId, ImportSubmitRequest? request, ParleyDb db, TimeProvider clock, TextEvents events, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Proposals.SubmitImportAsync(db, clock, Viewer.From(user), importId, request?.ProposalIds, request?.DiscardOthers ?? false, ct);
            if (result.IsSuccess)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var key in result.Value.Changes.Where(c => c.Proposal.SubmittedAt == now).Select(c => c.Proposal.ProvisionKey).Distinct())
                {
                    events.Publish(new TextEvents.Change(result.Value.VersionId, "proposal", key, now));
                }
            }
            return Answer(result);
        }).WithSummary("The delegation submits the drafts of an import it chose (all when proposalIds is absent); discardOthers withdraws the rest.");
        foreach (var action in new[] { "submit", "withdraw", "support", "oppose" })
        {
            signedIn.MapPost($"/proposals/{{proposalId:int}}/{action}", async (int proposalId, StanceRequest? request, ParleyDb db, TimeProvider clock, TextEvents events, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var viewer = Viewer.From(user);
                var result = action switch
                {
                    "submit" => await Proposals.SubmitAsync(db, clock, viewer, proposalId, ct),
                    "withdraw" => await Proposals.WithdrawAsync(db, clock, viewer, proposalId, ct),
                    _ => await Proposals.StanceAsync(db, clock, viewer, proposalId, action == "support", request?.ActingFor, request?.Justification, ct),
                };
                if (result.IsSuccess && !(action == "withdraw" && result.Value.SubmittedAt is null))
                {
                    events.Publish(new TextEvents.Change(result.Value.VersionId, action, result.Value.ProvisionKey, clock.GetUtcNow().UtcDateTime));
                }
                return Answer(result);
            });
        }
        signedIn.MapPost("/versions/{versionId:int}/statuses", async (int versionId, TextCommands.StatusRequest request, ParleyDb db, TimeProvider clock, TextEvents events, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await TextCommands.SetStatusAsync(db, clock, Viewer.From(user), versionId, request, ct);
            if (result.IsSuccess)
            {
                events.Publish(new TextEvents.Change(versionId, "status", result.Value.ProvisionKey, clock.GetUtcNow().UtcDateTime));
            }
            return Answer(result, s => TypedResults.Created($"/api/v1/versions/{versionId}/statuses/{s.ProvisionKey}",
                new TextQueries.StatusView(TextCommands.StatusSlug(s.Status), s.WaitsOnKey, s.SetBy, s.SetAt)));
        }).WithSummary("The co-facilitators set a provision's status: bracketed, agreed-ad-ref, agreed-ad-ref-pending (waitsOn), agreed, reopened.");
        signedIn.MapGet("/versions/{versionId:int}/statuses/{key}", async (int versionId, string key, ParleyDb db, CancellationToken ct) =>
            TypedResults.Ok(await TextQueries.StatusHistoryAsync(db, versionId, key, ct)));
        signedIn.MapPost("/versions/{versionId:int}/revision", async (int versionId, TextCommands.RevisionRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextCommands.BuildRevisionAsync(db, notifier, clock, Viewer.From(user), versionId, request, ct), v => TypedResults.Created($"/api/v1/versions/{v.Version.Id}", v)))
            .WithSummary("Build the next revision: decide open proposals (accept / modify with text / reject), edit provisions; the rest are carried forward.");
        signedIn.MapPost("/versions/{versionId:int}/revision-imports", async (int versionId, HttpRequest request, ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files.GetFile("file") is not { } file)
            {
                return Error.Validation("file", "Send the compilation's Word file as multipart form data (field 'file').").ToProblem();
            }
            await using var stream = file.OpenReadStream();
            return Answer(await TextCommands.ReadRevisionFileAsync(db, Viewer.From(user), versionId, stream, file.Length, ct));
        }).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
          .WithSummary("The co-facilitators upload the compilation's DOCX as they left it in Word (tracked changes accepted, rejected, words reworded): the answer is the decisions and edits it means, to confirm and post to /revision. Nothing is built.");
        signedIn.MapPost("/versions/{versionId:int}/silence", async (int versionId, SilenceRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, IConfiguration configuration, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextProcedures.StartSilenceAsync(db, notifier, clock, Viewer.From(user), versionId, request.Deadline,
                configuration.GetValue("Texts:SilenceHours", TextProcedures.DefaultSilenceHours), ct), v => TypedResults.Created($"/api/v1/silences/{v.Id}", v)));
        signedIn.MapPost("/silences/{silenceId:int}/break", async (int silenceId, BreakRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextProcedures.BreakSilenceAsync(db, notifier, clock, Viewer.From(user), silenceId, request.Letter, ct)));
        signedIn.MapPost("/versions/{versionId:int}/adoption", async (int versionId, TextProcedures.AdoptionRequest request, ParleyDb db, Notifier notifier, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await TextProcedures.RecordAdoptionAsync(db, notifier, clock, Viewer.From(user), versionId, request, ct), v => TypedResults.Created($"/api/v1/adoptions/{v.Id}", v)));

        signedIn.MapGet("/versions/{versionId:int}/events", async (int versionId, HttpContext http, TextEvents events, CancellationToken ct) =>
        {
            http.Response.Headers.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var (id, reader) = events.Subscribe(versionId);
            try
            {
                await http.Response.WriteAsync(": connected\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                await foreach (var change in reader.ReadAllAsync(ct))
                {
                    await http.Response.WriteAsync($"event: change\ndata: {System.Text.Json.JsonSerializer.Serialize(change, System.Text.Json.JsonSerializerOptions.Web)}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException)
            {
                // the viewer went away
            }
            finally
            {
                events.Unsubscribe(versionId, id);
            }
        }).ExcludeFromDescription();
    }

    public sealed record FilterQuery(string? Delegation, string? Group, string? Section, string? Status);

    private static string FileName(TextQueries.VersionView v) => new string($"{v.TextTitle}-{v.Label}".Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    internal static async Task<Result<(TextImport.ImportResult Import, string Title)>> ReadDraftAsync(ParleyDb db, int textId, HttpRequest request, CancellationToken ct)
    {
        var text = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Texts, t => t.Id == textId, ct);
        if (text is null)
        {
            return Error.NotFound("No such text.");
        }
        var sectionTypes = (await ProcessQueries.FindAsync(db, text.ProcessId, ct))?.Definition.Outcome.SectionTypes ?? [];
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is { } file)
            {
                if (file.Length > 10 * 1024 * 1024)
                {
                    return Error.Validation("file", "At most 10 MB.");
                }
                await using var stream = file.OpenReadStream();
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                var docx = TextImport.FromDocx(buffer, sectionTypes);
                return docx.IsSuccess ? (docx.Value, text.Title) : docx.Error!;
            }
            return (TextImport.FromText(form["content"].ToString(), sectionTypes), text.Title);
        }
        using var reader = new StreamReader(request.Body);
        var content = await reader.ReadToEndAsync(ct);
        if (content.Length > 2_000_000)
        {
            return Error.Validation("content", "At most 2 MB of text.");
        }
        return (TextImport.FromText(content, sectionTypes), text.Title);
    }
}
