using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Parley.Data;
using Parley.Features.Meetings;

namespace Parley.Web.Features.Meetings;

/// <summary>
/// Live lists of speakers. Anyone may watch a meeting's list (the projector view is public, like the meeting); changes are made
/// through the API and pages, which then push the whole list (it is small) to everyone watching that meeting.
/// </summary>
[AllowAnonymous]
public sealed class SpeakersHub : Hub
{
    public static string Group(int meetingId) => $"meeting-{meetingId}";

    public async Task Watch(int meetingId) => await Groups.AddToGroupAsync(Context.ConnectionId, Group(meetingId));
}

/// <summary>Sends the current list to everyone watching a meeting.</summary>
public sealed class SpeakersBroadcaster(IHubContext<SpeakersHub> hub, TimeProvider clock, Parley.Web.Infrastructure.ParleyMetrics metrics)
{
    public async Task PushAsync(ParleyDb db, int meetingId, CancellationToken ct = default)
    {
        if (await SpeakersList.SnapshotAsync(db, meetingId, clock, ct) is { } snapshot)
        {
            await hub.Clients.Group(SpeakersHub.Group(meetingId)).SendAsync("list", snapshot, ct);
            metrics.ListChangeSent();
        }
    }
}
