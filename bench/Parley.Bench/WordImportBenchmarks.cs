using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Texts;
using Parley.Tests.Texts;

namespace Parley.Bench;

/// <summary>
/// Issue 18's scenario: the G77's Word file with 100 tracked changes on the 300-provision text (70 word-level changes, 20 new
/// paragraphs, 10 provisions deleted) read into 100 private drafts — the file alone, and the whole use case with its saves.
/// </summary>
[MemoryDiagnoser]
public class WordImportBenchmarks
{
    private string _file = "";
    private DbContextOptions<ParleyDb> _options = null!;
    private int _versionId;
    private byte[] _marked = [];
    private IReadOnlyList<ProvisionData> _provisions = [];
    private Viewer _delegate = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_file, _options) = BenchDatabase.Create();
        using var db = new ParleyDb(_options);
        (_, _versionId, _) = DemoNegotiation.SeedAsync(db, TimeProvider.System, "gcm", "bench", 300, 1_000).GetAwaiter().GetResult();
        var version = TextQueries.VersionAsync(db, _versionId).GetAwaiter().GetResult()!;
        _provisions = version.Provisions;
        var speaker = db.GroupMembers.Where(m => m.MaySpeak).Join(db.NegotiatingGroups.Where(g => g.Code == "G77"), m => m.GroupId, g => g.Id, (m, g) => m.StateIso3).First();
        _delegate = new Viewer("bench-delegate", PrincipalKind.MemberStateDelegate, speaker, null, false, "G77 delegate");
        var random = new Random(18);
        var markup = new WordMarkup("G77 coordinator");
        var paragraphs = _provisions.Where(p => p.Kind == ProvisionKind.Paragraph && Words.Split(p.Text).Length >= 6).OrderBy(_ => random.Next()).Take(100).ToList();
        for (var i = 0; i < 100; i++)
        {
            var p = paragraphs[i];
            var words = Words.Split(p.Text).Length;
            var at = random.Next(1, words - 3);
            _ = (i % 10) switch
            {
                < 3 => markup.Replace(p.Key, at, at + 2, "shall endeavour to", i % 2 == 0 ? "Agreed language from the 2030 Agenda." : null),
                < 5 => markup.Insert(p.Key, at, "as appropriate"),
                < 7 => markup.Delete(p.Key, at, at + 1),
                < 9 => markup.AddAfter(p.Key, $"States shall cooperate to give effect to paragraph {p.Number}."),
                _ => markup.DeleteProvision(p.Key),
            };
        }
        _marked = markup.Apply(TextExports.CleanDocx(version));
        var understood = WordChanges.Understand(_provisions, DocxRoundTrip.Read(_marked)!);
        Console.WriteLine($"// file: {_marked.Length / 1024} KB, {understood.Changes.Count} changes ({string.Join(", ", understood.Changes.GroupBy(c => c.Kind).Select(g => $"{g.Count()} {g.Key}"))}), {understood.NotPlaced.Count} not placed");
    }

    [GlobalCleanup]
    public void Cleanup() => BenchDatabase.Delete(_file);

    [Benchmark(Baseline = true, Description = "baseline: count proposals")]
    public async Task<int> Count()
    {
        await using var db = new ParleyDb(_options);
        return await db.Proposals.CountAsync(p => p.VersionId == _versionId);
    }

    [Benchmark(Description = "read the 100-change file and understand it (no database)")]
    public int Understand() => WordChanges.Understand(_provisions, DocxRoundTrip.Read(_marked)!).Changes.Count;

    [Benchmark(Description = "import: the file into 100 saved drafts, with the preview")]
    public async Task<int> Import()
    {
        await using var db = new ParleyDb(_options);
        var result = await Proposals.ImportAsync(db, TimeProvider.System, _delegate, _versionId, "g77.docx", new MemoryStream(_marked), _marked.LongLength, "G77");
        return result.IsSuccess ? result.Value.Changes.Count : throw new InvalidOperationException(result.Error!.Message);
    }
}
