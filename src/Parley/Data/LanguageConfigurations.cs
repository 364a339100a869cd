using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Features.Translations;

namespace Parley.Data;

internal sealed class ContentTranslationConfiguration : IEntityTypeConfiguration<ContentTranslation>
{
    public void Configure(EntityTypeBuilder<ContentTranslation> b)
    {
        b.Property(t => t.Kind).HasMaxLength(20);
        b.Property(t => t.RecordId).HasMaxLength(100);
        b.Property(t => t.Culture).HasMaxLength(16);
        b.Property(t => t.Text).HasMaxLength(TitleVersions.MaxLength);
        b.HasIndex(t => new { t.Kind, t.RecordId, t.Culture }).IsUnique();
    }
}
