using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Meetings;
using Parley.Features.Processes;

namespace Parley.Data;

internal sealed class PanelConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> b)
    {
        b.HasIndex(p => p.MeetingId);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.ModeratorIso3).HasMaxLength(3);
        b.Property(p => p.ModeratorAppointedBy).HasMaxLength(200);
        b.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Panellists).WithOne().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PanellistConfiguration : IEntityTypeConfiguration<Panellist>
{
    public void Configure(EntityTypeBuilder<Panellist> b)
    {
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Affiliation).HasMaxLength(300);
        b.Property(p => p.CountryIso3).HasMaxLength(3);
        b.Property(p => p.Gender).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Perspective).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class MeetingSetupConfiguration : IEntityTypeConfiguration<MeetingSetup>
{
    public void Configure(EntityTypeBuilder<MeetingSetup> b)
    {
        b.HasKey(s => s.MeetingId);
        b.Property(s => s.Languages).HasMaxLength(300);
        b.HasOne<Meeting>().WithOne().HasForeignKey<MeetingSetup>(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingRegistrationConfiguration : IEntityTypeConfiguration<MeetingRegistration>
{
    public void Configure(EntityTypeBuilder<MeetingRegistration> b)
    {
        b.HasIndex(r => new { r.MeetingId, r.Status });
        b.HasIndex(r => new { r.MeetingId, r.Code });
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Code).HasMaxLength(40);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.SubmittedBy).HasMaxLength(450);
        b.Property(r => r.DecidedBy).HasMaxLength(200);
        b.Property(r => r.CredentialsFile).HasMaxLength(100);
        b.Property(r => r.CredentialsName).HasMaxLength(255);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Participants).WithOne().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.HasIndex(p => p.Token).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.Gender).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Token).HasMaxLength(40);
    }
}

internal sealed class InscriptionConfiguration : IEntityTypeConfiguration<Inscription>
{
    public void Configure(EntityTypeBuilder<Inscription> b)
    {
        b.HasIndex(i => new { i.MeetingId, i.Order });
        b.Property(i => i.Code).HasMaxLength(40);
        b.Property(i => i.Label).HasMaxLength(300);
        b.Property(i => i.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Level).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.SpeakerName).HasMaxLength(200);
        b.Property(i => i.InscribedBy).HasMaxLength(450);
        b.Property(i => i.StatementFile).HasMaxLength(100);
        b.Property(i => i.StatementName).HasMaxLength(255);
        b.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
