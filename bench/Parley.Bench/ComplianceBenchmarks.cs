using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Processes;
using Parley.Modalities;

namespace Parley.Bench;

/// <summary>
/// The compliance report of the 71/280 process with a full year of meetings and documents recorded:
/// the engine alone, and the whole use case (snapshot queries + engine), against a trivial query.
/// </summary>
[MemoryDiagnoser]
public class ComplianceBenchmarks
{
    private string _file = "";
    private DbContextOptions<ParleyDb> _options = null!;
    private ModalitiesDefinition _definition = null!;
    private ProcessSnapshot _snapshot = null!;
    private WorkingDays _workingDays = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_file, _options) = BenchDatabase.Create();
        using var db = new ParleyDb(_options);
        string[][] thematic = [["2017-05-08", "2017-05-09"], ["2017-05-22", "2017-05-23"], ["2017-06-20", "2017-06-21"], ["2017-07-24", "2017-07-25"], ["2017-09-04", "2017-09-05"], ["2017-10-12", "2017-10-13"]];
        for (var i = 0; i < thematic.Length; i++)
        {
            var m = ProcessCommands.ScheduleMeetingAsync(db, TimeProvider.System, "bench", "gcm",
                new("thematic", i + 1, null, null, null, null, thematic[i], 3, true)).GetAwaiter().GetResult().Value;
            ProcessCommands.RecordDocumentAsync(db, TimeProvider.System, "gcm", new("issue-brief", null, "Brief", thematic[i][0], m.Id)).GetAwaiter().GetResult();
        }
        string[][] rounds = [["2018-02-20", "2018-02-21", "2018-02-22"], ["2018-03-12", "2018-03-13", "2018-03-14", "2018-03-15"]];
        for (var i = 0; i < rounds.Length; i++)
        {
            ProcessCommands.ScheduleMeetingAsync(db, TimeProvider.System, "bench", "gcm", new("negotiations", i + 1, null, null, null, null, rounds[i])).GetAwaiter().GetResult();
        }
        (_definition, _) = (ProcessQueries.FindAsync(db, "gcm").GetAwaiter().GetResult()!.Value.Definition, 0);
        _snapshot = ProcessQueries.SnapshotAsync(db, _definition, new DateOnly(2030, 1, 1)).GetAwaiter().GetResult();
        _workingDays = ProcessQueries.WorkingDaysAsync(db).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => BenchDatabase.Delete(_file);

    [Benchmark(Baseline = true, Description = "baseline: count meetings")]
    public async Task<int> CountMeetings()
    {
        await using var db = new ParleyDb(_options);
        return await db.Meetings.CountAsync();
    }

    [Benchmark(Description = "engine only (in memory)")]
    public int EngineOnly() => ComplianceEngine.Evaluate(_definition, _snapshot, _workingDays, new DateOnly(2018, 6, 1)).Count;

    [Benchmark(Description = "whole report (snapshot + engine)")]
    public async Task<int> WholeReport()
    {
        await using var db = new ParleyDb(_options);
        return (await GetCompliance.HandleAsync(db, "gcm", "2018-06-01", new DateOnly(2018, 6, 1))).Value.Paragraphs.Count;
    }
}
