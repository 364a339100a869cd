using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;

namespace Parley.Features.Fund;

/// <summary>What the books say: a check that they balance, and the fund's report as of a date for donors and the public.</summary>
public static class FundQueries
{
    public sealed record Verification(int Entries, int Processes, IReadOnlyList<string> Problems)
    {
        public bool Balanced => Problems.Count == 0;
    }

    /// <summary>
    /// Recomputes every process's books from the lines, entry by entry in the order they were written: every entry balances, no
    /// balance and no commitment ever goes below zero, Bank = Available + Committed, and the running balances kept with the
    /// head equal the lines' totals; every contribution has its receipt of the same amount.
    /// </summary>
    public static async Task<Verification> VerifyAsync(ParleyDb db, string? processId = null, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var entries = await db.FundEntries.AsNoTracking().Include(e => e.Lines).Where(e => processId == null || e.ProcessId == processId).OrderBy(e => e.Id).ToListAsync(ct);
        var heads = await db.FundHeads.AsNoTracking().Where(h => processId == null || h.ProcessId == processId).ToListAsync(ct);
        foreach (var group in entries.GroupBy(e => e.ProcessId))
        {
            var balances = Ledger.Balances.Empty;
            foreach (var e in group)
            {
                if (e.Lines.Sum(l => l.Cents) != 0)
                {
                    problems.Add($"{group.Key}: entry {e.Id} does not balance ({Money.Format(e.Lines.Sum(l => l.Cents))}).");
                }
                balances = balances.After(e.Lines.Select(l => l.ToLine()));
                if (balances.Bank < 0 || balances.Available < 0 || balances.Committed < 0)
                {
                    problems.Add($"{group.Key}: after entry {e.Id} a balance is below zero (held {Money.Format(balances.Bank)}, available {Money.Format(balances.Available)}, committed {Money.Format(balances.Committed)}).");
                }
                foreach (var c in balances.Commitments.Where(c => c.Value < 0))
                {
                    problems.Add($"{group.Key}: after entry {e.Id} the commitment {c.Key} is below zero.");
                }
            }
            if (!balances.Balanced)
            {
                problems.Add($"{group.Key}: held {Money.Format(balances.Bank)} is not available {Money.Format(balances.Available)} plus committed {Money.Format(balances.Committed)}.");
            }
            var head = heads.FirstOrDefault(h => h.ProcessId == group.Key);
            if (head is null || (head.BankCents, head.AvailableCents, head.CommittedCents) != (balances.Bank, balances.Available, balances.Committed))
            {
                problems.Add($"{group.Key}: the running balances kept do not match the lines.");
            }
        }
        foreach (var orphan in heads.Where(h => entries.All(e => e.ProcessId != h.ProcessId) && (h.BankCents, h.AvailableCents, h.CommittedCents) != (0, 0, 0)))
        {
            problems.Add($"{orphan.ProcessId}: balances are kept but no entry is written.");
        }
        var contributions = await db.Contributions.AsNoTracking().Where(c => processId == null || c.ProcessId == processId).ToListAsync(ct);
        foreach (var c in contributions)
        {
            var receipt = entries.FirstOrDefault(e => e.Id == c.EntryId);
            if (receipt is null || receipt.Kind != EntryKind.Receipt || receipt.Lines.Where(l => l.Account == Ledger.Bank).Sum(l => l.Cents) != c.UsdCents)
            {
                problems.Add($"{c.ProcessId}: contribution {c.Id} has no receipt of {Money.Format(c.UsdCents)}.");
            }
        }
        return new Verification(entries.Count, entries.Select(e => e.ProcessId).Distinct().Count(), problems);
    }

    public sealed record Position(DateOnly Month, decimal Held, decimal Available, decimal Committed, decimal Disbursed);

    public sealed record DonorTotal(string Donor, string Name, decimal Pledged, decimal Received, int Contributions);

    public sealed record FundedCount(string Key, int Travellers, decimal Committed);

    public sealed record Report(string ProcessId, DateOnly AsOf, decimal Held, decimal Available, decimal Committed, decimal Disbursed, decimal Received,
        IReadOnlyList<Position> Months, IReadOnlyList<DonorTotal> Donors, IReadOnlyList<FundedCount> ByMeeting, IReadOnlyList<FundedCount> ByRegionalGroup,
        IReadOnlyList<FundedCount> ByLdcStatus, IReadOnlyList<FundedTraveller>? Travellers);

    /// <summary>A funded traveller: shown to the Secretariat only (personal data).</summary>
    public sealed record FundedTraveller(string Meeting, string State, string Name, decimal Committed, decimal Disbursed);

