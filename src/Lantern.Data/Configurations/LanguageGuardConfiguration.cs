using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class LanguageFindingRecordConfiguration : IEntityTypeConfiguration<LanguageFindingRecord>
{
    public void Configure(EntityTypeBuilder<LanguageFindingRecord> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Form).HasMaxLength(50);
        builder.Property(f => f.Field).HasMaxLength(100);
        builder.Property(f => f.RecordType).HasMaxLength(64);
        builder.Property(f => f.RecordId).HasMaxLength(128);
        builder.Property(f => f.EntryId).HasMaxLength(100);
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.KeptNote).HasMaxLength(2000);
        builder.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Restrict);
        // One row per form, field and entry: a form sent back twice for the same phrase counts once.
        builder.HasIndex(f => new { f.ReviewId, f.Field, f.EntryId }).IsUnique();
        // The report reads by month, then agency.
        builder.HasIndex(f => new { f.SeenAt, f.AgencyId });
        builder.HasIndex(f => new { f.RecordType, f.RecordId });
    }
}

internal sealed class LanguagePhraseConfiguration : IEntityTypeConfiguration<LanguagePhrase>
{
    public void Configure(EntityTypeBuilder<LanguagePhrase> builder)
    {
        builder.HasKey(p => p.EntryId);
        builder.Property(p => p.EntryId).HasMaxLength(100);
        builder.Property(p => p.Category).HasMaxLength(100);
        builder.Property(p => p.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Patterns).HasMaxLength(10_000);
        builder.Property(p => p.Reason).HasMaxLength(2000);
        builder.Property(p => p.Alternatives).HasMaxLength(10_000);
    }
}

internal sealed class LanguagePhraseChangeConfiguration : IEntityTypeConfiguration<LanguagePhraseChange>
{
    public void Configure(EntityTypeBuilder<LanguagePhraseChange> builder)
    {
        // The version is the key: two nodes saving a change with the same number cannot both succeed.
        builder.HasKey(c => c.Version);
        builder.Property(c => c.Version).ValueGeneratedNever();
        builder.Property(c => c.EntryId).HasMaxLength(100);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Snapshot).HasMaxLength(30_000);
        builder.HasIndex(c => c.EntryId);
    }
}
