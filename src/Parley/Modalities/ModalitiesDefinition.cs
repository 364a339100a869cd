namespace Parley.Modalities;

/// <summary>
/// A process as its modalities resolution describes it. Parsed from YAML (docs/modalities.md);
/// every rule carries the paragraph it comes from. Nothing here is specific to one process.
/// </summary>
public sealed record ModalitiesDefinition(
    string Id,
    string Title,
    Mandate Mandate,
    Outcome Outcome,
    int AtRiskDays,
    IReadOnlyList<Venue> Venues,
    IReadOnlyList<Phase> Phases,
    IReadOnlyList<RoleRule> Roles,
    IReadOnlyList<MeetingSeries> Series,
    IReadOnlyList<DatedObligation> Obligations,
    IReadOnlyList<Principle> Principles,
    IReadOnlyList<AccreditationTrack>? Accreditation = null,
    IReadOnlyDictionary<string, string>? Interpretations = null,
    Membership? Membership = null,
    TrustFund? TrustFund = null,
    ContributionRules? Contributions = null,
    IReadOnlyDictionary<string, string>? Titles = null,
    string Language = Parley.Common.Languages.Source)
{
    /// <summary>The process's title with its versions in other languages (<c>titles:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Title, Titles, Language);

    /// <summary>Who belongs to the body and how it groups them; the United Nations' Member States and five regional groups unless the file says otherwise.</summary>
    public Membership Members => Membership ?? Membership.UnitedNations;

    /// <summary>The note of an entry the file marks as the editor's reading rather than the text (by rule id, series id or "accreditation/{id}").</summary>
    public string? InterpretationOf(string key) => Interpretations?.GetValueOrDefault(key);

    public IReadOnlyList<AccreditationTrack> Tracks => Accreditation ?? [];

    public AccreditationTrack? FindTrack(string id) => Tracks.FirstOrDefault(t => t.Id == id);

    public Venue? FindVenue(string code) => Venues.FirstOrDefault(v => v.Code == code);
    public Phase? FindPhase(string id) => Phases.FirstOrDefault(p => p.Id == id);
    public MeetingSeries? FindSeries(string id) => Series.FirstOrDefault(s => s.Id == id);

    /// <summary>Every paragraph some rule or principle cites, in the resolution's order.</summary>
    public IReadOnlyList<string> Paragraphs =>
        Phases.Select(p => p.Paragraph)
            .Concat(Roles.Select(r => r.Paragraph))
            .Concat(Series.SelectMany(s => s.Paragraphs))
            .Concat(Obligations.Select(o => o.Paragraph))
            .Concat(Principles.Select(p => p.Paragraph))
            .Distinct()
            .OrderBy(p => p, ParagraphOrder.Instance)
            .ToList();
}

/// <summary>How stakeholders are admitted: by registering against a verification list, or by special accreditation on a list
/// that the proposer circulates to Member States on a non-objection basis.</summary>
public enum TrackKind { Registration, Special }

/// <summary>
/// One door into the process for stakeholders, open between two dates. A registration track names the verification list
/// (ecosoc, ganhri) and the statuses on it that make an organisation eligible; a special track has its own list, whose
/// circulation is the document <see cref="ListDocument"/> (so that an obligation on that document type is met by it).
/// </summary>
public sealed record AccreditationTrack(string Id, string Name, TrackKind Kind, string? VerifiedBy, IReadOnlyList<string> Statuses,
    DateOnly Opens, DateOnly Closes, string? ListDocument, string? ProposedBy, string Paragraph,
    IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>The track's name with its versions in other languages (<c>names:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Name, Names);
}

public sealed record Mandate(string Symbol, DateOnly Adopted, string Body);

/// <summary>The outcome: its title, its kinds of section, who adopts it and by what majority of the members present and voting.</summary>
public sealed record Outcome(string Title, IReadOnlyList<string> SectionTypes, string Paragraph, string? AdoptedBy = null, Majority Majority = Majority.Simple);

