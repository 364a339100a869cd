using System.Globalization;

namespace Parley.Features.Processes;

/// <summary>
/// A process run on Parley, defined by its modalities file. The current file is kept verbatim here (so the rules can be re-read
/// cheaply); every file ever loaded is a <see cref="ModalitiesVersion"/>, with the date from which it is in force.
/// </summary>
public sealed class NegotiationProcess
{
    private NegotiationProcess() { }

    public NegotiationProcess(string id, string title, string modalitiesYaml, DateTime loadedAt)
    {
        Id = id;
        Title = title;
        ModalitiesYaml = modalitiesYaml;
        LoadedAt = loadedAt;
        CurrentVersion = 1;
    }

    public string Id { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string ModalitiesYaml { get; private set; } = "";
    public DateTime LoadedAt { get; private set; }

    /// <summary>The number of the modalities version now in force (1 for the file the process was created with).</summary>
    public int CurrentVersion { get; private set; }

    /// <summary>A corrected or amended file becomes the current one; the previous stays in the history.</summary>
    public ModalitiesVersion Amend(string title, string yaml, DateOnly inForceFrom, string by, string? note, DateTime at)
    {
        CurrentVersion++;
        Title = title;
        ModalitiesYaml = yaml;
        LoadedAt = at;
        return new ModalitiesVersion(Id, CurrentVersion, yaml, inForceFrom, by, note, at);
    }
}

/// <summary>One modalities file of a process, as loaded, and the date from which its rules apply (the report as of an earlier date
/// reads the version in force then).</summary>
public sealed class ModalitiesVersion
{
    private ModalitiesVersion() { }

