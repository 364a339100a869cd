using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;

namespace Parley.Bench;

/// <summary>
/// Importing a 5,000-row ECOSOC list (dry run and for real, with 50 pending registrations to match), and reading the
/// PGA's list of 200 names with its balance figures as the OPGA sees it, against a trivial query.
/// </summary>
[MemoryDiagnoser]
public class AccreditationBenchmarks
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private readonly TimeProvider _clock = new FixedClock(new DateTimeOffset(2017, 4, 10, 12, 0, 0, TimeSpan.Zero));
    private string _file = "";
    private DbContextOptions<ParleyDb> _options = null!;
    private byte[] _csv = [];
    private Notifier _notifier = null!;
    private readonly Viewer _opga = new("opga", PrincipalKind.Opga, null, null, false, "OPGA");

    [GlobalSetup]
    public void Setup()
    {
        (_file, _options) = BenchDatabase.Create();
        _notifier = new Notifier(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mail:PickupFolder"] = Path.Combine(Path.GetTempPath(), "parley-bench-mail") }).Build(),
            _clock, NullLogger<Notifier>.Instance);
        using var db = new ParleyDb(_options);
        var countries = db.States.Where(s => s.Status == StateStatus.MemberState).Select(s => s.Iso3).ToList();
        var sb = new StringBuilder("name,status,country,since\n");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append($"\"Organisation number {i:D5} for the rights of migrants\",{(i % 3 == 0 ? "general" : i % 3 == 1 ? "special" : "roster")},{countries[i % countries.Count]},{1950 + i % 70}\n");
        }
        _csv = Encoding.UTF8.GetBytes(sb.ToString());

        var recommended = new List<int>();
        for (var i = 0; i < 250; i++)
        {
            var code = $"b{i:D5}";
            var organisation = new Organisation(code, i < 50 ? $"Organisation number {i * 7:D5} for the rights of migrants" : $"Bench organisation {i}", null,
                (OrganisationType)(i % 6), countries[i % countries.Count], null, $"{code}@example.org", DateTime.UtcNow);
            organisation.AddRepresentative("A", null, i % 2 == 0 ? Gender.Female : Gender.Male, null);
            db.Organisations.Add(organisation);
            db.SaveChanges();
            var viewer = new Viewer(code, PrincipalKind.Stakeholder, null, code, true, code);
            var track = i < 50 ? "ecosoc" : "special-preparatory";
            var app = Applications.ApplyAsync(db, _notifier, _clock, viewer, "gcm", new Applications.ApplyRequest(track, "m", "r")).GetAwaiter().GetResult().Value;
            if (track != "ecosoc")
            {
                var entity = db.Applications.Single(a => a.Id == app.Id);
                entity.Decide(ApplicationStatus.Recommended, "bench", null, DateTime.UtcNow);
                db.SaveChanges();
                recommended.Add(app.Id);
            }
        }
        NonObjection.ChangeEntriesAsync(db, _clock, _opga, "gcm", "special-preparatory", recommended.Take(200).ToList(), []).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => BenchDatabase.Delete(_file);

    [Benchmark(Baseline = true, Description = "baseline: count organisations")]
    public async Task<int> CountOrganisations()
    {
        await using var db = new ParleyDb(_options);
        return await db.Organisations.CountAsync();
    }

    [Benchmark(Description = "import 5,000 ECOSOC rows, dry run")]
    public async Task<int> ImportDryRun()
    {
        await using var db = new ParleyDb(_options);
        return (await Verification.ImportAsync(db, _notifier, _clock, "bench", "ecosoc", new MemoryStream(_csv), dryRun: true)).Value.Imported;
    }

    [Benchmark(Description = "import 5,000 ECOSOC rows (replace list, match registrations)")]
    public async Task<int> Import()
    {
        await using var db = new ParleyDb(_options);
        return (await Verification.ImportAsync(db, _notifier, _clock, "bench", "ecosoc", new MemoryStream(_csv), dryRun: false)).Value.Imported;
    }

    [Benchmark(Description = "PGA's list of 200 names with balance, as the OPGA")]
    public async Task<int> ListView()
    {
        await using var db = new ParleyDb(_options);
        return (await NonObjection.GetAsync(db, _clock, _opga, "gcm", "special-preparatory")).Value.Proposed.Count;
    }
}
