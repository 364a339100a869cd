namespace Parley.Features.Fund;

/// <summary>The running balances of a process's fund, kept with each entry under a version (so two postings against the last funds
/// cannot both succeed); <c>parley fund verify</c> recomputes them from the lines.</summary>
public sealed class FundHead
{
    private FundHead() { }

    public FundHead(string processId) => ProcessId = processId;

    public string ProcessId { get; private set; } = "";
    public int Version { get; private set; }
    public long BankCents { get; private set; }
    public long AvailableCents { get; private set; }
    public long CommittedCents { get; private set; }

    internal void Apply(Ledger.Balances after)
    {
        (BankCents, AvailableCents, CommittedCents) = (after.Bank, after.Available, after.Committed);
        Version++;
    }
}

/// <summary>One balanced movement of money; never changed once written (a correction is a <see cref="EntryKind.Reversal"/>).</summary>
public sealed class FundEntry
{
    private FundEntry() { }

    public FundEntry(string processId, EntryKind kind, DateOnly valueDate, string memo, string? reference, int? reversesId, string by, DateTime at,
        IEnumerable<Ledger.Line> lines)
    {
        (ProcessId, Kind, ValueDate, Memo, Reference, ReversesId, RecordedBy, RecordedAt) = (processId, kind, valueDate, memo, reference, reversesId, by, at);
        Lines = lines.Select(l => new FundLine { Account = l.Account, Cents = l.Cents, Commitment = l.Commitment }).ToList();
    }

    public int Id { get; private set; }
    public string ProcessId { get; private set; } = "";
    public EntryKind Kind { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public string Memo { get; private set; } = "";

    /// <summary>What the movement is for: "contribution:12", "travel:34", "surplus:2".</summary>
    public string? Reference { get; private set; }

    public int? ReversesId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public List<FundLine> Lines { get; private set; } = [];
}

public sealed class FundLine
{
    public int Id { get; internal set; }
    public int EntryId { get; internal set; }
    public string Account { get; internal set; } = "";

    /// <summary>Debit positive, credit negative, in US cents.</summary>
    public long Cents { get; internal set; }

    public string? Commitment { get; internal set; }

    public Ledger.Line ToLine() => new(Account, Cents, Commitment);
}

/// <summary>A donor's promise: a State (its code) or an organisation, an amount in a currency, earmarking and conditions.</summary>
public sealed class Pledge
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public string DonorCode { get; internal set; } = "";
    public string DonorName { get; internal set; } = "";
    public decimal Amount { get; internal set; }
    public string Currency { get; internal set; } = "USD";
    public DateOnly PledgedOn { get; internal set; }
    public string? Earmark { get; internal set; }
    public string? Conditions { get; internal set; }
    public string RecordedBy { get; internal set; } = "";
    public DateTime RecordedAt { get; internal set; }
}

/// <summary>Money received, in its currency and in US cents at the month's operational rate; its receipt is <see cref="EntryId"/>.</summary>
public sealed class Contribution
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public int? PledgeId { get; internal set; }
    public string DonorCode { get; internal set; } = "";
    public string DonorName { get; internal set; } = "";
    public decimal Amount { get; internal set; }
    public string Currency { get; internal set; } = "USD";
    public DateOnly ReceivedOn { get; internal set; }
    public decimal UnitsPerUsd { get; internal set; }
    public long UsdCents { get; internal set; }
    public int EntryId { get; internal set; }
    public FundEntry? Entry { get; internal set; }
    public bool Reversed { get; internal set; }
}

/// <summary>The UN operational rate of exchange for a month: units of the currency per US dollar.</summary>
public sealed class ExchangeRate
{
    public int Id { get; internal set; }
    public string Currency { get; internal set; } = "";
    public DateOnly Month { get; internal set; }
    public decimal UnitsPerUsd { get; internal set; }
}

/// <summary>What one traveller to a venue costs the fund: a ticket estimate and the daily subsistence allowance (DSA).</summary>
public sealed class TravelRate
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public string VenueCode { get; internal set; } = "";
    public long TicketCents { get; internal set; }
    public long DsaCents { get; internal set; }
}

public enum TravelStatus { Submitted, Funded, PartlyFunded, NotFunded, Withdrawn }

/// <summary>A mission's request for travel support for named representatives to one meeting.</summary>
public sealed class TravelApplication
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public int MeetingId { get; internal set; }
    public string StateIso3 { get; internal set; } = "";
    public string SubmittedBy { get; internal set; } = "";
    public string SubmittedByName { get; internal set; } = "";
    public DateTime SubmittedAt { get; internal set; }
    public TravelStatus Status { get; internal set; }
    public bool Ldc { get; internal set; }
    public bool Eligible { get; internal set; }
    public List<Traveller> Travellers { get; internal set; } = [];
}

public sealed class Traveller
{
    public int Id { get; internal set; }
    public int ApplicationId { get; internal set; }
    public string Name { get; internal set; } = "";
    public string? Role { get; internal set; }
    public bool? Funded { get; internal set; }
    public string? Reason { get; internal set; }
    public long EstimateCents { get; internal set; }
    public long CommittedCents { get; internal set; }
    public long DisbursedCents { get; internal set; }
}

public enum RunStatus { Proposed, Approved, Superseded }

/// <summary>An allocation run for a meeting: the funds and cost it used, its decisions with reasons, and who approved it.</summary>
public sealed class AllocationRun
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public int MeetingId { get; internal set; }
    public DateTime RunAt { get; internal set; }
    public string RunBy { get; internal set; } = "";
    public long AvailableCents { get; internal set; }
    public long CostCents { get; internal set; }
    public RunStatus Status { get; internal set; }
    public string? ApprovedBy { get; internal set; }
    public DateTime? ApprovedAt { get; internal set; }

    /// <summary>The decisions as JSON (application, traveller, funded, round, position, reason).</summary>
    public string DecisionsJson { get; internal set; } = "[]";
}