    /// <summary>The fund as of the end of <paramref name="asOf"/>: entries by value date up to it. Donors and the public see figures
    /// only; the Secretariat also the travellers' names.</summary>
    public static async Task<Report?> ReportAsync(ParleyDb db, Viewer viewer, string processId, DateOnly asOf, CancellationToken ct = default)
    {
        if (await Processes.ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return null;
        }
        var entries = await db.FundEntries.AsNoTracking().Include(e => e.Lines).Where(e => e.ProcessId == processId && e.ValueDate <= asOf).OrderBy(e => e.ValueDate).ThenBy(e => e.Id).ToListAsync(ct);
        var months = new List<Position>();
        var balances = Ledger.Balances.Empty;
        long disbursed = 0;
        var kinds = entries.ToDictionary(e => e.Id, e => e.Kind);
        foreach (var month in entries.GroupBy(e => new DateOnly(e.ValueDate.Year, e.ValueDate.Month, 1)))
        {
            foreach (var e in month)
            {
                balances = balances.After(e.Lines.Select(l => l.ToLine()));
                // Paid out: the committed lines of disbursements, less those of reversed disbursements.
                if (e.Kind == EntryKind.Disbursement || (e.Kind == EntryKind.Reversal && e.ReversesId is { } r && kinds.GetValueOrDefault(r) == EntryKind.Disbursement))
                {
                    disbursed += e.Lines.Where(l => l.Account == Ledger.Committed).Sum(l => l.Cents);
                }
            }
            months.Add(new Position(month.Key, balances.Bank / 100m, balances.Available / 100m, balances.Committed / 100m, disbursed / 100m));
        }
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.ProcessId == processId && c.ReceivedOn <= asOf && !c.Reversed).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.ProcessId == processId && p.PledgedOn <= asOf).ToListAsync(ct);
        // Pledges in US dollars at the operational rate of the month they were made (none known yet: counted when it is).
        var rates = await db.ExchangeRates.AsNoTracking().ToListAsync(ct);
        long PledgedCents(Pledge p) => p.Currency == "USD" ? Money.ToCents(p.Amount)
            : rates.FirstOrDefault(r => r.Currency == p.Currency && r.Month == new DateOnly(p.PledgedOn.Year, p.PledgedOn.Month, 1)) is { } rate ? Money.ToUsdCents(p.Amount, rate.UnitsPerUsd) : 0;
        var donors = contributions.Select(c => (c.DonorCode, c.DonorName)).Concat(pledges.Select(p => (p.DonorCode, p.DonorName))).Distinct()
            .Select(d => new DonorTotal(d.DonorCode, d.DonorName,
                pledges.Where(p => p.DonorCode == d.DonorCode).Sum(PledgedCents) / 100m,
                contributions.Where(c => c.DonorCode == d.DonorCode).Sum(c => c.UsdCents) / 100m,
                contributions.Count(c => c.DonorCode == d.DonorCode)))
            .OrderByDescending(d => d.Received).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

        // Funded travellers, by the allocation runs approved by then.
        var cutoff = asOf == DateOnly.MaxValue ? DateTime.MaxValue : asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var approvedMeetings = await db.AllocationRuns.AsNoTracking().Where(r => r.ProcessId == processId && r.Status == RunStatus.Approved && r.ApprovedAt < cutoff)
            .Select(r => r.MeetingId).ToListAsync(ct);
        var funded = await (from a in db.TravelApplications.AsNoTracking()
                            join t in db.Travellers.AsNoTracking() on a.Id equals t.ApplicationId
                            where approvedMeetings.Contains(a.MeetingId) && t.Funded == true
                            select new { a.MeetingId, a.StateIso3, a.Ldc, t.Name, t.CommittedCents, t.DisbursedCents }).ToListAsync(ct);
        var titles = await db.Meetings.AsNoTracking().Where(m => approvedMeetings.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var body = await Processes.ProcessMembership.ResolveAsync(db, found.Definition, asOf, ct);
        var stateNames = await db.States.AsNoTracking().ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        static List<FundedCount> Count<T>(IEnumerable<T> items, Func<T, string> key, Func<T, long> cents) =>
            items.GroupBy(key).Select(g => new FundedCount(g.Key, g.Count(), g.Sum(cents) / 100m)).OrderByDescending(c => c.Travellers).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        return new Report(processId, asOf, balances.Bank / 100m, balances.Available / 100m, balances.Committed / 100m, disbursed / 100m,
            contributions.Sum(c => c.UsdCents) / 100m, months, donors,
            Count(funded, f => titles.GetValueOrDefault(f.MeetingId) ?? f.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), f => f.CommittedCents),
            Count(funded, f => body.GroupOf(f.StateIso3) ?? "other", f => f.CommittedCents),
            Count(funded, f => f.Ldc ? "least developed countries" : "other developing countries", f => f.CommittedCents),
            viewer.IsSecretariat
                ? funded.Select(f => new FundedTraveller(titles.GetValueOrDefault(f.MeetingId) ?? "", stateNames.GetValueOrDefault(f.StateIso3) ?? f.StateIso3, f.Name,
                    f.CommittedCents / 100m, f.DisbursedCents / 100m)).ToList()
                : null);
    }
}
