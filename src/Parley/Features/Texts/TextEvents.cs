using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Parley.Features.Texts;

/// <summary>
/// Fan-out of "this version changed" events to everyone viewing it (server-sent events on the compilation page). Each
/// subscriber has a bounded channel; a slow reader loses old events, never blocks a writer. On one node a change is delivered
/// here directly; with several nodes an <see cref="Outbound"/> relay (Redis pub/sub) carries it to every node, this one
/// included, and each node delivers what arrives to its own viewers.
/// </summary>
public sealed class TextEvents
{
    /// <summary>Set when changes travel between nodes: publishing hands the change to it instead of delivering it here.</summary>
    public Action<Change>? Outbound { get; set; }

    /// <summary>Called once for each change published on this node, wherever it is delivered (for the metrics).</summary>
    public Action<Change>? Published { get; set; }

    /// <summary>Called with the number of local viewers each delivered change reached (for the metrics).</summary>
    public Action<int>? Delivered { get; set; }

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
        Published?.Invoke(change);
        if (Outbound is { } relay)
        {
            relay(change);
            return _subscribers.TryGetValue(change.VersionId, out var here) ? here.Count : 0;
        }
        return Deliver(change);
    }

    /// <summary>Hands a change to this node's viewers of its version; returns how many there were.</summary>
    public int Deliver(Change change)
    {
        if (!_subscribers.TryGetValue(change.VersionId, out var set))
        {
            return 0;
        }
        foreach (var channel in set.Values)
        {
            channel.Writer.TryWrite(change);
        }
        Delivered?.Invoke(set.Count);
        return set.Count;
    }
}
