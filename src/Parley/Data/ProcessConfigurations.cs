using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Processes;

namespace Parley.Data;

internal sealed class NegotiationProcessConfiguration : IEntityTypeConfiguration<NegotiationProcess>
{
    public void Configure(EntityTypeBuilder<NegotiationProcess> b)
    {
        b.ToTable("Processes");
        b.Property(p => p.Id).HasMaxLength(50);
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.CurrentVersion).HasDefaultValue(1);
    }
}

internal sealed class ModalitiesVersionConfiguration : IEntityTypeConfiguration<ModalitiesVersion>
{
    public void Configure(EntityTypeBuilder<ModalitiesVersion> b)
    {
        b.Property(v => v.ProcessId).HasMaxLength(50);
        b.HasIndex(v => new { v.ProcessId, v.Number }).IsUnique();
        b.Property(v => v.Sha256).HasMaxLength(64);
        b.Property(v => v.LoadedBy).HasMaxLength(200);
        b.Property(v => v.Note).HasMaxLength(2000);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(v => v.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.HasIndex(m => new { m.ProcessId, m.SeriesId });
        b.Property(m => m.ProcessId).HasMaxLength(50);
        b.Property(m => m.SeriesId).HasMaxLength(50);
        b.Property(m => m.Title).HasMaxLength(300);
        b.Property(m => m.VenueCode).HasMaxLength(20);
        b.Property(m => m.VenueName).HasMaxLength(200);
        b.Property(m => m.TimeZone).HasMaxLength(60);
        b.Property(m => m.DaysText).HasMaxLength(2000);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Format).HasConversion<string>().HasMaxLength(20).HasDefaultValue(MeetingFormat.InPerson);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Revisions).WithOne().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.Days);
        b.Ignore(m => m.HalfDays);
        b.Ignore(m => m.Facts);
    }
}

internal sealed class MeetingRevisionConfiguration : IEntityTypeConfiguration<MeetingRevision>
{
    public void Configure(EntityTypeBuilder<MeetingRevision> b)
    {
        b.HasIndex(r => new { r.MeetingId, r.RecordedAt });
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.VenueCode).HasMaxLength(20);
        b.Property(r => r.DaysText).HasMaxLength(2000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.HasIndex(a => new { a.ProcessId, a.RoleId });
        b.Property(a => a.RoleId).HasMaxLength(50);
        b.Property(a => a.Holder).HasMaxLength(200);
        b.Property(a => a.StateIso3).HasMaxLength(3);
        b.Property(a => a.AppointedBy).HasMaxLength(200);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.HasIndex(d => d.ProcessId);
        b.Property(d => d.Symbol).HasMaxLength(60);
        b.Property(d => d.Title).HasMaxLength(300);
        b.Property(d => d.AmendsText).HasMaxLength(500);
        b.Ignore(d => d.Amends);
        b.Ignore(d => d.Replans);
        b.Property(d => d.ReplansText).HasMaxLength(8000);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcessDocumentConfiguration : IEntityTypeConfiguration<ProcessDocument>
{
    public void Configure(EntityTypeBuilder<ProcessDocument> b)
    {
        b.Ignore(d => d.IsCurrent);
        // Two corrections of the same record at once: the second finds it already ended and is refused (no two current records).
        b.Property(d => d.EndedAt).IsConcurrencyToken();
        b.Property(d => d.WithdrawnReason).HasMaxLength(500);
        b.Property(d => d.RelatesTo).HasMaxLength(60);
        b.Property(d => d.Relation).HasMaxLength(20);
        b.HasIndex(d => d.Symbol);
        b.ToTable("Documents");
        b.HasIndex(d => new { d.ProcessId, d.Type });
        b.HasIndex(d => d.MeetingId);
        b.Property(d => d.Type).HasMaxLength(60);
        b.Property(d => d.Symbol).HasMaxLength(60);
        b.Property(d => d.Title).HasMaxLength(300);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> b)
    {
        b.HasIndex(h => new { h.Calendar, h.Date }).IsUnique();
        b.Property(h => h.Calendar).HasMaxLength(20);
        b.Property(h => h.Name).HasMaxLength(200);
    }
}
