using Lantern.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class ScreeningConfiguration : IEntityTypeConfiguration<Screening>, IEntityTypeConfiguration<ScreeningItem>
{
    public void Configure(EntityTypeBuilder<Screening> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne(s => s.Child).WithMany().HasForeignKey(s => s.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.ToolId).HasMaxLength(60);
        builder.Property(s => s.ToolName).HasMaxLength(200);
        builder.Property(s => s.ScreenedByName).HasMaxLength(200);
        builder.Property(s => s.ReviewedByName).HasMaxLength(200);
        builder.Property(s => s.Score).HasPrecision(9, 2);
        builder.Property(s => s.ScoreBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ComputedLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ChosenLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ReviewedLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ReviewStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Reason).HasMaxLength(4000);
        builder.Property(s => s.RulesApplied).HasMaxLength(4000);
        builder.Property(s => s.ReviewNote).HasMaxLength(4000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Level);
        builder.Ignore(s => s.Diverges);
        builder.HasIndex(s => new { s.ChildId, s.ScreenedAt });
        builder.HasIndex(s => new { s.ReviewStatus, s.TeamId });
        builder.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.ScreeningId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ScreeningItem> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne(i => i.SourceAgency).WithMany().HasForeignKey(i => i.SourceAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Section).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.IndicatorId).HasMaxLength(60);
        builder.Property(i => i.Text).HasMaxLength(500);
        builder.Property(i => i.Evidence).HasMaxLength(4000);
        builder.Property(i => i.PrefilledFrom).HasMaxLength(100);
        builder.Property(i => i.Weight).HasPrecision(9, 2);
        builder.Property(i => i.Factor).HasPrecision(9, 4);
        builder.Property(i => i.Points).HasPrecision(9, 2);
    }
}
