using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Processes;
using Parley.Modalities;

namespace Parley.Features.Accreditation;

/// <summary>What anyone may know: the tracks of a process, the organisations accredited through each, and an organisation's own public status.</summary>
public static class AccreditedDirectory
{
    /// <summary>A way to take part; <see cref="Names"/> gives its name in other languages when the modalities file does.</summary>
    public sealed record TrackRow(string Id, string Name, string Kind, string Paragraph, DateOnly Opens, DateOnly Closes, bool Open, int Accredited, string? ListStatus,
        IReadOnlyDictionary<string, string>? Names = null)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public Parley.Common.Name Named => new(Name, Names);
    }

    public sealed record OrganisationEntry(string Code, string Name, string? Acronym, string Type, string Country, string? RegionalGroup, string Track);

    public sealed record PublicStatusRow(string Process, string Track, string TrackName, string Status);

    public sealed record PublicOrganisation(string Code, string Name, string? Acronym, string Type, string Country, IReadOnlyList<PublicStatusRow> Statuses);

    public static async Task<IReadOnlyList<TrackRow>?> TracksAsync(ParleyDb db, TimeProvider clock, string processId, CancellationToken ct = default)
    {
        var def = (await ProcessQueries.FindAsync(db, processId, ct))?.Definition;
        if (def is null)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = await db.Applications.AsNoTracking().Where(a => a.ProcessId == processId && a.Status == ApplicationStatus.Accredited)
            .GroupBy(a => a.TrackId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var lists = await db.StakeholderLists.AsNoTracking().Where(l => l.ProcessId == processId).ToDictionaryAsync(l => l.TrackId, l => l.Status, ct);
        return def.Tracks.Select(t => new TrackRow(t.Id, t.Name, t.Kind.ToString().ToLowerInvariant(), t.Paragraph, t.Opens, t.Closes,
            today >= t.Opens && today <= t.Closes, counts.GetValueOrDefault(t.Id),
            t.Kind == TrackKind.Special ? (lists.TryGetValue(t.Id, out var s) ? s.ToString().ToLowerInvariant() : "composing") : null, t.Names)).ToList();
    }

    public sealed record DirectoryPage(IReadOnlyList<OrganisationEntry> Items, int Total, int Page, int PageSize);

    public static async Task<Result<DirectoryPage>> AccreditedAsync(ParleyDb db, string processId, string? trackId, string? q, int page, int pageSize, CancellationToken ct = default)
    {
        var def = (await ProcessQueries.FindAsync(db, processId, ct))?.Definition;
        if (def is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        if (trackId is not null && def.FindTrack(trackId) is null)
        {
            return Error.Validation("track", $"Use one of: {string.Join(", ", def.Tracks.Select(t => t.Id))}.");
        }
        var query = db.Applications.AsNoTracking().Where(a => a.ProcessId == processId && a.Status == ApplicationStatus.Accredited);
        if (trackId is not null)
        {
            query = query.Where(a => a.TrackId == trackId);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var n = OrganisationNames.Normalize(q);
            query = query.Where(a => a.Organisation!.NormalizedName.Contains(n));
        }
        pageSize = Math.Clamp(pageSize, 1, 10_000);
        page = Math.Max(1, page);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.Organisation!.NormalizedName).ThenBy(a => a.TrackId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new { a.Organisation!.Code, a.Organisation.Name, a.Organisation.Acronym, a.Organisation.Type, a.Organisation.CountryIso3, a.TrackId })
            .ToListAsync(ct);
        var groups = await Applications.GroupsAsync(db, rows.Select(r => r.CountryIso3), ct);
        return new DirectoryPage(rows.Select(r => new OrganisationEntry(r.Code, r.Name, r.Acronym, Organisations.TypeSlug(r.Type), r.CountryIso3,
            groups.GetValueOrDefault(r.CountryIso3), r.TrackId)).ToList(), total, page, pageSize);
    }

    public static async Task<PublicOrganisation?> PublicStatusAsync(ParleyDb db, TimeProvider clock, string code, CancellationToken ct = default)
    {
        var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (o is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == o.Id && a.Status != ApplicationStatus.Withdrawn).ToListAsync(ct);
        var rows = new List<PublicStatusRow>();
        foreach (var a in applications.OrderBy(a => a.SubmittedAt))
        {
            var def = (await ProcessQueries.FindAsync(db, a.ProcessId, ct))!.Value.Definition;
            var list = await db.StakeholderLists.AsNoTracking().Include(l => l.Entries)
                .FirstOrDefaultAsync(l => l.ProcessId == a.ProcessId && l.TrackId == a.TrackId, ct);
            var onList = list?.Entries.Any(e => e.ApplicationId == a.Id) == true;
            var passed = list?.DeadlinePassed(now) == true;
            var objected = onList && passed && await db.Objections.AnyAsync(x => x.ListId == list!.Id && x.ApplicationId == a.Id, ct);
            rows.Add(new PublicStatusRow(a.ProcessId, a.TrackId, def.FindTrack(a.TrackId)?.Name ?? a.TrackId,
                NonObjection.PublicStatus(a.Status, onList ? list!.Status : null, passed, objected)));
        }
        return new PublicOrganisation(o.Code, o.Name, o.Acronym, Organisations.TypeSlug(o.Type), o.CountryIso3, rows);
    }

    public static readonly string[] Columns = ["Name", "Acronym", "Type", "Country", "Regional group", "Track"];

    /// <summary>The export's rows, with codes turned into words by the caller (the reader's language, the registry's names).</summary>
    public static IEnumerable<string?[]> Cells(IEnumerable<OrganisationEntry> rows, Func<string, string> typeName, Func<string, string> countryName) =>
        rows.Select(r => new[] { r.Name, r.Acronym, typeName(r.Type), countryName(r.Country), r.RegionalGroup, r.Track });


}
