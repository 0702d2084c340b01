using Lantern.Domain.Children;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class IdentityConfiguration :
    IEntityTypeConfiguration<IdentityMatch>, IEntityTypeConfiguration<ChildMerge>, IEntityTypeConfiguration<ChildMergeMove>,
    IEntityTypeConfiguration<IdentityChange>
{
    public void Configure(EntityTypeBuilder<IdentityMatch> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.RecordType).HasMaxLength(40);
        builder.Property(m => m.RecordReference).HasMaxLength(40);
        builder.Property(m => m.HeldBackBy).HasMaxLength(300);
        builder.Property(m => m.Explanation).HasMaxLength(IdentityMatch.ExplanationMaxLength);
        builder.Property(m => m.DecidedByName).HasMaxLength(200);
        builder.Property(m => m.Reason).HasMaxLength(IdentityMatch.ReasonMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<Child>().WithMany().HasForeignKey(m => m.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Child>().WithMany().HasForeignKey(m => m.CandidateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.Status, m.CreatedAt });
        builder.HasIndex(m => m.ChildId);
        builder.HasIndex(m => m.CandidateId);
    }

    public void Configure(EntityTypeBuilder<ChildMerge> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MergedByName).HasMaxLength(200);
        builder.Property(m => m.UndoneByName).HasMaxLength(200);
        builder.Property(m => m.Reason).HasMaxLength(IdentityMatch.ReasonMaxLength);
        builder.Property(m => m.UndoReason).HasMaxLength(IdentityMatch.ReasonMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<Child>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Child>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Moves).WithOne().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
    }

    public void Configure(EntityTypeBuilder<ChildMergeMove> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Table).HasMaxLength(40);
        builder.Property(m => m.RowId).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<IdentityChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.ChildId);
    }
}
