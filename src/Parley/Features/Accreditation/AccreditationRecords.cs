namespace Parley.Features.Accreditation;

public enum OrganisationType
{
    Ngo,
    CivilSociety,
    Academic,
    PrivateSector,
    Diaspora,
    MigrantOrganisation,
    Nhri,
    Parliament,
    LocalAuthority,
    Intergovernmental,
    UnEntity,
}

public enum Gender { Female, Male, Other, Undisclosed }

/// <summary>A stakeholder organisation with its headquarters (whose regional group counts for balance) and its representatives.</summary>
public sealed class Organisation
{
    private readonly List<Representative> _representatives = [];

    private Organisation() { }

    public Organisation(string code, string name, string? acronym, OrganisationType type, string countryIso3, string? website, string email, DateTime createdAt)
    {
        Code = code;
        CreatedAt = createdAt;
        Update(name, acronym, type, countryIso3, website, email);
    }

    public int Id { get; private set; }

    /// <summary>Stable public code, also carried by the focal point's account.</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public string? Acronym { get; private set; }
    public OrganisationType Type { get; private set; }
    public string CountryIso3 { get; private set; } = "";
    public string? Website { get; private set; }
    public string Email { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public IReadOnlyList<Representative> Representatives => _representatives;

    public void Update(string name, string? acronym, OrganisationType type, string countryIso3, string? website, string email)
    {
        Name = name;
        NormalizedName = OrganisationNames.Normalize(name);
        Acronym = acronym;
        Type = type;
        CountryIso3 = countryIso3;
        Website = website;
        Email = email;
    }

    public Representative AddRepresentative(string name, string? title, Gender gender, string? nationalityIso3)
    {
        var r = new Representative(name, title, gender, nationalityIso3);
        _representatives.Add(r);
        return r;
    }

    public bool RemoveRepresentative(int id) => _representatives.RemoveAll(r => r.Id == id) > 0;
}

public sealed class Representative
{
    private Representative() { }

    internal Representative(string name, string? title, Gender gender, string? nationalityIso3)
    {
        Name = name;
        Title = title;
        Gender = gender;
        NationalityIso3 = nationalityIso3;
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Title { get; private set; }
    public Gender Gender { get; private set; }
    public string? NationalityIso3 { get; private set; }
}

/// <summary>One row of an imported verification list (ECOSOC consultative status, GANHRI accreditation).</summary>
public sealed class VerificationEntry
{
    private VerificationEntry() { }

    public VerificationEntry(string source, string name, string status, string? countryIso3, int? since, DateTime importedAt)
    {
        Source = source;
        Name = name;
        NormalizedName = OrganisationNames.Normalize(name);
        Status = status;
        CountryIso3 = countryIso3;
        Since = since;
        ImportedAt = importedAt;
    }

    public int Id { get; private set; }
    public string Source { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? CountryIso3 { get; private set; }
    public int? Since { get; private set; }
    public DateTime ImportedAt { get; private set; }
}

/// <summary>One import of a verification list: replaces the previous rows of that source; audited once, with the file's hash.</summary>
public sealed class ImportBatch
{
    private ImportBatch() { }

    public ImportBatch(string source, int rows, int rejected, string sha256, string importedBy, DateTime at)
    {
        Source = source;
        Rows = rows;
        Rejected = rejected;
        Sha256 = sha256;
        ImportedBy = importedBy;
        At = at;
    }

    public int Id { get; private set; }
    public string Source { get; private set; } = "";
    public int Rows { get; private set; }
    public int Rejected { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string ImportedBy { get; private set; } = "";
    public DateTime At { get; private set; }
}

public enum ApplicationStatus
{
    /// <summary>Registration received; no match on the verification list yet.</summary>
    AwaitingVerification,
    /// <summary>Special accreditation received; awaiting review.</summary>
    Submitted,
    /// <summary>Reviewed favourably; may be put on the proposer's list.</summary>
    Recommended,
    Rejected,
    Withdrawn,
    /// <summary>Registered (matched) or on a final list.</summary>
    Accredited,
    /// <summary>On a circulated list whose deadline passed with an objection to it.</summary>
    NotAccredited,
}

/// <summary>An organisation's request to take part through one track of a process.</summary>
public sealed class AccreditationApplication
{
    private readonly List<ApplicationNote> _notes = [];
    private readonly List<ApplicationFile> _files = [];

    private AccreditationApplication() { }