/// <summary>
/// The body's membership and groupings, as the file declares them. <see cref="UnMemberStates"/>: every Member State of the United
/// Nations in the registry belongs, with the entries of <see cref="Members"/> added or changed (e.g. the Cook Islands and Niue as
/// members of WHO, Puerto Rico as an associate member). <see cref="Groupings"/> null: the UN's five regional groups, read from the
/// registry's data; otherwise the body's own (e.g. WHO's six regions), each State in at most one.
/// </summary>
public sealed record Membership(string Organisation, bool UnMemberStates, IReadOnlyList<Member> Members, string GroupingLabel, IReadOnlyList<Grouping>? Groupings)
{
    public static readonly Membership UnitedNations = new("United Nations", true, [], "regional group", null);
}

/// <summary>A State or territory's place in the body: member (votes), associate member, or observer; since a date when it joined during the process.</summary>
public sealed record Member(string Code, string? Name, MemberStatus Status, DateOnly? Since);

/// <summary>NotMember takes a State of the base out (WHO's members are the UN's less Liechtenstein, with the Cook Islands and Niue).</summary>
public enum MemberStatus { Member, Associate, Observer, NotMember }

/// <summary>One grouping of the body's members (a regional group, a WHO region), by the codes of its members.</summary>
public sealed record Grouping(string Id, string Name, IReadOnlyList<string> Members);

/// <summary>
/// A voluntary trust fund for travel (§31 of 71/280): who may be supported (a developing country: any State not listed as
/// developed, by its M49 region or sub-region or by its code), least developed countries first; and the days of subsistence
/// allowance a traveller receives beyond the meeting's days (travel days).
/// </summary>
public sealed record TrustFund(string Paragraph, IReadOnlyList<string> DevelopedRegions, IReadOnlyList<string> DevelopedStates, int ExtraDays)
{
    public bool IsDeveloping(string iso3, string region, string subRegion) =>
        !DevelopedStates.Contains(iso3) && !DevelopedRegions.Contains(region) && !DevelopedRegions.Contains(subRegion);
}

/// <summary>
/// What stakeholders contribute and Member States put in (§7, §19-20 of 71/280): the paragraphs that ask for them, and the themes and
/// cross-cutting perspectives a contribution or an input is tagged with — data of the file, not code.
/// </summary>
public sealed record ContributionRules(string Paragraph, string? InputsParagraph, string? PerspectivesParagraph, IReadOnlyList<Tag> Themes, IReadOnlyList<Tag> Perspectives)
{
    public IEnumerable<string> Paragraphs => new[] { Paragraph, InputsParagraph, PerspectivesParagraph }.OfType<string>();
}

public sealed record Tag(string Id, string Name, IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>The theme's or perspective's name in the reader's language (<c>names:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Name, Names);
}

/// <summary>How many of those present and voting must say yes: more than say no, or two thirds of those voting yes or no.</summary>
public enum Majority { Simple, TwoThirds }

public sealed record Venue(string Code, string Name, string City, string TimeZone, string HolidayCalendar);

public sealed record Phase(string Id, string Name, DateOnly From, DateOnly To, string Paragraph, IReadOnlyDictionary<string, string>? Names = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Name, Names);
}

/// <summary>An appointment the process needs: who appoints how many, by when, and when the role ends.</summary>
public sealed record RoleRule(string Id, string Name, int Count, string AppointedBy, DateOnly DueBy, string? EndsWithSeries, string Paragraph,
    IReadOnlyDictionary<string, string>? Names = null, IReadOnlyDictionary<string, string>? Plurals = null,
    IReadOnlyDictionary<string, string>? AppointedByNames = null)
{
    /// <summary>Who appoints, in the reader's language (<c>appointedByNames:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Appointer => new(AppointedBy, AppointedByNames);

    /// <summary>The role's name in the reader's language (<c>names:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Name, Names);

    /// <summary>The name for more than one holder: English adds an s; another language takes <c>plurals:</c>, else its name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name PluralNamed =>
        new(Name + "s", (Names ?? new Dictionary<string, string>()).Concat(Plurals ?? new Dictionary<string, string>())
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value));
}

