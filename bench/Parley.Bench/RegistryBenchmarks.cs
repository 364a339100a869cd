using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Audit;
using Parley.Features.Registry;

namespace Parley.Bench;

/// <summary>
/// The registry's hot paths on SQLite, against a trivial query on the same database as baseline,
/// so the figures read as ratios that survive a noisy machine.
/// </summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private string _file = "";
    private DbContextOptions<ParleyDb> _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_file, _options) = BenchDatabase.Create();
        using var db = new ParleyDb(_options);
    }

    [GlobalCleanup]
    public void Cleanup() => BenchDatabase.Delete(_file);

    [Benchmark(Baseline = true, Description = "baseline: count States")]
    public async Task<int> CountStates()
    {
        await using var db = new ParleyDb(_options);
        return await db.States.CountAsync();
    }

    [Benchmark(Description = "list all States (197 rows)")]
    public async Task<int> ListAll()
    {
        await using var db = new ParleyDb(_options);
        return (await ListStates.HandleAsync(db, new())).Value.Count;
    }

    [Benchmark(Description = "LDCs as of 2018-01-01")]
    public async Task<int> LdcAsOf()
    {
        await using var db = new ParleyDb(_options);
        return (await ListStates.HandleAsync(db, new(LdcAsOf: "2018-01-01"))).Value.Count;
    }

    [Benchmark(Description = "search 'republic' in group AG")]
    public async Task<int> Search()
    {
        await using var db = new ParleyDb(_options);
        return (await ListStates.HandleAsync(db, new(Group: "AG", Q: "republic"))).Value.Count;
    }

    [Benchmark(Description = "verify audit chain (~260 entries)")]
    public async Task<bool> VerifyChain()
    {
        await using var db = new ParleyDb(_options);
        return (await VerifyAudit.HandleAsync(db)).Intact;
    }
}
