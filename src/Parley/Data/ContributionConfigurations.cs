using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Parley.Data;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Parley.Features.Contributions.Submission>
{
    public void Configure(EntityTypeBuilder<Parley.Features.Contributions.Submission> b)
    {
        b.HasIndex(s => new { s.ProcessId, s.Status });
        b.HasIndex(s => new { s.ProcessId, s.AuthorCode });
        b.Property(s => s.ProcessId).HasMaxLength(64);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.AuthorKind).HasMaxLength(20);
        b.Property(s => s.AuthorCode).HasMaxLength(64);
        b.Property(s => s.AuthorName).HasMaxLength(300);
        b.Property(s => s.Title).HasMaxLength(300);
        b.Property(s => s.Themes).HasMaxLength(1000);
        b.Property(s => s.Perspectives).HasMaxLength(1000);
        b.Property(s => s.FileName).HasMaxLength(200);
        b.Property(s => s.StorageName).HasMaxLength(100);
        b.Property(s => s.ContentType).HasMaxLength(100);
        b.Property(s => s.DeclinedReason).HasMaxLength(1000);
        b.Property(s => s.CreatedBy).HasMaxLength(200);
        b.Property(s => s.PublishedBy).HasMaxLength(200);
    }
}