/// <summary>A series of meetings with its rules: count, placement, days, budget, components, documents.</summary>
public sealed record MeetingSeries(
    string Id,
    string Name,
    string Kind,
    string? PhaseId,
    string? Chair,
    string Paragraph,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    IReadOnlyList<PlannedMeeting> Meetings,
    int? MaxWorkingDays,
    int? TotalDays,
    string? BudgetParagraph,
    Components? Components,
    IReadOnlyList<DocumentRule> Documents,
    bool OpenToStakeholders = true,
    string? BalanceParagraph = null,
    string? DefaultVenue = null,
    string? DefaultFormat = null,
    bool InvitationOnly = false,
    IReadOnlyDictionary<string, string>? Names = null,
    string? Singular = null,
    IReadOnlyDictionary<string, string>? Singulars = null)
{
    /// <summary>The series' name in the reader's language (<c>names:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Name, Names);

    /// <summary>
    /// What one of its meetings is called inside a sentence ("each <em>informal thematic session</em>"): <c>singular:</c> in the file,
    /// else the name without its final s in lower case; in another language <c>singulars:</c>, else the English.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name One => new(Singular ?? Name.TrimEnd('s').ToLowerInvariant(), Singulars);

    public IEnumerable<string> Paragraphs =>
        new[] { Paragraph, BudgetParagraph, Components?.Paragraph }.Concat(Documents.Select(d => d.Paragraph)).OfType<string>();
}

/// <summary>One meeting the resolution foresees: its theme, where, when (months or a window) and for how many days.</summary>
public sealed record PlannedMeeting(int Slot, string? Theme, string Venue, DateOnly From, DateOnly To, int? Days, string Paragraph);

/// <summary>Required components of each meeting, e.g. "2 or 3 expert panels and an interactive exchange".</summary>
public sealed record Components(int MinPanels, int MaxPanels, bool InteractiveExchange, string Paragraph);

/// <summary>A document due relative to each meeting of a series (before it starts, or within N days after it ends).</summary>
public sealed record DocumentRule(string Type, DocumentTiming Timing, int WithinDays, string Paragraph, bool Once, string? Title = null,
    IReadOnlyDictionary<string, string>? Titles = null);

public enum DocumentTiming
{
    BeforeStart,
    AfterEnd,
}

/// <summary>
/// A document or decision due by a date — fixed, or relative to a meeting (<see cref="Meeting"/> "series/slot"): so many days before
/// it starts (<see cref="Offset"/> negative) or after it ends (<see cref="AfterEnd"/>). A relative deadline follows the meeting when it
/// is recorded or moved by decision; <see cref="DueBy"/> is then the date by the plan.
/// </summary>
public sealed record DatedObligation(string Id, string Title, string DocumentType, DateOnly DueBy, string Paragraph, string? Meeting = null, int Offset = 0,
    bool AfterEnd = false, IReadOnlyDictionary<string, string>? Titles = null)
{
    /// <summary>The obligation's title in the reader's language (<c>titles:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Title, Titles);
}

/// <summary>A paragraph that sets a principle rather than a date or a count; listed so the report covers every paragraph.</summary>
public sealed record Principle(string Paragraph, string Summary, string Capability, IReadOnlyDictionary<string, string>? Summaries = null)
{
    /// <summary>The summary in the reader's language (<c>summaries:</c> in the file).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Parley.Common.Name Named => new(Summary, Summaries);
}

/// <summary>Orders "1(a)", "1(d)", "2", "6(b)", "10" the way the resolution does.</summary>
public sealed class ParagraphOrder : IComparer<string>
{
    public static readonly ParagraphOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        static (int, string) Key(string? p)
        {
            var digits = new string((p ?? "").TakeWhile(char.IsDigit).ToArray());
            return (digits.Length == 0 ? int.MaxValue : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), (p ?? "")[digits.Length..]);
        }
        var (a, b) = (Key(x), Key(y));
        return a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2);
    }

    public static string Number(string paragraph) => new(paragraph.TakeWhile(char.IsDigit).ToArray());
}
