using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Processes;

namespace Parley.Features.Fund;

/// <summary>
/// Use cases of the voluntary trust fund: rates, pledges and contributions, travel applications, the allocation run and its
/// approval, disbursements, refunds, surplus and reversals. Only the Secretariat moves money (its policy asks for the second
/// factor); every movement is posted to the <see cref="Ledger"/> in the same audited save as the business change.
/// </summary>
public static class FundCommands
{
    private static readonly string[] Currencies = ["USD", "EUR", "CHF", "GBP", "JPY", "CAD", "AUD", "NOK", "SEK", "DKK", "MXN", "CNY", "RUB", "KES", "MAD", "EGP", "INR", "BRL", "ZAR"];

    private static Error? SecretariatOnly(Viewer viewer) => viewer.IsSecretariat ? null : Error.Forbidden("Only the Secretariat moves the fund's money.");

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add(field, "A date as YYYY-MM-DD.");
        return null;
    }

    private static decimal? Amount(string? text, string field, FieldErrors errors)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) && a > 0 && decimal.Round(a, 2) == a && a < 1_000_000_000m)
        {
            return a;
        }
        errors.Add(field, "A positive amount with at most two decimals, e.g. 25000.00.");
        return null;
    }

    private static string? Currency(string? text, FieldErrors errors)
    {
        var c = text?.Trim().ToUpperInvariant() ?? "USD";
        if (c.Length != 3 || !c.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "An ISO 4217 code, e.g. USD, EUR, CHF.");
            return null;
        }
        return c;
    }

    // ----- rates -----

    public sealed record RateRow(string Currency, string Month, decimal UnitsPerUsd);

    public static async Task<Result<RateRow>> SetRateAsync(ParleyDb db, Viewer viewer, string? currency, string? month, string? unitsPerUsd, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        var errors = new FieldErrors();
        var c = Currency(currency, errors);
        DateOnly? m = DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        if (m is null)
        {
            errors.Add("month", "A month as YYYY-MM.");
        }
        if (!decimal.TryParse(unitsPerUsd, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var units) || units <= 0 || decimal.Round(units, 6) != units)
        {
            errors.Add("unitsPerUsd", "Units of the currency per US dollar, positive, at most six decimals (e.g. 0.921).");
        }
        if (c == "USD" && units != 1m)
        {
            errors.Add("unitsPerUsd", "The US dollar is 1.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var rate = await db.ExchangeRates.FirstOrDefaultAsync(r => r.Currency == c && r.Month == m, ct);
        if (rate is null)
        {
            db.ExchangeRates.Add(rate = new ExchangeRate { Currency = c!, Month = m!.Value });
        }
        else if (await db.Contributions.AnyAsync(x => x.Currency == c && x.ReceivedOn >= m && x.ReceivedOn < m.Value.AddMonths(1), ct) && rate.UnitsPerUsd != units)
        {
            return Error.Conflict($"Contributions in {c} were converted at the rate of {m:yyyy-MM}; it cannot change now (reverse them first).");
        }
        rate.UnitsPerUsd = units;
        db.AuditAction = "fund.rate-set";
        await db.SaveChangesAsync(ct);
        return new RateRow(rate.Currency, rate.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), rate.UnitsPerUsd);
    }

    /// <summary>Rates from a CSV with the columns currency, month (YYYY-MM), units_per_usd: all rows or none.</summary>
    public static async Task<Result<int>> ImportRatesAsync(ParleyDb db, Viewer viewer, TextReader csvText, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        using var csv = new CsvHelper.CsvReader(csvText, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
            { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || !new[] { "currency", "month", "units_per_usd" }.All(h => csv.HeaderRecord!.Select(x => x.Trim().ToLowerInvariant()).Contains(h)))
        {
            return Error.Validation("file", "The first row names the columns currency, month, units_per_usd.");
        }
        var problems = new List<string>();
        var count = 0;
        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        while (csv.Read())
        {
            var r = await SetRateAsync(db, viewer, csv.GetField("currency"), csv.GetField("month"), csv.GetField("units_per_usd"), ct);
            if (r.IsSuccess)
            {
                count++;
            }
            else
            {
                problems.AddRange((r.Error!.Fields?.SelectMany(f => f.Value) ?? [r.Error.Message]).Select(m => $"row {csv.Parser.Row}: {m}"));
                db.ChangeTracker.Clear();
            }
        }
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return Error.Validation(new Dictionary<string, string[]> { ["file"] = problems.ToArray() });
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    public sealed record TravelRateRow(string Venue, decimal Ticket, decimal Dsa);

    public static async Task<Result<TravelRateRow>> SetTravelRateAsync(ParleyDb db, Viewer viewer, string processId, string? venue, string? ticket, string? dsa, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        if (await ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors();
        if (venue is null || found.Definition.FindVenue(venue) is null)
        {
            errors.Add("venue", $"Use one of: {string.Join(", ", found.Definition.Venues.Select(v => v.Code))}.");
        }
        var t = Amount(ticket, "ticket", errors);
        var d = Amount(dsa, "dsa", errors);
        if (errors.Any)
        {
            return errors.ToError();
        }
        var rate = await db.TravelRates.FirstOrDefaultAsync(r => r.ProcessId == processId && r.VenueCode == venue, ct);
        if (rate is null)
        {
            db.TravelRates.Add(rate = new TravelRate { ProcessId = processId, VenueCode = venue! });
        }
        (rate.TicketCents, rate.DsaCents) = (Money.ToCents(t!.Value), Money.ToCents(d!.Value));
        db.AuditAction = "fund.travel-rate-set";
        await db.SaveChangesAsync(ct);
        return new TravelRateRow(rate.VenueCode, rate.TicketCents / 100m, rate.DsaCents / 100m);
    }

    // ----- posting -----

    /// <summary>
    /// Posts a movement on the process's books after checking it against the balances as they are: the head's version makes two
    /// postings against the same balances conflict, and the loser is tried again on the new balances (so the last funds are never
    /// spent twice). <paramref name="change"/> makes the business change of the same save.
    /// </summary>
    internal static async Task<Result<FundEntry>> PostAsync(ParleyDb db, TimeProvider clock, string processId, EntryKind kind, Func<Ledger.Balances, IReadOnlyList<Ledger.Line>> lines,
        DateOnly valueDate, string memo, string? reference, int? reverses, string by, string audit, Func<FundEntry, Task<Error?>>? change = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var head = await db.FundHeads.FirstOrDefaultAsync(h => h.ProcessId == processId, ct);
            if (head is null)
            {
                db.FundHeads.Add(head = new FundHead(processId));
            }
            var proposed = lines(new Ledger.Balances(head.BankCents, head.AvailableCents, head.CommittedCents, new Dictionary<string, long>()));
            var keys = proposed.Where(l => l.Commitment is not null).Select(l => l.Commitment!).Distinct().ToList();
            var held = keys.Count == 0 ? new Dictionary<string, long>() : await db.FundLines.Where(l => l.Account == Ledger.Committed && keys.Contains(l.Commitment!))
                .GroupBy(l => l.Commitment!).Select(g => new { g.Key, Cents = -g.Sum(l => l.Cents) }).ToDictionaryAsync(x => x.Key, x => x.Cents, ct);
            var before = new Ledger.Balances(head.BankCents, head.AvailableCents, head.CommittedCents, held);
            var checkedLines = Ledger.Check(before, proposed, kind);
            if (!checkedLines.IsSuccess)
            {
                db.ChangeTracker.Clear();
                return checkedLines.Error!;
            }
            head.Apply(checkedLines.Value);
            var entry = new FundEntry(processId, kind, valueDate, memo, reference, reverses, by, clock.GetUtcNow().UtcDateTime, proposed);
            db.FundEntries.Add(entry);
            if (change is not null && await change(entry) is { } refused)
            {
                db.ChangeTracker.Clear();
                return refused;
            }
            db.AuditAction = audit;
            try
            {
                await db.SaveChangesAsync(ct);
                return entry;
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another posting changed the balances (the head's version), or created the head at the same moment: read again.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 40) * (attempt + 1), ct);
            }
        }
    }

    // ----- pledges and contributions -----

    public sealed record PledgeRequest(string? Donor, string? DonorName, string? Amount, string? Currency, string? PledgedOn, string? Earmark, string? Conditions);

    public sealed record PledgeRow(int Id, string Donor, string DonorName, decimal Amount, string Currency, DateOnly PledgedOn, string? Earmark, string? Conditions,
        decimal Received, string ReceivedCurrency);

    public static async Task<Result<PledgeRow>> RecordPledgeAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, PledgeRequest r, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        if (!await db.Processes.AnyAsync(p => p.Id == processId, ct))
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors();
        var (code, name) = await DonorAsync(db, r.Donor, r.DonorName, errors, ct);
        var amount = Amount(r.Amount, "amount", errors);
        var currency = Currency(r.Currency, errors);
        var on = Date(r.PledgedOn, "pledgedOn", errors);
        if (r.Earmark is { Length: > 500 } || r.Conditions is { Length: > 2000 })
        {
            errors.Add("conditions", "Earmarking within 500 characters, conditions within 2,000.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var pledge = new Pledge
        {
            ProcessId = processId, DonorCode = code!, DonorName = name!, Amount = amount!.Value, Currency = currency!, PledgedOn = on!.Value,
            Earmark = string.IsNullOrWhiteSpace(r.Earmark) ? null : r.Earmark.Trim(), Conditions = string.IsNullOrWhiteSpace(r.Conditions) ? null : r.Conditions.Trim(),
            RecordedBy = viewer.Name, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Pledges.Add(pledge);
        db.AuditAction = "fund.pledge-recorded";
        await db.SaveChangesAsync(ct);
        return new PledgeRow(pledge.Id, pledge.DonorCode, pledge.DonorName, pledge.Amount, pledge.Currency, pledge.PledgedOn, pledge.Earmark, pledge.Conditions, 0, pledge.Currency);
    }

    /// <summary>A donor: a State by its code (its name from the registry) or an organisation by a code and a name.</summary>
    private static async Task<(string? Code, string? Name)> DonorAsync(ParleyDb db, string? donor, string? donorName, FieldErrors errors, CancellationToken ct)
    {
        var code = donor?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            errors.Add("donor", "The donor: a State's ISO3 code, or an organisation's code with its name.");
            return (null, null);
        }
        var state = await db.States.AsNoTracking().Where(s => s.Iso3 == code.ToUpperInvariant()).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (state is not null)
        {
            return (code.ToUpperInvariant(), state);
        }
        if (string.IsNullOrWhiteSpace(donorName) || donorName.Length > 200)
        {
            errors.Add("donorName", $"'{code}' is not a State in the registry: give the organisation's name.");
            return (null, null);
        }
        return (code, donorName.Trim());
    }

    public sealed record ContributionRequest(int? PledgeId, string? Donor, string? DonorName, string? Amount, string? Currency, string? ReceivedOn);

    public sealed record ContributionRow(int Id, int? PledgeId, string Donor, string DonorName, decimal Amount, string Currency, DateOnly ReceivedOn,
        decimal UnitsPerUsd, decimal Usd, int EntryId, bool Reversed);

    private static ContributionRow ToRow(Contribution c) =>
        new(c.Id, c.PledgeId, c.DonorCode, c.DonorName, c.Amount, c.Currency, c.ReceivedOn, c.UnitsPerUsd, c.UsdCents / 100m, c.EntryId, c.Reversed);

    /// <summary>Money received: converted at the operational rate of its month (refused when the month has no rate), posted as a receipt.</summary>
    public static async Task<Result<ContributionRow>> RecordContributionAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, ContributionRequest r, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        if (!await db.Processes.AnyAsync(p => p.Id == processId, ct))
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors();
        Pledge? pledge = null;
        if (r.PledgeId is { } pid && (pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.ProcessId == processId, ct)) is null)
        {
            errors.Add("pledgeId", "No such pledge in this process.");
        }
        var (code, name) = pledge is not null ? (pledge.DonorCode, pledge.DonorName) : await DonorAsync(db, r.Donor, r.DonorName, errors, ct);
        var amount = Amount(r.Amount, "amount", errors);
        var currency = Currency(r.Currency ?? pledge?.Currency, errors);
        var on = Date(r.ReceivedOn, "receivedOn", errors);
        if (on is { } day && day > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            errors.Add("receivedOn", "Money is recorded when it has arrived, not before.");
        }
        decimal units = 1m;
        if (currency is not null && currency != "USD" && on is { } received)
        {
            var month = new DateOnly(received.Year, received.Month, 1);
            var rate = await db.ExchangeRates.AsNoTracking().FirstOrDefaultAsync(x => x.Currency == currency && x.Month == month, ct);
            if (rate is null)
            {
                errors.Add("currency", $"There is no operational rate for {currency} in {month:yyyy-MM}: the Secretariat records it first.");
            }
            else
            {
                units = rate.UnitsPerUsd;
            }
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var usd = Money.ToUsdCents(amount!.Value, units);
        var contribution = new Contribution
        {
            ProcessId = processId, PledgeId = pledge?.Id, DonorCode = code!, DonorName = name!, Amount = amount.Value, Currency = currency!, ReceivedOn = on!.Value,
            UnitsPerUsd = units, UsdCents = usd,
        };
        var posted = await PostAsync(db, clock, processId, EntryKind.Receipt, _ => Ledger.LinesFor(EntryKind.Receipt, usd), on.Value,
            $"Contribution of {name}: {currency} {amount.Value.ToString("N2", CultureInfo.InvariantCulture)}", null, null, viewer.Name, "fund.contribution-received",
            entry =>
            {
                contribution.Entry = entry; // one save: the receipt and the contribution together
                db.Contributions.Add(contribution);
                return Task.FromResult<Error?>(null);
            }, ct);
        if (!posted.IsSuccess)
        {
            return posted.Error!;
        }
        return ToRow(contribution);
    }

    // ----- corrections, refunds, surplus, disbursements -----

    public sealed record EntryRow(int Id, string Kind, DateOnly ValueDate, string Memo, string? Reference, int? Reverses, string RecordedBy, DateTime RecordedAt,
        IReadOnlyList<LineRow> Lines);

    public sealed record LineRow(string Account, decimal Debit, decimal Credit, string? Commitment);

    public static EntryRow ToRow(FundEntry e) => new(e.Id, e.Kind.ToString().ToLowerInvariant(), e.ValueDate, e.Memo, e.Reference, e.ReversesId, e.RecordedBy, e.RecordedAt,
        e.Lines.Select(l => new LineRow(l.Account, l.Cents > 0 ? l.Cents / 100m : 0, l.Cents < 0 ? -l.Cents / 100m : 0, l.Commitment)).ToList());

    /// <summary>A correction: the entry's lines posted again with the opposite sign, if the balances allow it (a receipt already
    /// committed cannot be reversed until the commitment is released). An entry is reversed once.</summary>
    public static async Task<Result<EntryRow>> ReverseAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, int entryId, string? reason, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        var original = await db.FundEntries.AsNoTracking().Include(e => e.Lines).FirstOrDefaultAsync(e => e.Id == entryId && e.ProcessId == processId, ct);
        if (original is null)
        {
            return Error.NotFound("No such entry in this fund.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 400)
        {
            return Error.Validation("reason", "Say why, within 400 characters.");
        }
        if (original.Kind == EntryKind.Reversal || await db.FundEntries.AnyAsync(e => e.ReversesId == entryId, ct))
        {
            return Error.Conflict("This entry is a reversal or is already reversed.");
        }
        var lines = original.Lines.Select(l => new Ledger.Line(l.Account, -l.Cents, l.Commitment)).ToList();
        var posted = await PostAsync(db, clock, processId, EntryKind.Reversal, _ => lines, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            $"Reversal of entry {entryId}: {reason.Trim()}", original.Reference, entryId, viewer.Name, "fund.entry-reversed", async entry =>
            {
                if (await db.Contributions.FirstOrDefaultAsync(c => c.EntryId == entryId, ct) is { } contribution)
                {
                    contribution.Reversed = true;
                }
                // A traveller's commitment or payment reversed: their figures follow the lines (the run's travellers read at once).
                var lines = original.Lines.Where(l => l.Account == Ledger.Committed && l.Commitment is { } c && c.StartsWith("travel:", StringComparison.Ordinal)
                    && int.TryParse(c[7..], out _)).ToList();
                var ids = lines.Select(l => int.Parse(l.Commitment![7..], CultureInfo.InvariantCulture)).ToList();
                var travellers = await db.Travellers.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
                foreach (var line in lines)
                {
                    if (travellers.GetValueOrDefault(int.Parse(line.Commitment![7..], CultureInfo.InvariantCulture)) is { } traveller)
                    {
                        if (original.Kind == EntryKind.Commitment)
                        {
                            traveller.CommittedCents += line.Cents;
                        }
                        else if (original.Kind == EntryKind.Disbursement)
                        {
                            traveller.DisbursedCents -= line.Cents;
                        }
                    }
                }
                return null;
            }, ct);
        return posted.IsSuccess ? ToRow(posted.Value) : posted.Error!;
    }

    public sealed record MoneyRequest(string? Amount, string? Memo, string? ValueDate = null);

    /// <summary>Money given back to a donor from the uncommitted balance.</summary>
    public static Task<Result<EntryRow>> RefundAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, MoneyRequest r, CancellationToken ct = default) =>
        SimpleAsync(db, clock, viewer, processId, EntryKind.Refund, r, null, "fund.refund", ct);

    /// <summary>§31: what remains may support the preparatory process; the allocation is a commitment "surplus:N" paid out later.</summary>
    public static async Task<Result<EntryRow>> AllocateSurplusAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, MoneyRequest r, CancellationToken ct = default)
    {
        var n = await db.FundEntries.CountAsync(e => e.ProcessId == processId && e.Kind == EntryKind.Surplus, ct) + 1;
        return await SimpleAsync(db, clock, viewer, processId, EntryKind.Surplus, r, $"surplus:{n}", "fund.surplus-allocated", ct);
    }

    /// <summary>Pays out (part of) a commitment: a traveller's ("travel:ID") or a surplus allocation ("surplus:N").</summary>
    public static async Task<Result<EntryRow>> DisburseAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, string commitment, MoneyRequest r, CancellationToken ct = default)
    {
        var result = await SimpleAsync(db, clock, viewer, processId, EntryKind.Disbursement, r, commitment, "fund.disbursed", ct, async cents =>
        {
            if (commitment.StartsWith("travel:", StringComparison.Ordinal) && int.TryParse(commitment[7..], out var id) && await db.Travellers.FirstOrDefaultAsync(t => t.Id == id, ct) is { } traveller)
            {
                traveller.DisbursedCents += cents;
            }
        });
        return result;
    }

    private static async Task<Result<EntryRow>> SimpleAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, EntryKind kind, MoneyRequest r, string? commitment,
        string audit, CancellationToken ct, Func<long, Task>? also = null)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        if (!await db.Processes.AnyAsync(p => p.Id == processId, ct))
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors();
        var amount = Amount(r.Amount, "amount", errors);
        var on = r.ValueDate is null ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) : Date(r.ValueDate, "valueDate", errors);
        if (string.IsNullOrWhiteSpace(r.Memo) || r.Memo.Length > 400)
        {
            errors.Add("memo", "Say what it is for, within 400 characters.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var cents = Money.ToCents(amount!.Value);
        var posted = await PostAsync(db, clock, processId, kind, _ => Ledger.LinesFor(kind, cents, commitment), on!.Value, r.Memo!.Trim(), commitment, null, viewer.Name, audit,
            async _ =>
            {
                if (also is not null)
                {
                    await also(cents);
                }
                return null;
            }, ct);
        return posted.IsSuccess ? ToRow(posted.Value) : posted.Error!;
    }

    // ----- travel support -----

    public sealed record TravellerRequest(string? Name, string? Role);

    /// <summary>A named representative; <see cref="Registered"/>: listed in the delegation's registration for the meeting (read now).</summary>
    public sealed record TravellerRow(int Id, string Name, string? Role, bool? Funded, string? Reason, decimal Estimate, decimal Committed, decimal Disbursed,
        bool Registered = false);

    /// <summary>An application, with the status of the State's registration for the meeting (none, pending, approved…).</summary>
    public sealed record ApplicationRow(int Id, int MeetingId, string MeetingTitle, string State, string StateName, bool Ldc, bool Eligible, string Status,
        DateTime SubmittedAt, IReadOnlyList<TravellerRow> Travellers, string? Registration = null);

    /// <summary>A mission focal point applies for its State: named representatives to a meeting of the process, not yet allocated.</summary>
    public static async Task<Result<ApplicationRow>> ApplyAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, int meetingId,
        IReadOnlyList<TravellerRequest>? travellers, CancellationToken ct = default)
    {
        if (viewer.Kind is not (PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate) || !viewer.FocalPoint || viewer.StateIso3 is null)
        {
            return Error.Forbidden("A mission's focal point applies for travel support for its State.");
        }
        if (await ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.ProcessId == processId, ct);
        if (meeting is null || meeting.Status == MeetingStatus.Cancelled)
        {
            return Error.NotFound("No such meeting in this process.");
        }
        var errors = new FieldErrors();
        var names = (travellers ?? []).Select(t => (Name: t.Name?.Trim() ?? "", Role: string.IsNullOrWhiteSpace(t.Role) ? null : t.Role.Trim())).ToList();
        if (names.Count is 0 or > 5 || names.Any(n => n.Name.Length is 0 or > 200 || n.Role is { Length: > 100 }))
        {
            errors.Add("travellers", "Name one to five representatives (names within 200 characters).");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (await db.TravelApplications.AnyAsync(a => a.MeetingId == meetingId && a.StateIso3 == viewer.StateIso3, ct))
        {
            return Error.Conflict("Your State has already applied for this meeting; change that application instead.");
        }
        if (await db.AllocationRuns.AnyAsync(r => r.MeetingId == meetingId && r.Status == RunStatus.Approved, ct))
        {
            return Error.Conflict("The allocation for this meeting is approved; applications are closed.");
        }
        var (eligible, ldc) = await EligibilityAsync(db, found.Definition, viewer.StateIso3, meeting.Days.Count > 0 ? meeting.Days.Min() : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        var estimate = await EstimateAsync(db, found.Definition, meeting, ct);
        var application = new TravelApplication
        {
            ProcessId = processId, MeetingId = meetingId, StateIso3 = viewer.StateIso3, SubmittedBy = viewer.UserId ?? "", SubmittedByName = viewer.Name,
            SubmittedAt = clock.GetUtcNow().UtcDateTime, Status = TravelStatus.Submitted, Eligible = eligible, Ldc = ldc,
            Travellers = names.Select(n => new Traveller { Name = n.Name, Role = n.Role, EstimateCents = estimate ?? 0 }).ToList(),
        };
        db.TravelApplications.Add(application);
        db.AuditAction = "fund.travel-applied";
        await db.SaveChangesAsync(ct);
        return (await ApplicationsAsync(db, processId, viewer, application.Id, ct)).Single();
    }

    /// <summary>Eligible when the modalities' fund supports the State (a developing country), and whether it is an LDC, on the meeting's first day.</summary>
    public static async Task<(bool Eligible, bool Ldc)> EligibilityAsync(ParleyDb db, Modalities.ModalitiesDefinition def, string iso3, DateOnly on, CancellationToken ct)
    {
        var state = await db.States.AsNoTracking().Include(s => s.LdcPeriods).FirstOrDefaultAsync(s => s.Iso3 == iso3, ct);
        if (state is null || def.TrustFund is not { } fund)
        {
            return (false, false);
        }
        return (fund.IsDeveloping(state.Iso3, state.Region, state.SubRegion), state.IsLdcOn(on));
    }

    /// <summary>Ticket plus the daily allowance for the meeting's days (and the fund's travel days), from the venue's rates; null without rates.</summary>
    public static async Task<long?> EstimateAsync(ParleyDb db, Modalities.ModalitiesDefinition def, Meeting meeting, CancellationToken ct)
    {
        var rate = await db.TravelRates.AsNoTracking().FirstOrDefaultAsync(r => r.ProcessId == meeting.ProcessId && r.VenueCode == meeting.VenueCode, ct);
        return rate is null ? null : rate.TicketCents + rate.DsaCents * (meeting.Days.Count + (def.TrustFund?.ExtraDays ?? 0));
    }

    /// <summary>Applications as the viewer may see them: the Secretariat all, a mission its State's, nobody else any.</summary>
    public static async Task<IReadOnlyList<ApplicationRow>> ApplicationsAsync(ParleyDb db, string processId, Viewer viewer, int? id = null, CancellationToken ct = default, int? meetingId = null)
    {
        var query = db.TravelApplications.AsNoTracking().Include(a => a.Travellers).Where(a => a.ProcessId == processId);
        if (!viewer.IsSecretariat)
        {
            if (viewer.StateIso3 is null || viewer.Kind is not (PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate))
            {
                return [];
            }
            query = query.Where(a => a.StateIso3 == viewer.StateIso3);
        }
        if (id is not null)
        {
            query = query.Where(a => a.Id == id);
        }
        if (meetingId is not null)
        {
            query = query.Where(a => a.MeetingId == meetingId);
        }
        var rows = await query.OrderBy(a => a.MeetingId).ThenBy(a => a.StateIso3).ToListAsync(ct);
        var codes = rows.Select(r => r.StateIso3).Distinct().ToList();
        var names = await db.States.AsNoTracking().Where(s => codes.Contains(s.Iso3)).ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        var meetingIds = rows.Select(r => r.MeetingId).Distinct().ToList();
        var titles = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        // The delegation's registration for the same meeting: its status, and whether each traveller is among its participants.
        var registrations = (await db.MeetingRegistrations.AsNoTracking().Include(r => r.Participants)
                .Where(r => meetingIds.Contains(r.MeetingId) && r.Kind == Meetings.RegistrationKind.Delegation && codes.Contains(r.Code)).ToListAsync(ct))
            .GroupBy(r => (r.MeetingId, r.Code)).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Id).First());
        return rows.Select(a =>
        {
            var registration = registrations.GetValueOrDefault((a.MeetingId, a.StateIso3));
            bool Listed(string name) => registration?.Participants.Any(p => string.Equals(p.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) == true;
            return new ApplicationRow(a.Id, a.MeetingId, titles.GetValueOrDefault(a.MeetingId) ?? "", a.StateIso3, names.GetValueOrDefault(a.StateIso3) ?? a.StateIso3,
                a.Ldc, a.Eligible, Slug(a.Status), a.SubmittedAt, a.Travellers.OrderBy(t => t.Id).Select(t => new TravellerRow(t.Id, t.Name, t.Role, t.Funded, t.Reason,
                    t.EstimateCents / 100m, t.CommittedCents / 100m, t.DisbursedCents / 100m, Listed(t.Name))).ToList(),
                registration?.Status.ToString().ToLowerInvariant());
        }).ToList();
    }

    public static string Slug(TravelStatus s) => s switch
    {
        TravelStatus.PartlyFunded => "partly-funded", TravelStatus.NotFunded => "not-funded", _ => s.ToString().ToLowerInvariant(),
    };

    // ----- allocation -----

    public sealed record RunRow(int Id, int MeetingId, string Status, decimal Available, decimal CostPerTraveller, int Funded, int Asked, decimal Committed,
        DateTime RunAt, string RunBy, string? ApprovedBy, IReadOnlyList<Allocation.Decision> Decisions);

    private static RunRow ToRow(AllocationRun r)
    {
        var decisions = JsonSerializer.Deserialize<List<Allocation.Decision>>(r.DecisionsJson) ?? [];
        return new RunRow(r.Id, r.MeetingId, r.Status.ToString().ToLowerInvariant(), r.AvailableCents / 100m, r.CostCents / 100m, decisions.Count(d => d.Funded), decisions.Count,
            decisions.Count(d => d.Funded) * r.CostCents / 100m, r.RunAt, r.RunBy, r.ApprovedBy, decisions);
    }

    /// <summary>Runs the allocation for a meeting on the funds available now; the run is proposed, for the Secretariat to review and approve.</summary>
    public static async Task<Result<RunRow>> RunAllocationAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, int meetingId, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        if (await ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.ProcessId == processId, ct);
        if (meeting is null)
        {
            return Error.NotFound("No such meeting in this process.");
        }
        if (await db.AllocationRuns.AnyAsync(r => r.MeetingId == meetingId && r.Status == RunStatus.Approved, ct))
        {
            return Error.Conflict("The allocation for this meeting is already approved.");
        }
        if (await EstimateAsync(db, found.Definition, meeting, ct) is not { } cost || cost <= 0)
        {
            return Error.Validation("venue", $"Set the travel rates (ticket and allowance) for {meeting.VenueCode} first.");
        }
        var applications = await db.TravelApplications.AsNoTracking().Include(a => a.Travellers)
            .Where(a => a.MeetingId == meetingId && a.Status != TravelStatus.Withdrawn).ToListAsync(ct);
        var states = applications.Select(a => a.StateIso3).ToList();
        var names = await db.States.AsNoTracking().Where(s => states.Contains(s.Iso3)).ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        // What each State has received from the fund in the process so far: committed to its travellers at other meetings.
        var received = await (from a in db.TravelApplications.AsNoTracking()
                              join t in db.Travellers.AsNoTracking() on a.Id equals t.ApplicationId
                              where a.ProcessId == processId && a.MeetingId != meetingId && states.Contains(a.StateIso3)
                              select new { a.StateIso3, t.CommittedCents }).ToListAsync(ct);
        var receivedBy = received.GroupBy(x => x.StateIso3).ToDictionary(g => g.Key, g => g.Sum(x => x.CommittedCents));
        var head = await db.FundHeads.AsNoTracking().FirstOrDefaultAsync(h => h.ProcessId == processId, ct);
        var candidates = applications.Select(a => new Allocation.Candidate(a.Id, a.StateIso3, names.GetValueOrDefault(a.StateIso3) ?? a.StateIso3, a.Eligible, a.Ldc,
            receivedBy.GetValueOrDefault(a.StateIso3), a.SubmittedAt, a.Travellers.OrderBy(t => t.Id).Select(t => t.Id).ToList(),
            a.Eligible ? null : $"{names.GetValueOrDefault(a.StateIso3) ?? a.StateIso3} is not eligible: the fund (§{found.Definition.TrustFund?.Paragraph ?? "?"}) supports developing countries.")).ToList();
        var outcome = Allocation.Run(candidates, cost, head?.AvailableCents ?? 0);
        foreach (var stale in await db.AllocationRuns.Where(r => r.MeetingId == meetingId && r.Status == RunStatus.Proposed).ToListAsync(ct))
        {
            stale.Status = RunStatus.Superseded;
        }
        var run = new AllocationRun
        {
            ProcessId = processId, MeetingId = meetingId, RunAt = clock.GetUtcNow().UtcDateTime, RunBy = viewer.Name, AvailableCents = outcome.AvailableCents,
            CostCents = cost, Status = RunStatus.Proposed, DecisionsJson = JsonSerializer.Serialize(outcome.Decisions),
        };
        db.AllocationRuns.Add(run);
        db.AuditAction = "fund.allocation-run";
        await db.SaveChangesAsync(ct);
        return ToRow(run);
    }

    /// <summary>Approves the latest proposed run: each funded traveller's cost becomes a commitment ("travel:ID"), every applicant's
    /// travellers carry their decision and reason. Refused when the funds no longer cover it (run again).</summary>
    public static async Task<Result<RunRow>> ApproveAllocationAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, int runId, CancellationToken ct = default)
    {
        if (SecretariatOnly(viewer) is { } denied)
        {
            return denied;
        }
        var run = await db.AllocationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.ProcessId == processId, ct);
        if (run is null)
        {
            return Error.NotFound("No such allocation run in this process.");
        }
        if (run.Status != RunStatus.Proposed)
        {
            return Error.Conflict($"This run is {run.Status.ToString().ToLowerInvariant()}; approve the latest proposed run.");
        }
        var decisions = JsonSerializer.Deserialize<List<Allocation.Decision>>(run.DecisionsJson) ?? [];
        var funded = decisions.Where(d => d.Funded).ToList();
        async Task<Error?> Decide(FundEntry? _)
        {
            var tracked = await db.AllocationRuns.FirstAsync(r => r.Id == runId, ct);
            if (tracked.Status != RunStatus.Proposed)
            {
                return Error.Conflict("This run was approved or superseded at the same moment.");
            }
            (tracked.Status, tracked.ApprovedBy, tracked.ApprovedAt) = (RunStatus.Approved, viewer.Name, clock.GetUtcNow().UtcDateTime);
            var applications = await db.TravelApplications.Include(a => a.Travellers).Where(a => a.MeetingId == run.MeetingId && a.Status != TravelStatus.Withdrawn).ToListAsync(ct);
            foreach (var a in applications)
            {
                foreach (var t in a.Travellers)
                {
                    var d = decisions.FirstOrDefault(x => x.TravellerId == t.Id);
                    (t.Funded, t.Reason, t.CommittedCents, t.EstimateCents) = (d?.Funded ?? false, d?.Reason ?? "Applied after the allocation was run.",
                        d?.Funded == true ? run.CostCents : 0, run.CostCents);
                }
                a.Status = a.Travellers.All(t => t.Funded == true) ? TravelStatus.Funded : a.Travellers.Any(t => t.Funded == true) ? TravelStatus.PartlyFunded : TravelStatus.NotFunded;
            }
            return null;
        }
        if (funded.Count == 0)
        {
            if (await Decide(null) is { } refused)
            {
                return refused;
            }
            db.AuditAction = "fund.allocation-approved";
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // One entry for the run, one commitment line per funded traveller: all of it or nothing.
            var lines = funded.SelectMany(d => Ledger.LinesFor(EntryKind.Commitment, run.CostCents, $"travel:{d.TravellerId}")).ToList();
            var posted = await PostAsync(db, clock, processId, EntryKind.Commitment, _ => lines, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                $"Travel support for meeting {run.MeetingId}: {funded.Count} traveller(s), allocation run {run.Id}", $"run:{run.Id}", null, viewer.Name,
                "fund.allocation-approved", Decide, ct);
            if (!posted.IsSuccess)
            {
                return posted.Error!;
            }
        }
        return ToRow(await db.AllocationRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct));
    }

    public static async Task<IReadOnlyList<RunRow>> RunsAsync(ParleyDb db, string processId, int? meetingId, CancellationToken ct = default) =>
        (await db.AllocationRuns.AsNoTracking().Where(r => r.ProcessId == processId && (meetingId == null || r.MeetingId == meetingId)).OrderByDescending(r => r.Id).ToListAsync(ct))
        .Select(ToRow).ToList();
}
