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
