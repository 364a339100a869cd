using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Cli;
using Parley.Data;
using Parley.Features.Audit;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Audit;

public sealed class AuditTrailTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task AStateChange_IsAudited_WithActorRequestAndBeforeAfter()
    {
        var mex = await app.SignInAsDelegateOfAsync("MEX", focalPoint: true);
        var email = $"audited{Guid.NewGuid():N}@example.org";
        var response = await mex.PostAsJsonAsync("/api/v1/states/MEX/delegates", new { email, displayName = "Audited Delegate" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        await using var db = app.OpenDb();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "account.created" && a.After!.Contains(email));
        Assert.Equal(requestId, entry.RequestId);
        Assert.Equal("Test member-state-delegate", entry.ActorName);
        Assert.Null(entry.Before);
        Assert.Contains("[redacted]", entry.After!, StringComparison.Ordinal); // security stamp never stored in clear
        Assert.DoesNotContain("PasswordHash\":\"AQ", entry.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpdate_RecordsOnlyWhatChanged_BeforeAndAfter()
    {
        await using var db = app.OpenDb();
        var state = await db.States.SingleAsync(s => s.Iso3 == "NPL");
        var facts = Parley.Features.Registry.RegistrySeed.ReadStates().Single(s => s.Iso3 == "NPL") with { Name = "Nepal (renamed for test)" };
        state.Apply(facts);
        await db.SaveChangesAsync();
        var entry = await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal("State.updated", entry.Action);
        Assert.Contains("\"Name\":\"Nepal\"", entry.Before!, StringComparison.Ordinal);
        Assert.Contains("Nepal (renamed for test)", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("FormalName", entry.After!, StringComparison.Ordinal);
        state.Apply(facts with { Name = "Nepal" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Secretariat_BrowsesTheTrail_FilteredAndPaginated()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var page = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=registry.seeded&pageSize=10");
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 197);
        var verify = await secretariat.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }
}

/// <summary>Tampering is detected; each test owns its database because it breaks the chain on purpose.</summary>
public sealed class AuditVerifyTests
{
    private static async Task<(int Code, string Output)> ParleyAsync(TestDatabase database, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--provider", database.Settings.Provider.ToString(), "--connection", database.Settings.ConnectionString], output, error);
        return (code, output + error.ToString());
    }

    [Fact]
    public async Task Verify_PassesOnAFreshDatabase_AndFailsAfterARowIsAltered()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await ParleyAsync(database, "db", "migrate")).Code);

        var ok = await ParleyAsync(database, "audit", "verify");
        Assert.Equal(0, ok.Code);
        Assert.Contains("intact", ok.Output, StringComparison.Ordinal);

        await using (var db = database.Open())
        {
            var victim = await db.AuditEntries.OrderBy(a => a.Sequence).Skip(41).FirstAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"After\" = {"{\"Name\":\"Forged\"}"} WHERE \"Id\" = {victim.Id}");
        }
        var broken = await ParleyAsync(database, "audit", "verify");
        Assert.Equal(1, broken.Code);
        Assert.Contains("BROKEN at entry 42", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DetectsADeletedRow()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.Open())
        {
            await DatabaseInitializer.MigrateAndSeedAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {10L}");
            var report = await VerifyAudit.HandleAsync(db);
            Assert.False(report.Intact);
            Assert.Equal(10, report.BrokenAtSequence);
        }
    }

    private static async Task<string> AnchoredAsync(TestDatabase database)
    {
        var anchors = Path.Combine(Path.GetTempPath(), $"parley-anchors-{Guid.NewGuid():N}.txt");
        Assert.Equal(0, (await ParleyAsync(database, "db", "migrate")).Code);
        var anchored = await ParleyAsync(database, "audit", "anchor", "--anchors", anchors);
        Assert.Equal(0, anchored.Code);
        var ok = await ParleyAsync(database, "audit", "verify", "--anchors", anchors);
        Assert.Equal(0, ok.Code);
        Assert.Contains("1 anchor(s) matched", ok.Output, StringComparison.Ordinal);
        return anchors;
    }

    [Fact]
    public async Task Verify_FailsAfterTheLastEntriesAreDeleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var anchors = await AnchoredAsync(database);
        await using (var db = database.Open())
        {
            var head = await db.AuditEntries.MaxAsync(a => a.Sequence);
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 5}");
            Assert.True((await VerifyAudit.HandleAsync(db)).Intact); // the chain alone cannot tell its tail was cut…
        }
        var broken = await ParleyAsync(database, "audit", "verify", "--anchors", anchors);
        Assert.Equal(1, broken.Code); // …its anchor can
        Assert.Contains("deleted from the end", broken.Output, StringComparison.Ordinal);
        File.Delete(anchors);
    }

    [Fact]
    public async Task Verify_FailsAfterAnEntryIsRewrittenAndEveryLaterHashRecomputed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var anchors = await AnchoredAsync(database);
        await using (var db = database.Open())
        {
            // A forger with the database: change entry 42, then rehash it and every entry after it so that every link holds.
            var entries = await db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync();
            var previous = entries[40].Hash;
            foreach (var entry in entries.Skip(41))
            {
                var after = entry.Sequence == 42 ? "{\"Name\":\"Forged\"}" : entry.After;
                db.Entry(entry).Property(nameof(AuditEntry.After)).CurrentValue = after;
                db.Entry(entry).Property(nameof(AuditEntry.PreviousHash)).CurrentValue = previous;
                db.Entry(entry).Property(nameof(AuditEntry.Hash)).CurrentValue = entry.ComputeHash();
                previous = entry.Hash;
            }
            foreach (var entry in entries.Skip(41))
            {
                await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"After\" = {entry.After}, \"PreviousHash\" = {entry.PreviousHash}, \"Hash\" = {entry.Hash} WHERE \"Id\" = {entry.Id}");
            }
        }
        await using (var db = database.Open())
        {
            Assert.True((await VerifyAudit.HandleAsync(db)).Intact); // every link holds without the anchor
        }
        var broken = await ParleyAsync(database, "audit", "verify", "--anchors", anchors);
        Assert.Equal(1, broken.Code);
        Assert.Contains("differs from its anchor", broken.Output, StringComparison.Ordinal);
        File.Delete(anchors);
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneLinearChain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.Open())
        {
            await DatabaseInitializer.MigrateAndSeedAsync(db);
        }
        var codes = new[] { "ECA", "ECE", "ECLAC", "ESCAP", "ESCWA", "IOM", "OPGA", "UNSEC" };
        await Task.WhenAll(codes.Select(async code =>
        {
            await using var db = database.Open();
            var i = await db.Institutions.SingleAsync(x => x.Code == code);
            i.Apply(new Parley.Features.Registry.Institution(code, i.Name + " (renamed)", i.Kind, i.Seat));
            await db.SaveChangesAsync();
        }));
        await using (var db = database.Open())
        {
            var report = await VerifyAudit.HandleAsync(db);
            Assert.True(report.Intact, report.Problem);
        }
    }
}
