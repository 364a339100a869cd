using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Negotiating groups kept by the Secretariat, and who may act for which delegation.</summary>
public static class Delegations
{
    public sealed record GroupRequest(string? Code, string? Name, IReadOnlyList<string>? Members, IReadOnlyList<string>? Speakers);

    public sealed record GroupRow(int Id, string Code, string Name, IReadOnlyList<string> Members, IReadOnlyList<string> Speakers);

    public static async Task<IReadOnlyList<GroupRow>> ListAsync(ParleyDb db, CancellationToken ct = default) =>
        (await db.NegotiatingGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Code).ToListAsync(ct)).Select(ToRow).ToList();

    private static GroupRow ToRow(NegotiatingGroup g) => new(g.Id, g.Code, g.Name, g.Members.Select(m => m.StateIso3).Order().ToList(),
        g.Members.Where(m => m.MaySpeak).Select(m => m.StateIso3).Order().ToList());

    /// <summary>Creates or replaces a group (by code). Speakers must be members; codes never collide with a State's ISO3.</summary>
    public static async Task<Result<GroupRow>> SaveAsync(ParleyDb db, Viewer viewer, GroupRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("Negotiating groups are kept by the Secretariat.");
        }
        var errors = new FieldErrors().Require("code", r.Code).Require("name", r.Name).PlainText("name", r.Name);
        var code = r.Code?.Trim().ToUpperInvariant() ?? "";
        if (code.Length is > 20 || (code.Length > 0 && !code.All(c => char.IsLetterOrDigit(c) || c is '-' or '+')))
        {
            errors.Add("code", "Up to 20 letters, digits, '-' or '+', e.g. G77, EU, AFRICAN-GROUP.");
        }
        if (await db.States.AnyAsync(s => s.Iso3 == code, ct))
        {
            errors.Add("code", "That is a State's code; choose another for the group.");
        }
        var members = (r.Members ?? []).Select(m => m.Trim().ToUpperInvariant()).Distinct().ToList();
        var speakers = (r.Speakers ?? []).Select(m => m.Trim().ToUpperInvariant()).Distinct().ToList();
        var known = await db.States.Where(s => members.Contains(s.Iso3) && s.Status == StateStatus.MemberState).Select(s => s.Iso3).ToListAsync(ct);
        if (members.Count == 0)
        {
            errors.Add("members", "A group has members.");
        }
        foreach (var m in members.Except(known))
        {
            errors.Add("members", $"'{m}' is not a Member State.");
        }
        foreach (var s in speakers.Except(members))
        {
            errors.Add("speakers", $"'{s}' may speak for the group only as one of its members.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var group = await db.NegotiatingGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Code == code, ct);
        if (group is null)
        {
            group = new NegotiatingGroup { Code = code };
            db.NegotiatingGroups.Add(group);
        }
        group.Name = r.Name!.Trim();
        group.Members.RemoveAll(m => !members.Contains(m.StateIso3));
        foreach (var m in members)
        {
            var member = group.Members.FirstOrDefault(x => x.StateIso3 == m);
            if (member is null)
            {
                group.Members.Add(member = new GroupMember { StateIso3 = m });
            }
            member.MaySpeak = speakers.Contains(m);
        }
        db.AuditAction = "group.saved";
        await db.SaveChangesAsync(ct);
        return ToRow(group);
    }

    /// <summary>The delegations this viewer may act for: their State, and every group their State may speak for.</summary>
    public static async Task<IReadOnlyList<(string Code, bool IsGroup)>> ActingForAsync(ParleyDb db, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return [];
        }
        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.StateIso3 == viewer.StateIso3 && m.MaySpeak)
            .Join(db.NegotiatingGroups, m => m.GroupId, g => g.Id, (m, g) => g.Code).ToListAsync(ct);
        return [(viewer.StateIso3!, false), .. groups.Order().Select(g => (g, true))];
    }

    /// <summary>Display names: a State's short name, a group's code.</summary>
    public static async Task<Func<string, bool, string>> LabelsAsync(ParleyDb db, CancellationToken ct = default)
    {
        var states = await db.States.AsNoTracking().Select(s => new { s.Iso3, s.Name }).ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        return (code, isGroup) => isGroup ? code : states.GetValueOrDefault(code, code);
    }
}
