using Parley.Features.Operations;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Operations;

/// <summary>
/// Background work runs on one node at a time: the lock is held by one holder, refused to a second, and free again the moment
/// its holder goes (on PostgreSQL when its session ends; on SQLite when its file handle closes), on the test's database.
/// </summary>
public sealed class LeadershipTests
{
    [Fact]
    public async Task OneNodeLeads_ASecondIsRefused_AndTakesOverWhenTheFirstGoes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = await Leadership.TryTakeAsync(database.Settings))
        {
            Assert.NotNull(first);
            Assert.True(await first.StillHeldAsync());
            Assert.Null(await Leadership.TryTakeAsync(database.Settings));
        }
        await using var second = await Leadership.TryTakeAsync(database.Settings);
        Assert.NotNull(second);
        Assert.Null(await Leadership.TryTakeAsync(database.Settings));
    }
}
