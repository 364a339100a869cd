using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Processes;

namespace Parley.Features.Contributions;

public enum SubmissionKind { Contribution, Input }

public enum SubmissionStatus { Draft, Submitted, Published, Declined }

/// <summary>
/// A stakeholder's contribution (§7) or a Member State's or group's input (§19-20): text and an optional file, addressed to the process,
/// a meeting (a thematic session, a dialogue) or a version of the text, tagged with the modalities' themes and perspectives. Its author
/// keeps it private as a draft, submits it, and the Secretariat publishes it (or declines, with a reason).
/// </summary>
public sealed class Submission
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public SubmissionKind Kind { get; internal set; }

    /// <summary>"organisation", "state" or "group".</summary>
    public string AuthorKind { get; internal set; } = "";
    public string AuthorCode { get; internal set; } = "";
    public string AuthorName { get; internal set; } = "";
    public string Title { get; internal set; } = "";
    public string Body { get; internal set; } = "";
    public int? MeetingId { get; internal set; }
    public int? TextVersionId { get; internal set; }
    public string Themes { get; internal set; } = "";
    public string Perspectives { get; internal set; } = "";
    public string? FileName { get; internal set; }
    public string? StorageName { get; internal set; }
    public string? ContentType { get; internal set; }
    public string? FileText { get; internal set; }
    public SubmissionStatus Status { get; internal set; }
    public string? DeclinedReason { get; internal set; }
    public string CreatedBy { get; internal set; } = "";
    public DateTime CreatedAt { get; internal set; }
    public DateTime? SubmittedAt { get; internal set; }
    public DateTime? PublishedAt { get; internal set; }
    public string? PublishedBy { get; internal set; }

    /// <summary>Lower-case copy of the title, text and file's words, for search on both databases.</summary>
    public string SearchText { get; internal set; } = "";

    public IReadOnlyList<string> ThemeList => Themes.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> PerspectiveList => Perspectives.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Use cases and queries of contributions and inputs.</summary>
public static class Submissions
{
    public sealed record Request(string? Kind, string? Author, string? Title, string? Body, int? MeetingId, int? VersionId, IReadOnlyList<string>? Themes,
        IReadOnlyList<string>? Perspectives, bool Submit = true);

    public sealed record Row(int Id, string Kind, string AuthorKind, string Author, string AuthorName, string Title, string Body, int? MeetingId, string? MeetingTitle,
        int? VersionId, IReadOnlyList<string> Themes, IReadOnlyList<string> Perspectives, string? FileName, string Status, string? DeclinedReason,
        DateTime? SubmittedAt, DateTime? PublishedAt, string? Group);

