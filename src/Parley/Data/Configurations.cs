using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Audit;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Data;

internal sealed class StateConfiguration : IEntityTypeConfiguration<State>
{
    public void Configure(EntityTypeBuilder<State> b)
    {
        b.HasIndex(s => s.Iso3).IsUnique();
        b.HasIndex(s => s.Iso2).IsUnique();
        b.HasIndex(s => s.Status);
        b.HasIndex(s => s.RegionalGroup);
        b.HasIndex(s => s.Name);
        b.Property(s => s.Iso3).HasMaxLength(3);
        b.Property(s => s.Iso2).HasMaxLength(2);
        b.Property(s => s.M49).HasMaxLength(3);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.FormalName).HasMaxLength(300);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(40);
        b.Property(s => s.RegionalGroup).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.AlsoParticipatesIn).HasConversion<string>().HasMaxLength(10);
        b.HasMany(s => s.LdcPeriods).WithOne().HasForeignKey(p => p.StateId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.LdcPeriods).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LdcPeriodConfiguration : IEntityTypeConfiguration<LdcPeriod>
{
    public void Configure(EntityTypeBuilder<LdcPeriod> b)
    {
        b.HasIndex(p => new { p.From, p.Until });
    }
}

internal sealed class RegionalGroupConfiguration : IEntityTypeConfiguration<RegionalGroup>
{
    public void Configure(EntityTypeBuilder<RegionalGroup> b)
    {
        b.HasKey(g => g.Code);
        b.Property(g => g.Code).HasConversion<string>().HasMaxLength(10);
        b.Property(g => g.Name).HasMaxLength(100);
    }
}

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> b)
    {
        b.HasIndex(i => i.Code).IsUnique();
        b.Property(i => i.Code).HasMaxLength(20);
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => a.Sequence).IsUnique();
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.ActorId);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.Action);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(200);
        b.Property(a => a.ActorId).HasMaxLength(100);
        b.Property(a => a.ActorName).HasMaxLength(256);
        b.Property(a => a.RequestId).HasMaxLength(100);
    }
}

internal sealed class ParleyUserConfiguration : IEntityTypeConfiguration<ParleyUser>
{
    public void Configure(EntityTypeBuilder<ParleyUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Culture).HasMaxLength(16);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(u => u.StateIso3).HasMaxLength(3);
        b.Property(u => u.OrganisationCode).HasMaxLength(40);
        b.HasIndex(u => u.Kind);
        b.HasIndex(u => u.StateIso3);
    }
}

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> b)
    {
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.TokenHash).HasMaxLength(64);
    }
}
