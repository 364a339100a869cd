using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Modalities;

namespace Parley.Features.Accreditation;

/// <summary>
/// The proposer's list and the non-objection procedure (71/280 §6(b)-(c), footnotes 1-2).
/// Confidentiality: which State objected, and whether a given State objected, is known only to the OPGA, to that State,
/// and to a State the OPGA released the information to (each release recorded). Everyone else — stakeholders, the public,
/// the Secretariat, other States — learns only the final list, and only at the deadline.
/// </summary>
public static class NonObjection
{
    public sealed record EntryRow(int ApplicationId, string Organisation, string OrganisationCode, string? Acronym, string Type, string Country,
        string? RegionalGroup, int Women, int Representatives);

    public sealed record ObjectionRow(string Reference, int ApplicationId, string Organisation, string State, string? Basis, DateTime LodgedAt);

    public sealed record ReleaseRow(int Id, string ToState, string ReleasedBy, string? Note, DateTime ReleasedAt);

    public sealed record ListView(int Id, string Process, string Track, string TrackName, string? ProposedBy, string Status, DateTime? CirculatedAt,
        DateTime? DeadlineUtc, DateTime? PublishedAt, bool DeadlinePassed, IReadOnlyList<EntryRow> Proposed, IReadOnlyList<EntryRow>? Final,
        Balance.Figures Balance, IReadOnlyList<EntryRow>? Candidates, IReadOnlyList<ObjectionRow>? Objections, IReadOnlyList<int>? ObjectedByMyState,
        IReadOnlyList<ReleaseRow>? Releases, int Version);

    private static Error NoList => Error.NotFound("No such list.");

    private static async Task<(StakeholderList? List, AccreditationTrack? Track, ModalitiesDefinition? Def)> LoadAsync(ParleyDb db, string processId, string trackId, bool tracking, CancellationToken ct)
    {
        var def = (await ProcessQueries.FindAsync(db, processId, ct))?.Definition;
        var track = def?.FindTrack(trackId);
        if (track is not { Kind: TrackKind.Special })
        {
            return (null, null, def);
        }
        var query = tracking ? db.StakeholderLists : db.StakeholderLists.AsNoTracking();
        var list = await query.Include(l => l.Entries).FirstOrDefaultAsync(l => l.ProcessId == processId && l.TrackId == trackId, ct);
        return (list, track, def);
    }