    public sealed record Filter(string? Kind = null, string? Theme = null, string? Perspective = null, int? MeetingId = null, string? AuthorKind = null,
        string? Q = null, string? Status = null, int Page = 1, int PageSize = 50);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, IReadOnlyList<Count> ByTheme, IReadOnlyList<Count> ByPerspective, IReadOnlyList<Count> ByGroup,
        IReadOnlyList<Count> ByAuthorType, IReadOnlyList<Count> ByKind);

    public sealed record Count(string Key, string Name, int Value);

    /// <summary>
    /// Creates a contribution (a stakeholder for its accredited organisation) or an input (a Member State delegate for its State or a
    /// group it may speak for). Tags must be the file's; a meeting must be of the process. <c>Submit=false</c> keeps a private draft.
    /// </summary>
    public static async Task<Result<Row>> CreateAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, Request r,
        AttachedFile? file = null, CancellationToken ct = default)
    {
        if (await ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var rules = found.Definition.Contributions;
        if (rules is null)
        {
            return Error.Validation("kind", "This process's modalities do not call for contributions or inputs.");
        }
        string authorKind, code, name;
        SubmissionKind kind;
        if (viewer.Kind == PrincipalKind.Stakeholder && viewer.OrganisationCode is { } org)
        {
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == org, ct);
            if (organisation is null || !await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id && a.ProcessId == processId && a.Status == ApplicationStatus.Accredited, ct))
            {
                return Error.Forbidden("Only organisations accredited to the process contribute.");
            }
            (kind, authorKind, code, name) = (SubmissionKind.Contribution, "organisation", organisation.Code, organisation.Name);
        }
        else if (viewer.IsMemberStateDelegate)
        {
            var acting = await Texts.Delegations.ActingForAsync(db, viewer, ct);
            var author = string.IsNullOrWhiteSpace(r.Author) ? viewer.StateIso3! : r.Author.Trim().ToUpperInvariant();
            var match = acting.FirstOrDefault(a => a.Code.Equals(author, StringComparison.OrdinalIgnoreCase));
            if (match.Code is null)
            {
                return Error.Forbidden($"You submit inputs for your State or a group it may speak for, not for '{author}'.");
            }
            var label = await Texts.Delegations.LabelsAsync(db, ct);
            (kind, authorKind, code, name) = (SubmissionKind.Input, match.IsGroup ? "group" : "state", match.Code, label(match.Code, match.IsGroup));
        }
        else
        {
            return Error.Forbidden("Accredited organisations contribute; Member State delegations submit inputs.");
        }
        var errors = new FieldErrors();
        var title = r.Title?.Trim() ?? "";
        var body = r.Body?.Trim() ?? "";
        if (title.Length is 0 or > 300)
        {
            errors.Add("title", "A title of 1 to 300 characters.");
        }
        if (body.Length > 20_000 || (body.Length == 0 && file is null))
        {
            errors.Add("body", "Write the contribution (at most 20,000 characters) or attach it as a file.");
        }
        var themes = Tags(r.Themes, rules.Themes, "themes", errors);
        var perspectives = Tags(r.Perspectives, rules.Perspectives, "perspectives", errors);
        string? meetingTitle = null;
        if (r.MeetingId is { } meetingId && (meetingTitle = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId && m.ProcessId == processId).Select(m => m.Title).FirstOrDefaultAsync(ct)) is null)
        {
            errors.Add("meetingId", "No such meeting in this process.");
        }
        if (r.VersionId is { } versionId && !await db.TextVersions.AnyAsync(v => v.Id == versionId && db.Texts.Any(t => t.Id == v.TextId && t.ProcessId == processId), ct))
        {
            errors.Add("versionId", "No such version of a text of this process.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var s = new Submission
        {
            ProcessId = processId, Kind = kind, AuthorKind = authorKind, AuthorCode = code, AuthorName = name, Title = title, Body = body,
            MeetingId = r.MeetingId, TextVersionId = r.VersionId, Themes = string.Join(',', themes), Perspectives = string.Join(',', perspectives),
            FileName = file?.FileName, StorageName = file?.StorageName, ContentType = file?.ContentType, FileText = file?.Text,
            Status = r.Submit ? SubmissionStatus.Submitted : SubmissionStatus.Draft, CreatedBy = viewer.UserId ?? viewer.Name, CreatedAt = now,
            SubmittedAt = r.Submit ? now : null,
        };
        s.SearchText = Search(s);
        db.Submissions.Add(s);
        db.AuditAction = kind == SubmissionKind.Contribution ? "contribution.created" : "input.created";
        await db.SaveChangesAsync(ct);
        return ToRow(s, meetingTitle, null);
    }

    /// <summary>A file attached to a submission, as stored.</summary>
    public sealed record AttachedFile(string StorageName, string FileName, string ContentType, string? Text);

    private static List<string> Tags(IReadOnlyList<string>? given, IReadOnlyList<Modalities.Tag> allowed, string field, FieldErrors errors)
    {
        var tags = (given ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        foreach (var t in tags.Where(t => allowed.All(a => a.Id != t)))
        {
            errors.Add(field, $"'{t}' is not one of: {string.Join(", ", allowed.Select(a => a.Id))}.");
        }
        return tags;
    }

    private static string Search(Submission s)
    {
        var all = $"{s.Title}\n{s.AuthorName}\n{s.Body}\n{s.FileText}".ToLowerInvariant();
        return all.Length > 250_000 ? all[..250_000] : all;
    }

    private static bool IsAuthor(Viewer viewer, Submission s, IReadOnlyList<(string Code, bool IsGroup)> acting) =>
        (s.AuthorKind == "organisation" && viewer.Kind == PrincipalKind.Stakeholder && viewer.OrganisationCode == s.AuthorCode)
        || (s.AuthorKind is "state" or "group" && acting.Any(a => a.Code == s.AuthorCode));

    /// <summary>The author submits a draft; the Secretariat publishes a submitted one or declines it with a reason.</summary>
    public static async Task<Result<Row>> ActAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, int id, string? action, string? reason, CancellationToken ct = default)
    {
        var s = await db.Submissions.FirstOrDefaultAsync(x => x.Id == id && x.ProcessId == processId, ct);
        var acting = await Texts.Delegations.ActingForAsync(db, viewer, ct);
        if (s is null || (s.Status == SubmissionStatus.Draft && !IsAuthor(viewer, s, acting)))
        {
            return Error.NotFound("No such contribution."); // a draft is nobody else's business, not even its existence
        }
        var now = clock.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case "submit" when IsAuthor(viewer, s, acting):
                if (s.Status != SubmissionStatus.Draft)
                {
                    return Error.Conflict("Only a draft is submitted.");
                }
                (s.Status, s.SubmittedAt) = (SubmissionStatus.Submitted, now);
                break;
            case "publish" when viewer.IsSecretariat:
                if (s.Status != SubmissionStatus.Submitted)
                {
                    return Error.Conflict("Only a submitted contribution is published.");
                }
                (s.Status, s.PublishedAt, s.PublishedBy) = (SubmissionStatus.Published, now, viewer.Name);
                break;
            case "decline" when viewer.IsSecretariat:
                if (s.Status != SubmissionStatus.Submitted || string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
                {
                    return Error.Validation("reason", "A submitted contribution is declined with a reason (at most 1,000 characters).");
                }
                (s.Status, s.DeclinedReason) = (SubmissionStatus.Declined, reason.Trim());
                break;
            case "submit" or "publish" or "decline":
                return Error.Forbidden("Authors submit their drafts; the Secretariat publishes or declines.");
            default:
                return Error.Validation("action", "Use submit, publish or decline.");
        }
        db.AuditAction = $"contribution.{action}";
        await db.SaveChangesAsync(ct);
        return ToRow(s, null, null);
    }

    private static Row ToRow(Submission s, string? meetingTitle, string? group) =>
        new(s.Id, s.Kind.ToString().ToLowerInvariant(), s.AuthorKind, s.AuthorCode, s.AuthorName, s.Title, s.Body, s.MeetingId, meetingTitle, s.TextVersionId,
            s.ThemeList, s.PerspectiveList, s.FileName, s.Status.ToString().ToLowerInvariant(), s.DeclinedReason, s.SubmittedAt, s.PublishedAt, group);

    /// <summary>
    /// The collection as the viewer may see it: the public sees published ones; authors also their own drafts and submissions; the
    /// Secretariat everything but others' drafts. Filters by kind, theme, perspective, meeting, author type and words (also inside files);
    /// counts by theme, perspective, regional group and type of author over the whole filtered set.
    /// </summary>
    public static async Task<Page> ListAsync(ParleyDb db, Viewer viewer, string processId, Filter f, CancellationToken ct = default)
    {
        var acting = (await Texts.Delegations.ActingForAsync(db, viewer, ct)).Select(a => a.Code).ToList();
        var org = viewer.Kind == PrincipalKind.Stakeholder ? viewer.OrganisationCode : null;
        var query = db.Submissions.AsNoTracking().Where(s => s.ProcessId == processId);
        query = viewer.IsSecretariat
            ? query.Where(s => s.Status != SubmissionStatus.Draft || (s.AuthorKind == "organisation" ? s.AuthorCode == org : acting.Contains(s.AuthorCode)))
            : query.Where(s => s.Status == SubmissionStatus.Published || (org != null && s.AuthorKind == "organisation" && s.AuthorCode == org)
                || (s.AuthorKind != "organisation" && acting.Contains(s.AuthorCode)));
        if (f.Kind is "contribution" or "input")
        {
            var kind = f.Kind == "contribution" ? SubmissionKind.Contribution : SubmissionKind.Input;
            query = query.Where(s => s.Kind == kind);
        }
        if (f.Status is { Length: > 0 } status && Enum.TryParse<SubmissionStatus>(status, true, out var st))
        {
            query = query.Where(s => s.Status == st);
        }
        if (f.MeetingId is { } meetingId)
        {
            query = query.Where(s => s.MeetingId == meetingId);
        }
        if (f.AuthorKind is "organisation" or "state" or "group")
        {
            query = query.Where(s => s.AuthorKind == f.AuthorKind);
        }
        if (!string.IsNullOrWhiteSpace(f.Theme))
        {
            var t = "," + f.Theme.Trim() + ",";
            query = query.Where(s => ("," + s.Themes + ",").Contains(t));
        }
        if (!string.IsNullOrWhiteSpace(f.Perspective))
        {
            var p = "," + f.Perspective.Trim() + ",";
            query = query.Where(s => ("," + s.Perspectives + ",").Contains(p));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            foreach (var word in f.Q.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                query = query.Where(s => s.SearchText.Contains(word));
            }
        }
        var all = await query.OrderByDescending(s => s.PublishedAt ?? s.SubmittedAt ?? s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new { s.Id, s.Kind, s.AuthorKind, s.AuthorCode, s.AuthorName, s.Title, s.Body, s.MeetingId, s.TextVersionId, s.Themes, s.Perspectives,
                s.FileName, s.Status, s.DeclinedReason, s.SubmittedAt, s.PublishedAt }).ToListAsync(ct);
        var def = (await ProcessQueries.FindAsync(db, processId, ct))?.Definition;
        var rules = def?.Contributions;
        var body = def is null ? null : await ProcessMembership.ResolveAsync(db, def, null, ct);
        // An organisation's group is that of its country; a State's its own; a group has none.
        var orgCodes = all.Where(s => s.AuthorKind == "organisation").Select(s => s.AuthorCode).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgCodes.Contains(o.Code)).Select(o => new { o.Code, o.CountryIso3, o.Type }).ToDictionaryAsync(o => o.Code, ct);
        string? GroupOf(string kind, string code) => kind switch
        {
            "state" => body?.GroupOf(code),
            "organisation" => orgs.GetValueOrDefault(code) is { } o ? body?.GroupOf(o.CountryIso3) : null,
            _ => null,
        };
        string AuthorType(string kind, string code) => kind == "organisation" ? (orgs.GetValueOrDefault(code)?.Type.ToString() ?? "organisation") : kind;
        var meetingIds = all.Where(s => s.MeetingId is not null).Select(s => s.MeetingId!.Value).Distinct().ToList();
        var titles = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        IEnumerable<string> Split(string v) => v.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var byTheme = (rules?.Themes ?? []).Select(t => new Count(t.Id, t.Name, all.Count(s => Split(s.Themes).Contains(t.Id)))).ToList();
        var byPerspective = (rules?.Perspectives ?? []).Select(t => new Count(t.Id, t.Name, all.Count(s => Split(s.Perspectives).Contains(t.Id)))).ToList();
        var byGroup = all.GroupBy(s => GroupOf(s.AuthorKind, s.AuthorCode) ?? "none").Select(g => new Count(g.Key, g.Key, g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byType = all.GroupBy(s => AuthorType(s.AuthorKind, s.AuthorCode)).Select(g => new Count(g.Key, g.Key, g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byKind = all.GroupBy(s => s.Kind.ToString().ToLowerInvariant()).Select(g => new Count(g.Key, g.Key, g.Count())).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var size = Math.Clamp(f.PageSize, 1, 200);
        var page = Math.Max(1, f.Page);
        var items = all.Skip((page - 1) * size).Take(size).Select(s => new Row(s.Id, s.Kind.ToString().ToLowerInvariant(), s.AuthorKind, s.AuthorCode, s.AuthorName, s.Title,
            s.Body, s.MeetingId, s.MeetingId is { } m ? titles.GetValueOrDefault(m) : null, s.TextVersionId, Split(s.Themes).ToList(), Split(s.Perspectives).ToList(),
            s.FileName, s.Status.ToString().ToLowerInvariant(), s.DeclinedReason, s.SubmittedAt, s.PublishedAt, GroupOf(s.AuthorKind, s.AuthorCode))).ToList();
        return new Page(items, all.Count, byTheme, byPerspective, byGroup, byType, byKind);
    }

    /// <summary>The stored file of a submission the viewer may see: published for everyone; submitted for the Secretariat; any for its author.</summary>
    public static async Task<(string StorageName, string FileName, string ContentType)?> FileAsync(ParleyDb db, Viewer viewer, string processId, int id, CancellationToken ct = default)
    {
        var s = await db.Submissions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.ProcessId == processId && x.StorageName != null, ct);
        if (s is null)
        {
            return null;
        }
        var author = IsAuthor(viewer, s, await Texts.Delegations.ActingForAsync(db, viewer, ct));
        var visible = s.Status == SubmissionStatus.Published || author || (viewer.IsSecretariat && s.Status != SubmissionStatus.Draft);
        return visible ? (s.StorageName!, s.FileName!, s.ContentType!) : null;
    }

    public static string DateText(DateTime? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
