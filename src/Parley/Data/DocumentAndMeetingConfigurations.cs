using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Parley.Data;

internal sealed class DocumentFileConfiguration : IEntityTypeConfiguration<Parley.Features.Documents.DocumentFile>
{
    public void Configure(EntityTypeBuilder<Parley.Features.Documents.DocumentFile> b)
    {
        b.HasIndex(f => new { f.Symbol, f.Language });
        b.HasIndex(f => f.ProcessId);
        b.Property(f => f.ProcessId).HasMaxLength(64);
        b.Property(f => f.Symbol).HasMaxLength(60);
        b.Property(f => f.Language).HasMaxLength(2);
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.StorageName).HasMaxLength(100);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.UploadedBy).HasMaxLength(200);
    }
}

internal sealed class MeetingSummaryConfiguration : IEntityTypeConfiguration<Parley.Features.Documents.MeetingSummary>
{
    public void Configure(EntityTypeBuilder<Parley.Features.Documents.MeetingSummary> b)
    {
        b.HasIndex(s => s.MeetingId);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Title).HasMaxLength(300);
        b.Property(s => s.RecordedBy).HasMaxLength(200);
    }
}

internal sealed class ConferenceReportConfiguration : IEntityTypeConfiguration<Parley.Features.Documents.ConferenceReportRecord>
{
    public void Configure(EntityTypeBuilder<Parley.Features.Documents.ConferenceReportRecord> b)
    {
        b.HasIndex(r => r.ProcessId);
        b.Property(r => r.ProcessId).HasMaxLength(64);
        b.Property(r => r.Title).HasMaxLength(400);
        b.Property(r => r.Symbol).HasMaxLength(60);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.IssuedBy).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class MeetingInvitationConfiguration : IEntityTypeConfiguration<Parley.Features.Meetings.MeetingInvitation>
{
    public void Configure(EntityTypeBuilder<Parley.Features.Meetings.MeetingInvitation> b)
    {
        b.HasIndex(i => new { i.MeetingId, i.OrganisationCode }).IsUnique();
        b.Property(i => i.OrganisationCode).HasMaxLength(64);
        b.Property(i => i.InvitedBy).HasMaxLength(200);
    }
}
