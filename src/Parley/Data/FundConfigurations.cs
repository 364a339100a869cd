using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Fund;

namespace Parley.Data;

internal sealed class FundHeadConfiguration : IEntityTypeConfiguration<FundHead>
{
    public void Configure(EntityTypeBuilder<FundHead> b)
    {
        b.HasKey(h => h.ProcessId);
        b.Property(h => h.ProcessId).HasMaxLength(64);
        b.Property(h => h.Version).IsConcurrencyToken();
    }
}

internal sealed class FundEntryConfiguration : IEntityTypeConfiguration<FundEntry>
{
    public void Configure(EntityTypeBuilder<FundEntry> b)
    {
        b.HasIndex(e => new { e.ProcessId, e.Id });
        b.HasIndex(e => e.ReversesId).IsUnique();
        b.Property(e => e.ProcessId).HasMaxLength(64);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Memo).HasMaxLength(500);
        b.Property(e => e.Reference).HasMaxLength(80);
        b.Property(e => e.RecordedBy).HasMaxLength(200);
        b.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundLineConfiguration : IEntityTypeConfiguration<FundLine>
{
    public void Configure(EntityTypeBuilder<FundLine> b)
    {
        b.Property(l => l.Account).HasMaxLength(20);
        b.Property(l => l.Commitment).HasMaxLength(80);
        b.HasIndex(l => l.Commitment);
    }
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.HasIndex(p => new { p.ProcessId, p.DonorCode });
        b.Property(p => p.ProcessId).HasMaxLength(64);
        b.Property(p => p.DonorCode).HasMaxLength(64);
        b.Property(p => p.DonorName).HasMaxLength(200);
        b.Property(p => p.Amount).HasPrecision(18, 2);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Earmark).HasMaxLength(500);
        b.Property(p => p.Conditions).HasMaxLength(2000);
        b.Property(p => p.RecordedBy).HasMaxLength(200);
    }
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.HasIndex(c => new { c.ProcessId, c.DonorCode });
        b.Property(c => c.ProcessId).HasMaxLength(64);
        b.Property(c => c.DonorCode).HasMaxLength(64);
        b.Property(c => c.DonorName).HasMaxLength(200);
        b.Property(c => c.Amount).HasPrecision(18, 2);
        b.Property(c => c.UnitsPerUsd).HasPrecision(18, 6);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.HasOne(c => c.Entry).WithMany().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.EntryId).IsUnique();
    }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> b)
    {
        b.HasIndex(r => new { r.Currency, r.Month }).IsUnique();
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.UnitsPerUsd).HasPrecision(18, 6);
    }
}

internal sealed class TravelRateConfiguration : IEntityTypeConfiguration<TravelRate>
{
    public void Configure(EntityTypeBuilder<TravelRate> b)
    {
        b.HasIndex(r => new { r.ProcessId, r.VenueCode }).IsUnique();
        b.Property(r => r.ProcessId).HasMaxLength(64);
        b.Property(r => r.VenueCode).HasMaxLength(20);
    }
}

internal sealed class TravelApplicationConfiguration : IEntityTypeConfiguration<TravelApplication>
{
    public void Configure(EntityTypeBuilder<TravelApplication> b)
    {
        b.HasIndex(a => new { a.MeetingId, a.StateIso3 }).IsUnique();
        b.HasIndex(a => a.ProcessId);
        b.Property(a => a.ProcessId).HasMaxLength(64);
        b.Property(a => a.StateIso3).HasMaxLength(3);
        b.Property(a => a.SubmittedBy).HasMaxLength(64);
        b.Property(a => a.SubmittedByName).HasMaxLength(200);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.HasMany(a => a.Travellers).WithOne().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TravellerConfiguration : IEntityTypeConfiguration<Traveller>
{
    public void Configure(EntityTypeBuilder<Traveller> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Role).HasMaxLength(100);
        b.Property(t => t.Reason).HasMaxLength(1000);
    }
}

internal sealed class AllocationRunConfiguration : IEntityTypeConfiguration<AllocationRun>
{
    public void Configure(EntityTypeBuilder<AllocationRun> b)
    {
        b.HasIndex(r => new { r.MeetingId, r.Id });
        b.Property(r => r.ProcessId).HasMaxLength(64);
        b.Property(r => r.RunBy).HasMaxLength(200);
        b.Property(r => r.ApprovedBy).HasMaxLength(200);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
    }
}
