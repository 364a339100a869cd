using Parley.Common;

namespace Parley.Features.Fund;

/// <summary>
/// The trust fund's books (§31 of 71/280), double entry in US cents (decision 017). Three accounts: <see cref="Bank"/> (money
/// held, debit-normal), <see cref="Available"/> (the fund's uncommitted balance) and <see cref="Committed"/> (promised to a
/// traveller or a preparatory activity, not yet paid), both credit-normal; so the books balance when Bank = Available + Committed.
/// Every movement is an entry whose lines sum to zero; a line on Committed carries the commitment it belongs to, so that no
/// commitment is paid or released beyond what it holds. Nothing is edited: a correction is a reversing entry.
/// </summary>
public static class Ledger
{
    public const string Bank = "bank";
    public const string Available = "available";
    public const string Committed = "committed";

    public sealed record Line(string Account, long Cents, string? Commitment = null);

    /// <summary>The balances after some lines: each of them, and what remains of each commitment.</summary>
    public sealed record Balances(long Bank, long Available, long Committed, IReadOnlyDictionary<string, long> Commitments)
    {
        public static readonly Balances Empty = new(0, 0, 0, new Dictionary<string, long>());

        public bool Balanced => Bank == Available + Committed;

        public static Balances Of(IEnumerable<Line> lines) => Empty.After(lines);

        public Balances After(IEnumerable<Line> lines)
        {
            var (bank, available, committed) = (Bank, Available, Committed);
            var commitments = new Dictionary<string, long>(Commitments);
            foreach (var l in lines)
            {
                switch (l.Account)
                {
                    case Ledger.Bank: bank += l.Cents; break;
                    case Ledger.Available: available -= l.Cents; break;
                    case Ledger.Committed:
                        committed -= l.Cents;
                        if (l.Commitment is { } c)
                        {
                            commitments[c] = commitments.GetValueOrDefault(c) - l.Cents;
                        }
                        break;
                    default: throw new ArgumentException($"No account '{l.Account}'.", nameof(lines));
                }
            }
            return new Balances(bank, available, committed, commitments);
        }
    }

    /// <summary>The lines of a movement of <paramref name="cents"/> of the given kind (<paramref name="commitment"/> for those that touch one).</summary>
    public static IReadOnlyList<Line> LinesFor(EntryKind kind, long cents, string? commitment = null) => kind switch
    {
        EntryKind.Receipt => [new(Bank, cents), new(Available, -cents)],
        EntryKind.Commitment or EntryKind.Surplus => [new(Available, cents), new(Committed, -cents, commitment)],
        EntryKind.Release => [new(Committed, cents, commitment), new(Available, -cents)],
        EntryKind.Disbursement => [new(Committed, cents, commitment), new(Bank, -cents)],
        EntryKind.Refund => [new(Available, cents), new(Bank, -cents)],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A reversal is made from the entry it reverses."),
    };

    /// <summary>Whether the lines may be posted on top of <paramref name="before"/>: they balance, and no balance or commitment goes
    /// below zero. The refusal says what is there and what was asked.</summary>
    public static Result<Balances> Check(Balances before, IReadOnlyList<Line> lines, EntryKind kind)
    {
        if (lines.Count == 0 || lines.Sum(l => l.Cents) != 0)
        {
            return Error.Validation("amount", "An entry's debits and credits must be equal.");
        }
        if (lines.Any(l => l.Account == Committed && l.Commitment is null))
        {
            return Error.Validation("commitment", "A movement on committed funds names its commitment.");
        }
        var after = before.After(lines);
        var asked = Money.Format(lines.Where(l => l.Cents > 0).Sum(l => l.Cents));
        if (after.Available < 0)
        {
            return Error.Conflict($"Only {Money.Format(before.Available)} is available; {kind.ToString().ToLowerInvariant()} of {asked} refused.");
        }
        if (after.Bank < 0)
        {
            return Error.Conflict($"Only {Money.Format(before.Bank)} is held; {kind.ToString().ToLowerInvariant()} of {asked} refused.");
        }
        if (after.Commitments.FirstOrDefault(c => c.Value < 0) is { Key: { } over })
        {
            return Error.Conflict($"The commitment {over} holds only {Money.Format(before.Commitments.GetValueOrDefault(over))}; {kind.ToString().ToLowerInvariant()} of {asked} refused.");
        }
        return after;
    }
}

public enum EntryKind { Receipt, Commitment, Release, Disbursement, Refund, Surplus, Reversal }

/// <summary>Money as US cents: parsed exactly from text, shown as "USD 1,234.50". Conversion from another currency is at the UN
/// operational rate of the month (units of the currency per US dollar), rounded half away from zero to the cent.</summary>
public static class Money
{
    public static string Format(long cents) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"USD {cents / 100m:N2}");

    public static long ToCents(decimal usd) => (long)Math.Round(usd * 100m, 0, MidpointRounding.AwayFromZero);

    public static long ToUsdCents(decimal amount, decimal unitsPerUsd) =>
        unitsPerUsd <= 0 ? throw new ArgumentOutOfRangeException(nameof(unitsPerUsd)) : (long)Math.Round(amount * 100m / unitsPerUsd, 0, MidpointRounding.AwayFromZero);
}
