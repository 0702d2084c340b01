using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Duty).HasMaxLength(30);
        // A number, so that steps sort in the order of the chain.
        builder.Property(s => s.Reference).HasMaxLength(20);
        builder.Property(s => s.Told).HasMaxLength(2000);
        // Exactly once: a second node inserting the same step is refused by the database.
        builder.HasIndex(s => new { s.Duty, s.SubjectId, s.DutyDueBy, s.Level }).IsUnique();
        builder.HasIndex(s => s.Reference);
    }
}

internal sealed class ProfessionalChallengeConfiguration : IEntityTypeConfiguration<ProfessionalChallenge>
{
    public void Configure(EntityTypeBuilder<ProfessionalChallenge> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Referral).WithMany().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Response).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Reason).HasMaxLength(10_000);
        builder.Property(c => c.ResponseNote).HasMaxLength(10_000);
        builder.HasIndex(c => new { c.Status, c.DueBy });
        builder.HasIndex(c => c.ReferralId);
    }
}
