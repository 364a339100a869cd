using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Processes;

namespace Parley.Features.Meetings;

/// <summary>
/// Registration for a meeting: a mission focal point registers its State's delegation; an accredited organisation's focal point
/// designates its representatives within the meeting's quota; the Secretariat approves (up to capacity, then a waiting list) or
/// refuses with a reason. Each participant gets a check-in code.
/// </summary>
public static class Registrations
{
    public sealed record PersonRequest(string? Name, string? Title, string? Role, string? Gender, bool ListPublicly = false);

    public sealed record RegisterRequest(IReadOnlyList<PersonRequest>? Participants);

    public sealed record PersonRow(int Id, string Name, string? Title, string Role, string Gender, bool ListPublicly, string? Token, DateTime? CheckedInAt);

    public sealed record RegistrationRow(int Id, int MeetingId, string Kind, string Code, string Label, string Status, string? Reason, DateTime SubmittedAt,
        IReadOnlyList<PersonRow> Participants, int Version, bool HasCredentials = false);

    public static async Task<Result<RegistrationRow>> RegisterAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, string? code, RegisterRequest r, CancellationToken ct = default)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return Error.NotFound("No such meeting.");
        }
        RegistrationKind kind;
        string who;
        var setup = await db.MeetingSetups.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == meetingId, ct) ?? new MeetingSetup();
        var people = r.Participants ?? [];
        if (viewer.Kind is PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate)
        {
            who = (code ?? viewer.StateIso3 ?? "").Trim().ToUpperInvariant();
            if (!viewer.FocalPoint || who != viewer.StateIso3)
            {
                return Error.Forbidden("A mission focal point registers its own State's delegation.");
            }
            kind = RegistrationKind.Delegation;
        }
        else if (viewer.Kind == PrincipalKind.Stakeholder && viewer.FocalPoint && viewer.OrganisationCode is { } org)
        {
            who = org;
            if (code is not null && code != org)
            {
                return Error.Forbidden("An organisation's focal point designates its own representatives.");
            }
            var def = (await ProcessQueries.FindAsync(db, meeting.ProcessId, ct))!.Value.Definition;
            if (def.FindSeries(meeting.SeriesId)?.OpenToStakeholders == false)
            {
                return Error.Forbidden("This meeting is intergovernmental: stakeholders do not register for it.");
            }
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == org, ct);
            if (organisation is null || !await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id && a.ProcessId == meeting.ProcessId && a.Status == ApplicationStatus.Accredited, ct))
            {
                return Error.Forbidden("Only organisations accredited to the process designate representatives.");
            }
            if (def.FindSeries(meeting.SeriesId)?.InvitationOnly == true && !await db.MeetingInvitations.AnyAsync(i => i.MeetingId == meetingId && i.OrganisationCode == org, ct))
            {
                return Error.Forbidden("This meeting is by invitation of the co-facilitators; your organisation is not invited.");
            }
            if (people.Count > setup.StakeholderQuota)
            {
                return Error.Validation("participants", $"At most {setup.StakeholderQuota} representatives per organisation for this meeting.");
            }
            kind = RegistrationKind.Organisation;
        }
        else
        {
            return Error.Forbidden("Delegations and accredited organisations register for meetings.");
        }
        var errors = new FieldErrors();
        if (people.Count is 0 or > 100)
        {
            errors.Add("participants", "Name between 1 and 100 participants.");
        }
        var participants = new List<Participant>();
        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 200 || p.Title is { Length: > 200 } || !PlainText.IsClean(p.Name) || !PlainText.IsClean(p.Title))
            {
                errors.Add("participants", $"Participant {i + 1}: a name of at most 200 visible characters (and a title of at most 200), without control, direction-override or invisible characters.");
            }
            var role = p.Role?.Trim().ToLowerInvariant() switch
            {
                "head-of-delegation" => ParticipantRole.HeadOfDelegation,
                "delegate" or null or "" => kind == RegistrationKind.Organisation ? ParticipantRole.Representative : ParticipantRole.Delegate,
                "adviser" => ParticipantRole.Adviser,
                "representative" => ParticipantRole.Representative,
                _ => (ParticipantRole?)null,
            };
            if (role is null)
            {
                errors.Add("participants", $"Participant {i + 1}: role is head-of-delegation, delegate, adviser or representative.");
            }
            if (!Enum.TryParse<Gender>(p.Gender ?? "undisclosed", true, out var gender) || int.TryParse(p.Gender, out _))
            {
                errors.Add("participants", $"Participant {i + 1}: say the gender (female, male, other), or that it is not stated (undisclosed); nothing is assumed.");
            }
            participants.Add(new Participant { Name = p.Name?.Trim() ?? "", Title = p.Title?.Trim(), Role = role ?? ParticipantRole.Delegate, Gender = gender, ListPublicly = p.ListPublicly, Token = NewToken() });
        }
        if (kind == RegistrationKind.Delegation && participants.Count(p => p.Role == ParticipantRole.HeadOfDelegation) != 1)
        {
            errors.Add("participants", "A delegation has exactly one head of delegation.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (await db.MeetingRegistrations.AnyAsync(x => x.MeetingId == meetingId && x.Code == who && x.Status != RegistrationStatus.Withdrawn && x.Status != RegistrationStatus.Refused, ct))
        {
            return Error.Conflict("Already registered for this meeting; withdraw the registration to replace it.");
        }
        var registration = new MeetingRegistration
        {
            MeetingId = meetingId, Kind = kind, Code = who, Status = RegistrationStatus.Pending, SubmittedBy = viewer.UserId ?? "", SubmittedAt = clock.GetUtcNow().UtcDateTime,
            Participants = participants,
        };
        db.MeetingRegistrations.Add(registration);
        db.AuditAction = "registration.submitted";
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, registration, viewer, ct);
    }

    public sealed record SetupRequest(int? Capacity, int? StakeholderQuota, string? Languages, bool InterpretationAsAvailable, int? SpeakingSeconds = null);

    /// <summary>The Secretariat sets a meeting's capacity, the quota per organisation, interpretation and the default speaking time.</summary>
    public static async Task<Result<MeetingSetup>> SetupAsync(ParleyDb db, Viewer viewer, int meetingId, SetupRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat sets up meetings.");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct))
        {
            return Error.NotFound("No such meeting.");
        }
        var errors = new FieldErrors();
        if (r.Capacity is < 1 or > 100_000)
        {
            errors.Add("capacity", "Between 1 and 100,000, or empty for no limit.");
        }
        if (r.StakeholderQuota is < 1 or > 20)
        {
            errors.Add("stakeholderQuota", "Between 1 and 20.");
        }
        if (r.Languages is { Length: > 300 })
        {
            errors.Add("languages", "At most 300 characters.");
        }
        if (r.SpeakingSeconds is < 10 or > 3600)
        {
            errors.Add("speakingSeconds", "Between 10 and 3,600 seconds.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var setup = await db.MeetingSetups.FirstOrDefaultAsync(s => s.MeetingId == meetingId, ct);
        if (setup is null)
        {
            setup = new MeetingSetup { MeetingId = meetingId };
            db.MeetingSetups.Add(setup);
        }
        setup.Capacity = r.Capacity;
        setup.StakeholderQuota = r.StakeholderQuota ?? setup.StakeholderQuota;
        setup.Languages = string.IsNullOrWhiteSpace(r.Languages) ? setup.Languages : r.Languages.Trim();
        setup.InterpretationAsAvailable = r.InterpretationAsAvailable;
        setup.SpeakingSeconds = r.SpeakingSeconds ?? setup.SpeakingSeconds;
        db.AuditAction = "meeting.setup-saved";
        await db.SaveChangesAsync(ct);
        return setup;
    }

    /// <summary>The note verbale or credentials letter of a registration: PDF or DOCX checked by content, 5 MB, by whoever submitted it.</summary>
    public static async Task<Result<RegistrationRow>> UploadCredentialsAsync(ParleyDb db, FileStore files, Viewer viewer, int registrationId,
        string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        var registration = await db.MeetingRegistrations.Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        var own = viewer.Kind == PrincipalKind.Stakeholder ? viewer.OrganisationCode : viewer.StateIso3;
        if (registration is null || !(viewer.IsSecretariat || (viewer.FocalPoint && registration.Code == own)))
        {
            return Error.NotFound("No such registration.");
        }
        var stored = await UploadedFiles.StoreAsync(files, fileName, content, length, "the note verbale or credentials", ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }
        registration.CredentialsFile = stored.Value.StorageName;
        registration.CredentialsName = stored.Value.FileName;
        registration.Version++;
        db.AuditAction = "registration.credentials-uploaded";
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, registration, viewer, ct);
    }

    public static async Task<Result<(string Path, string Name, string ContentType)>> CredentialsAsync(ParleyDb db, FileStore files, Viewer viewer,
        int registrationId, CancellationToken ct = default)
    {
        var registration = await db.MeetingRegistrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        var own = viewer.Kind == PrincipalKind.Stakeholder ? viewer.OrganisationCode : viewer.StateIso3;
        if (registration?.CredentialsFile is null || !(viewer.IsSecretariat || registration.Code == own))
        {
            return Error.NotFound("No credentials.");
        }
        var name = registration.CredentialsName ?? "credentials.pdf";
        return (files.PathOf(registration.CredentialsFile), name, UploadedFiles.ContentTypeOf(name));
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public sealed record DecisionRequest(string? Decision, string? Reason, int? Version);

    /// <summary>The Secretariat approves (or, at capacity, waitlists) or refuses with a reason; a refusal frees places for the waiting list.</summary>
    public static async Task<Result<RegistrationRow>> DecideAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int registrationId, DecisionRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat approves registrations.");
        }
        var registration = await db.MeetingRegistrations.Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == registrationId, ct);
        if (registration is null)
        {
            return Error.NotFound("No such registration.");
        }
        if (r.Decision is not ("approve" or "refuse"))
        {
            return Error.Validation("decision", "Use approve or refuse.");
        }
        if (r.Decision == "refuse" && string.IsNullOrWhiteSpace(r.Reason))
        {
            return Error.Validation("reason", "Give the reason for the refusal.");
        }
        if (r.Version is { } v && v != registration.Version)
        {
            return Error.Conflict("Someone decided this registration since you read it.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var setup = await db.MeetingSetups.AsNoTracking().FirstOrDefaultAsync(s => s.MeetingId == registration.MeetingId, ct) ?? new MeetingSetup();
        if (r.Decision == "approve")
        {
            var taken = await ApprovedPeopleAsync(db, registration.MeetingId, ct);
            registration.Status = setup.Capacity is { } cap && taken + registration.Participants.Count > cap ? RegistrationStatus.Waitlisted : RegistrationStatus.Approved;
            registration.Reason = registration.Status == RegistrationStatus.Waitlisted ? $"The meeting is at capacity ({setup.Capacity}); on the waiting list." : null;
        }
        else
        {
            registration.Status = RegistrationStatus.Refused;
            registration.Reason = r.Reason!.Trim();
        }
        registration.DecidedBy = viewer.Name;
        registration.DecidedAt = now;
        registration.Version++;
        await notifier.QueueAsync(db, [registration.SubmittedBy], Phrase.Of("Notice.Registration." + registration.Status.ToString().ToLowerInvariant()),
            registration.Reason is { } reason ? Phrase.Verbatim(reason) : Phrase.Of("Notice.RegistrationApprovedBody"), null, ct);
        db.AuditAction = "registration.decided";
        if (await db.SaveOrConflictAsync("Someone decided this registration at the same moment; reload it.", ct) is { } conflict)
        {
            return conflict;
        }
        if (registration.Status == RegistrationStatus.Refused)
        {
            await PromoteWaitingAsync(db, notifier, registration.MeetingId, setup, ct);
        }
        await notifier.FlushAsync(ct);
        return await RowAsync(db, registration, viewer, ct);
    }

    private static async Task<int> ApprovedPeopleAsync(ParleyDb db, int meetingId, CancellationToken ct) =>
        await db.MeetingRegistrations.Where(x => x.MeetingId == meetingId && x.Status == RegistrationStatus.Approved).SelectMany(x => x.Participants).CountAsync(ct);

    private static async Task PromoteWaitingAsync(ParleyDb db, Notifier notifier, int meetingId, MeetingSetup setup, CancellationToken ct)
    {
        var waiting = await db.MeetingRegistrations.Include(x => x.Participants).Where(x => x.MeetingId == meetingId && x.Status == RegistrationStatus.Waitlisted)
            .OrderBy(x => x.SubmittedAt).ToListAsync(ct);
        var taken = await ApprovedPeopleAsync(db, meetingId, ct);
        foreach (var w in waiting)
        {
            if (setup.Capacity is { } cap && taken + w.Participants.Count > cap)
            {
                break;
            }
            w.Status = RegistrationStatus.Approved;
            w.Reason = null;
            w.Version++;
            taken += w.Participants.Count;
            await notifier.QueueAsync(db, [w.SubmittedBy], Phrase.Of("Notice.Registration.approved"), Phrase.Of("Notice.PlaceFreed"), null, ct);
        }
        db.AuditAction = "registration.promoted";
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Check-in by a participant's code (scanned from the badge); the Secretariat only, once.</summary>
    public static async Task<Result<PersonRow>> CheckInAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string token, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat checks participants in.");
        }
        var participant = await db.Set<Participant>().FirstOrDefaultAsync(p => p.Token == token, ct);
        var registration = participant is null ? null : await db.MeetingRegistrations.AsNoTracking().FirstAsync(x => x.Id == participant.RegistrationId, ct);
        if (participant is null || registration!.Status != RegistrationStatus.Approved)
        {
            return Error.NotFound("No approved participant with this code.");
        }
        if (participant.CheckedInAt is not null)
        {
            return Error.Conflict($"{participant.Name} checked in at {participant.CheckedInAt:HH:mm} UTC already.");
        }
        participant.CheckedInAt = clock.GetUtcNow().UtcDateTime;
        db.AuditAction = "registration.checked-in";
        await db.SaveChangesAsync(ct);
        return ToPerson(participant, withToken: false);
    }

    public sealed record PublicParticipant(string Delegation, string Name, string? Title, string Role);

    /// <summary>The list of participants: the Secretariat sees everyone; the public sees approved participants who chose to appear.</summary>
    public static async Task<IReadOnlyList<PublicParticipant>> ParticipantsAsync(ParleyDb db, Viewer viewer, int meetingId, CancellationToken ct = default)
    {
        var registrations = await db.MeetingRegistrations.AsNoTracking().Include(x => x.Participants)
            .Where(x => x.MeetingId == meetingId && x.Status == RegistrationStatus.Approved).ToListAsync(ct);
        var labels = await LabelsAsync(db, registrations, ct);
        return registrations.OrderBy(x => x.Kind).ThenBy(x => labels[x.Code], StringComparer.OrdinalIgnoreCase)
            .SelectMany(x => x.Participants.Where(p => viewer.IsSecretariat || p.ListPublicly).OrderBy(p => p.Role)
                .Select(p => new PublicParticipant(labels[x.Code], p.Name, p.Title, p.Role.ToString())))
            .ToList();
    }

    public static async Task<IReadOnlyList<RegistrationRow>> ListAsync(ParleyDb db, Viewer viewer, int meetingId, CancellationToken ct = default)
    {
        var query = db.MeetingRegistrations.AsNoTracking().Include(x => x.Participants).Where(x => x.MeetingId == meetingId);
        if (!viewer.IsSecretariat)
        {
            var own = viewer.Kind == PrincipalKind.Stakeholder ? viewer.OrganisationCode : viewer.StateIso3;
            query = query.Where(x => x.Code == own);
        }
        var list = await query.OrderBy(x => x.SubmittedAt).ToListAsync(ct);
        var labels = await LabelsAsync(db, list, ct);
        return list.Select(x => ToRow(x, labels[x.Code], viewer)).ToList();
    }

    private static async Task<Dictionary<string, string>> LabelsAsync(ParleyDb db, IEnumerable<MeetingRegistration> registrations, CancellationToken ct)
    {
        var codes = registrations.Select(x => x.Code).Distinct().ToList();
        var states = await db.States.AsNoTracking().Where(s => codes.Contains(s.Iso3)).ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        var orgs = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        return codes.ToDictionary(c => c, c => states.GetValueOrDefault(c) ?? orgs.GetValueOrDefault(c) ?? c);
    }

    private static async Task<RegistrationRow> RowAsync(ParleyDb db, MeetingRegistration x, Viewer viewer, CancellationToken ct) =>
        ToRow(x, (await LabelsAsync(db, [x], ct))[x.Code], viewer);

    private static RegistrationRow ToRow(MeetingRegistration x, string label, Viewer viewer) => new(x.Id, x.MeetingId, x.Kind.ToString().ToLowerInvariant(), x.Code, label,
        x.Status.ToString().ToLowerInvariant(), x.Reason, x.SubmittedAt,
        x.Participants.Select(p => ToPerson(p, withToken: x.Status == RegistrationStatus.Approved)).ToList(), x.Version, x.CredentialsFile is not null);

    private static PersonRow ToPerson(Participant p, bool withToken) => new(p.Id, p.Name, p.Title, p.Role.ToString(), p.Gender.ToString().ToLowerInvariant(), p.ListPublicly,
        withToken ? p.Token : null, p.CheckedInAt);
}
