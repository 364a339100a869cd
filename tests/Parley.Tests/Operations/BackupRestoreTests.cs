using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Cli;
using Parley.Common;
using Parley.Features.Operations;
using Parley.Tests.Accreditation;
using Parley.Features.Registry;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Operations;

public sealed class BackupRestoreTests
{
    private static async Task<int> ParleyAsync(TestDatabase database, params string[] args) =>
        await CliApp.RunAsync([.. args, "--provider", database.Settings.Provider.ToString(), "--connection", database.Settings.ConnectionString],
            TextWriter.Null, TextWriter.Null);

    private static string Scratch(string name) => Path.Combine(Path.GetTempPath(), "parley-tests", $"{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task ABackupTakenUnderLoad_RestoredIntoAnEmptyDatabaseAndFolder_HoldsEveryAcknowledgedRecordAndFile()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        app.Clock.Set(2017, 4, 10);
        var applicants = await AccreditationData.ApplyManyAsync(app, "special-preparatory", 4);
        var stakeholders = new List<(HttpClient Client, int Application)>();
        foreach (var a in applicants)
        {
            stakeholders.Add((await AccreditationData.SignInStakeholderAsync(app, a.Code), a.ApplicationId));
        }
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(int Id, DateTime At, byte[] Bytes)>();
        using var stop = new CancellationTokenSource();
        async Task UploadLoopAsync(HttpClient client, int application, int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 400; i++)
            {
                var bytes = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% worker {worker} upload {i} {Guid.NewGuid()}\n%%EOF");
                using var form = new MultipartFormDataContent();
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(part, "file", $"doc-{worker}-{i}.pdf");
                var response = await client.PostAsync($"/api/v1/applications/{application}/files", form);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), DateTime.UtcNow, bytes));
                }
            }
        }
        var load = stakeholders.Select((s, w) => UploadLoopAsync(s.Client, s.Application, w)).ToList();
        while (acknowledged.Count < 20)
        {
            await Task.Delay(20);
        }

        var backupFile = Scratch("under-load.backup");
        var startedAt = DateTime.UtcNow;
        var taken = await Backup.BackupAsync(app.Database.Settings, app.Services.GetRequiredService<FileStore>(), backupFile);
        Assert.True(taken.IsSuccess, taken.Error?.Message);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        var beforeBackup = acknowledged.Where(a => a.At < startedAt).ToList();
        Assert.True(beforeBackup.Count >= 20);

        // Restoring under the running app is refused, and changes nothing.
        var refused = await Backup.RestoreAsync(app.Database.Settings, app.Services.GetRequiredService<FileStore>(), backupFile);
        Assert.False(refused.IsSuccess);
        Assert.Contains("running", refused.Error!.Message, StringComparison.Ordinal);

        // Restored into an empty database and an empty folder, by the command a newcomer types.
        await using var empty = await TestDatabase.CreateAsync();
        var folder = Scratch("restored-files");
        Assert.Equal(0, await ParleyAsync(empty, "restore", backupFile, "--files", folder));
        await using (var db = empty.Open())
        {
            var rows = await db.ApplicationFiles.AsNoTracking().ToDictionaryAsync(f => f.Id);
            foreach (var (id, _, bytes) in beforeBackup)
            {
                Assert.True(rows.TryGetValue(id, out var row), $"acknowledged upload {id} is missing from the restored database");
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(folder, row!.StorageName)));
            }
            foreach (var row in rows.Values)
            {
                Assert.True(File.Exists(Path.Combine(folder, row.StorageName)), $"restored row {row.Id} names a file the backup lacks");
            }
        }
        Assert.Equal(0, await ParleyAsync(empty, "audit", "verify"));
        File.Delete(backupFile);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Restore_WhileTheWebAppRuns_IsRefusedCleanly()
    {
        await using var app = new ParleyFactory();
        await app.InitializeAsync();
        var backupFile = Scratch("idle.backup");
        Assert.True((await Backup.BackupAsync(app.Database.Settings, app.Services.GetRequiredService<FileStore>(), backupFile)).IsSuccess);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["restore", backupFile, "--provider", app.Database.Settings.Provider.ToString(), "--connection", app.Database.Settings.ConnectionString],
            output, error);
        Assert.NotEqual(0, code);
        Assert.Contains("Stop every web app instance", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString() + output, StringComparison.Ordinal);
        File.Delete(backupFile);
    }

    [Fact]
    public async Task Backup_ThenRestore_BringsBackTheDataAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), "parley-tests", $"{Guid.NewGuid():N}.backup");
        var files = Scratch("files");
        Assert.Equal(0, await ParleyAsync(database, "db", "migrate"));
        int auditCount;
        await using (var db = database.Open())
        {
            var iom = await db.Institutions.SingleAsync(i => i.Code == "IOM");
            iom.Apply(new Institution("IOM", "IOM before backup", iom.Kind, iom.Seat));
            await db.SaveChangesAsync();
            auditCount = await db.AuditEntries.CountAsync();
        }

        Assert.Equal(0, await ParleyAsync(database, "backup", file, "--files", files));
        Assert.True(new FileInfo(file).Length > 0);

        await using (var db = database.Open())
        {
            var iom = await db.Institutions.SingleAsync(i => i.Code == "IOM");
            iom.Apply(new Institution("IOM", "IOM after backup", iom.Kind, iom.Seat));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await ParleyAsync(database, "restore", file, "--files", files));
        await using (var db = database.Open())
        {
            Assert.Equal("IOM before backup", (await db.Institutions.SingleAsync(i => i.Code == "IOM")).Name);
            Assert.Equal(auditCount, await db.AuditEntries.CountAsync());
            Assert.Equal(197, await db.States.CountAsync());
        }
        Assert.Equal(0, await ParleyAsync(database, "audit", "verify"));
        File.Delete(file);
    }

    [Fact]
    public async Task SeedNegotiation_OnAFreshDatabase_MigratesItFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, await ParleyAsync(database, "seed", "negotiation", "--provisions", "20", "--proposals", "50", "--code", "fresh"));
        await using var db = database.Open();
        Assert.Equal(50, await db.Proposals.CountAsync());
    }

    [Fact]
    public async Task Restore_FromAMissingFile_FailsCleanly()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(2, await ParleyAsync(database, "restore", "/nonexistent/parley.backup"));
    }

    [Fact]
    public async Task StatesExport_WritesCsv()
    {
        await using var database = await TestDatabase.CreateAsync();
        await ParleyAsync(database, "db", "migrate");
        var file = Path.Combine(Path.GetTempPath(), "parley-tests", $"{Guid.NewGuid():N}.csv");
        Assert.Equal(0, await ParleyAsync(database, "states", "export", "--ldc-as-of", "2018-01-01", file));
        Assert.Equal(1 + 47, (await File.ReadAllLinesAsync(file)).Length);
        Assert.Equal(2, await ParleyAsync(database, "states", "list", "--group", "NOPE"));
        File.Delete(file);
    }
}
