using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>, IEntityTypeConfiguration<AlertEvidence>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Reference).HasMaxLength(20);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.Rule).HasMaxLength(40);
        builder.Property(a => a.SubjectType).HasMaxLength(40);
        builder.Property(a => a.SubjectId).HasMaxLength(60);
        builder.Property(a => a.Summary).HasMaxLength(Alert.TextMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.AcknowledgedByName).HasMaxLength(200);
        builder.Property(a => a.ActionTaken).HasMaxLength(Alert.TextMaxLength);
        builder.Property(a => a.ActionedByName).HasMaxLength(200);
        builder.Property(a => a.CloseReason).HasMaxLength(Alert.TextMaxLength);
        builder.Property(a => a.ClosedByName).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Child>().WithMany().HasForeignKey(a => a.ChildId).OnDelete(DeleteBehavior.Restrict);
        // Raised once: while an alert of a rule about a subject is not closed, the database refuses a second
        // (two nodes, or two requests at once, cannot both raise it).
        builder.HasIndex(a => new { a.Rule, a.SubjectType, a.SubjectId }).IsUnique().HasFilter("\"ClosedAt\" IS NULL");
        builder.HasIndex(a => new { a.ChildId, a.Status });
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AlertEvidence> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.RecordType).HasMaxLength(40);
        // A network alert's records are quoted by their source id (AGENCY:type:id), as long as a link's record id.
        builder.Property(e => e.RecordReference).HasMaxLength(100);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.Link).HasMaxLength(200);
        builder.Property(e => e.Member).HasMaxLength(60);
        builder.Property(e => e.Agency).HasMaxLength(200);
        builder.Property(e => e.Grade).HasMaxLength(40);
    }
}
