namespace Parley.Features.Registry;

/// <summary>A State that may take part in a UN process: Member State, observer State, or member of specialized agencies.</summary>
public sealed class State
{
    private readonly List<LdcPeriod> _ldcPeriods = [];

    private State() { }

    public State(string iso3, string iso2, string m49, string name, string formalName, StateStatus status)
    {
        Iso3 = iso3;
        Iso2 = iso2;
        M49 = m49;
        Name = name;
        FormalName = formalName;
        Status = status;
    }

    public int Id { get; private set; }
    public string Iso3 { get; private set; } = "";
    public string Iso2 { get; private set; } = "";
    public string M49 { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string FormalName { get; private set; } = "";
    public StateStatus Status { get; private set; }

    /// <summary>UN regional group used for elections and consultations; none for observer States and non-members.</summary>
    public RegionalGroupCode? RegionalGroup { get; private set; }

    /// <summary>A second group the State participates in fully without electoral membership (e.g. Türkiye in APG).</summary>
    public RegionalGroupCode? AlsoParticipatesIn { get; private set; }

    public string? RegionalGroupNote { get; private set; }
    public bool IsLandlocked { get; private set; }
    public bool IsSmallIsland { get; private set; }
    public string Region { get; private set; } = "";
    public string SubRegion { get; private set; } = "";
    public string? IntermediateRegion { get; private set; }

    public IReadOnlyList<LdcPeriod> LdcPeriods => _ldcPeriods;

    public bool IsLdcOn(DateOnly date) => _ldcPeriods.Any(p => p.Covers(date));

    /// <summary>Brings this record in line with reference data; returns true when anything changed.</summary>
    public bool Apply(StateFacts facts)
    {
        var before = (Iso2, M49, Name, FormalName, Status, RegionalGroup, AlsoParticipatesIn, RegionalGroupNote, IsLandlocked, IsSmallIsland, Region, SubRegion, IntermediateRegion);
        Iso2 = facts.Iso2;
        M49 = facts.M49;
        Name = facts.Name;
        FormalName = facts.FormalName;
        Status = facts.Status;
        RegionalGroup = facts.RegionalGroup;
        AlsoParticipatesIn = facts.AlsoParticipatesIn;
        RegionalGroupNote = facts.RegionalGroupNote;
        IsLandlocked = facts.IsLandlocked;
        IsSmallIsland = facts.IsSmallIsland;
        Region = facts.Region;
        SubRegion = facts.SubRegion;
        IntermediateRegion = facts.IntermediateRegion;
        var after = (Iso2, M49, Name, FormalName, Status, RegionalGroup, AlsoParticipatesIn, RegionalGroupNote, IsLandlocked, IsSmallIsland, Region, SubRegion, IntermediateRegion);
        return before != after;
    }

    /// <summary>Records a period of LDC membership unless one with the same start already exists.</summary>
    public bool AddLdcPeriod(DateOnly? from, DateOnly? until, string? note)
    {
        if (until is { } u && from is { } f && u <= f)
        {
            throw new ArgumentException("An LDC period must end after it starts.", nameof(until));
        }
        var existing = _ldcPeriods.FirstOrDefault(p => p.From == from);
        if (existing is not null)
        {
            return existing.Update(until, note);
        }
        _ldcPeriods.Add(new LdcPeriod(from, until, note));
        return true;
    }
}

public enum StateStatus
{
    MemberState,
    ObserverState,
    SpecializedAgencyMember,
}

public enum RegionalGroupCode
{
    AG,
    APG,
    EEG,
    GRULAC,
    WEOG,
}

/// <summary>A period during which a State was on the list of least developed countries.</summary>
public sealed class LdcPeriod
{
    private LdcPeriod() { }

    internal LdcPeriod(DateOnly? from, DateOnly? until, string? note)
    {
        From = from;
        Until = until;
        Note = note;
    }

    public int Id { get; private set; }
    public int StateId { get; private set; }

    /// <summary>First day on the list; null when it predates the records kept.</summary>
    public DateOnly? From { get; private set; }

    /// <summary>Graduation date (first day no longer on the list); null while still on it.</summary>
    public DateOnly? Until { get; private set; }

    public string? Note { get; private set; }

    public bool Covers(DateOnly date) => (From is null || From <= date) && (Until is null || date < Until);

    internal bool Update(DateOnly? until, string? note)
    {
        if (Until == until && Note == note)
        {
            return false;
        }
        Until = until;
        Note = note;
        return true;
    }
}

public sealed record StateFacts(
    string Iso3, string Iso2, string M49, string Name, string FormalName, StateStatus Status,
    RegionalGroupCode? RegionalGroup, RegionalGroupCode? AlsoParticipatesIn, string? RegionalGroupNote,
    bool IsLandlocked, bool IsSmallIsland, string Region, string SubRegion, string? IntermediateRegion);
