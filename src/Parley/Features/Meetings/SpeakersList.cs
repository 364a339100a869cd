using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Features.Texts;

namespace Parley.Features.Meetings;

/// <summary>
/// The list of speakers of a meeting. Inscriptions take their place by protocol: statements on behalf of groups, then Member States
/// by level (Head of State or Government, minister, vice-minister, head of delegation), then observer States, intergovernmental
/// organisations, UN entities and stakeholders; within a rank, first come first served. The chair may move anyone; a point of order
/// goes next; a right of reply goes to the end.
/// </summary>
public static class SpeakersList
{
    public sealed record Row(int Id, string Code, string Label, string Category, string Level, string Kind, string Status, double Order,
        string? SpeakerName, DateTime InscribedAt, DateTime? StartedAt, DateTime? EndedAt, int TimeLimitSeconds, bool HasStatement);

    public sealed record Snapshot(int MeetingId, string Title, bool ListOpen, int SpeakingSeconds, IReadOnlyList<Row> Speakers, DateTime At, long Sequence);

    /// <summary>Protocol rank: lower speaks earlier.</summary>
    public static int Rank(SpeakerCategory category, SpeakerLevel level) => category switch
    {
        SpeakerCategory.Group => 0,
        SpeakerCategory.MemberState => 1 + (int)level,
        SpeakerCategory.ObserverState => 10,
        SpeakerCategory.IntergovernmentalOrganisation => 11,
        SpeakerCategory.UnEntity => 12,
        SpeakerCategory.Stakeholder => 13,
    };

