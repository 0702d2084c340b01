using Lantern.Domain.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class PersonReviewConfiguration :
    IEntityTypeConfiguration<PersonPairDecision>, IEntityTypeConfiguration<PersonMerge>, IEntityTypeConfiguration<PersonMergeMove>
{
    public void Configure(EntityTypeBuilder<PersonPairDecision> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.DecidedByName).HasMaxLength(200);
        builder.Property(d => d.Reason).HasMaxLength(PersonPairDecision.ReasonMaxLength);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.FirstId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.SecondId).OnDelete(DeleteBehavior.Restrict);
        // One decision per pair: two people deciding the same pair at once cannot both be saved.
        builder.HasIndex(d => new { d.FirstId, d.SecondId }).IsUnique();
        builder.HasIndex(d => d.SecondId);
    }

    public void Configure(EntityTypeBuilder<PersonMerge> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MergedByName).HasMaxLength(200);
        builder.Property(m => m.UndoneByName).HasMaxLength(200);
        builder.Property(m => m.Reason).HasMaxLength(PersonPairDecision.ReasonMaxLength);
        builder.Property(m => m.UndoReason).HasMaxLength(PersonPairDecision.ReasonMaxLength);
        builder.Property(m => m.DescriptionBefore).HasMaxLength(Person.DescriptionMaxLength);
        builder.Property(m => m.DescriptionAfter).HasMaxLength(Person.DescriptionMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PersonPairDecision>().WithMany().HasForeignKey(m => m.DecisionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Moves).WithOne().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
    }

    public void Configure(EntityTypeBuilder<PersonMergeMove> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.What).HasMaxLength(20);
        builder.Property(m => m.Value).HasMaxLength(Person.NameMaxLength);
    }
}
