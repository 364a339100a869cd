using Parley.Common;

namespace Parley.Features.Texts;

public enum ProvisionKind { Section, Heading, Paragraph, Subparagraph }

/// <summary>
/// One provision of a version, as plain data. <see cref="Key"/> is its identity across versions (the same provision in the
/// zero draft and in Rev.3); <see cref="Number"/> is what is printed ("12", "12 bis", "(a)") and may change.
/// </summary>
public sealed record ProvisionData(string Key, string Number, ProvisionKind Kind, string? ParentKey, string? SectionType, string Text)
{
    public string Label => Kind switch
    {
        ProvisionKind.Paragraph when Number.Length > 0 => $"{Number}.",
        ProvisionKind.Subparagraph => Number,
        _ => Number,
    };
}

/// <summary>A negotiated document of a process (e.g. the outcome), with its versions.</summary>
public sealed class NegotiatedText
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public string Code { get; internal set; } = "";
    public string Title { get; internal set; } = "";
    public DateTime CreatedAt { get; internal set; }
}

/// <summary>An immutable snapshot: the zero draft, Rev.1, Rev.2…, the final draft, the adopted text.</summary>
public sealed class TextVersion
{
    public int Id { get; internal set; }
    public int TextId { get; internal set; }
    public int Sequence { get; internal set; }
    public string Label { get; internal set; } = "";
    public string? Symbol { get; internal set; }
    public DateOnly Date { get; internal set; }
    public string Author { get; internal set; } = "";
    public DateTime CreatedAt { get; internal set; }
    public int? BasedOnVersionId { get; internal set; }
    private bool _isAdopted;
    private DateTime? _proposalDeadlineUtc;
    private int _version;

    public bool IsAdopted { get => _isAdopted; init => _isAdopted = value; }

    /// <summary>Proposals on this version are refused after this instant (UTC); none when null.</summary>
    public DateTime? ProposalDeadlineUtc { get => _proposalDeadlineUtc; init => _proposalDeadlineUtc = value; }

    /// <summary>Concurrency token, moved on by every change below.</summary>
    public int Version { get => _version; init => _version = value; }

    /// <summary>Sets (or lifts, with null) the deadline for proposals. An adopted text takes no proposals, so its deadline is closed.</summary>
    public Error? SetProposalDeadline(DateTime? deadlineUtc)
    {
        if (_isAdopted)
        {
            return Error.Conflict($"{Label} is the adopted text; it takes no proposals.");
        }
        _proposalDeadlineUtc = deadlineUtc?.ToUniversalTime();
        _version++;
        return null;
    }

    /// <summary>Records that this version is the adopted text; it is adopted once.</summary>
    public Error? Adopt()
    {
        if (_isAdopted)
        {
            return Error.Conflict($"{Label} is already adopted.");
        }
        _isAdopted = true;
        _version++;
        return null;
    }
    public List<VersionProvision> Provisions { get; internal set; } = [];
}

public sealed class VersionProvision
{
    public int Id { get; internal set; }
    public int VersionId { get; internal set; }
    public int Ordinal { get; internal set; }
    public string Key { get; internal set; } = "";
    public string Number { get; internal set; } = "";
    public ProvisionKind Kind { get; internal set; }
    public string? ParentKey { get; internal set; }
    public string? SectionType { get; internal set; }
    public string Text { get; internal set; } = "";

    public ProvisionData ToData() => new(Key, Number, Kind, ParentKey, SectionType, Text);
}

public enum ProvisionStatus { Bracketed, AgreedAdRef, AgreedAdRefPending, Agreed, Reopened }

/// <summary>One change of a provision's status in a version; the latest is current, all are history.</summary>
public sealed class ProvisionStatusEntry
{
    public int Id { get; internal set; }
    public int VersionId { get; internal set; }
    public string ProvisionKey { get; internal set; } = "";
    public ProvisionStatus Status { get; internal set; }
    public string? WaitsOnKey { get; internal set; }
    public string SetBy { get; internal set; } = "";
    public DateTime SetAt { get; internal set; }
}

