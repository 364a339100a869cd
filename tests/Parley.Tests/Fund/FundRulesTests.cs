using Parley.Features.Fund;
using Xunit;

namespace Parley.Tests.Fund;

/// <summary>The fund's rules without a database: the books under any sequence of movements, the allocation, conversion.</summary>
public sealed class FundRulesTests
{
    /// <summary>
    /// Property: 2,000 random sequences of receipts, commitments, releases, disbursements, refunds, surpluses and reversals, each
    /// applied only when <see cref="Ledger.Check"/> accepts it: after every step the books balance, no balance or commitment is below
    /// zero, and every refusal is one that would have broken that.
    /// </summary>
    [Fact]
    public void AnySequenceOfMovements_KeepsTheBooksBalanced_AndNothingBelowZero()
    {
        var kinds = new[] { EntryKind.Receipt, EntryKind.Commitment, EntryKind.Release, EntryKind.Disbursement, EntryKind.Refund, EntryKind.Surplus, EntryKind.Reversal };
        var refusals = 0;
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new Random(seed);
            var balances = Ledger.Balances.Empty;
            var posted = new List<IReadOnlyList<Ledger.Line>>();
            for (var step = 0; step < 30; step++)
            {
                var kind = kinds[random.Next(kinds.Length)];
                var cents = (long)random.Next(1, 500_000);
                var commitment = $"c{random.Next(4)}";
                IReadOnlyList<Ledger.Line> lines = kind == EntryKind.Reversal
                    ? posted.Count == 0 ? Ledger.LinesFor(EntryKind.Receipt, cents) : posted[random.Next(posted.Count)].Select(l => l with { Cents = -l.Cents }).ToList()
                    : Ledger.LinesFor(kind, cents, commitment);
                var result = Ledger.Check(balances, lines, kind);
                if (result.IsSuccess)
                {
                    balances = result.Value;
                    posted.Add(lines);
                }
                else
                {
                    refusals++;
                    var wouldBe = balances.After(lines);
                    Assert.True(wouldBe.Available < 0 || wouldBe.Bank < 0 || wouldBe.Commitments.Values.Any(v => v < 0), $"seed {seed}: a valid movement was refused: {result.Error!.Message}");
                }
                Assert.True(balances.Balanced, $"seed {seed}, step {step}");
                Assert.True(balances.Bank >= 0 && balances.Available >= 0 && balances.Committed >= 0, $"seed {seed}, step {step}");
                Assert.All(balances.Commitments.Values, v => Assert.True(v >= 0));
                Assert.Equal(balances.Committed, balances.Commitments.Values.Sum());
            }
        }
        Assert.True(refusals > 1000, "the sequences must try to overspend often");
    }

    [Fact]
    public void AnOverCommitment_IsRefused_SayingWhatIsAvailable()
    {
        var books = Ledger.Check(Ledger.Balances.Empty, Ledger.LinesFor(EntryKind.Receipt, 100_000), EntryKind.Receipt).Value;
        var refused = Ledger.Check(books, Ledger.LinesFor(EntryKind.Commitment, 100_001, "travel:1"), EntryKind.Commitment);
        Assert.False(refused.IsSuccess);
        Assert.Equal("Only USD 1,000.00 is available; commitment of USD 1,000.01 refused.", refused.Error!.Message);
        var committed = Ledger.Check(books, Ledger.LinesFor(EntryKind.Commitment, 60_000, "travel:1"), EntryKind.Commitment).Value;
        var overpaid = Ledger.Check(committed, Ledger.LinesFor(EntryKind.Disbursement, 60_001, "travel:1"), EntryKind.Disbursement);
        Assert.Equal("The commitment travel:1 holds only USD 600.00; disbursement of USD 600.01 refused.", overpaid.Error!.Message);
        Assert.False(Ledger.Check(books, [new Ledger.Line(Ledger.Bank, 5), new Ledger.Line(Ledger.Available, -4)], EntryKind.Receipt).IsSuccess); // unbalanced
    }

    [Fact]
    public void Conversion_IsAtTheMonthsRate_RoundedHalfAwayFromZero_ToTheCent()
    {
        Assert.Equal(10_857_763, Money.ToUsdCents(100_000m, 0.921m)); // EUR 100,000 at 0.921 a dollar: USD 108,577.633… → 108,577.63
        Assert.Equal(3, Money.ToUsdCents(0.05m, 2m)); // 2.5 cents: half away from zero, not to even
        Assert.Equal("USD 1,234,567.89", Money.Format(123_456_789));
    }

    private static List<Allocation.Candidate> Sixty()
    {
        // 60 applications: 20 from LDCs, 35 from other developing countries, 5 from developed countries; some ask for two places.
        var list = new List<Allocation.Candidate>();
        var start = new DateTime(2018, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 60; i++)
        {
            var ldc = i % 3 == 0; // 20
            var developed = i >= 55;
            list.Add(new Allocation.Candidate(i + 1, $"S{i:D2}", $"State {i:D2}", !developed, ldc && !developed, i % 7 == 0 ? 250_000 : 0,
                start.AddMinutes(60 - i), i % 4 == 0 ? [i * 10 + 1, i * 10 + 2] : [i * 10 + 1]));
        }
        return list;
    }

    [Fact]
    public void TwentyFivePlacesForSixtyApplications_GoToEveryLdcFirst_OnePerStateBeforeAnySecond_TheSameOnEveryRun()
    {
        var candidates = Sixty();
        const long cost = 400_000; // USD 4,000 a place
        var outcome = Allocation.Run(candidates, cost, 25 * cost + 399_999);
        Assert.Equal(25, outcome.Funded);
        var funded = outcome.Decisions.Where(d => d.Funded).ToList();
        var byApplication = candidates.ToDictionary(c => c.ApplicationId);
        // Every LDC applicant is funded before any other developing country.
        var lastLdc = funded.Where(d => byApplication[d.ApplicationId].Ldc).Max(d => d.Position);
        var firstOther = funded.Where(d => !byApplication[d.ApplicationId].Ldc).Min(d => d.Position);
        Assert.True(lastLdc < firstOther);
        Assert.All(candidates.Where(c => c.Ldc), c => Assert.Contains(funded, d => d.ApplicationId == c.ApplicationId));
        // No State has two places while an eligible State that asked has none.
        var placesByState = candidates.Where(c => c.Eligible).ToDictionary(c => c.State, c => funded.Count(d => d.ApplicationId == c.ApplicationId));
        Assert.False(placesByState.Values.Any(v => v >= 2) && placesByState.Values.Any(v => v == 0));
        // Developed countries are never funded, and say why.
        Assert.All(outcome.Decisions.Where(d => !byApplication[d.ApplicationId].Eligible), d => Assert.Contains("not eligible", d.Reason, StringComparison.Ordinal));
        // Among other developing countries, those who received less come first.
        var others = funded.Where(d => !byApplication[d.ApplicationId].Ldc).Select(d => byApplication[d.ApplicationId].ReceivedSoFarCents).ToList();
        Assert.Equal(others.Order().ToList(), others);
        // Each traveller has a reason; the same input in another order gives the same result.
        Assert.All(outcome.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        var shuffled = candidates.OrderBy(c => new Random(c.ApplicationId * 31).Next()).ToList();
        Assert.Equal(outcome.Decisions.OrderBy(d => d.TravellerId), Allocation.Run(shuffled, cost, 25 * cost + 399_999).Decisions.OrderBy(d => d.TravellerId));
        Assert.Equal(399_999, outcome.RemainingCents);
    }

    [Fact]
    public void WhenFundsRemainAfterEveryStateHasOne_SecondPlacesAreGiven_InTheSameOrder()
    {
        var candidates = Sixty();
        const long cost = 100_000;
        var eligible = candidates.Count(c => c.Eligible);
        var outcome = Allocation.Run(candidates, cost, (eligible + 3) * cost);
        var second = outcome.Decisions.Where(d => d.Funded && d.Round == 2).ToList();
        Assert.Equal(3, second.Count);
        Assert.All(second, d => Assert.True(candidates.Single(c => c.ApplicationId == d.ApplicationId).Ldc)); // LDCs first in round 2 as well
    }
}
