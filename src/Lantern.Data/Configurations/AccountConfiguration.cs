using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<UserSession>, IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<LanternUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
    }

    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<LanternUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.Hash }).IsUnique();
    }
}
