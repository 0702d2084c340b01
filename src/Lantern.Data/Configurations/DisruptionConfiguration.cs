using Lantern.Domain.Disruption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class DisruptionPlanConfiguration : IEntityTypeConfiguration<DisruptionPlan>
{
    public void Configure(EntityTypeBuilder<DisruptionPlan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(20);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.SubjectKind).HasConversion<string>().HasMaxLength(20);
        // No foreign key to the subject: a person may be merged into another and the merge undone; the id is kept as given.
        builder.HasIndex(p => new { p.SubjectKind, p.SubjectId });
        builder.Property(p => p.SubjectReference).HasMaxLength(20);
        builder.Property(p => p.Aim).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(p => p.LeadName).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.Status, p.NextReviewDue });
        builder.Property(p => p.ClosureReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.ClosureRationale).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(p => p.ClosureRequestedByName).HasMaxLength(200);
        builder.Property(p => p.SignedOffByName).HasMaxLength(200);
        builder.Property(p => p.ClosureRefusedReason).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Subject);
        builder.HasMany(p => p.Tactics).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Evidence).WithOne().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Reviews).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisruptionPartsConfiguration :
    IEntityTypeConfiguration<DisruptionTactic>, IEntityTypeConfiguration<TacticEvidence>, IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<DisruptionTactic> builder)
    {
        builder.HasKey(t => t.Id);
        // Parts get their ids when made, so one added to a plan already saved is new, not changed.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();
        builder.Property(t => t.Tactic).HasMaxLength(DisruptionPlan.TacticMaxLength);
        builder.Property(t => t.Detail).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(t => t.OwnerName).HasMaxLength(200);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Outcome).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(t => t.UpdatedByName).HasMaxLength(200);
        builder.HasIndex(t => new { t.Status, t.DueBy });
        builder.HasIndex(t => t.OwnerUserId);
        builder.Ignore(t => t.IsFinished);
    }

    public void Configure(EntityTypeBuilder<TacticEvidence> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.RecordType).HasMaxLength(30);
        builder.Property(e => e.RecordReference).HasMaxLength(20);
        builder.HasIndex(e => e.TacticId);
    }

    public void Configure(EntityTypeBuilder<PlanReview> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Notes).HasMaxLength(DisruptionPlan.TextMaxLength);
        builder.Property(r => r.ByName).HasMaxLength(200);
        builder.HasIndex(r => new { r.PlanId, r.Number }).IsUnique();
    }
}
