using System.Diagnostics.Metrics;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Business metrics on the "Parley" meter, exported with the rest of the telemetry when OTLP is configured (and readable by any
/// MeterListener, e.g. `dotnet-counters monitor --counters Parley`).
/// </summary>
public sealed class ParleyMetrics
{
    public const string MeterName = "Parley";

    private readonly Counter<long> _textChanges;
    private readonly Counter<long> _listChanges;
    private readonly Counter<long> _deadlineRuns;
    private readonly Counter<long> _deadlineActions;
    private readonly Counter<long> _textEvents;

    public ParleyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _textChanges = meter.CreateCounter<long>("parley.texts.changes", "{change}", "Changes to a version's compilation (kind: proposal submitted, withdrawn, status…)");
        _listChanges = meter.CreateCounter<long>("parley.speakers.changes_sent", "{change}", "Lists of speakers pushed to their viewers");
        _deadlineRuns = meter.CreateCounter<long>("parley.deadlines.runs", "{run}", "Runs of the deadline watcher on this node");
        _deadlineActions = meter.CreateCounter<long>("parley.deadlines.acted", "{action}", "Lists published and silences closed by the deadline watcher");
        _textEvents = meter.CreateCounter<long>("parley.texts.events_delivered", "{event}", "Text changes delivered to the compilation viewers on this node");
    }

    public void TextChanged(string kind) => _textChanges.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ListChangeSent() => _listChanges.Add(1);

    public void DeadlineRun(int acted)
    {
        _deadlineRuns.Add(1);
        _deadlineActions.Add(acted);
    }

    public void TextEventsDelivered(int viewers) => _textEvents.Add(viewers);
}
