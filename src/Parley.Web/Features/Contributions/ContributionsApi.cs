using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Xml.Linq;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Contributions;
using Parley.Features.Identity;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Contributions;

/// <summary>Contributions (§7) and inputs (§19-20): the public collection and its feeds; authors submit; the Secretariat publishes.</summary>
public static class ContributionsApi
{
    public sealed record ActionRequest(string? Action, string? Reason);

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/processes/{id}/contributions").WithTags("Contributions").AllowAnonymous();
        open.MapGet("/", async (string id, string? kind, string? theme, string? perspective, int? meetingId, string? author, string? q, string? status, int? page, int? pageSize,
            ParleyDb db, ClaimsPrincipal user, CancellationToken ct) =>
            TypedResults.Ok(await Submissions.ListAsync(db, Viewer.From(user), id, new Submissions.Filter(kind, theme, perspective, meetingId, author, q, status, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Contributions and inputs: published ones for everyone (authors also see their own); filters by kind, theme, perspective, meeting, author type and words, also inside attached files; counts by theme, perspective, group and type.");

        open.MapGet("/feed.csv", async Task<FileContentHttpResult> (string id, string? kind, string? theme, string? perspective, string? q, ParleyDb db, CancellationToken ct) =>
        {
            var page = await Submissions.ListAsync(db, Viewer.Public, id, new Submissions.Filter(kind, theme, perspective, Q: q, PageSize: 200), ct);
            var header = Parley.Common.TableExport.InLanguage(["Id", "Kind", "Author", "Type of author", "Group", "Title", "Themes", "Perspectives", "Meeting", "Published"],
                CultureInfo.CurrentUICulture);
            var rows = page.Items.Select(s => new[] { s.Id.ToString(CultureInfo.InvariantCulture), s.Kind, s.AuthorName, s.AuthorKind, s.Group ?? "", s.Title,
                string.Join("; ", s.Themes), string.Join("; ", s.Perspectives), s.MeetingTitle ?? "", Submissions.DateText(s.PublishedAt) });
            return TypedResults.File(Parley.Common.TableExport.Csv(header, rows), Parley.Common.TableExport.CsvContentType, $"{id}-contributions.csv");
        }).WithSummary("The published collection as CSV (same filters).");

        open.MapGet("/feed.atom", async Task<ContentHttpResult> (string id, HttpRequest request, ParleyDb db, CancellationToken ct) =>
        {
            var page = await Submissions.ListAsync(db, Viewer.Public, id, new Submissions.Filter(PageSize: 50), ct);
            XNamespace a = "http://www.w3.org/2005/Atom";
            var self = $"{request.Scheme}://{request.Host}/api/v1/processes/{id}/contributions/feed.atom";
            var feed = new XElement(a + "feed",
                new XElement(a + "title", $"Contributions and inputs — {id}"),
                new XElement(a + "id", $"urn:parley:{id}:contributions"),
                new XElement(a + "updated", (page.Items.FirstOrDefault()?.PublishedAt ?? DateTime.UnixEpoch).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                new XElement(a + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
                page.Items.Select(s => new XElement(a + "entry",
                    new XElement(a + "title", s.Title),
                    new XElement(a + "id", $"urn:parley:{id}:contribution:{s.Id}"),
                    new XElement(a + "updated", (s.PublishedAt ?? DateTime.UnixEpoch).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                    new XElement(a + "author", new XElement(a + "name", s.AuthorName)),
                    new XElement(a + "link", new XAttribute("href", $"{request.Scheme}://{request.Host}/processes/{id}/contributions#c{s.Id}")),
                    s.Themes.Select(t => new XElement(a + "category", new XAttribute("term", t), new XAttribute("scheme", "theme"))),
                    s.Perspectives.Select(t => new XElement(a + "category", new XAttribute("term", t), new XAttribute("scheme", "perspective"))),
                    new XElement(a + "summary", s.Body.Length > 500 ? s.Body[..500] + "…" : s.Body))));
            return TypedResults.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).ToString(), "application/atom+xml; charset=utf-8");
        }).WithSummary("The latest published contributions and inputs as an Atom feed.");

        open.MapGet("/{submissionId:int}/file", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (string id, int submissionId, ParleyDb db, FileStore files, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var file = await Submissions.FileAsync(db, Viewer.From(user), id, submissionId, ct);
            return file is { } f && files.Exists(f.StorageName) ? TypedResults.PhysicalFile(files.PathOf(f.StorageName), f.ContentType, f.FileName)
                : Error.NotFound("No such file.").ToProblem();
        }).WithSummary("The file attached to a contribution the reader may see.");

        var signedIn = api.MapGroup("/processes/{id}/contributions").WithTags("Contributions").RequireAuthorization(Policies.SignedIn);
        signedIn.MapPost("/", async Task<Results<Created<Submissions.Row>, ProblemHttpResult>> (string id, HttpRequest request, ParleyDb db, FileStore files, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            Submissions.Request? r;
            Submissions.AttachedFile? attached = null;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                static IReadOnlyList<string> List(string? v) => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                r = new Submissions.Request(form["kind"], form["author"], form["title"], form["body"],
                    int.TryParse(form["meetingId"], out var m) ? m : null, int.TryParse(form["versionId"], out var v) ? v : null,
                    List(form["themes"]), List(form["perspectives"]), form["submit"] != "false");
                if (form.Files.GetFile("file") is { } file)
                {
                    await using var stream = file.OpenReadStream();
                    var stored = await UploadedFiles.StoreAsync(files, file.FileName, stream, file.Length, "the contribution", ct);
                    if (!stored.IsSuccess)
                    {
                        return stored.Error!.ToProblem();
                    }
                    attached = new Submissions.AttachedFile(stored.Value.StorageName, stored.Value.FileName, stored.Value.ContentType, stored.Value.Text);
                }
            }
            else
            {
                try
                {
                    r = request.HasJsonContentType() ? await request.ReadFromJsonAsync<Submissions.Request>(ct) : null;
                }
                catch (System.Text.Json.JsonException)
                {
                    r = null; // answered below as a bad request, like any other unreadable body
                }
            }
            if (r is null)
            {
                return Error.Validation("title", "Send the contribution as JSON or multipart form data.").ToProblem();
            }
            var result = await Submissions.CreateAsync(db, clock, Viewer.From(user), id, r, attached, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/processes/{id}/contributions/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).DisableAntiforgery().Accepts<Submissions.Request>("application/json", "multipart/form-data")
          .WithSummary("An accredited organisation's contribution, or a Member State's or group's input (JSON, or multipart with a PDF/DOCX 'file'); submit=false keeps a private draft.");
        signedIn.MapPost("/{submissionId:int}/actions", async Task<Results<Ok<Submissions.Row>, ProblemHttpResult>> (string id, int submissionId, ActionRequest r, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await Submissions.ActAsync(db, clock, Viewer.From(user), id, submissionId, r.Action, r.Reason, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).WithSummary("submit (the author, a draft), publish or decline with a reason (the Secretariat).");
    }
}
