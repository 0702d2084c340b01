using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Code).HasMaxLength(Agency.CodeMaxLength);
        builder.HasIndex(a => a.Code).IsUnique().HasFilter("\"Code\" IS NOT NULL");
        builder.HasMany(a => a.Teams).WithOne(t => t.Agency).HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => new { t.AgencyId, t.Name }).IsUnique();
    }
}

internal sealed class LanternUserConfiguration : IEntityTypeConfiguration<LanternUser>
{
    public void Configure(EntityTypeBuilder<LanternUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.JobTitle).HasMaxLength(200);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(40);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        // The sequence is assigned by the writer under a lock, gapless, so the verifier can see removals.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(20);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.AgencyId).HasMaxLength(64);
        builder.Property(e => e.Role).HasMaxLength(40);
        builder.Property(e => e.RecordType).HasMaxLength(64);
        builder.Property(e => e.RecordId).HasMaxLength(128);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.RecordType, e.RecordId });
        builder.HasIndex(e => e.ActorId);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
        builder.HasIndex(n => n.MailedAt);
        builder.Property(n => n.RecipientEmail).HasMaxLength(256);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.LastMailError).HasMaxLength(100);
    }
}
