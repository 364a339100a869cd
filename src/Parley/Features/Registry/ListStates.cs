using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Registry;

/// <summary>The public registry of States, filtered. Query-string values arrive as text and are validated here.</summary>
public static class ListStates
{
    public sealed record Request(string? Status = null, string? Group = null, string? LdcAsOf = null, string? Q = null);

    public sealed record Filter(StateStatus? Status, RegionalGroupCode? Group, DateOnly? LdcAsOf, string? Search);

    public sealed record StateRow(
        string Iso3, string Iso2, string M49, string Name, string FormalName, string Status,
        string? RegionalGroup, string? AlsoParticipatesIn, bool? Ldc, bool Lldc, bool Sids, string Region, string SubRegion);

    public static Result<Filter> Validate(Request request)
    {
        var errors = new FieldErrors();
        StateStatus? status = null;
        RegionalGroupCode? group = null;
        DateOnly? asOf = null;
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            status = RegistryCodes.ParseStatus(request.Status.Trim());
            if (status is null)
            {
                errors.Add("status", "Use member-state, observer-state or specialized-agency-member.");
            }
        }
        if (!string.IsNullOrWhiteSpace(request.Group))
        {
            group = RegistryCodes.ParseGroup(request.Group.Trim());
            if (group is null)
            {
                errors.Add("group", "Use AG, APG, EEG, GRULAC or WEOG.");
            }
        }
        if (!string.IsNullOrWhiteSpace(request.LdcAsOf))
        {
            if (DateOnly.TryParseExact(request.LdcAsOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                asOf = d;
            }
            else
            {
                errors.Add("ldcAsOf", "Use a date in the form YYYY-MM-DD.");
            }
        }
        var q = request.Q?.Trim();
        if (q is { Length: > 100 })
        {
            errors.Add("q", "Search text is at most 100 characters.");
        }
        return errors.Any ? errors.ToError() : new Filter(status, group, asOf, string.IsNullOrEmpty(q) ? null : q);
    }

    public static async Task<Result<List<StateRow>>> HandleAsync(ParleyDb db, Request request, CancellationToken ct = default)
    {
        var validated = Validate(request);
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }
        var f = validated.Value;
        var query = db.States.AsNoTracking();
        if (f.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }
        if (f.Group is { } group)
        {
            query = query.Where(s => s.RegionalGroup == group);
        }
        if (f.LdcAsOf is { } date)
        {
            query = query.Where(s => s.LdcPeriods.Any(p => (p.From == null || p.From <= date) && (p.Until == null || date < p.Until)));
        }
        if (f.Search is { } text)
        {
            var pattern = $"%{text.ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
            query = query.Where(s => EF.Functions.Like(s.Name.ToLower(), pattern) || EF.Functions.Like(s.FormalName.ToLower(), pattern) // ToLower translates on both stores
                || s.Iso3 == text.ToUpperInvariant() || s.Iso2 == text.ToUpperInvariant());
        }
        var ldcDate = f.LdcAsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = await query
            .OrderBy(s => s.Name)
            .Select(s => new
            {
                s.Iso3, s.Iso2, s.M49, s.Name, s.FormalName, s.Status, s.RegionalGroup, s.AlsoParticipatesIn,
                Ldc = s.LdcPeriods.Any(p => (p.From == null || p.From <= ldcDate) && (p.Until == null || ldcDate < p.Until)),
                s.IsLandlocked, s.IsSmallIsland, s.Region, s.SubRegion,
            })
            .ToListAsync(ct);
        return rows.Select(r => new StateRow(r.Iso3, r.Iso2, r.M49, r.Name, r.FormalName, r.Status.Slug(),
            r.RegionalGroup?.ToString(), r.AlsoParticipatesIn?.ToString(), r.Ldc, r.IsLandlocked, r.IsSmallIsland, r.Region, r.SubRegion)).ToList();
    }

    public static readonly string[] Columns = ["ISO3", "ISO2", "M49", "Name", "Formal name", "Status", "Regional group", "Also participates in",
        "LDC", "Landlocked developing country", "Small island developing State", "Region", "Sub-region"];

    /// <summary>The rows as the export writes them (see <see cref="Parley.Common.TableExport"/>).</summary>
    /// <remarks>Codes and names stay as the registry writes them; "yes" and "no" are in the reader's language (English by default).</remarks>
    public static IEnumerable<string?[]> Cells(IEnumerable<StateRow> rows, CultureInfo? language = null)
    {
        var (yes, no) = (Messages.Translate("yes", language ?? CultureInfo.InvariantCulture), Messages.Translate("no", language ?? CultureInfo.InvariantCulture));
        return rows.Select(r => new[] { r.Iso3, r.Iso2, r.M49, r.Name, r.FormalName, r.Status, r.RegionalGroup, r.AlsoParticipatesIn,
            r.Ldc switch { true => yes, false => no, null => "" }, r.Lldc ? yes : no, r.Sids ? yes : no, r.Region, r.SubRegion });
    }
}

/// <summary>One State with its LDC history.</summary>
public static class GetState
{
    public sealed record Detail(ListStates.StateRow State, string? RegionalGroupNote, string? IntermediateRegion,
        IReadOnlyList<LdcPeriodRow> LdcPeriods);

    public sealed record LdcPeriodRow(DateOnly? From, DateOnly? Until, string? Note);

    public static async Task<Result<Detail>> HandleAsync(ParleyDb db, string code, DateOnly today, CancellationToken ct = default)
    {
        var key = code.Trim().ToUpperInvariant();
        var s = await db.States.AsNoTracking().Include(x => x.LdcPeriods)
            .FirstOrDefaultAsync(x => x.Iso3 == key || x.Iso2 == key, ct);
        if (s is null)
        {
            return Error.NotFound($"No State with code '{code}'.");
        }
        var row = new ListStates.StateRow(s.Iso3, s.Iso2, s.M49, s.Name, s.FormalName, s.Status.Slug(),
            s.RegionalGroup?.ToString(), s.AlsoParticipatesIn?.ToString(), s.IsLdcOn(today), s.IsLandlocked, s.IsSmallIsland, s.Region, s.SubRegion);
        return new Detail(row, s.RegionalGroupNote, s.IntermediateRegion,
            s.LdcPeriods.OrderBy(p => p.From).Select(p => new LdcPeriodRow(p.From, p.Until, p.Note)).ToList());
    }
}