/// <summary>A negotiating group (G77 and China, EU, African Group…) with its members and the States that may speak for it.</summary>
public sealed class NegotiatingGroup
{
    public int Id { get; internal set; }
    public string Code { get; internal set; } = "";
    public string Name { get; internal set; } = "";
    public List<GroupMember> Members { get; internal set; } = [];
}

public sealed class GroupMember
{
    public int Id { get; internal set; }
    public int GroupId { get; internal set; }
    public string StateIso3 { get; internal set; } = "";
    public bool MaySpeak { get; internal set; }
}

public enum ProposalKind { Replace, Insert, Delete, AddProvision, DeleteProvision, MoveProvision, Alternative, Retain }

public enum ProposalStatus { Draft, Submitted, Withdrawn, Incorporated, PartlyIncorporated, NotIncorporated, CarriedForward }

/// <summary>
/// A delegation's Word file read into draft proposals (issue 18): who uploaded it, for which sponsor, which file (by name and hash,
/// not kept), and how each change was understood and what could not be placed, for the preview the delegation confirms.
/// </summary>
public sealed class ProposalImport
{
    public int Id { get; internal set; }
    public int VersionId { get; internal set; }
    public string StateIso3 { get; internal set; } = "";
    public string SponsorCode { get; internal set; } = "";
    public bool SponsorIsGroup { get; internal set; }
    public string FileName { get; internal set; } = "";
    public long Size { get; internal set; }
    public string Sha256 { get; internal set; } = "";
    public bool Compared { get; internal set; }
    public string CreatedBy { get; internal set; } = "";
    public DateTime CreatedAt { get; internal set; }

    /// <summary>JSON: how each change was understood (by proposal id), and what was not placed or ignored.</summary>
    public string Report { get; internal set; } = "{}";
}

/// <summary>
/// A delegation's proposal on a version. Word-level kinds anchor to [Start, End) of the provision's words in that version and
/// keep the words they were made against (<see cref="OriginalWords"/>), so that a proposal carried onto a later version can
/// tell when its words changed underneath it.
/// </summary>
public sealed class Proposal
{
    public int Id { get; internal set; }
    public int TextId { get; internal set; }
    public int VersionId { get; internal set; }
    public ProposalKind Kind { get; internal set; }
    public string ProvisionKey { get; internal set; } = "";
    public string? AfterKey { get; internal set; }
    public int Start { get; internal set; }
    public int End { get; internal set; }
    public string OriginalWords { get; internal set; } = "";
    public string? NewText { get; internal set; }
    public ProvisionKind? NewKind { get; internal set; }
    public string SponsorCode { get; internal set; } = "";
    public bool SponsorIsGroup { get; internal set; }
    public string DraftedByState { get; internal set; } = "";
    public string CreatedBy { get; internal set; } = "";
    public string? Justification { get; internal set; }
    private ProposalStatus _status;
    private DateTime? _submittedAt;
    private int _version;

    /// <summary>Set when the proposal is made (draft or submitted); afterwards it changes only through the methods below.</summary>
    public ProposalStatus Status { get => _status; init => _status = value; }
    public DateTime CreatedAt { get; internal set; }
    public DateTime? SubmittedAt { get => _submittedAt; init => _submittedAt = value; }
    public int? CarriedFromId { get; internal set; }
    public bool WordsChanged { get; internal set; }

    /// <summary>The Word file this draft was read from, when it came from one (issue 18).</summary>
    public int? ImportId { get; internal set; }

    /// <summary>Concurrency token: every transition moves it on, so two writers of one proposal cannot both win.</summary>
    public int Version { get => _version; init => _version = value; }
    public List<ProposalCosponsor> Cosponsors { get; internal set; } = [];
    public List<ProposalStance> Stances { get; internal set; } = [];

    /// <summary>Statuses a revision settles a submitted proposal into.</summary>
    public static bool IsSettlement(ProposalStatus s) =>
        s is ProposalStatus.Incorporated or ProposalStatus.PartlyIncorporated or ProposalStatus.NotIncorporated or ProposalStatus.CarriedForward;