    public ModalitiesVersion(string processId, int number, string yaml, DateOnly inForceFrom, string loadedBy, string? note, DateTime loadedAt)
    {
        ProcessId = processId;
        Number = number;
        Yaml = yaml;
        Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(yaml))).ToLowerInvariant();
        InForceFrom = inForceFrom;
        LoadedBy = loadedBy;
        Note = note;
        LoadedAt = loadedAt;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public int Number { get; private set; }
    public string Yaml { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public DateOnly InForceFrom { get; private set; }
    public string LoadedBy { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTime LoadedAt { get; private set; }
}

public enum MeetingStatus
{
    Scheduled,
    Held,
    Cancelled,
}

/// <summary>
/// A meeting of a series. Its days need not be contiguous. Each change is kept as a revision,
/// so the compliance report can be evaluated as of any date with what was recorded by then.
/// </summary>
public sealed class Meeting
{
    private readonly List<MeetingRevision> _revisions = [];

    private Meeting() { }

    public Meeting(string processId, string seriesId, int? slot, MeetingFacts facts, string actor, DateTime now, DateTime? enteredAt = null)
    {
        ProcessId = processId;
        SeriesId = seriesId;
        Slot = slot;
        Apply(facts, actor, now, enteredAt);
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string SeriesId { get; private set; } = "";

    /// <summary>Which planned meeting of the series this is (1-based), when it is one the modalities foresee.</summary>
    public int? Slot { get; private set; }

    public string Title { get; private set; } = "";
    public string VenueCode { get; private set; } = "";
    public string VenueName { get; private set; } = "";
    public string TimeZone { get; private set; } = "UTC";
    public string DaysText { get; private set; } = "";
    public int ExpertPanels { get; private set; }
    public bool InteractiveExchange { get; private set; }
    public string? Chair { get; private set; }
    public string? Interpretation { get; private set; }
    public MeetingStatus Status { get; private set; }

    /// <summary>In person, hybrid or virtual.</summary>
    public MeetingFormat Format { get; private set; }

    /// <summary>The dates are known only approximately (e.g. "November 2017" from a report); the report says so.</summary>
    public bool Approximate { get; private set; }

    /// <summary>Optimistic concurrency: a second writer with a stale version gets a conflict.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<MeetingRevision> Revisions => _revisions;

    public IReadOnlyList<DateOnly> Days => ParseDays(DaysText);

    /// <summary>A change as known at <paramref name="now"/>; <paramref name="enteredAt"/> is when it was really typed in, when that was later.</summary>
    public void Apply(MeetingFacts facts, string actor, DateTime now, DateTime? enteredAt = null)
    {
        Title = facts.Title;
        VenueCode = facts.VenueCode;
        VenueName = facts.VenueName;
        TimeZone = facts.TimeZone;
        DaysText = FormatDays(facts.Days, facts.HalfDays);
        ExpertPanels = facts.ExpertPanels;
        InteractiveExchange = facts.InteractiveExchange;
        Chair = facts.Chair;
        Interpretation = facts.Interpretation;
        Status = facts.Status;
        Format = facts.Format;
        Approximate = facts.Approximate;
        Version++;
        _revisions.Add(new MeetingRevision(facts, DaysText, actor, now, enteredAt));
    }

    public MeetingFacts Facts => new(Title, VenueCode, VenueName, TimeZone, Days, ExpertPanels, InteractiveExchange, Chair, Interpretation, Status, HalfDays, Format, Approximate);

    /// <summary>The days as stored: "2030-04-08,2030-04-09/h" — a day sat for half a day carries "/h".</summary>
    public static string FormatDays(IEnumerable<DateOnly> days, IEnumerable<DateOnly>? halfDays = null)
    {
        var half = (halfDays ?? []).ToHashSet();
        return string.Join(',', days.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (half.Contains(d) ? "/h" : "")));
    }

    public static IReadOnlyList<DateOnly> ParseDays(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(d => DateOnly.ParseExact(d[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

    public static IReadOnlyList<DateOnly> ParseHalfDays(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Where(d => d.EndsWith("/h", StringComparison.Ordinal))
            .Select(d => DateOnly.ParseExact(d[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

    /// <summary>The days of the meeting sat for half a day only.</summary>
    public IReadOnlyList<DateOnly> HalfDays => ParseHalfDays(DaysText);
}

public sealed record MeetingFacts(string Title, string VenueCode, string VenueName, string TimeZone, IReadOnlyList<DateOnly> Days,
    int ExpertPanels, bool InteractiveExchange, string? Chair, string? Interpretation, MeetingStatus Status, IReadOnlyList<DateOnly>? HalfDays = null,
    MeetingFormat Format = MeetingFormat.InPerson, bool Approximate = false);

/// <summary>How delegations take part in a meeting.</summary>
public enum MeetingFormat { InPerson, Hybrid, Virtual }

public sealed class MeetingRevision
{
    private MeetingRevision() { }

    internal MeetingRevision(MeetingFacts facts, string daysText, string actor, DateTime recordedAt, DateTime? enteredAt = null)
    {
        EnteredAt = enteredAt;
        Title = facts.Title;
        VenueCode = facts.VenueCode;
        DaysText = daysText;
        ExpertPanels = facts.ExpertPanels;
        InteractiveExchange = facts.InteractiveExchange;
        Status = facts.Status;
        Approximate = facts.Approximate;
        RecordedBy = actor;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int MeetingId { get; private set; }
    public string Title { get; private set; } = "";
    public string VenueCode { get; private set; } = "";
    public string DaysText { get; private set; } = "";
    public int ExpertPanels { get; private set; }
    public bool InteractiveExchange { get; private set; }
    public MeetingStatus Status { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public bool Approximate { get; private set; }

    /// <summary>When the fact was really entered, if after the date it is recorded as known (a history replayed later).</summary>
    public DateTime? EnteredAt { get; private set; }
}

/// <summary>Someone appointed to a role the modalities define (co-facilitator, Secretary-General of the Conference…).</summary>
public sealed class Appointment
{
    private Appointment() { }

    public Appointment(string processId, string roleId, string holder, string? stateIso3, string appointedBy, DateOnly appointedOn, DateOnly? endsOn, DateTime recordedAt,
        DateTime? enteredAt = null)
    {
        EnteredAt = enteredAt;
        ProcessId = processId;
        RoleId = roleId;
        Holder = holder;
        StateIso3 = stateIso3;
        AppointedBy = appointedBy;
        AppointedOn = appointedOn;
        EndsOn = endsOn;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string RoleId { get; private set; } = "";
    public string Holder { get; private set; } = "";
    public string? StateIso3 { get; private set; }
    public string AppointedBy { get; private set; } = "";
    public DateOnly AppointedOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>When the fact was really entered, if after the date it is recorded as known (a history replayed later).</summary>
    public DateTime? EnteredAt { get; private set; }

    /// <summary>Corrects what was recorded, or records that the appointment ended. An appointment ends on or after it starts.</summary>
    public Common.Error? Correct(string holder, string? stateIso3, DateOnly appointedOn, DateOnly? endsOn)
    {
        if (endsOn < appointedOn)
        {
            return Common.Error.Validation("endedOn", "An appointment ends on or after the day it starts.");
        }
        (Holder, StateIso3, AppointedOn, EndsOn) = (holder, stateIso3, appointedOn, endsOn);
        return null;
    }
}

/// <summary>A later decision that changes a rule ("unless otherwise agreed"), with the paragraphs it amends.</summary>
public sealed class Decision
{
    private Decision() { }

    public Decision(string processId, string symbol, string title, DateOnly adoptedOn, IEnumerable<string> amends, string? note, DateTime recordedAt,
        IReadOnlyList<Replan>? replans = null, DateTime? enteredAt = null)
    {
        EnteredAt = enteredAt;
        ReplansText = replans is { Count: > 0 } ? System.Text.Json.JsonSerializer.Serialize(replans) : null;
        ProcessId = processId;
        Symbol = symbol;
        Title = title;
        AdoptedOn = adoptedOn;
        AmendsText = string.Join(',', amends.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct());
        Note = note;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string Symbol { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly AdoptedOn { get; private set; }
    public string AmendsText { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>When the fact was really entered, if after the date it is recorded as known (a history replayed later).</summary>
    public DateTime? EnteredAt { get; private set; }

    public IReadOnlyList<string> Amends => AmendsText.Length == 0 ? [] : AmendsText.Split(',');

    /// <summary>Meetings the decision moves or adds (JSON of <see cref="Replan"/>).</summary>
    public string? ReplansText { get; private set; }

    public IReadOnlyList<Replan> Replans => ReplansText is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Replan>>(ReplansText) ?? [];
}

/// <summary>
/// A meeting a decision moves (an existing slot of a series to new dates) or adds (a new slot): where and when it is now planned.
/// </summary>
public sealed record Replan(string Series, int Slot, bool Added, DateOnly From, DateOnly To, int? Days, string? Venue, string? Theme);

/// <summary>A document of the process: the minimal record the documents work will extend.</summary>
public sealed class ProcessDocument
{
    private ProcessDocument() { }

    public ProcessDocument(string processId, string type, string? symbol, string title, DateOnly publishedOn, int? meetingId, DateTime recordedAt,
        DateTime? enteredAt = null)
    {
        EnteredAt = enteredAt;
        ProcessId = processId;
        Type = type;
        Symbol = symbol;
        Title = title;
        PublishedOn = publishedOn;
        MeetingId = meetingId;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string? Symbol { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly PublishedOn { get; private set; }
    public int? MeetingId { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>When the fact was really entered, if after the date it is recorded as known (a history replayed later).</summary>
    public DateTime? EnteredAt { get; private set; }

    /// <summary>The document this record corrects (its earlier record stays, ended at <see cref="EndedAt"/> of that one).</summary>
    public int? CorrectsId { get; private set; }

    /// <summary>When this record stopped counting: replaced by a correction, or withdrawn (<see cref="WithdrawnReason"/>).</summary>
    public DateTime? EndedAt { get; private set; }
    public string? WithdrawnReason { get; private set; }

    public bool IsCurrent => EndedAt is null;

    /// <summary>For a corrigendum, addendum or revision: the symbol of the document it relates to, and how.</summary>
    public string? RelatesTo { get; internal set; }
    public string? Relation { get; internal set; }

    /// <summary>A corrected record of this document, as known from <paramref name="at"/>; this one stays in the history, ended then.</summary>
    public Common.Result<ProcessDocument> Correct(string type, string? symbol, string title, DateOnly publishedOn, int? meetingId, DateTime at, DateTime? enteredAt)
    {
        if (EndedAt is not null)
        {
            return Common.Error.Conflict("This record was already corrected or withdrawn; correct the current one.");
        }
        EndedAt = at;
        return new ProcessDocument(ProcessId, type, symbol, title, publishedOn, meetingId, at, enteredAt) { CorrectsId = Id, RelatesTo = RelatesTo, Relation = Relation };
    }

    /// <summary>The document no longer counts from <paramref name="at"/> (issued in error, recalled); its record stays.</summary>
    public Common.Error? Withdraw(string reason, DateTime at)
    {
        if (EndedAt is not null)
        {
            return Common.Error.Conflict("This record was already corrected or withdrawn.");
        }
        (EndedAt, WithdrawnReason) = (at, reason);
        return null;
    }
}

/// <summary>An official holiday of a duty station or host country; weekends are never working days.</summary>
public sealed class Holiday
{
    private Holiday() { }

    public Holiday(string calendar, DateOnly date, string name)
    {
        Calendar = calendar;
        Date = date;
        Name = name;
    }

    public int Id { get; private set; }
    public string Calendar { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
}
