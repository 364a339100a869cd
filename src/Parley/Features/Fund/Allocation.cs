namespace Parley.Features.Fund;

/// <summary>
/// Who travels on the fund to a meeting (§31: developing countries, in particular the least developed). Places are given in rounds:
/// in each round every eligible State still asking gets one more place, least developed countries first, then the other developing
/// countries; within each, the States that have received least from the fund in the process so far come first, then the earlier
/// application, then the code. So no State gets a second place while an eligible State that asked has none, and the same
/// applications and funds give the same result on every run. Each traveller's decision carries its reason.
/// </summary>
public static class Allocation
{
    public sealed record Candidate(int ApplicationId, string State, string StateName, bool Eligible, bool Ldc, long ReceivedSoFarCents,
        DateTime SubmittedAt, IReadOnlyList<int> Travellers, string? IneligibleReason = null);

    public sealed record Decision(int ApplicationId, int TravellerId, bool Funded, int? Round, int? Position, string Reason);

    public sealed record Outcome(IReadOnlyList<Decision> Decisions, long AvailableCents, long CostCents, long CommittedCents)
    {
        public int Funded => Decisions.Count(d => d.Funded);
        public long RemainingCents => AvailableCents - CommittedCents;
    }

    public static Outcome Run(IReadOnlyList<Candidate> candidates, long costPerTravellerCents, long availableCents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(costPerTravellerCents);
        var decisions = new List<Decision>();
        foreach (var c in candidates.Where(c => !c.Eligible))
        {
            decisions.AddRange(c.Travellers.Select(t => new Decision(c.ApplicationId, t, false, null, null,
                c.IneligibleReason ?? $"{c.StateName} is not eligible: the fund supports developing countries.")));
        }
        var ordered = candidates.Where(c => c.Eligible)
            .OrderBy(c => c.Ldc ? 0 : 1).ThenBy(c => c.ReceivedSoFarCents).ThenBy(c => c.SubmittedAt).ThenBy(c => c.State, StringComparer.Ordinal).ThenBy(c => c.ApplicationId)
            .ToList();
        var remaining = availableCents;
        var position = 0;
        var rounds = ordered.Count == 0 ? 0 : ordered.Max(c => c.Travellers.Count);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var c in ordered.Where(c => c.Travellers.Count >= round))
            {
                var traveller = c.Travellers[round - 1];
                var group = c.Ldc ? "a least developed country (first priority)" : "a developing country (after the least developed countries)";
                var order = c.ReceivedSoFarCents == 0 ? "no support received so far in the process" : $"{Money.Format(c.ReceivedSoFarCents)} received so far in the process";
                if (remaining >= costPerTravellerCents)
                {
                    remaining -= costPerTravellerCents;
                    position++;
                    decisions.Add(new Decision(c.ApplicationId, traveller, true, round, position,
                        $"Funded: place {position}, round {round} (one place per State each round). {c.StateName} is {group}, with {order}; " +
                        $"estimated cost {Money.Format(costPerTravellerCents)}."));
                }
                else
                {
                    decisions.Add(new Decision(c.ApplicationId, traveller, false, round, null,
                        $"Not funded: the funds ran out in round {round} ({Money.Format(remaining)} left, a place costs {Money.Format(costPerTravellerCents)}). " +
                        $"{c.StateName} is {group}, with {order}."));
                }
            }
        }
        return new Outcome(decisions, availableCents, costPerTravellerCents, availableCents - remaining);
    }
}
