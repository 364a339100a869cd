using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Registry;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Registry;

public sealed class RegistryRulesTests
{
    [Fact]
    public void LdcPeriod_CoversItsStart_ButNotItsGraduationDay()
    {
        var state = new State("VUT", "VU", "548", "Vanuatu", "the Republic of Vanuatu", StateStatus.MemberState);
        state.AddLdcPeriod(null, new DateOnly(2020, 12, 4), null);
        Assert.True(state.IsLdcOn(new DateOnly(1990, 1, 1)));
        Assert.True(state.IsLdcOn(new DateOnly(2020, 12, 3)));
        Assert.False(state.IsLdcOn(new DateOnly(2020, 12, 4)));
    }

    [Fact]
    public void LdcPeriod_ThatEndsBeforeItStarts_IsRefused() =>
        Assert.Throws<ArgumentException>(() =>
            new State("X", "X", "0", "X", "X", StateStatus.MemberState).AddLdcPeriod(new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1), null));

    [Fact]
    public void EmbeddedData_GroupCountsMatchTheUnLists()
    {
        var states = RegistrySeed.ReadStates();
        Assert.Equal(197, states.Count);
        Assert.Equal(193, states.Count(s => s.Status == StateStatus.MemberState));
        Assert.Equal(193, states.Count(s => s.RegionalGroup is not null));
        Assert.Equal(states.Count, states.Select(s => s.Iso3).Distinct().Count());
    }

    [Fact]
    public async Task Seeding_Twice_ChangesNothingTheSecondTime()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.Open())
        {
            Assert.True(await DatabaseInitializer.MigrateAndSeedAsync(db) > 0);
        }
        await using (var db = database.Open())
        {
            var auditBefore = await db.AuditEntries.CountAsync();
            Assert.Equal(0, await DatabaseInitializer.MigrateAndSeedAsync(db));
            Assert.Equal(197, await db.States.CountAsync());
            Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
        }
    }
}
