using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Meetings;

/// <summary>Panels of a meeting (moderators appointed by the PGA after consulting the regional groups) and the balance across a series (§17).</summary>
public static class Panels
{
    public sealed record PanellistRequest(string? Name, string? Affiliation, string? Country, string? Gender, string? Perspective);

    public sealed record PanelRequest(string? Title, string? Kind, string? Moderator, string? AppointedOn, IReadOnlyList<PanellistRequest>? Panellists);

    public sealed record PanelRow(int Id, string Kind, string Title, string? Moderator, string? ModeratorName, string? ModeratorGroup, DateOnly? AppointedOn, string? AppointedBy,
        IReadOnlyList<PanellistRow> Panellists);

    public sealed record PanellistRow(string Name, string? Affiliation, string Country, string? Region, string Gender, string Perspective);

    /// <summary>Replaces the panels of a meeting. The OPGA records moderators' appointments; the Secretariat may prepare the rest.</summary>
    public static async Task<Result<IReadOnlyList<PanelRow>>> SaveAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, IReadOnlyList<PanelRequest> panels, CancellationToken ct = default)
    {
        if (!(viewer.IsSecretariat || viewer.IsOpga))
        {
            return Error.Forbidden("Panels are organised by the Secretariat and moderators appointed by the Office of the President of the General Assembly.");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct))
        {
            return Error.NotFound("No such meeting.");
        }
        var errors = new FieldErrors();
        var body = await BodyOfMeetingAsync(db, meetingId, ct);
        var members = body?.Members.Where(m => m.Votes).Select(m => m.Code).ToList()
            ?? await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).Select(s => s.Iso3).ToListAsync(ct);
        var all = await db.States.AsNoTracking().Select(s => s.Iso3).ToListAsync(ct);
        var existing = await db.Panels.Include(p => p.Panellists).Where(p => p.MeetingId == meetingId).ToListAsync(ct);
        var result = new List<Panel>();
        foreach (var (r, i) in panels.Select((r, i) => (r, i)))
        {
            var kind = r.Kind?.Trim().ToLowerInvariant() switch { "interactive-exchange" => PanelKind.InteractiveExchange, null or "" or "expert-panel" => PanelKind.ExpertPanel, _ => (PanelKind?)null };
            if (kind is null)
            {
                errors.Add("panels", $"Panel {i + 1}: kind is expert-panel or interactive-exchange.");
            }
            if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Length > 300)
            {
                errors.Add("panels", $"Panel {i + 1}: a title of at most 300 characters.");
            }
            var moderator = string.IsNullOrWhiteSpace(r.Moderator) ? null : r.Moderator.Trim().ToUpperInvariant();
            if (moderator is not null && !members.Contains(moderator))
            {
                errors.Add("panels", $"Panel {i + 1}: the moderator is a member of {body?.Organisation ?? "the United Nations"} (ISO3), not '{moderator}'.");
            }
            if (moderator is not null && !viewer.IsOpga && existing.ElementAtOrDefault(i)?.ModeratorIso3 != moderator)
            {
                errors.Add("panels", $"Panel {i + 1}: moderators are appointed by the Office of the President of the General Assembly.");
            }
            DateOnly? on = DateOnly.TryParseExact(r.AppointedOn, "yyyy-MM-dd", out var d) ? d : moderator is null ? null : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var panellists = new List<Panellist>();
            foreach (var (p, j) in (r.Panellists ?? []).Select((p, j) => (p, j)))
            {
                var country = p.Country?.Trim().ToUpperInvariant() ?? "";
                if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 200 || !all.Contains(country))
                {
                    errors.Add("panels", $"Panel {i + 1}, panellist {j + 1}: a name and the ISO3 code of a country.");
                }
                if (!PlainText.IsClean(p.Name) || !PlainText.IsClean(p.Affiliation))
                {
                    errors.Add("panels", $"Panel {i + 1}, panellist {j + 1}: {PlainText.Message}");
                }
                if (!Enum.TryParse<Gender>(p.Gender, true, out var gender) || int.TryParse(p.Gender, out _))
                {
                    errors.Add("panels", $"Panel {i + 1}, panellist {j + 1}: gender is female, male, other or undisclosed.");
                }
                if (!Enum.TryParse<Perspective>(p.Perspective, true, out var perspective) || int.TryParse(p.Perspective, out _))
                {
                    errors.Add("panels", $"Panel {i + 1}, panellist {j + 1}: the perspective is origin, transit or destination.");
                }
                panellists.Add(new Panellist { Name = p.Name?.Trim() ?? "", Affiliation = p.Affiliation?.Trim(), CountryIso3 = country, Gender = gender, Perspective = perspective });
            }
            var keepAppointment = existing.ElementAtOrDefault(i) is { } old && old.ModeratorIso3 == moderator;
            result.Add(new Panel
            {
                MeetingId = meetingId, Kind = kind ?? PanelKind.ExpertPanel, Title = r.Title?.Trim() ?? "", ModeratorIso3 = moderator,
                ModeratorAppointedOn = keepAppointment ? existing[i].ModeratorAppointedOn : on,
                ModeratorAppointedBy = moderator is null ? null : keepAppointment ? existing[i].ModeratorAppointedBy : viewer.Name,
                Panellists = panellists,
            });
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        db.Panels.RemoveRange(existing);
        db.Panels.AddRange(result);
        // The meeting's recorded components follow its panels (a new revision, so the compliance report reads them as of any date).
        var meeting = await db.Meetings.Include(m => m.Revisions).FirstAsync(m => m.Id == meetingId, ct);
        var panelsCount = result.Count(p => p.Kind == PanelKind.ExpertPanel);
        var exchange = result.Any(p => p.Kind == PanelKind.InteractiveExchange);
        if (meeting.ExpertPanels != panelsCount || meeting.InteractiveExchange != exchange)
        {
            meeting.Apply(meeting.Facts with { ExpertPanels = panelsCount, InteractiveExchange = exchange }, viewer.Name, clock.GetUtcNow().UtcDateTime);
        }
        db.AuditAction = "meeting.panels-saved";
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, meetingId, ct)).ToList();
    }

    public static async Task<IReadOnlyList<PanelRow>> ListAsync(ParleyDb db, int meetingId, CancellationToken ct = default)
    {
        var panels = await db.Panels.AsNoTracking().Include(p => p.Panellists).Where(p => p.MeetingId == meetingId).OrderBy(p => p.Id).ToListAsync(ct);
        var states = await db.States.AsNoTracking().Select(s => new { s.Iso3, s.Name, s.RegionalGroup, s.Region }).ToDictionaryAsync(s => s.Iso3, ct);
        var body = await BodyOfMeetingAsync(db, meetingId, ct);
        return panels.Select(p => new PanelRow(p.Id, p.Kind == PanelKind.InteractiveExchange ? "interactive-exchange" : "expert-panel", p.Title, p.ModeratorIso3,
            p.ModeratorIso3 is null ? null : body?.Find(p.ModeratorIso3)?.Name ?? states.GetValueOrDefault(p.ModeratorIso3)?.Name,
            p.ModeratorIso3 is null ? null : body is null ? states.GetValueOrDefault(p.ModeratorIso3)?.RegionalGroup?.ToString() : body.Find(p.ModeratorIso3)?.Group,
            p.ModeratorAppointedOn, p.ModeratorAppointedBy,
            p.Panellists.Select(x => new PanellistRow(x.Name, x.Affiliation, x.CountryIso3, states.GetValueOrDefault(x.CountryIso3)?.Region, x.Gender.ToString().ToLowerInvariant(),
                x.Perspective.ToString().ToLowerInvariant())).ToList())).ToList();
    }

    /// <summary>The membership of the body whose process the meeting belongs to (moderators are its members, grouped as it groups them).</summary>
    private static async Task<Processes.ProcessMembership.View?> BodyOfMeetingAsync(ParleyDb db, int meetingId, CancellationToken ct)
    {
        var processId = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.ProcessId).FirstOrDefaultAsync(ct);
        return processId is not null && await Processes.ProcessQueries.FindAsync(db, processId, ct) is { } found
            ? await Processes.ProcessMembership.ResolveAsync(db, found.Definition, ct: ct) : null;
    }

    public sealed record Count(string Key, int Value);

    public sealed record BalanceView(string Series, int Meetings, int Panels, IReadOnlyList<Count> ModeratorsByGroup, IReadOnlyList<Count> PanellistsByRegion,
        IReadOnlyList<Count> PanellistsByGender, IReadOnlyList<Count> PanellistsByPerspective, IReadOnlyList<string> Warnings)
    {
        /// <summary>What §17 asks (geographical balance; origin, transit and destination): the warnings about gender are good
        /// practice shown on the balance page, not a rule of the resolution, so the compliance report leaves them out.</summary>
        public IReadOnlyList<string> TextWarnings => Warnings.Where(w => !w.StartsWith("Women are", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Balance across a series: moderators by regional group, panellists by region, gender and perspective. Warnings: moderators from
    /// fewer than three regional groups (once there are three), a group holding more than half; a perspective missing; women under 40%.
    /// </summary>
    public static async Task<BalanceView> BalanceAsync(ParleyDb db, string processId, string seriesId, CancellationToken ct = default)
    {
        var meetingIds = await db.Meetings.AsNoTracking().Where(m => m.ProcessId == processId && m.SeriesId == seriesId && m.Status != Processes.MeetingStatus.Cancelled).Select(m => m.Id).ToListAsync(ct);
        var panels = await db.Panels.AsNoTracking().Include(p => p.Panellists).Where(p => meetingIds.Contains(p.MeetingId)).ToListAsync(ct);
        var states = await db.States.AsNoTracking().Select(s => new { s.Iso3, s.RegionalGroup, s.Region }).ToDictionaryAsync(s => s.Iso3, ct);
        // Moderators by the groups of the process's body: the UN's regional groups unless its modalities declare others (WHO regions…).
        var body = await Processes.ProcessQueries.FindAsync(db, processId, ct) is { } process ? await Processes.ProcessMembership.ResolveAsync(db, process.Definition, ct: ct) : null;
        var moderators = panels.Where(p => p.ModeratorIso3 is not null)
            .Select(p => (body is null ? states.GetValueOrDefault(p.ModeratorIso3!)?.RegionalGroup?.ToString() : body.Find(p.ModeratorIso3!)?.Group) ?? "other").ToList();
        var panellists = panels.SelectMany(p => p.Panellists).ToList();
        static List<Count> CountBy(IEnumerable<string> keys) => keys.GroupBy(k => k).Select(g => new Count(g.Key, g.Count())).OrderByDescending(c => c.Value).ThenBy(c => c.Key).ToList();
        var byGroup = CountBy(moderators);
        var byPerspective = CountBy(panellists.Select(p => p.Perspective.ToString().ToLowerInvariant()));
        var warnings = new List<string>();
        if (moderators.Count >= 3 && byGroup.Count < 3)
        {
            warnings.Add($"Moderators come from {byGroup.Count} {body?.GroupingLabel ?? "regional group"}(s) only: {string.Join(", ", byGroup.Select(g => g.Key))}.");
        }
        if (moderators.Count >= 4 && byGroup.FirstOrDefault() is { } top && top.Value * 2 > moderators.Count)
        {
            warnings.Add($"{top.Key} holds {top.Value} of {moderators.Count} moderators.");
        }
        if (panellists.Count >= 3)
        {
            foreach (var missing in Enum.GetNames<Perspective>().Select(n => n.ToLowerInvariant()).Except(byPerspective.Select(p => p.Key)))
            {
                warnings.Add($"No panellist brings the perspective of a country of {missing}.");
            }
        }
        var women = panellists.Count(p => p.Gender == Gender.Female);
        if (panellists.Count >= 5 && women * 10 < panellists.Count * 4)
        {
            warnings.Add($"Women are {women} of {panellists.Count} panellists.");
        }
        return new BalanceView(seriesId, meetingIds.Count, panels.Count(p => p.Kind == PanelKind.ExpertPanel), byGroup,
            CountBy(panellists.Select(p => states.GetValueOrDefault(p.CountryIso3)?.Region ?? "other")), CountBy(panellists.Select(p => p.Gender.ToString().ToLowerInvariant())),
            byPerspective, warnings);
    }
}
