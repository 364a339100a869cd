namespace Parley.Features.Registry;

/// <summary>One of the five UN regional groups.</summary>
public sealed class RegionalGroup
{
    private RegionalGroup() { }

    public RegionalGroup(RegionalGroupCode code, string name)
    {
        Code = code;
        Name = name;
    }

    public RegionalGroupCode Code { get; private set; }
    public string Name { get; private set; } = "";

    public static IReadOnlyList<RegionalGroup> All { get; } =
    [
        new(RegionalGroupCode.AG, "African Group"),
        new(RegionalGroupCode.APG, "Asia-Pacific Group"),
        new(RegionalGroupCode.EEG, "Eastern European Group"),
        new(RegionalGroupCode.GRULAC, "Latin American and Caribbean Group"),
        new(RegionalGroupCode.WEOG, "Western European and Others Group"),
    ];
}

/// <summary>An organisation of the UN system or the intergovernmental machinery that a process names.</summary>
public sealed class Institution
{
    private Institution() { }

    public Institution(string code, string name, InstitutionKind kind, string? seat)
    {
        Code = code;
        Name = name;
        Kind = kind;
        Seat = seat;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public InstitutionKind Kind { get; private set; }
    public string? Seat { get; private set; }

    public bool Apply(Institution facts)
    {
        if (Name == facts.Name && Kind == facts.Kind && Seat == facts.Seat)
        {
            return false;
        }
        Name = facts.Name;
        Kind = facts.Kind;
        Seat = facts.Seat;
        return true;
    }

    /// <summary>The institutions every GA-mandated process involves; processes add their own later.</summary>
    public static IReadOnlyList<Institution> Defaults { get; } =
    [
        new("UNSEC", "United Nations Secretariat", InstitutionKind.Secretariat, "New York"),
        new("OPGA", "Office of the President of the General Assembly", InstitutionKind.Office, "New York"),
        new("IOM", "International Organization for Migration", InstitutionKind.RelatedOrganization, "Geneva"),
        new("ECA", "Economic Commission for Africa", InstitutionKind.RegionalCommission, "Addis Ababa"),
        new("ECE", "Economic Commission for Europe", InstitutionKind.RegionalCommission, "Geneva"),
        new("ECLAC", "Economic Commission for Latin America and the Caribbean", InstitutionKind.RegionalCommission, "Santiago"),
        new("ESCAP", "Economic and Social Commission for Asia and the Pacific", InstitutionKind.RegionalCommission, "Bangkok"),
        new("ESCWA", "Economic and Social Commission for Western Asia", InstitutionKind.RegionalCommission, "Beirut"),
    ];
}

public enum InstitutionKind
{
    Secretariat,
    Office,
    RelatedOrganization,
    RegionalCommission,
    SpecializedAgency,
    FundOrProgramme,
}