    public AccreditationApplication(string processId, string trackId, int organisationId, string? mandate, string? relevance, ApplicationStatus status, DateTime at)
    {
        ProcessId = processId;
        TrackId = trackId;
        OrganisationId = organisationId;
        Mandate = mandate;
        Relevance = relevance;
        Status = status;
        SubmittedAt = at;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public int OrganisationId { get; private set; }
    public Organisation? Organisation { get; private set; }
    public string? Mandate { get; private set; }
    public string? Relevance { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public int? MatchedEntryId { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionReason { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<ApplicationNote> Notes => _notes;
    public IReadOnlyList<ApplicationFile> Files => _files;

    public void Matched(VerificationEntry entry, DateTime at)
    {
        MatchedEntryId = entry.Id;
        Decide(ApplicationStatus.Accredited, "system", $"Matched to the {entry.Source} list ({entry.Name}, {entry.Status}).", at);
    }

    public void Decide(ApplicationStatus status, string by, string? reason, DateTime at)
    {
        Status = status;
        DecidedBy = by;
        DecisionReason = reason;
        DecidedAt = at;
        Version++;
    }

    public ApplicationNote AddNote(string author, string text, DateTime at)
    {
        var note = new ApplicationNote(author, text, at);
        _notes.Add(note);
        return note;
    }

    public ApplicationFile AddFile(string fileName, string contentType, long size, string sha256, string storageName, DateTime at)
    {
        var file = new ApplicationFile(fileName, contentType, size, sha256, storageName, at);
        _files.Add(file);
        return file;
    }
}

/// <summary>A reviewer's note: seen by the Secretariat and the OPGA only, never by the applicant or the public.</summary>
public sealed class ApplicationNote
{
    private ApplicationNote() { }

    internal ApplicationNote(string author, string text, DateTime at)
    {
        Author = author;
        Text = text;
        At = at;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Author { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTime At { get; private set; }
}

/// <summary>A document uploaded with an application, stored outside the web root under <see cref="StorageName"/>.</summary>
public sealed class ApplicationFile
{
    private ApplicationFile() { }

    internal ApplicationFile(string fileName, string contentType, long size, string sha256, string storageName, DateTime at)
    {
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StorageName = storageName;
        UploadedAt = at;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageName { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
}

public enum ListStatus { Composing, Circulated, Published }

/// <summary>
/// The proposer's list for a special track. Composed, then circulated to Member States with a deadline (UTC);
/// at the deadline the final list is the proposed list minus every name objected to.
/// </summary>
public sealed class StakeholderList
{
    private readonly List<ListEntry> _entries = [];

    private StakeholderList() { }

    public StakeholderList(string processId, string trackId)
    {
        ProcessId = processId;
        TrackId = trackId;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string TrackId { get; private set; } = "";
    public ListStatus Status { get; private set; }
    public DateTime? CirculatedAt { get; private set; }
    public DateTime? DeadlineUtc { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime? DeadlineNoticeSentAt { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<ListEntry> Entries => _entries;

    public bool DeadlinePassed(DateTime now) => DeadlineUtc is { } d && now >= d;

    public void Add(int applicationId)
    {
        if (_entries.All(e => e.ApplicationId != applicationId))
        {
            _entries.Add(new ListEntry(applicationId));
            Version++;
        }
    }

    public bool Remove(int applicationId)
    {
        var removed = _entries.RemoveAll(e => e.ApplicationId == applicationId) > 0;
        Version += removed ? 1 : 0;
        return removed;
    }

    public void Circulate(DateTime at, DateTime deadline)
    {
        Status = ListStatus.Circulated;
        CirculatedAt = at;
        DeadlineUtc = deadline;
        Version++;
    }

    public void Publish(DateTime at)
    {
        Status = ListStatus.Published;
        PublishedAt = at;
        Version++;
    }

    public void DeadlineNoticeSent(DateTime at) => DeadlineNoticeSentAt = at;
}

public sealed class ListEntry
{
    private ListEntry() { }

    internal ListEntry(int applicationId) => ApplicationId = applicationId;

    public int Id { get; private set; }
    public int ListId { get; private set; }
    public int ApplicationId { get; private set; }
}

/// <summary>A Member State's objection to a name on a circulated list. Confidential: see NonObjection for who may read it.</summary>
public sealed class Objection
{
    private Objection() { }

    public Objection(int listId, int applicationId, string stateIso3, string? basis, string lodgedBy, DateTime lodgedAt)
    {
        ListId = listId;
        ApplicationId = applicationId;
        StateIso3 = stateIso3;
        Basis = basis;
        LodgedBy = lodgedBy;
        LodgedAt = lodgedAt;
        Reference = NewReference();
    }

    public int Id { get; private set; }

    /// <summary>
    /// How the objection is named to its State: random, so that it does not tell (as a database id would) how many
    /// objections were lodged before it (decision 007).
    /// </summary>
    public string Reference { get; private set; } = "";

    public static string NewReference() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));

    public int ListId { get; private set; }
    public int ApplicationId { get; private set; }
    public string StateIso3 { get; private set; } = "";
    public string? Basis { get; private set; }
    public string LodgedBy { get; private set; } = "";
    public DateTime LodgedAt { get; private set; }
}

/// <summary>The OPGA shares what it received about a list with a Member State that asked (footnotes 1-2 of 71/280).</summary>
public sealed class ObjectionRelease
{
    private ObjectionRelease() { }

    public ObjectionRelease(int listId, string toStateIso3, string releasedBy, string? note, DateTime releasedAt)
    {
        ListId = listId;
        ToStateIso3 = toStateIso3;
        ReleasedBy = releasedBy;
        Note = note;
        ReleasedAt = releasedAt;
    }

    public int Id { get; private set; }
    public int ListId { get; private set; }
    public string ToStateIso3 { get; private set; } = "";
    public string ReleasedBy { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTime ReleasedAt { get; private set; }
}
