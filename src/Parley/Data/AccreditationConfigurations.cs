using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Accreditation;
using Parley.Features.Notifications;
using Parley.Features.Processes;

namespace Parley.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasIndex(o => o.Code).IsUnique();
        b.HasIndex(o => o.NormalizedName);
        b.Property(o => o.Code).HasMaxLength(40);
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.NormalizedName).HasMaxLength(300);
        b.Property(o => o.Acronym).HasMaxLength(40);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(o => o.CountryIso3).HasMaxLength(3);
        b.Property(o => o.Website).HasMaxLength(300);
        b.Property(o => o.Email).HasMaxLength(256);
        b.HasMany(o => o.Representatives).WithOne().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Representatives).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RepresentativeConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Gender).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.NationalityIso3).HasMaxLength(3);
    }
}

internal sealed class VerificationEntryConfiguration : IEntityTypeConfiguration<VerificationEntry>
{
    public void Configure(EntityTypeBuilder<VerificationEntry> b)
    {
        b.HasIndex(v => new { v.Source, v.NormalizedName });
        b.Property(v => v.Source).HasMaxLength(20);
        b.Property(v => v.Name).HasMaxLength(300);
        b.Property(v => v.NormalizedName).HasMaxLength(300);
        b.Property(v => v.Status).HasMaxLength(20);
        b.Property(v => v.CountryIso3).HasMaxLength(3);
    }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<AccreditationApplication>
{
    public void Configure(EntityTypeBuilder<AccreditationApplication> b)
    {
        b.ToTable("Applications");
        b.HasIndex(a => new { a.ProcessId, a.TrackId, a.Status });
        b.HasIndex(a => a.OrganisationId);
        b.Property(a => a.ProcessId).HasMaxLength(50);
        b.Property(a => a.TrackId).HasMaxLength(50);
        b.Property(a => a.Mandate).HasMaxLength(4000);
        b.Property(a => a.Relevance).HasMaxLength(4000);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.DecidedBy).HasMaxLength(200);
        b.Property(a => a.DecisionReason).HasMaxLength(2000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VerificationEntry>().WithMany().HasForeignKey(a => a.MatchedEntryId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Files).WithOne().HasForeignKey(f => f.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(a => a.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApplicationNoteConfiguration : IEntityTypeConfiguration<ApplicationNote>
{
    public void Configure(EntityTypeBuilder<ApplicationNote> b)
    {
        b.Property(n => n.Author).HasMaxLength(200);
        b.Property(n => n.Text).HasMaxLength(4000);
    }
}

internal sealed class ApplicationFileConfiguration : IEntityTypeConfiguration<ApplicationFile>
{
    public void Configure(EntityTypeBuilder<ApplicationFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.StorageName).HasMaxLength(100);
    }
}

internal sealed class StakeholderListConfiguration : IEntityTypeConfiguration<StakeholderList>
{
    public void Configure(EntityTypeBuilder<StakeholderList> b)
    {
        b.HasIndex(l => new { l.ProcessId, l.TrackId }).IsUnique();
        b.Property(l => l.ProcessId).HasMaxLength(50);
        b.Property(l => l.TrackId).HasMaxLength(50);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(l => l.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(l => l.Entries).WithOne().HasForeignKey(e => e.ListId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(l => l.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ListEntryConfiguration : IEntityTypeConfiguration<ListEntry>
{
    public void Configure(EntityTypeBuilder<ListEntry> b)
    {
        b.HasIndex(e => new { e.ListId, e.ApplicationId }).IsUnique();
        b.HasOne<AccreditationApplication>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.HasIndex(o => new { o.ListId, o.ApplicationId, o.StateIso3 }).IsUnique();
        b.HasIndex(o => o.Reference).IsUnique();
        b.Property(o => o.Reference).HasMaxLength(32);
        b.Property(o => o.StateIso3).HasMaxLength(3);
        b.Property(o => o.Basis).HasMaxLength(2000);
        b.Property(o => o.LodgedBy).HasMaxLength(450);
        b.HasOne<StakeholderList>().WithMany().HasForeignKey(o => o.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AccreditationApplication>().WithMany().HasForeignKey(o => o.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ObjectionReleaseConfiguration : IEntityTypeConfiguration<ObjectionRelease>
{
    public void Configure(EntityTypeBuilder<ObjectionRelease> b)
    {
        b.HasIndex(r => new { r.ListId, r.ToStateIso3 });
        b.Property(r => r.ToStateIso3).HasMaxLength(3);
        b.Property(r => r.ReleasedBy).HasMaxLength(200);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.HasOne<StakeholderList>().WithMany().HasForeignKey(r => r.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.Property(n => n.UserId).HasMaxLength(450);
        b.Property(n => n.Subject).HasMaxLength(300);
        b.Property(n => n.Body).HasMaxLength(4000);
        b.Property(n => n.Link).HasMaxLength(300);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(i => i.Source).HasMaxLength(20);
        b.Property(i => i.Sha256).HasMaxLength(64);
        b.Property(i => i.ImportedBy).HasMaxLength(200);
    }
}
