using Microsoft.EntityFrameworkCore;
using Parley.Cli;
using Parley.Features.Registry;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Operations;

public sealed class BackupRestoreTests
{
    private static async Task<int> ParleyAsync(TestDatabase database, params string[] args) =>
        await CliApp.RunAsync([.. args, "--provider", database.Settings.Provider.ToString(), "--connection", database.Settings.ConnectionString],
            TextWriter.Null, TextWriter.Null);

    [Fact]
    public async Task Backup_ThenRestore_BringsBackTheDataAsItWas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), "parley-tests", $"{Guid.NewGuid():N}.backup");
        Assert.Equal(0, await ParleyAsync(database, "db", "migrate"));
        int auditCount;
        await using (var db = database.Open())
        {
            var iom = await db.Institutions.SingleAsync(i => i.Code == "IOM");
            iom.Apply(new Institution("IOM", "IOM before backup", iom.Kind, iom.Seat));
            await db.SaveChangesAsync();
            auditCount = await db.AuditEntries.CountAsync();
        }

        Assert.Equal(0, await ParleyAsync(database, "backup", file));
        Assert.True(new FileInfo(file).Length > 0);

        await using (var db = database.Open())
        {
            var iom = await db.Institutions.SingleAsync(i => i.Code == "IOM");
            iom.Apply(new Institution("IOM", "IOM after backup", iom.Kind, iom.Seat));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await ParleyAsync(database, "restore", file));
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