    /// <summary>A draft becomes a submitted proposal, seen by everyone from <paramref name="at"/>. Only a draft can be submitted.</summary>
    public Error? Submit(DateTime at)
    {
        if (_status != ProposalStatus.Draft)
        {
            return Error.Conflict("This proposal was already submitted.");
        }
        _status = ProposalStatus.Submitted;
        _submittedAt = at;
        _version++;
        return null;
    }

    /// <summary>A draft or a submitted proposal is withdrawn; once a revision has settled it, it stays as settled.</summary>
    public Error? Withdraw()
    {
        if (_status is not (ProposalStatus.Draft or ProposalStatus.Submitted))
        {
            return Error.Conflict($"This proposal is {Proposals.StatusSlug(_status)}; it can no longer be withdrawn.");
        }
        _status = ProposalStatus.Withdrawn;
        _version++;
        return null;
    }

    /// <summary>A revision settles a submitted proposal: incorporated (wholly or partly), not incorporated, or carried forward.</summary>
    public Error? Settle(ProposalStatus outcome)
    {
        if (!IsSettlement(outcome))
        {
            return Error.Validation("decision", $"{Proposals.StatusSlug(outcome)} is not what a revision decides.");
        }
        if (_status != ProposalStatus.Submitted)
        {
            return Error.Conflict($"Proposal {Id} is {Proposals.StatusSlug(_status)}; only a submitted proposal is settled by a revision.");
        }
        _status = outcome;
        _version++;
        return null;
    }
}

public sealed class ProposalCosponsor
{
    public int Id { get; internal set; }
    public int ProposalId { get; internal set; }
    public string Code { get; internal set; } = "";
    public bool IsGroup { get; internal set; }
}

public sealed class ProposalStance
{
    public int Id { get; internal set; }
    public int ProposalId { get; internal set; }
    public string Code { get; internal set; } = "";
    public bool IsGroup { get; internal set; }
    public bool Supports { get; internal set; }
    public string? Justification { get; internal set; }
    public DateTime At { get; internal set; }
}

public enum SilenceOutcome { Open, Passed, Broken }

/// <summary>A version circulated under silence: agreed at the deadline unless a Member State breaks silence by letter.</summary>
public sealed class SilenceProcedure
{
    public int Id { get; internal set; }
    public int VersionId { get; internal set; }
    public DateTime StartedAt { get; internal set; }
    public DateTime DeadlineUtc { get; internal set; }
    public SilenceOutcome Outcome { get; internal set; }
    public DateTime? ClosedAt { get; internal set; }
    public List<SilenceBreak> Breaks { get; internal set; } = [];
}

public sealed class SilenceBreak
{
    public int Id { get; internal set; }
    public int SilenceId { get; internal set; }
    public string StateIso3 { get; internal set; } = "";
    public string Letter { get; internal set; } = "";
    public string By { get; internal set; } = "";
    public DateTime At { get; internal set; }
}

public enum AdoptionMethod { Consensus, Vote }

public enum Vote { Yes, No, Abstain, NotVoting }

/// <summary>The adoption of a version: by consensus or recorded vote, with explanations of position.</summary>
public sealed class AdoptionRecord
{
    public int Id { get; internal set; }
    public int TextId { get; internal set; }
    public int VersionId { get; internal set; }
    public AdoptionMethod Method { get; internal set; }
    public DateOnly AdoptedOn { get; internal set; }
    public bool Adopted { get; internal set; }
    public string RecordedBy { get; internal set; } = "";
    public DateTime RecordedAt { get; internal set; }
    public List<VoteEntry> Votes { get; internal set; } = [];
    public List<PositionExplanation> Explanations { get; internal set; } = [];
}

public sealed class VoteEntry
{
    public int Id { get; internal set; }
    public int AdoptionId { get; internal set; }
    public string StateIso3 { get; internal set; } = "";
    public Vote Vote { get; internal set; }
}

public sealed class PositionExplanation
{
    public int Id { get; internal set; }
    public int AdoptionId { get; internal set; }
    public string Code { get; internal set; } = "";
    public string Text { get; internal set; } = "";
}
