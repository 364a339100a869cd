using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Registry;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>
/// Who belongs to the body a process serves, and how it groups them, as its modalities declare (<see cref="Membership"/>): the UN's
/// Member States and five regional groups from the registry unless the file says otherwise. Used wherever a process counts its
/// members: who may vote on the outcome, and the balance of moderators across groups.
/// </summary>
public static class ProcessMembership
{
    public sealed record MemberRow(string Code, string Name, string Status, DateOnly? Since, string? Group, bool InRegistry)
    {
        public bool Votes => Status == "member";
    }

    public sealed record GroupRow(string Id, string Name, int Members);

    public sealed record View(string Organisation, string GroupingLabel, bool GroupsFromRegistry, IReadOnlyList<MemberRow> Members, IReadOnlyList<GroupRow> Groups)
    {
        public int Voting => Members.Count(m => m.Votes);

        public MemberRow? Find(string code) => Members.FirstOrDefault(m => m.Code == code);

        /// <summary>The name of the group a State belongs to in this body, or null.</summary>
        public string? GroupOf(string code) => Find(code)?.Group is { } id ? Groups.FirstOrDefault(g => g.Id == id)?.Name ?? id : null;
    }

    /// <summary>The membership on <paramref name="asOf"/> (members whose <c>since</c> is later are left out), every member with its group.</summary>
    public static async Task<View> ResolveAsync(ParleyDb db, ModalitiesDefinition def, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var m = def.Members;
        var registry = await db.States.AsNoTracking().Select(s => new { s.Iso3, s.Name, s.Status, s.RegionalGroup }).ToListAsync(ct);
        var byCode = registry.ToDictionary(s => s.Iso3, StringComparer.Ordinal);
        var rows = new Dictionary<string, MemberRow>(StringComparer.Ordinal);
        if (m.UnMemberStates)
        {
            foreach (var s in registry.Where(s => s.Status == StateStatus.MemberState))
            {
                rows[s.Iso3] = new MemberRow(s.Iso3, s.Name, "member", null, null, true);
            }
        }
        foreach (var e in m.Members.Where(e => asOf is null || e.Since is null || e.Since <= asOf))
        {
            if (e.Status == MemberStatus.NotMember)
            {
                rows.Remove(e.Code);
                continue;
            }
            var known = byCode.GetValueOrDefault(e.Code);
            rows[e.Code] = new MemberRow(e.Code, e.Name ?? known?.Name ?? e.Code, e.Status.ToString().ToLowerInvariant(), e.Since, null, known is not null);
        }
        List<GroupRow> groups;
        if (m.Groupings is null)
        {
            // The UN's regional groups: data of the registry (its regional_group column and the names of the groups).
            var names = await db.RegionalGroups.AsNoTracking().ToDictionaryAsync(g => g.Code.ToString(), g => g.Name, ct);
            foreach (var code in rows.Keys.ToList())
            {
                if (byCode.GetValueOrDefault(code)?.RegionalGroup is { } g)
                {
                    rows[code] = rows[code] with { Group = g.ToString() };
                }
            }
            groups = names.OrderBy(n => n.Value, StringComparer.Ordinal).Select(n => new GroupRow(n.Key, n.Value, rows.Values.Count(r => r.Group == n.Key))).ToList();
        }
        else
        {
            foreach (var g in m.Groupings)
            {
                foreach (var code in g.Members.Where(rows.ContainsKey))
                {
                    rows[code] = rows[code] with { Group = g.Id };
                }
            }
            groups = m.Groupings.Select(g => new GroupRow(g.Id, g.Name, rows.Values.Count(r => r.Group == g.Id))).ToList();
        }
        return new View(m.Organisation, m.GroupingLabel, m.Groupings is null, rows.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(), groups);
    }
}
