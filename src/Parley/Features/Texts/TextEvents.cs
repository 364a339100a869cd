using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Parley.Features.Texts;

/// <summary>
/// In-process fan-out of "this version changed" events to everyone viewing it (server-sent events on the compilation page).
/// Each subscriber has a bounded channel; a slow reader loses old events, never blocks a writer.
/// </summary>
public sealed class TextEvents
{
    public sealed record Change(int VersionId, string Kind, string? ProvisionKey, DateTime At);

    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Channel<Change>>> _subscribers = new();

    public (Guid Id, ChannelReader<Change> Reader) Subscribe(int versionId)
    {
        var channel = Channel.CreateBounded<Change>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(versionId, _ => new())[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(int versionId, Guid id)
    {
        if (_subscribers.TryGetValue(versionId, out var set) && set.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    public int Publish(Change change)
    {
        if (!_subscribers.TryGetValue(change.VersionId, out var set))
        {
            return 0;
        }
        foreach (var channel in set.Values)
        {
            channel.Writer.TryWrite(change);
        }
        return set.Count;
    }
}
