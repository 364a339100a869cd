using Parley.Features.Accreditation;

namespace Parley.Features.Meetings;

public enum PanelKind { ExpertPanel, InteractiveExchange }

public enum Perspective { Origin, Transit, Destination }

/// <summary>An expert panel or the interactive exchange of a meeting, with its moderator (a Member State) and panellists (§16-17).</summary>
public sealed class Panel
{
    public int Id { get; internal set; }
    public int MeetingId { get; internal set; }
    public PanelKind Kind { get; internal set; }
    public string Title { get; internal set; } = "";
    public string? ModeratorIso3 { get; internal set; }
    public DateOnly? ModeratorAppointedOn { get; internal set; }
    public string? ModeratorAppointedBy { get; internal set; }
    public List<Panellist> Panellists { get; internal set; } = [];
}

public sealed class Panellist
{
    public int Id { get; internal set; }
    public int PanelId { get; internal set; }
    public string Name { get; internal set; } = "";
    public string? Affiliation { get; internal set; }
    public string CountryIso3 { get; internal set; } = "";
    public Gender Gender { get; internal set; }
    public Perspective Perspective { get; internal set; }
}

/// <summary>How a meeting is run: capacity, the quota per organisation, interpretation, speaking time, whether the list is open.</summary>
public sealed class MeetingSetup
{
    public int MeetingId { get; internal set; }
    public int? Capacity { get; internal set; }
    public int StakeholderQuota { get; internal set; } = 2;
    public string Languages { get; internal set; } = "Arabic, Chinese, English, French, Russian, Spanish";
    public bool InterpretationAsAvailable { get; internal set; }
    public int SpeakingSeconds { get; internal set; } = 180;
    public bool ListOpen { get; internal set; } = true;
}

public enum RegistrationKind { Delegation, Organisation }

public enum RegistrationStatus { Pending, Approved, Waitlisted, Refused, Withdrawn }

/// <summary>A State's delegation or an organisation's representatives for a meeting, approved by the Secretariat.</summary>
public sealed class MeetingRegistration
{
    public int Id { get; internal set; }
    public int MeetingId { get; internal set; }
    public RegistrationKind Kind { get; internal set; }
    public string Code { get; internal set; } = "";
    public RegistrationStatus Status { get; internal set; }
    public string? Reason { get; internal set; }
    public string SubmittedBy { get; internal set; } = "";
    public DateTime SubmittedAt { get; internal set; }
    public string? DecidedBy { get; internal set; }
    public DateTime? DecidedAt { get; internal set; }
    public string? CredentialsFile { get; internal set; }
    public string? CredentialsName { get; internal set; }
    public int Version { get; internal set; }
    public List<Participant> Participants { get; internal set; } = [];
}

public enum ParticipantRole { HeadOfDelegation, Delegate, Adviser, Representative }

public sealed class Participant
{
    public int Id { get; internal set; }
    public int RegistrationId { get; internal set; }
    public string Name { get; internal set; } = "";
    public string? Title { get; internal set; }
    public ParticipantRole Role { get; internal set; }
    public Gender Gender { get; internal set; }
    public bool ListPublicly { get; internal set; }
    public string Token { get; internal set; } = "";
    public DateTime? CheckedInAt { get; internal set; }
}

/// <summary>Who speaks: protocol rank follows this order (groups first, then Member States by level, observers, UN entities, stakeholders).</summary>
public enum SpeakerCategory { Group, MemberState, ObserverState, IntergovernmentalOrganisation, UnEntity, Stakeholder }

public enum SpeakerLevel { HeadOfStateOrGovernment, Minister, ViceMinister, HeadOfDelegation, Other }

public enum InscriptionKind { Statement, PointOfOrder, RightOfReply }

public enum InscriptionStatus { Waiting, Speaking, Spoken, Withdrawn }

public sealed class Inscription
{
    public int Id { get; internal set; }
    public int MeetingId { get; internal set; }
    public string Code { get; internal set; } = "";
    public string Label { get; internal set; } = "";
    public SpeakerCategory Category { get; internal set; }
    public SpeakerLevel Level { get; internal set; }
    public string? SpeakerName { get; internal set; }
    public InscriptionKind Kind { get; internal set; }
    public InscriptionStatus Status { get; internal set; }
    public double Order { get; internal set; }
    public string InscribedBy { get; internal set; } = "";
    public DateTime InscribedAt { get; internal set; }
    public DateTime? StartedAt { get; internal set; }
    public DateTime? EndedAt { get; internal set; }
    public int? TimeLimitSeconds { get; internal set; }
    public string? StatementFile { get; internal set; }
    public string? StatementName { get; internal set; }
}
