using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Processes;
using Parley.Features.Texts;

namespace Parley.Data;

internal sealed class NegotiatedTextConfiguration : IEntityTypeConfiguration<NegotiatedText>
{
    public void Configure(EntityTypeBuilder<NegotiatedText> b)
    {
        b.ToTable("Texts");
        b.HasIndex(t => new { t.ProcessId, t.Code }).IsUnique();
        b.Property(t => t.ProcessId).HasMaxLength(50);
        b.Property(t => t.Code).HasMaxLength(50);
        b.Property(t => t.Title).HasMaxLength(300);
        b.HasOne<NegotiationProcess>().WithMany().HasForeignKey(t => t.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextVersionConfiguration : IEntityTypeConfiguration<TextVersion>
{
    public void Configure(EntityTypeBuilder<TextVersion> b)
    {
        b.HasIndex(v => new { v.TextId, v.Sequence }).IsUnique();
        b.Property(v => v.Label).HasMaxLength(60);
        b.Property(v => v.Symbol).HasMaxLength(60);
        b.Property(v => v.Author).HasMaxLength(200);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasOne<NegotiatedText>().WithMany().HasForeignKey(v => v.TextId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(v => v.Provisions).WithOne().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VersionProvisionConfiguration : IEntityTypeConfiguration<VersionProvision>
{
    public void Configure(EntityTypeBuilder<VersionProvision> b)
    {
        b.ToTable("Provisions");
        b.HasIndex(p => new { p.VersionId, p.Key }).IsUnique();
        b.Property(p => p.Key).HasMaxLength(20);
        b.Property(p => p.Number).HasMaxLength(30);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ParentKey).HasMaxLength(20);
        b.Property(p => p.SectionType).HasMaxLength(60);
        b.Property(p => p.Text).HasMaxLength(20000);
    }
}

internal sealed class ProvisionStatusEntryConfiguration : IEntityTypeConfiguration<ProvisionStatusEntry>
{
    public void Configure(EntityTypeBuilder<ProvisionStatusEntry> b)
    {
        b.HasIndex(s => new { s.VersionId, s.ProvisionKey });
        b.Property(s => s.ProvisionKey).HasMaxLength(20);
        b.Property(s => s.WaitsOnKey).HasMaxLength(20);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.SetBy).HasMaxLength(200);
        b.HasOne<TextVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NegotiatingGroupConfiguration : IEntityTypeConfiguration<NegotiatingGroup>
{
    public void Configure(EntityTypeBuilder<NegotiatingGroup> b)
    {
        b.HasIndex(g => g.Code).IsUnique();
        b.Property(g => g.Code).HasMaxLength(20);
        b.Property(g => g.Name).HasMaxLength(200);
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> b)
    {
        b.HasIndex(m => new { m.GroupId, m.StateIso3 }).IsUnique();
        b.Property(m => m.StateIso3).HasMaxLength(3);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.HasIndex(p => new { p.VersionId, p.Status });
        b.HasIndex(p => new { p.VersionId, p.ProvisionKey });
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(p => p.NewKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.ProvisionKey).HasMaxLength(20);
        b.Property(p => p.AfterKey).HasMaxLength(20);
        b.Property(p => p.OriginalWords).HasMaxLength(20000);
        b.Property(p => p.NewText).HasMaxLength(20000);
        b.Property(p => p.SponsorCode).HasMaxLength(20);
        b.Property(p => p.DraftedByState).HasMaxLength(3);
        b.Property(p => p.CreatedBy).HasMaxLength(450);
        b.Property(p => p.Justification).HasMaxLength(2000);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<TextVersion>().WithMany().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Cosponsors).WithOne().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Stances).WithOne().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProposalImport>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProposalImportConfiguration : IEntityTypeConfiguration<ProposalImport>
{
    public void Configure(EntityTypeBuilder<ProposalImport> b)
    {
        b.HasIndex(i => new { i.VersionId, i.StateIso3 });
        b.Property(i => i.StateIso3).HasMaxLength(3);
        b.Property(i => i.SponsorCode).HasMaxLength(20);
        b.Property(i => i.FileName).HasMaxLength(200);
        b.Property(i => i.Sha256).HasMaxLength(64);
        b.Property(i => i.CreatedBy).HasMaxLength(450);
        b.HasOne<TextVersion>().WithMany().HasForeignKey(i => i.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalCosponsorConfiguration : IEntityTypeConfiguration<ProposalCosponsor>
{
    public void Configure(EntityTypeBuilder<ProposalCosponsor> b) => b.Property(c => c.Code).HasMaxLength(20);
}

internal sealed class ProposalStanceConfiguration : IEntityTypeConfiguration<ProposalStance>
{
    public void Configure(EntityTypeBuilder<ProposalStance> b)
    {
        b.HasIndex(s => new { s.ProposalId, s.Code, s.IsGroup }).IsUnique();
        b.Property(s => s.Code).HasMaxLength(20);
        b.Property(s => s.Justification).HasMaxLength(2000);
    }
}

internal sealed class SilenceProcedureConfiguration : IEntityTypeConfiguration<SilenceProcedure>
{
    public void Configure(EntityTypeBuilder<SilenceProcedure> b)
    {
        b.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        b.HasOne<TextVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Breaks).WithOne().HasForeignKey(x => x.SilenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SilenceBreakConfiguration : IEntityTypeConfiguration<SilenceBreak>
{
    public void Configure(EntityTypeBuilder<SilenceBreak> b)
    {
        b.Property(x => x.StateIso3).HasMaxLength(3);
        b.Property(x => x.Letter).HasMaxLength(8000);
        b.Property(x => x.By).HasMaxLength(200);
    }
}

internal sealed class AdoptionRecordConfiguration : IEntityTypeConfiguration<AdoptionRecord>
{
    public void Configure(EntityTypeBuilder<AdoptionRecord> b)
    {
        b.Property(a => a.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.RecordedBy).HasMaxLength(200);
        b.HasOne<TextVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Votes).WithOne().HasForeignKey(v => v.AdoptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Explanations).WithOne().HasForeignKey(e => e.AdoptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VoteEntryConfiguration : IEntityTypeConfiguration<VoteEntry>
{
    public void Configure(EntityTypeBuilder<VoteEntry> b)
    {
        b.Property(v => v.StateIso3).HasMaxLength(3);
        b.Property(v => v.Vote).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PositionExplanationConfiguration : IEntityTypeConfiguration<PositionExplanation>
{
    public void Configure(EntityTypeBuilder<PositionExplanation> b)
    {
        b.Property(e => e.Code).HasMaxLength(20);
        b.Property(e => e.Text).HasMaxLength(8000);
    }
}
