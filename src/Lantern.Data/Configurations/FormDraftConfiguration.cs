using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class FormDraftConfiguration : IEntityTypeConfiguration<FormDraft>
{
    public void Configure(EntityTypeBuilder<FormDraft> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.FormKey).HasMaxLength(200);
        // One draft of each form per person: a save replaces what the last one kept.
        builder.HasIndex(d => new { d.OwnerId, d.FormKey }).IsUnique();
        // The scheduled work removes drafts by age.
        builder.HasIndex(d => d.UpdatedAt);
        builder.Property(d => d.Data).HasMaxLength(65_536);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}