    /// <summary>The order value for a new statement: after the last waiting speaker of the same or a higher rank, before the first of a lower one.</summary>
    public static double PlaceFor(IReadOnlyList<Inscription> list, SpeakerCategory category, SpeakerLevel level)
    {
        var rank = Rank(category, level);
        var waiting = list.Where(i => i.Status == InscriptionStatus.Waiting && i.Kind == InscriptionKind.Statement).OrderBy(i => i.Order).ToList();
        var floor = list.Where(i => i.Status != InscriptionStatus.Waiting).Select(i => i.Order).DefaultIfEmpty(0).Max();
        var before = waiting.LastOrDefault(i => Rank(i.Category, i.Level) <= rank)?.Order ?? floor;
        var after = waiting.FirstOrDefault(i => i.Order > before && Rank(i.Category, i.Level) > rank)?.Order;
        return after is { } a ? (before + a) / 2 : before + 1;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> Sequences = new();

    public static async Task<Snapshot?> SnapshotAsync(ParleyDb db, int meetingId, TimeProvider clock, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.Id, m.Title }).FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return null;
        }
        var setup = await db.MeetingSetups.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId, ct) ?? new MeetingSetup { MeetingId = meetingId };
        var rows = await db.Inscriptions.AsNoTracking().Where(i => i.MeetingId == meetingId && i.Status != InscriptionStatus.Withdrawn).OrderBy(i => i.Order).ToListAsync(ct);
        return new Snapshot(meetingId, meeting.Title, setup.ListOpen, setup.SpeakingSeconds, rows.Select(i => ToRow(i, setup)).ToList(), clock.GetUtcNow().UtcDateTime,
            Sequences.AddOrUpdate(meetingId, 1, (_, n) => n + 1));
    }

    private static Row ToRow(Inscription i, MeetingSetup setup) => new(i.Id, i.Code, i.Label, Slug(i.Category.ToString()), Slug(i.Level.ToString()), Slug(i.Kind.ToString()),
        Slug(i.Status.ToString()), i.Order, i.SpeakerName, i.InscribedAt, i.StartedAt, i.EndedAt,
        i.TimeLimitSeconds ?? (i.Kind == InscriptionKind.Statement ? setup.SpeakingSeconds : 120), i.StatementFile is not null);

    private static string Slug(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public sealed record InscribeRequest(string? OnBehalfOf, string? Level, string? SpeakerName, string? Kind);

    /// <summary>
    /// A delegation inscribes (for its State, or a group its State may speak for); an organisation's focal point inscribes its
    /// organisation where the series is open to stakeholders and the organisation is accredited in the process.
    /// </summary>
    public static async Task<Result<Row>> InscribeAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, InscribeRequest r, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return Error.NotFound("No such meeting.");
        }
        var def = (await ProcessQueries.FindAsync(db, meeting.ProcessId, ct))!.Value.Definition;
        var series = def.FindSeries(meeting.SeriesId);
        var setup = await db.MeetingSetups.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId, ct) ?? new MeetingSetup();
        if (!setup.ListOpen)
        {
            return Error.Conflict("The list of speakers is closed.");
        }
        var kind = r.Kind?.Trim().ToLowerInvariant() switch { null or "" or "statement" => InscriptionKind.Statement, "right-of-reply" => InscriptionKind.RightOfReply, _ => (InscriptionKind?)null };
        if (kind is null)
        {
            return Error.Validation("kind", "Use statement or right-of-reply (points of order are raised by the chair).");
        }
        string code, label;
        SpeakerCategory category;
        var level = SpeakerLevel.Other;
        if (viewer.IsMemberStateDelegate || viewer.Kind == PrincipalKind.ObserverDelegate)
        {
            var acting = await Delegations.ActingForAsync(db, viewer, ct);
            code = (r.OnBehalfOf ?? viewer.StateIso3!).Trim().ToUpperInvariant();
            (string Code, bool IsGroup) who = viewer.Kind == PrincipalKind.ObserverDelegate ? (code == viewer.StateIso3 ? (code, false) : default) : acting.FirstOrDefault(a => a.Code == code);
            if (who.Code is null)
            {
                return Error.Forbidden($"You may inscribe for {string.Join(", ", acting.Where(a => a.IsGroup).Select(a => a.Code).Prepend(viewer.StateIso3))}, not for {code}.");
            }
            category = who.IsGroup ? SpeakerCategory.Group : viewer.Kind == PrincipalKind.ObserverDelegate ? SpeakerCategory.ObserverState : SpeakerCategory.MemberState;
            if (category == SpeakerCategory.MemberState)
            {
                level = r.Level?.Trim().ToLowerInvariant() switch
                {
                    "head-of-state-or-government" => SpeakerLevel.HeadOfStateOrGovernment,
                    "minister" => SpeakerLevel.Minister,
                    "vice-minister" => SpeakerLevel.ViceMinister,
                    "head-of-delegation" or null or "" => SpeakerLevel.HeadOfDelegation,
                    _ => (SpeakerLevel?)null,
                } ?? SpeakerLevel.Other;
                if (level == SpeakerLevel.Other)
                {
                    return Error.Validation("level", "Use head-of-state-or-government, minister, vice-minister or head-of-delegation.");
                }
            }
            label = who.IsGroup ? code : await db.States.AsNoTracking().Where(s => s.Iso3 == code).Select(s => s.Name).FirstAsync(ct);
        }
        else if (viewer.Kind == PrincipalKind.Stakeholder && viewer.OrganisationCode is { } org && viewer.FocalPoint)
        {
            if (series?.OpenToStakeholders == false)
            {
                return Error.Forbidden($"The {series.Name} are intergovernmental: stakeholders do not take the floor.");
            }
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == org, ct);
            var accredited = organisation is not null && await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id && a.ProcessId == meeting.ProcessId && a.Status == ApplicationStatus.Accredited, ct);
            if (!accredited)
            {
                return Error.Forbidden("Only organisations accredited to the process take the floor.");
            }
            code = org;
            label = organisation!.Name;
            category = organisation.Type == OrganisationType.UnEntity ? SpeakerCategory.UnEntity
                : organisation.Type == OrganisationType.Intergovernmental ? SpeakerCategory.IntergovernmentalOrganisation : SpeakerCategory.Stakeholder;
        }
        else
        {
            return Error.Forbidden("Delegations and accredited organisations inscribe on the list of speakers.");
        }
        if (r.SpeakerName is { Length: > 200 } || !PlainText.IsClean(r.SpeakerName))
        {
            return Error.Validation("speakerName", "At most 200 characters, " + PlainText.Message[0..1].ToLowerInvariant() + PlainText.Message[1..]);
        }
        var list = await db.Inscriptions.Where(i => i.MeetingId == meetingId).ToListAsync(ct);
        if (kind == InscriptionKind.Statement && list.Any(i => i.Code == code && i.Kind == InscriptionKind.Statement && i.Status is InscriptionStatus.Waiting or InscriptionStatus.Speaking))
        {
            return Error.Conflict($"{label} is already on the list.");
        }
        var inscription = new Inscription
        {
            MeetingId = meetingId, Code = code, Label = label, Category = category, Level = level, SpeakerName = string.IsNullOrWhiteSpace(r.SpeakerName) ? null : r.SpeakerName.Trim(),
            Kind = kind.Value, Status = InscriptionStatus.Waiting, InscribedBy = viewer.UserId ?? "", InscribedAt = clock.GetUtcNow().UtcDateTime,
            Order = kind == InscriptionKind.RightOfReply ? list.Select(i => i.Order).DefaultIfEmpty(0).Max() + 1 : PlaceFor(list, category, level),
        };
        db.Inscriptions.Add(inscription);
        db.AuditAction = "speakers.inscribed";
        await db.SaveChangesAsync(ct);
        return ToRow(inscription, setup);
    }

    /// <summary>
    /// The speaker's delegation (or the chair's team) uploads the statement: a PDF or DOCX checked by content, at most 5 MB, kept outside
    /// the web root. It is public once delivered; before that only its delegation and the chair's team may read it.
    /// </summary>
    public static async Task<Result<Row>> UploadStatementAsync(ParleyDb db, FileStore files, Viewer viewer, int meetingId, int inscriptionId,
        string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        var inscription = await db.Inscriptions.FirstOrDefaultAsync(i => i.Id == inscriptionId && i.MeetingId == meetingId, ct);
        if (inscription is null || !(IsChairTeam(viewer) || await SpeaksForAsync(db, viewer, inscription, ct)))
        {
            return Error.NotFound("No such inscription.");
        }
        var stored = await UploadedFiles.StoreAsync(files, fileName, content, length, "the statement", ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }
        inscription.StatementFile = stored.Value.StorageName;
        inscription.StatementName = stored.Value.FileName;
        db.AuditAction = "speakers.statement-uploaded";
        await db.SaveChangesAsync(ct);
        var setup = await db.MeetingSetups.AsNoTracking().FirstOrDefaultAsync(x => x.MeetingId == meetingId, ct) ?? new MeetingSetup();
        return ToRow(inscription, setup);
    }

    public static async Task<Result<(string Path, string Name, string ContentType)>> StatementAsync(ParleyDb db, FileStore files, Viewer viewer,
        int meetingId, int inscriptionId, CancellationToken ct = default)
    {
        var inscription = await db.Inscriptions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inscriptionId && i.MeetingId == meetingId, ct);
        if (inscription?.StatementFile is null
            || !(inscription.Status == InscriptionStatus.Spoken || IsChairTeam(viewer) || await SpeaksForAsync(db, viewer, inscription, ct)))
        {
            return Error.NotFound("No statement.");
        }
        var name = inscription.StatementName ?? "statement.pdf";
        return (files.PathOf(inscription.StatementFile), name, UploadedFiles.ContentTypeOf(name));
    }

    private static async Task<bool> SpeaksForAsync(ParleyDb db, Viewer viewer, Inscription inscription, CancellationToken ct) =>
        viewer.Kind == PrincipalKind.Stakeholder ? viewer.OrganisationCode == inscription.Code
        : (await Delegations.ActingForAsync(db, viewer, ct)).Any(a => a.Code == inscription.Code) || (viewer.Kind == PrincipalKind.ObserverDelegate && viewer.StateIso3 == inscription.Code);

    public static bool IsChairTeam(Viewer viewer) => viewer.IsSecretariat || viewer.IsCoFacilitator || viewer.IsOpga;

    public sealed record ChairRequest(string? Action, int? InscriptionId, int? Seconds, string? Code, string? Label, string? Category, string? Level);

    /// <summary>
    /// The chair's console: next (the current speaker ends, the next waiting one starts), start, end, up, down, withdraw,
    /// add (anyone, in protocol order), point-of-order (speaks next), time (limit for one speaker or, without id, the default), open, close.
    /// </summary>
    public static async Task<Result<bool>> ChairAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, ChairRequest r, CancellationToken ct = default)
    {
        if (!IsChairTeam(viewer))
        {
            return Error.Forbidden("Only the chair's team runs the list of speakers.");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct))
        {
            return Error.NotFound("No such meeting.");
        }
        if (r.Action == "add" && !Enum.TryParse<SpeakerCategory>(r.Category?.Replace("-", "", StringComparison.Ordinal), true, out _))
        {
            // Whom a speaker speaks for sets their place in the list (groups first, then States by level…): never assumed.
            return Error.Validation("category", "Say whom the speaker speaks for: group, member-state, observer-state, intergovernmental-organisation, un-entity or stakeholder.");
        }
        if (r.Action == "add" && Enum.TryParse<SpeakerCategory>(r.Category?.Replace("-", "", StringComparison.Ordinal), true, out var asked) && asked == SpeakerCategory.MemberState
            && !Enum.TryParse<SpeakerLevel>(r.Level?.Replace("-", "", StringComparison.Ordinal), true, out _))
        {
            // A State's level sets its place among the States: never assumed either.
            return Error.Validation("level", "Say at what level the State speaks: head-of-state-or-government, minister, vice-minister, head-of-delegation or other.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var list = await db.Inscriptions.Where(i => i.MeetingId == meetingId && i.Status != InscriptionStatus.Withdrawn).OrderBy(i => i.Order).ToListAsync(ct);
        var setup = await db.MeetingSetups.FirstOrDefaultAsync(s => s.MeetingId == meetingId, ct);
        if (setup is null)
        {
            setup = new MeetingSetup { MeetingId = meetingId };
            db.MeetingSetups.Add(setup);
        }
        Inscription? Target() => r.InscriptionId is { } id ? list.FirstOrDefault(i => i.Id == id) : null;
        var current = list.FirstOrDefault(i => i.Status == InscriptionStatus.Speaking);
        switch (r.Action?.Trim().ToLowerInvariant())
        {
            case "next":
                if (current is not null)
                {
                    current.Status = InscriptionStatus.Spoken;
                    current.EndedAt = now;
                }
                var next = list.FirstOrDefault(i => i.Status == InscriptionStatus.Waiting);
                if (next is not null)
                {
                    next.Status = InscriptionStatus.Speaking;
                    next.StartedAt = now;
                }
                break;
            case "start" when Target() is { Status: InscriptionStatus.Waiting } t:
                if (current is not null)
                {
                    current.Status = InscriptionStatus.Spoken;
                    current.EndedAt = now;
                }
                t.Status = InscriptionStatus.Speaking;
                t.StartedAt = now;
                break;
            case "end" when current is not null:
                current.Status = InscriptionStatus.Spoken;
                current.EndedAt = now;
                break;
            case "up" or "down" when Target() is { Status: InscriptionStatus.Waiting } t:
                var waiting = list.Where(i => i.Status == InscriptionStatus.Waiting).ToList();
                var index = waiting.IndexOf(t);
                var other = r.Action == "up" ? (index > 0 ? waiting[index - 1] : null) : (index < waiting.Count - 1 ? waiting[index + 1] : null);
                if (other is not null)
                {
                    (t.Order, other.Order) = (other.Order, t.Order);
                }
                break;
            case "withdraw" when Target() is { Status: InscriptionStatus.Waiting } t:
                t.Status = InscriptionStatus.Withdrawn;
                break;
            case "time" when r.Seconds is > 0 and <= 3600:
                if (Target() is { } timed)
                {
                    timed.TimeLimitSeconds = r.Seconds;
                }
                else
                {
                    setup.SpeakingSeconds = r.Seconds.Value;
                }
                break;
            case "open":
                setup.ListOpen = true;
                break;
            case "close":
                setup.ListOpen = false;
                break;
            case "add" or "point-of-order" when !string.IsNullOrWhiteSpace(r.Code) && !string.IsNullOrWhiteSpace(r.Label):
                var category = Enum.TryParse<SpeakerCategory>(r.Category?.Replace("-", "", StringComparison.Ordinal), true, out var c) ? c : SpeakerCategory.MemberState;
                var level = Enum.TryParse<SpeakerLevel>(r.Level?.Replace("-", "", StringComparison.Ordinal), true, out var l) ? l : SpeakerLevel.HeadOfDelegation;
                var pointOfOrder = r.Action == "point-of-order";
                var afterCurrent = list.Where(i => i.Status != InscriptionStatus.Waiting).Select(i => i.Order).DefaultIfEmpty(0).Max();
                var firstWaiting = list.Where(i => i.Status == InscriptionStatus.Waiting).Select(i => (double?)i.Order).FirstOrDefault();
                db.Inscriptions.Add(new Inscription
                {
                    MeetingId = meetingId, Code = r.Code.Trim().ToUpperInvariant(), Label = r.Label.Trim(), Category = category, Level = level,
                    Kind = pointOfOrder ? InscriptionKind.PointOfOrder : InscriptionKind.Statement, Status = InscriptionStatus.Waiting, InscribedBy = viewer.UserId ?? "", InscribedAt = now,
                    Order = pointOfOrder ? (firstWaiting is { } f ? (afterCurrent + f) / 2 : afterCurrent + 1) : PlaceFor(list, category, level),
                });
                break;
            default:
                return Error.Validation("action", "Use next, start, end, up, down, withdraw, add, point-of-order, time (1-3600 seconds), open or close, with what each needs.");
        }
        db.AuditAction = $"speakers.{r.Action}";
        await db.SaveChangesAsync(ct);
        return true;
    }
}
