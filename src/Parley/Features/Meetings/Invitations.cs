using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Processes;

namespace Parley.Features.Meetings;

/// <summary>An organisation invited to a meeting of a series the modalities open by invitation only (§8: informal dialogues).</summary>
public sealed class MeetingInvitation
{
    public int Id { get; internal set; }
    public int MeetingId { get; internal set; }
    public string OrganisationCode { get; internal set; } = "";
    public string InvitedBy { get; internal set; } = "";
    public DateTime InvitedAt { get; internal set; }
}

/// <summary>
/// Invitations to meetings by invitation only: the co-facilitators (who convene the dialogues) or the Secretariat invite organisations;
/// only an invited organisation's focal point registers representatives for such a meeting.
/// </summary>
public static class Invitations
{
    public sealed record InvitationRow(string Organisation, string Name, DateTime InvitedAt, string? Registration);

    public static async Task<Result<List<InvitationRow>>> InviteAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, IReadOnlyList<string>? organisations,
        CancellationToken ct = default)
    {
        if (!(viewer.IsCoFacilitator || viewer.IsSecretariat))
        {
            return Error.Forbidden("The co-facilitators (or the Secretariat for them) invite stakeholders to an informal dialogue.");
        }
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null)
        {
            return Error.NotFound("No such meeting.");
        }
        if (!await IsInvitationOnlyAsync(db, meeting, ct))
        {
            return Error.Validation("meetingId", "This meeting is not by invitation: accredited organisations register without one.");
        }
        var codes = (organisations ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count is 0 or > 500)
        {
            return Error.Validation("organisations", "Name one to 500 organisations by their codes.");
        }
        var known = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).Select(o => o.Code).ToListAsync(ct);
        if (codes.Except(known).ToList() is { Count: > 0 } unknown)
        {
            return Error.Validation("organisations", $"No organisation with the code(s): {string.Join(", ", unknown.Take(10))}.");
        }
        var already = await db.MeetingInvitations.Where(i => i.MeetingId == meetingId).Select(i => i.OrganisationCode).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.MeetingInvitations.AddRange(codes.Except(already).Select(c => new MeetingInvitation { MeetingId = meetingId, OrganisationCode = c, InvitedBy = viewer.Name, InvitedAt = now }));
        db.AuditAction = "meeting.invited";
        await db.SaveChangesAsync(ct);
        return await ListAsync(db, meetingId, ct);
    }

    public static async Task<List<InvitationRow>> ListAsync(ParleyDb db, int meetingId, CancellationToken ct = default)
    {
        var invitations = await db.MeetingInvitations.AsNoTracking().Where(i => i.MeetingId == meetingId).OrderBy(i => i.Id).ToListAsync(ct);
        var codes = invitations.Select(i => i.OrganisationCode).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        var registrations = await db.MeetingRegistrations.AsNoTracking().Where(r => r.MeetingId == meetingId && r.Kind == RegistrationKind.Organisation && codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Status.ToString().ToLowerInvariant(), ct);
        return invitations.Select(i => new InvitationRow(i.OrganisationCode, names.GetValueOrDefault(i.OrganisationCode, i.OrganisationCode), i.InvitedAt,
            registrations.GetValueOrDefault(i.OrganisationCode))).ToList();
    }

    public static async Task<bool> IsInvitationOnlyAsync(ParleyDb db, Processes.Meeting meeting, CancellationToken ct) =>
        (await ProcessQueries.FindAsync(db, meeting.ProcessId, ct))?.Definition.FindSeries(meeting.SeriesId)?.InvitationOnly == true;
}
