using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class CrimeConfiguration : IEntityTypeConfiguration<Crime>
{
    public void Configure(EntityTypeBuilder<Crime> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(20);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.CrimeReference).HasMaxLength(Crime.ReferenceMaxLength);
        builder.HasIndex(c => new { c.RecordedByAgencyId, c.CrimeReference });
        builder.Property(c => c.Offence).HasMaxLength(Crime.OffenceMaxLength);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.InvestigatingOfficer).HasMaxLength(Crime.NameMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.ChildVictims);
        builder.HasMany(c => c.Victims).WithOne().HasForeignKey(v => v.CrimeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Suspects).WithOne().HasForeignKey(s => s.CrimeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Outcomes).WithOne().HasForeignKey(o => o.CrimeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CrimePartsConfiguration :
    IEntityTypeConfiguration<CrimeVictim>, IEntityTypeConfiguration<CrimeSuspect>, IEntityTypeConfiguration<CrimeOutcome>
{
    public void Configure(EntityTypeBuilder<CrimeVictim> builder)
    {
        builder.HasKey(v => v.Id);
        // Parts get their ids when made, so one added to a crime already saved is new, not changed.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<Child>().WithMany().HasForeignKey(v => v.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.ChildId, v.CrimeId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CrimeSuspect> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Crime.NameMaxLength);
        // No foreign key: a person's record may be merged into another and the merge undone; the id is kept as given.
        builder.HasIndex(s => s.PersonId);
    }

    public void Configure(EntityTypeBuilder<CrimeOutcome> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(50);
        builder.Property(o => o.Reason).HasMaxLength(Crime.ReasonMaxLength);
        builder.Property(o => o.DecidedBy).HasMaxLength(Crime.NameMaxLength);
        builder.Property(o => o.RecordedByName).HasMaxLength(Crime.NameMaxLength);
    }
}

internal sealed class NoChargeReviewConfiguration : IEntityTypeConfiguration<NoChargeReview>
{
    public void Configure(EntityTypeBuilder<NoChargeReview> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reference).HasMaxLength(20);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.HasOne<Child>().WithMany().HasForeignKey(r => r.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Crime>().WithMany().HasForeignKey(r => r.CrimeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CrimeOutcome>().WithMany().HasForeignKey(r => r.OutcomeId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ReferralReference).HasMaxLength(20);
        builder.Property(r => r.Subject).HasMaxLength(500);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.DoneByName).HasMaxLength(Crime.NameMaxLength);
        builder.Property(r => r.Findings).HasMaxLength(NoChargeReview.FindingsMaxLength);
        builder.Property(r => r.NotDoneReason).HasMaxLength(500);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // One review for each decision (and for each referral closed): a retry or a second node cannot open two.
        builder.HasIndex(r => r.OutcomeId).IsUnique();
        builder.HasIndex(r => r.ReferralReference).IsUnique();
        builder.HasIndex(r => new { r.Status, r.DueBy });
        builder.HasIndex(r => r.ChildId);
    }
}
