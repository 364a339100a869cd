using Parley.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Parley.Common;
using Parley.Data;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Modalities;

namespace Parley.Features.Accreditation;

/// <summary>Applications through the tracks of a process: apply, upload, withdraw; the reviewers' queue, notes and decisions.</summary>
public static class Applications
{
    public sealed record ApplyRequest(string? Track, string? Mandate, string? Relevance);

    /// <summary>What the applicant and reviewers see of an application. Notes are filled for reviewers only.</summary>
    public sealed record ApplicationRow(int Id, string Process, string Track, string TrackName, string Organisation, string OrganisationCode,
        string OrganisationType, string Country, string? RegionalGroup, string Status, DateTime SubmittedAt, string? DecisionReason,
        DateTime? DecidedAt, string? Mandate, string? Relevance, int Women, int Representatives, int Version,
        IReadOnlyList<FileRow> Files, IReadOnlyList<NoteRow>? Notes);

    public sealed record FileRow(int Id, string FileName, string ContentType, long Size, DateTime UploadedAt);

    public sealed record NoteRow(string Author, string Text, DateTime At);

    public static async Task<Result<ApplicationRow>> ApplyAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, string processId,
        ApplyRequest r, CancellationToken ct = default)
    {
        if (viewer.Kind != Identity.PrincipalKind.Stakeholder || viewer.OrganisationCode is null || !viewer.FocalPoint)
        {
            return Error.Forbidden("Applications are made by an organisation's focal point.");
        }
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var def = found.Value.Definition;
        var errors = new FieldErrors();
        var track = r.Track is null ? null : def.FindTrack(r.Track);
        if (track is null)
        {
            errors.Add("track", $"Use one of: {string.Join(", ", def.Tracks.Select(t => t.Id))}.");
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (track is not null && (today < track.Opens || today > track.Closes))
        {
            errors.Add("track", $"{track.Name} takes applications from {track.Opens:d MMMM yyyy} to {track.Closes:d MMMM yyyy} (UTC); today is {today:d MMMM yyyy}.");
        }
        if (track?.Kind == TrackKind.Special)
        {
            errors.Require("mandate", r.Mandate, "Describe the organisation's mandate.").Require("relevance", r.Relevance, "Explain the organisation's relevance to the themes of the process.");
        }
        if (r.Mandate is { Length: > 4000 } || r.Relevance is { Length: > 4000 })
        {
            errors.Add("mandate", "Mandate and relevance take at most 4,000 characters each.");
        }
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == viewer.OrganisationCode, ct);
        if (organisation is null)
        {
            return Error.NotFound("Your organisation is not registered.");
        }
        if (track is not null && await db.Applications.AnyAsync(a => a.ProcessId == processId && a.TrackId == track.Id && a.OrganisationId == organisation.Id
                && a.Status != ApplicationStatus.Withdrawn && a.Status != ApplicationStatus.Rejected, ct))
        {
            errors.Add("track", "Your organisation already has an application in this track.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var status = track!.Kind == TrackKind.Registration ? ApplicationStatus.AwaitingVerification : ApplicationStatus.Submitted;
        var application = new AccreditationApplication(processId, track.Id, organisation.Id, Trim(r.Mandate), Trim(r.Relevance), status, now);
        if (track.Kind == TrackKind.Registration)
        {
            var entry = await Verification.FindMatchAsync(db, track, organisation.NormalizedName, ct);
            if (entry is not null)
            {
                application.Matched(entry, now);
            }
        }
        db.Applications.Add(application);
        await notifier.QueueAsync(db, await FocalPointsAsync(db, organisation.Code, ct), Phrase.Of("Notice.ApplicationReceived", track.Name),
            application.Status == ApplicationStatus.Accredited
                ? Phrase.Of("Notice.ApplicationVerified", organisation.Name, def.Title, track.Name)
                : Phrase.Of("Notice.ApplicationReceivedBody", organisation.Name, def.Title, track.Name),
            $"/organisations/{organisation.Code}", ct);
        db.AuditAction = "application.submitted";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return (await GetAsync(db, clock, viewer, application.Id, ct)).Value;
    }

    public static async Task<Result<ApplicationRow>> GetAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, CancellationToken ct = default)
    {
        var a = await db.Applications.AsNoTracking().Include(x => x.Organisation!).ThenInclude(o => o.Representatives)
            .Include(x => x.Files).Include(x => x.Notes).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !(viewer.IsReviewer || viewer.IsStakeholderOf(a.Organisation!.Code)))
        {
            return Error.NotFound("No such application."); // the same answer whether it exists or not
        }
        var def = (await ProcessQueries.FindAsync(db, a.ProcessId, ct))!.Value.Definition;
        var groups = await GroupsAsync(db, [a.Organisation!.CountryIso3], ct);
        var settled = await OnCirculatedListsAsync(db, clock, [a], ct);
        return ToRow(a, def, groups, viewer.IsReviewer, settled.GetValueOrDefault(a.Id));
    }

    public sealed record QueueFilter(string? Track = null, string? Status = null, string? Group = null, string? Type = null, string? Q = null, int Page = 1, int PageSize = 50);

    public sealed record QueuePage(IReadOnlyList<ApplicationRow> Items, int Total, int Page, int PageSize);

    /// <summary>The reviewers' queue, filtered and paginated (indexes on process, track and status).</summary>
    public static async Task<Result<QueuePage>> QueueAsync(ParleyDb db, Viewer viewer, string processId, QueueFilter f, CancellationToken ct = default)
    {
        if (!viewer.IsReviewer)
        {
            return Error.Forbidden("The queue is for the Secretariat and the Office of the President of the General Assembly.");
        }
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var query = db.Applications.AsNoTracking().Where(a => a.ProcessId == processId);
        if (!string.IsNullOrWhiteSpace(f.Track))
        {
            query = query.Where(a => a.TrackId == f.Track);
        }
        if (!string.IsNullOrWhiteSpace(f.Status))
        {
            if (!Enum.TryParse<ApplicationStatus>(f.Status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var status))
            {
                return Error.Validation("status", $"Use one of: {string.Join(", ", Enum.GetValues<ApplicationStatus>().Select(Slug))}.");
            }
            query = query.Where(a => a.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(f.Type))
        {
            var type = Organisations.ParseType(f.Type);
            if (type is null)
            {
                return Error.Validation("type", "Unknown type of organisation.");
            }
            query = query.Where(a => a.Organisation!.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(f.Group))
        {
            if (!Enum.TryParse<RegionalGroupCode>(f.Group, ignoreCase: true, out var group))
            {
                return Error.Validation("group", "Unknown regional group.");
            }
            var countries = db.States.Where(s => s.RegionalGroup == group).Select(s => s.Iso3);
            query = query.Where(a => countries.Contains(a.Organisation!.CountryIso3));
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var q = OrganisationNames.Normalize(f.Q);
            query = query.Where(a => a.Organisation!.NormalizedName.Contains(q));
        }
        var pageSize = Math.Clamp(f.PageSize, 1, 200);
        var page = Math.Max(1, f.Page);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(a => a.Organisation!).ThenInclude(o => o.Representatives).Include(a => a.Files).AsSplitQuery().ToListAsync(ct);
        var groups = await GroupsAsync(db, items.Select(a => a.Organisation!.CountryIso3), ct);
        var def = found.Value.Definition;
        return new QueuePage(items.Select(a => ToRow(a, def, groups, reviewer: false)).ToList(), total, page, pageSize);
    }

    public static async Task<Result<NoteRow>> AddNoteAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, string? text, CancellationToken ct = default)
    {
        if (!viewer.IsReviewer)
        {
            return Error.NotFound("No such application.");
        }
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
        {
            return Error.Validation("text", "Write a note of 1 to 4,000 characters.");
        }
        var application = await db.Applications.Include(a => a.Notes).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return Error.NotFound("No such application.");
        }
        var note = application.AddNote(viewer.Name, text.Trim(), clock.GetUtcNow().UtcDateTime);
        db.AuditAction = "application.note-added";
        await db.SaveChangesAsync(ct);
        return new NoteRow(note.Author, note.Text, note.At);
    }

    public sealed record DecisionRequest(string? Decision, string? Reason, int? Version);

    /// <summary>
    /// A reviewer's decision: a special application is recommended for the proposer's list or rejected; a registration
    /// not matched automatically is accepted on manual verification or rejected. A rejection needs its reason.
    /// </summary>
    public static async Task<Result<ApplicationRow>> DecideAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int id, DecisionRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsReviewer)
        {
            return Error.NotFound("No such application.");
        }
        var application = await db.Applications.Include(a => a.Organisation).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return Error.NotFound("No such application.");
        }
        var def = (await ProcessQueries.FindAsync(db, application.ProcessId, ct))!.Value.Definition;
        var track = def.FindTrack(application.TrackId);
        var errors = new FieldErrors();
        ApplicationStatus? status = (r.Decision?.Trim().ToLowerInvariant(), track?.Kind) switch
        {
            ("recommend", TrackKind.Special) => ApplicationStatus.Recommended,
            ("accept", TrackKind.Registration) => ApplicationStatus.Accredited,
            ("reject", _) => ApplicationStatus.Rejected,
            _ => null,
        };
        if (status is null)
        {
            errors.Add("decision", track?.Kind == TrackKind.Special ? "Use recommend or reject." : "Use accept or reject.");
        }
        if (status == ApplicationStatus.Rejected)
        {
            errors.Require("reason", r.Reason, "Give the reason for the rejection; the applicant will read it.");
        }
        if (r.Reason is { Length: > 2000 })
        {
            errors.Add("reason", "At most 2,000 characters.");
        }
        if (r.Version is null)
        {
            errors.Add("version", "Send the version you read.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.AwaitingVerification or ApplicationStatus.Recommended))
        {
            return Error.Conflict($"This application is {Slug(application.Status)}; it can no longer be decided.");
        }
        if (application.Status == ApplicationStatus.Recommended && await db.ListEntries.AnyAsync(e => e.ApplicationId == id, ct))
        {
            return Error.Conflict("This application is on the proposer's list; take it off the list first.");
        }
        if (r.Version != application.Version)
        {
            return Error.Conflict($"Someone decided this application since you read it (now {Slug(application.Status)}, by {application.DecidedBy}). Reload it.");
        }
        application.Decide(status!.Value, viewer.Name, Trim(r.Reason), clock.GetUtcNow().UtcDateTime);
        await notifier.QueueAsync(db, await FocalPointsAsync(db, application.Organisation!.Code, ct), Phrase.Of("Notice.Decision", track!.Name),
            status switch
            {
                ApplicationStatus.Rejected => Phrase.Of("Notice.DecisionRejected", application.Organisation.Name, application.DecisionReason),
                ApplicationStatus.Recommended => Phrase.Of("Notice.DecisionRecommended", application.Organisation.Name, track.ProposedBy is { } by ? Phrase.Verbatim(by) : Phrase.Of("Notice.Proposer")),
                _ => Phrase.Of("Notice.DecisionRegistered", application.Organisation.Name, def.Title, track.Name),
            }, $"/organisations/{application.Organisation.Code}", ct);
        db.AuditAction = "application.decided";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Someone decided this application at the same moment. Reload it.");
        }
        await notifier.FlushAsync(ct);
        return (await GetAsync(db, clock, viewer, id, ct)).Value;
    }

    public static async Task<Result<ApplicationRow>> WithdrawAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int id, CancellationToken ct = default)
    {
        var application = await db.Applications.Include(a => a.Organisation).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !viewer.IsStakeholderOf(application.Organisation!.Code) || !viewer.FocalPoint)
        {
            return Error.NotFound("No such application.");
        }
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.AwaitingVerification or ApplicationStatus.Recommended))
        {
            return Error.Conflict($"This application is {Slug(application.Status)}; it can no longer be withdrawn.");
        }
        if (await db.ListEntries.AnyAsync(e => e.ApplicationId == id, ct))
        {
            return Error.Conflict("This application is on a list already submitted; write to the Secretariat to withdraw.");
        }
        application.Decide(ApplicationStatus.Withdrawn, viewer.Name, "Withdrawn by the organisation.", clock.GetUtcNow().UtcDateTime);
        db.AuditAction = "application.withdrawn";
        if (await db.SaveOrConflictAsync("This application changed at the same moment; reload it.", ct) is { } conflict)
        {
            return conflict;
        }
        return (await GetAsync(db, clock, viewer, id, ct)).Value;
    }

    public const long MaxFileBytes = UploadedFiles.MaxBytes;

    /// <summary>Accepts a PDF or DOCX checked by its content (not its name), at most 5 MB, stored outside the web root.</summary>
    public static async Task<Result<FileRow>> UploadAsync(ParleyDb db, FileStore files, TimeProvider clock, Viewer viewer, int id,
        string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        var application = await db.Applications.Include(a => a.Organisation).Include(a => a.Files).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !viewer.IsStakeholderOf(application.Organisation!.Code) || !viewer.FocalPoint)
        {
            return Error.NotFound("No such application.");
        }
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.AwaitingVerification))
        {
            return Error.Conflict("Documents can be added while the application awaits review.");
        }
        if (application.Files.Count >= 10)
        {
            return Error.Validation("file", "At most 10 documents per application.");
        }
        var stored = await UploadedFiles.StoreAsync(files, fileName, content, length, "a document", ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }
        var (storageName, safeName, contentType, size, sha, _) = stored.Value;
        var path = files.PathOf(storageName);
        var file = application.AddFile(safeName, contentType, size, sha, storageName, clock.GetUtcNow().UtcDateTime);
        db.AuditAction = "application.file-uploaded";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return new FileRow(file.Id, file.FileName, file.ContentType, file.Size, file.UploadedAt);
    }

    public static async Task<Result<(ApplicationFile File, string Path)>> OpenFileAsync(ParleyDb db, FileStore files, Viewer viewer, int id, int fileId, CancellationToken ct = default)
    {
        var application = await db.Applications.AsNoTracking().Include(a => a.Organisation).Include(a => a.Files).FirstOrDefaultAsync(a => a.Id == id, ct);
        var file = application?.Files.FirstOrDefault(f => f.Id == fileId);
        if (application is null || file is null || !(viewer.IsReviewer || viewer.IsStakeholderOf(application.Organisation!.Code)))
        {
            return Error.NotFound("No such document.");
        }
        return (file, files.PathOf(file.StorageName));
    }

    public static async Task<IReadOnlyList<ApplicationRow>> OfOrganisationAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string code, CancellationToken ct = default)
    {
        if (!(viewer.IsReviewer || viewer.IsStakeholderOf(code)))
        {
            return [];
        }
        var items = await db.Applications.AsNoTracking().Include(a => a.Organisation!).ThenInclude(o => o.Representatives).Include(a => a.Files)
            .Where(a => a.Organisation!.Code == code).OrderBy(a => a.SubmittedAt).AsSplitQuery().ToListAsync(ct);
        var rows = new List<ApplicationRow>();
        var groups = await GroupsAsync(db, items.Select(a => a.Organisation!.CountryIso3), ct);
        var settled = await OnCirculatedListsAsync(db, clock, items, ct);
        foreach (var a in items)
        {
            var def = (await ProcessQueries.FindAsync(db, a.ProcessId, ct))!.Value.Definition;
            rows.Add(ToRow(a, def, groups, reviewer: false, settled.GetValueOrDefault(a.Id)));
        }
        return rows;
    }

    public static string Slug(ApplicationStatus s) => s switch
    {
        ApplicationStatus.AwaitingVerification => "awaiting-verification",
        ApplicationStatus.NotAccredited => "not-accredited",
        _ => s.ToString().ToLowerInvariant(),
    };

    internal static async Task<List<string>> FocalPointsAsync(ParleyDb db, string organisationCode, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.OrganisationCode == organisationCode && u.Kind == Identity.PrincipalKind.Stakeholder)
            .Select(u => u.Id).ToListAsync(ct);

    internal static async Task<Dictionary<string, string?>> GroupsAsync(ParleyDb db, IEnumerable<string> countries, CancellationToken ct)
    {
        var codes = countries.Distinct().ToList();
        return (await db.States.AsNoTracking().Where(s => codes.Contains(s.Iso3)).Select(s => new { s.Iso3, s.RegionalGroup }).ToListAsync(ct))
            .ToDictionary(s => s.Iso3, s => s.RegionalGroup?.ToString());
    }

    /// <summary>
    /// Recommended applications on a list with Member States read "under consideration" until the deadline and their outcome after it,
    /// the same for the applicant, the reviewers and the public, even before the list is formally published.
    /// </summary>
    private static async Task<Dictionary<int, string>> OnCirculatedListsAsync(ParleyDb db, TimeProvider clock, IReadOnlyCollection<AccreditationApplication> applications, CancellationToken ct)
    {
        var ids = applications.Where(a => a.Status == ApplicationStatus.Recommended).Select(a => a.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var onLists = await db.ListEntries.AsNoTracking().Where(e => ids.Contains(e.ApplicationId))
            .Join(db.StakeholderLists.Where(l => l.Status == ListStatus.Circulated), e => e.ListId, l => l.Id, (e, l) => new { e.ApplicationId, l.DeadlineUtc })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var settledIds = onLists.Where(e => e.DeadlineUtc <= now).Select(e => e.ApplicationId).ToList();
        var objected = settledIds.Count == 0 ? [] : await db.Objections.AsNoTracking().Where(o => settledIds.Contains(o.ApplicationId)).Select(o => o.ApplicationId).Distinct().ToListAsync(ct);
        return onLists.ToDictionary(e => e.ApplicationId,
            e => NonObjection.PublicStatus(ApplicationStatus.Recommended, ListStatus.Circulated, e.DeadlineUtc <= now, objected.Contains(e.ApplicationId)));
    }

    private static ApplicationRow ToRow(AccreditationApplication a, ModalitiesDefinition def, Dictionary<string, string?> groups, bool reviewer, string? status = null)
    {
        var o = a.Organisation!;
        return new ApplicationRow(a.Id, a.ProcessId, a.TrackId, def.FindTrack(a.TrackId)?.Name ?? a.TrackId, o.Name, o.Code, Organisations.TypeSlug(o.Type),
            o.CountryIso3, groups.GetValueOrDefault(o.CountryIso3), status ?? Slug(a.Status), a.SubmittedAt, a.DecisionReason, a.DecidedAt, a.Mandate, a.Relevance,
            o.Representatives.Count(r => r.Gender == Gender.Female), o.Representatives.Count, a.Version,
            a.Files.Select(f => new FileRow(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToList(),
            reviewer ? a.Notes.OrderBy(n => n.At).Select(n => new NoteRow(n.Author, n.Text, n.At)).ToList() : null);
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