    /// <summary>The list as this viewer may see it; NotFound for anyone who may not see it at all.</summary>
    public static async Task<Result<ListView>> GetAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, string trackId, CancellationToken ct = default)
    {
        var (list, track, _) = await LoadAsync(db, processId, trackId, tracking: false, ct);
        if (track is null)
        {
            return NoList;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var published = list?.Status == ListStatus.Published;
        var insider = viewer.IsReviewer || viewer.IsMemberStateDelegate;
        if (!insider && !published)
        {
            return NoList; // the public and stakeholders see a list once it is published as a report
        }
        if (list is null)
        {
            list = new StakeholderList(processId, trackId);
        }
        var ids = list.Entries.Select(e => e.ApplicationId).ToList();
        var proposed = await EntriesAsync(db, ids, ct);
        var passed = list.DeadlinePassed(now);
        IReadOnlyList<EntryRow>? final = null;
        if (passed || published)
        {
            var objected = await db.Objections.AsNoTracking().Where(o => o.ListId == list.Id).Select(o => o.ApplicationId).Distinct().ToListAsync(ct);
            final = proposed.Where(e => !objected.Contains(e.ApplicationId)).ToList();
        }
        IReadOnlyList<EntryRow>? candidates = null;
        if (viewer.IsOpga && list.Status == ListStatus.Composing)
        {
            var recommended = await db.Applications.AsNoTracking()
                .Where(a => a.ProcessId == processId && a.TrackId == trackId && a.Status == ApplicationStatus.Recommended)
                .Select(a => a.Id).ToListAsync(ct);
            candidates = await EntriesAsync(db, recommended.Except(ids).ToList(), ct);
        }
        var (objections, mine, releases) = await ObjectionsForAsync(db, viewer, list, ct);
        return new ListView(list.Id, processId, trackId, track.Name, track.ProposedBy, list.Status.ToString().ToLowerInvariant(), list.CirculatedAt,
            list.DeadlineUtc, list.PublishedAt, passed, proposed, final, Balance.Of(proposed), candidates, objections, mine, releases, list.Version);
    }

    /// <summary>
    /// Objections this viewer may read: the OPGA all of them; a Member State its own, plus everything lodged up to a release made to it.
    /// The Secretariat, other States, stakeholders and the public: none, and no count either.
    /// </summary>
    private static async Task<(IReadOnlyList<ObjectionRow>? All, IReadOnlyList<int>? Mine, IReadOnlyList<ReleaseRow>? Releases)> ObjectionsForAsync(
        ParleyDb db, Viewer viewer, StakeholderList list, CancellationToken ct)
    {
        if (list.Id == 0)
        {
            return (viewer.IsOpga || viewer.IsMemberStateDelegate ? [] : null, viewer.IsMemberStateDelegate ? [] : null, viewer.IsOpga ? [] : null);
        }
        var query = db.Objections.AsNoTracking().Where(o => o.ListId == list.Id);
        if (viewer.IsOpga)
        {
            var releases = await db.ObjectionReleases.AsNoTracking().Where(r => r.ListId == list.Id).OrderBy(r => r.ReleasedAt)
                .Select(r => new ReleaseRow(r.Id, r.ToStateIso3, r.ReleasedBy, r.Note, r.ReleasedAt)).ToListAsync(ct);
            return (await RowsAsync(db, query, ct), null, releases);
        }
        if (viewer.IsMemberStateDelegate)
        {
            var state = viewer.StateIso3!;
            var lastRelease = await db.ObjectionReleases.AsNoTracking().Where(r => r.ListId == list.Id && r.ToStateIso3 == state)
                .OrderByDescending(r => r.ReleasedAt).Select(r => (DateTime?)r.ReleasedAt).FirstOrDefaultAsync(ct);
            var visible = lastRelease is { } at ? query.Where(o => o.StateIso3 == state || o.LodgedAt <= at) : query.Where(o => o.StateIso3 == state);
            var rows = await RowsAsync(db, visible, ct);
            return (rows, rows.Where(r => r.State == state).Select(r => r.ApplicationId).ToList(), null);
        }
        return (null, null, null);
    }

    private static async Task<List<ObjectionRow>> RowsAsync(ParleyDb db, IQueryable<Objection> query, CancellationToken ct) =>
        await query.OrderBy(o => o.LodgedAt)
            .Join(db.Applications, o => o.ApplicationId, a => a.Id, (o, a) => new ObjectionRow(o.Reference, o.ApplicationId, a.Organisation!.Name, o.StateIso3, o.Basis, o.LodgedAt))
            .ToListAsync(ct);

    private static async Task<List<EntryRow>> EntriesAsync(ParleyDb db, IReadOnlyCollection<int> applicationIds, CancellationToken ct)
    {
        if (applicationIds.Count == 0)
        {
            return [];
        }
        var apps = await db.Applications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Include(a => a.Organisation!).ThenInclude(o => o.Representatives).AsSplitQuery().ToListAsync(ct);
        var groups = await Applications.GroupsAsync(db, apps.Select(a => a.Organisation!.CountryIso3), ct);
        return apps.OrderBy(a => a.Organisation!.Name, StringComparer.OrdinalIgnoreCase).Select(a => new EntryRow(a.Id, a.Organisation!.Name, a.Organisation.Code,
            a.Organisation.Acronym, Organisations.TypeSlug(a.Organisation.Type), a.Organisation.CountryIso3, groups.GetValueOrDefault(a.Organisation.CountryIso3),
            a.Organisation.Representatives.Count(r => r.Gender == Gender.Female), a.Organisation.Representatives.Count)).ToList();
    }

    /// <summary>The OPGA puts recommended applications on the list, or takes them off, while it is being composed.</summary>
    /// <summary>More than any list has had; keeps one call within a database's limit on query parameters.</summary>
    public const int MaxEntriesPerChange = 2000;

    public static async Task<Result<ListView>> ChangeEntriesAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, string trackId,
        IReadOnlyList<int> add, IReadOnlyList<int> remove, CancellationToken ct = default)
    {
        if (!viewer.IsOpga)
        {
            return Error.Forbidden("The list is drawn up by the Office of the President of the General Assembly.");
        }
        if (add.Count + remove.Count > MaxEntriesPerChange)
        {
            return Error.Validation("add", $"Change at most {MaxEntriesPerChange} entries at a time.");
        }
        var (list, track, _) = await LoadAsync(db, processId, trackId, tracking: true, ct);
        if (track is null)
        {
            return NoList;
        }
        if (list is null)
        {
            list = new StakeholderList(processId, trackId);
            db.StakeholderLists.Add(list);
        }
        if (list.Status != ListStatus.Composing)
        {
            return Error.Conflict("The list was circulated to Member States; it can no longer change.");
        }
        var eligible = await db.Applications.Where(a => add.Contains(a.Id) && a.ProcessId == processId && a.TrackId == trackId && a.Status == ApplicationStatus.Recommended)
            .Select(a => a.Id).ToListAsync(ct);
        var refused = add.Except(eligible).ToList();
        if (refused.Count > 0)
        {
            return Error.Validation("add", $"Only applications recommended in this track can go on the list; not: {string.Join(", ", refused)}.");
        }
        foreach (var id in eligible)
        {
            list.Add(id);
        }
        foreach (var id in remove)
        {
            list.Remove(id);
        }
        db.AuditAction = "list.changed";
        if (await db.SaveOrConflictAsync("The list changed at the same moment; reload it.", ct) is { } conflict)
        {
            return conflict;
        }
        return await GetAsync(db, clock, viewer, processId, trackId, ct);
    }

    /// <summary>Circulates the list to Member States with a deadline (UTC, in the future), records it as the track's list document, and tells everyone concerned.</summary>
    public static async Task<Result<ListView>> CirculateAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, string processId, string trackId,
        DateTime? deadlineUtc, int? version, CancellationToken ct = default)
    {
        if (!viewer.IsOpga)
        {
            return Error.Forbidden("The list is submitted to Member States by the Office of the President of the General Assembly.");
        }
        var (list, track, def) = await LoadAsync(db, processId, trackId, tracking: true, ct);
        if (track is null || list is null)
        {
            return NoList;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        if (deadlineUtc is null)
        {
            errors.Add("deadline", "Give the deadline for objections (UTC).");
        }
        else if (deadlineUtc.Value.ToUniversalTime() <= now.AddHours(24))
        {
            errors.Add("deadline", "The deadline must leave Member States at least 24 hours.");
        }
        if (list.Entries.Count == 0)
        {
            errors.Add("deadline", "Put at least one name on the list first.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (list.Status != ListStatus.Composing)
        {
            return Error.Conflict("The list was already circulated.");
        }
        if (version != list.Version)
        {
            return Error.Conflict("The list changed since you read it; review it again before circulating.");
        }
        var deadline = DateTime.SpecifyKind(deadlineUtc!.Value.ToUniversalTime(), DateTimeKind.Utc);
        list.Circulate(now, deadline);
        db.ProcessDocuments.Add(new ProcessDocument(processId, track.ListDocument!, null,
            $"{track.ProposedBy ?? "Proposed"} list of {list.Entries.Count} organisations: {track.Name}, submitted on a non-objection basis until {deadline:d MMMM yyyy HH:mm} UTC",
            DateOnly.FromDateTime(now), null, now));
        var link = $"/accreditation/{processId}/lists/{trackId}";
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of("Notice.ListCirculated", track.Name),
            Phrase.Of("Notice.ListCirculatedBody", Phrase.Counted("Notice.Organisations", list.Entries.Count), def!.Title, track.Name, deadline), link, ct);
        var organisations = await db.Applications.Where(a => list.Entries.Select(e => e.ApplicationId).Contains(a.Id)).Select(a => a.Organisation!.Code).ToListAsync(ct);
        foreach (var code in organisations)
        {
            await notifier.QueueAsync(db, await Applications.FocalPointsAsync(db, code, ct), Phrase.Of("Notice.OnProposedList", track.Name), Phrase.Of("Notice.OnProposedListBody", deadline), $"/organisations/{code}", ct);
        }
        db.AuditAction = "list.circulated";
        if (await db.SaveOrConflictAsync("The list changed at the same moment; review it again before circulating.", ct) is { } conflict)
        {
            return conflict;
        }
        await notifier.FlushAsync(ct);
        return await GetAsync(db, clock, viewer, processId, trackId, ct);
    }

    /// <summary>A delegate objects to a name for their own State, until the deadline on the server clock.</summary>
    public static async Task<Result<ObjectionRow>> ObjectAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, string processId, string trackId,
        int applicationId, string? basis, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Only a delegate of a Member State may object, for their own State.");
        }
        var (list, track, _) = await LoadAsync(db, processId, trackId, tracking: false, ct);
        if (track is null || list is null || list.Status == ListStatus.Composing)
        {
            return NoList;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (list.Status == ListStatus.Published || list.DeadlinePassed(now))
        {
            return Error.Conflict($"The deadline passed on {list.DeadlineUtc:d MMMM yyyy HH:mm} UTC; objections are no longer received.");
        }
        if (list.Entries.All(e => e.ApplicationId != applicationId))
        {
            return Error.Validation("applicationId", "This name is not on the list.");
        }
        if (basis is { Length: > 2000 })
        {
            return Error.Validation("basis", "At most 2,000 characters.");
        }
        var state = viewer.StateIso3!;
        if (await db.Objections.AnyAsync(o => o.ListId == list.Id && o.ApplicationId == applicationId && o.StateIso3 == state, ct))
        {
            return Error.Conflict("Your State has already objected to this name.");
        }
        var objection = new Objection(list.Id, applicationId, state, string.IsNullOrWhiteSpace(basis) ? null : basis.Trim(), viewer.UserId!, now);
        db.Objections.Add(objection);
        // The OPGA is told that something arrived; the notice names neither the State nor the organisation (notices are audited like everything else).
        await notifier.QueueToKindAsync(db, PrincipalKind.Opga, Phrase.Of("Notice.ObjectionReceived", track.Name), Phrase.Of("Notice.ObjectionReceivedBody"), $"/accreditation/{processId}/lists/{trackId}", ct);
        db.AuditAction = "objection.lodged";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict("Your State has already objected to this name.");
        }
        await notifier.FlushAsync(ct);
        var organisation = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.Organisation!.Name).FirstAsync(ct);
        return new ObjectionRow(objection.Reference, applicationId, organisation, state, objection.Basis, now);
    }

    /// <summary>A State withdraws its own objection before the deadline.</summary>
    public static async Task<Result<bool>> WithdrawObjectionAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, string trackId, string? reference, CancellationToken ct = default)
    {
        var (list, track, _) = await LoadAsync(db, processId, trackId, tracking: false, ct);
        var objection = list is null || string.IsNullOrEmpty(reference) || reference.Length > 32 ? null
            : await db.Objections.FirstOrDefaultAsync(o => o.Reference == reference && o.ListId == list.Id, ct);
        if (track is null || objection is null || !viewer.IsMemberStateDelegate || objection.StateIso3 != viewer.StateIso3)
        {
            return Error.NotFound("No such objection.");
        }
        if (list!.Status == ListStatus.Published || list.DeadlinePassed(clock.GetUtcNow().UtcDateTime))
        {
            return Error.Conflict("The deadline passed; the final list is settled.");
        }
        db.Objections.Remove(objection);
        db.AuditAction = "objection.withdrawn";
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The OPGA shares what it received with a Member State that asked; the release is recorded and the State told.</summary>
    public static async Task<Result<ReleaseRow>> ReleaseAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, string processId, string trackId,
        string? toState, string? note, CancellationToken ct = default)
    {
        if (!viewer.IsOpga)
        {
            return Error.Forbidden("Only the Office of the President of the General Assembly shares the information it received.");
        }
        var (list, track, _) = await LoadAsync(db, processId, trackId, tracking: false, ct);
        if (track is null || list is null || list.Status == ListStatus.Composing)
        {
            return NoList;
        }
        var state = toState?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(state) || !await db.States.AnyAsync(s => s.Iso3 == state && s.Status == StateStatus.MemberState, ct))
        {
            return Error.Validation("toState", "Give the ISO3 code of the Member State that asked.");
        }
        if (note is { Length: > 2000 })
        {
            return Error.Validation("note", "At most 2,000 characters.");
        }
        var release = new ObjectionRelease(list.Id, state, viewer.Name, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), clock.GetUtcNow().UtcDateTime);
        db.ObjectionReleases.Add(release);
        var delegates = await db.Users.AsNoTracking().Where(u => u.StateIso3 == state && u.Kind == PrincipalKind.MemberStateDelegate).Select(u => u.Id).ToListAsync(ct);
        await notifier.QueueAsync(db, delegates, Phrase.Of("Notice.ObjectionsShared", track.Name), Phrase.Of("Notice.ObjectionsSharedBody"),
            $"/accreditation/{processId}/lists/{trackId}", ct);
        db.AuditAction = "objection.released";
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return new ReleaseRow(release.Id, release.ToStateIso3, release.ReleasedBy, release.Note, release.ReleasedAt);
    }

    /// <summary>
    /// After the deadline: settles every name (accredited unless objected to), records the final list as a document, and tells
    /// every organisation on the proposed list and every Member State at the same moment. Run by the OPGA or by the deadline watcher.
    /// </summary>
    public static async Task<Result<ListView>> PublishAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, string processId, string trackId, CancellationToken ct = default)
    {
        if (!viewer.IsOpga && viewer != Viewer.System)
        {
            return Error.Forbidden("The final list is published by the Office of the President of the General Assembly.");
        }
        var (list, track, def) = await LoadAsync(db, processId, trackId, tracking: true, ct);
        if (track is null || list is null)
        {
            return NoList;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (list.Status != ListStatus.Circulated || !list.DeadlinePassed(now))
        {
            return Error.Conflict(list.Status == ListStatus.Published ? "The final list is already published." : "The final list is published after the deadline for objections.");
        }
        var objected = (await db.Objections.Where(o => o.ListId == list.Id).Select(o => o.ApplicationId).Distinct().ToListAsync(ct)).ToHashSet();
        var ids = list.Entries.Select(e => e.ApplicationId).ToList();
        var applications = await db.Applications.Include(a => a.Organisation).Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        foreach (var a in applications)
        {
            var accredited = !objected.Contains(a.Id);
            a.Decide(accredited ? ApplicationStatus.Accredited : ApplicationStatus.NotAccredited, viewer.Name,
                accredited ? "On the final list." : "Not on the final list after consideration by Member States.", now);
            await notifier.QueueAsync(db, await Applications.FocalPointsAsync(db, a.Organisation!.Code, ct), Phrase.Of("Notice.FinalList", track.Name),
                accredited ? Phrase.Of("Notice.OnFinalList", a.Organisation.Name, def!.Title) : Phrase.Of("Notice.NotOnFinalList", a.Organisation.Name), $"/organisations/{a.Organisation.Code}", ct);
        }
        list.Publish(now);
        db.ProcessDocuments.Add(new ProcessDocument(processId, track.ListDocument! + "-final", null,
            $"Proposed and final lists: {track.Name} ({ids.Count} proposed, {ids.Count - objected.Count} final)", DateOnly.FromDateTime(now), null, now));
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of("Notice.FinalList", track.Name), Phrase.Of("Notice.FinalListBody", def!.Title, track.Name), $"/accreditation/{processId}/lists/{trackId}", ct);
        db.AuditAction = "list.published";
        if (await db.SaveOrConflictAsync("The final list is being published at the same moment.", ct) is { } conflict)
        {
            return conflict;
        }
        await notifier.FlushAsync(ct);
        return await GetAsync(db, clock, viewer, processId, trackId, ct);
    }

    /// <summary>For the deadline watcher: warns Member States 48 hours before a deadline and publishes lists whose deadline passed.</summary>
    public static async Task<int> RunDeadlinesAsync(ParleyDb db, Notifier notifier, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        var lists = await db.StakeholderLists.Where(l => l.Status == ListStatus.Circulated).ToListAsync(ct);
        foreach (var list in lists)
        {
            if (list.DeadlinePassed(now))
            {
                db.ChangeTracker.Clear();
                done += (await PublishAsync(db, notifier, clock, Viewer.System, list.ProcessId, list.TrackId, ct)).IsSuccess ? 1 : 0;
            }
            else if (list.DeadlineUtc <= now.AddHours(48) && list.DeadlineNoticeSentAt is null)
            {
                await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of("Notice.DeadlineApproaching"), Phrase.Of("Notice.DeadlineApproachingBody", list.TrackId, list.DeadlineUtc), $"/accreditation/{list.ProcessId}/lists/{list.TrackId}", ct);
                list.DeadlineNoticeSent(now);
                db.AuditAction = "list.deadline-notice";
                await db.SaveChangesAsync(ct);
                await notifier.FlushAsync(ct);
                done++;
            }
        }
        return done;
    }

    /// <summary>The status an organisation shows the public for one application: pending until settled, then accredited or not.</summary>
    public static string PublicStatus(ApplicationStatus status, ListStatus? list, bool deadlinePassed, bool objected) => status switch
    {
        ApplicationStatus.Accredited => "accredited",
        ApplicationStatus.NotAccredited or ApplicationStatus.Rejected => "not-accredited",
        ApplicationStatus.Recommended when list == ListStatus.Circulated && deadlinePassed => objected ? "not-accredited" : "accredited",
        ApplicationStatus.Recommended when list == ListStatus.Circulated => "under-consideration",
        ApplicationStatus.Withdrawn => "withdrawn",
        _ => "pending",
    };
}
