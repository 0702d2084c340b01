using Lantern.Domain.Children;
using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reference).HasMaxLength(20);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.HasIndex(r => new { r.Status, r.DecisionDueBy });
        builder.HasIndex(r => r.ReferrerUserId);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.FamilyAwareness).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.LawfulBasis).HasConversion<string>().HasMaxLength(30);
        builder.HasOne(r => r.SourceAgency).WithMany().HasForeignKey(r => r.SourceAgencyId).OnDelete(DeleteBehavior.Restrict);
        foreach (var name in new[] { nameof(Referral.ReferrerName), nameof(Referral.ChildGivenName), nameof(Referral.ChildFamilyName), nameof(Referral.ChildKnownAs), nameof(Referral.ChildSchool), nameof(Referral.ReferrerRole) })
        {
            builder.Property(name).HasMaxLength(200);
        }
        builder.Property(r => r.ReferrerPhone).HasMaxLength(40);
        builder.Property(r => r.ReferrerEmail).HasMaxLength(256);
        builder.Property(r => r.ChildAddress).HasMaxLength(500);
        builder.Property(r => r.ChildPostcode).HasMaxLength(10);
        builder.Property(r => r.ChildNhsNumber).HasMaxLength(12);
        builder.Property(r => r.ChildUniquePupilNumber).HasMaxLength(13);
        builder.Property(r => r.ChildPoliceReference).HasMaxLength(40);
        builder.Property(r => r.WhatHappened).HasMaxLength(10_000);
        builder.Property(r => r.WhyWorried).HasMaxLength(10_000);
        builder.Property(r => r.DecisionRationale).HasMaxLength(10_000);
        builder.Property(r => r.DecidedByName).HasMaxLength(Referral.NameMaxLength);
        builder.Property(r => r.ReturnedReason).HasMaxLength(10_000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Child>().WithMany().HasForeignKey(r => r.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ChildId);
        builder.HasMany(r => r.Mentions).WithOne().HasForeignKey(m => m.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.History).WithOne().HasForeignKey(h => h.ReferralId).OnDelete(DeleteBehavior.Restrict);
        // The decisions waiting for a manager's sign-off, by when it is due: what the sign-off duty asks for.
        builder.HasIndex(r => new { r.Status, r.SignOffDueBy });
        builder.HasIndex(r => r.ReturnedTo);
        builder.Ignore(r => r.ChildName);
    }
}

internal sealed class ReferralHistoryEntryConfiguration : IEntityTypeConfiguration<ReferralHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ReferralHistoryEntry> builder)
    {
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => h.ReferralId);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(h => h.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(h => h.Text).HasMaxLength(Referral.RationaleMaxLength);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Label).HasMaxLength(200);
        builder.Property(k => k.Prefix).HasMaxLength(12);
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne(k => k.Agency).WithMany().HasForeignKey(k => k.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Caller).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
    }
}

internal sealed class ReferralDraftConfiguration : IEntityTypeConfiguration<ReferralDraft>
{
    public void Configure(EntityTypeBuilder<ReferralDraft> builder)
    {
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => d.OwnerId);
        builder.Property(d => d.Data).HasMaxLength(100_000);
        builder.Property(d => d.SubmittedReference).HasMaxLength(20);
    }
}
