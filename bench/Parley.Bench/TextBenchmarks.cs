using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Texts;

namespace Parley.Bench;

/// <summary>
/// A 300-provision, ~30,000-word text with 10,000 proposals (`DemoNegotiation`): building the compilation in memory, the whole
/// compilation query, comparing two versions, and the compilation as Word tracked changes — against a trivial query.
/// </summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private string _file = "";
    private DbContextOptions<ParleyDb> _options = null!;
    private int _versionId;
    private IReadOnlyList<ProvisionData> _provisions = [];
    private List<ProposalView> _views = [];
    private TextQueries.VersionView _from = null!;
    private TextQueries.VersionView _to = null!;
    private TextQueries.CompilationView _compilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_file, _options) = BenchDatabase.Create();
        using var db = new ParleyDb(_options);
        (_, _versionId, var words) = DemoNegotiation.SeedAsync(db, TimeProvider.System, "gcm", "bench", 300, 10_000).GetAwaiter().GetResult();
        Console.WriteLine($"// text: 300 provisions, {words} words, 10000 proposals");
        _from = TextQueries.VersionAsync(db, _versionId).GetAwaiter().GetResult()!;
        var label = Delegations.LabelsAsync(db).GetAwaiter().GetResult();
        _views = db.Proposals.AsNoTracking().Include(p => p.Cosponsors).Where(p => p.VersionId == _versionId).ToList().Select(p => new ProposalView(p.Id, p.Kind, p.ProvisionKey, p.AfterKey,
            p.Start, p.End, p.NewText, p.NewKind, [label(p.SponsorCode, p.SponsorIsGroup)], "submitted", false)).ToList();
        _provisions = _from.Provisions;
        // The next revision: a word changed in every third provision, every tenth deleted, some added.
        var random = new Random(5);
        var next = _from.Provisions.Where((p, i) => i % 10 != 9).Select((p, i) => i % 3 == 0 ? p with { Text = p.Text.Replace(" the ", " THE ", StringComparison.Ordinal) + " added" } : p).ToList();
        next.Insert(random.Next(next.Count), new ProvisionData("new-1", "", ProvisionKind.Paragraph, null, null, "A new paragraph."));
        _to = _from with { Id = -1, Label = "Rev.1", Provisions = next };
        _compilation = TextQueries.CompilationAsync(db, _versionId, new TextQueries.CompilationFilter()).GetAwaiter().GetResult().Value;
    }

    [GlobalCleanup]
    public void Cleanup() => BenchDatabase.Delete(_file);

    [Benchmark(Baseline = true, Description = "baseline: count proposals")]
    public async Task<int> Count()
    {
        await using var db = new ParleyDb(_options);
        return await db.Proposals.CountAsync(p => p.VersionId == _versionId);
    }

    [Benchmark(Description = "build the compilation (10,000 proposals, in memory)")]
    public int Build() => Compilation.Build(_provisions, _views).Count;

    [Benchmark(Description = "compilation use case (load proposals + build)")]
    public async Task<int> CompilationQuery()
    {
        await using var db = new ParleyDb(_options);
        return (await TextQueries.CompilationAsync(db, _versionId, new TextQueries.CompilationFilter())).Value.Proposals;
    }

    [Benchmark(Description = "compare two versions (300 provisions)")]
    public int Compare() => TextQueries.Compare(_from, _to).Changed;

    [Benchmark(Description = "compilation DOCX with tracked changes")]
    public int CompilationDocx() => TextExports.CompilationDocx(_compilation, DateTime.UtcNow).Length;
}
