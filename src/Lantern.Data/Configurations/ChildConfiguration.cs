using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.GivenName).HasMaxLength(200);
        builder.Property(c => c.FamilyName).HasMaxLength(200);
        builder.Property(c => c.KnownAs).HasMaxLength(500);
        builder.Property(c => c.Gender).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Ethnicity).HasMaxLength(4);
        builder.Property(c => c.NhsNumber).HasMaxLength(12);
        builder.Property(c => c.UniquePupilNumber).HasMaxLength(13);
        builder.Property(c => c.PoliceReference).HasMaxLength(40);
        builder.Property(c => c.School).HasMaxLength(200);
        builder.Property(c => c.LevelOfConcern).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.FullName);
        builder.HasIndex(c => new { c.FamilyName, c.GivenName });
        builder.HasIndex(c => c.DateOfBirth);
        builder.HasIndex(c => c.NhsNumber);
        // Searched for by what was typed on the children page (ChildSearch).
        builder.HasIndex(c => c.UniquePupilNumber);
        builder.HasIndex(c => c.PoliceReference);
        builder.HasIndex(c => c.MergedIntoId);
        builder.HasOne<Child>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Relationships).WithOne().HasForeignKey(r => r.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Vulnerabilities).WithOne().HasForeignKey(v => v.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChildPartsConfiguration :
    IEntityTypeConfiguration<ChildAddress>, IEntityTypeConfiguration<ChildRelationship>, IEntityTypeConfiguration<ChildVulnerability>
{
    public void Configure(EntityTypeBuilder<ChildAddress> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Address).HasMaxLength(500);
        builder.Property(a => a.Postcode).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<ChildRelationship> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Contact).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<ChildVulnerability> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Description).HasMaxLength(1000);
        builder.Property(v => v.RecordedBy).HasMaxLength(200);
    }
}

internal sealed class InvolvementConfiguration : IEntityTypeConfiguration<Involvement>
{
    public void Configure(EntityTypeBuilder<Involvement> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Child>().WithMany().HasForeignKey(i => i.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Team).WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LanternUser>().WithMany().HasForeignKey(i => i.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Role).HasMaxLength(200);
        builder.Property(i => i.ContactPhone).HasMaxLength(40);
        builder.Property(i => i.ContactEmail).HasMaxLength(256);
        builder.Property(i => i.EndReason).HasMaxLength(1000);
        builder.Ignore(i => i.IsActive);
        builder.HasIndex(i => new { i.ChildId, i.EndedAt });
        builder.HasIndex(i => new { i.PractitionerId, i.EndedAt });
        builder.HasIndex(i => new { i.TeamId, i.EndedAt });
    }
}

internal sealed class ChronologyConfiguration : IEntityTypeConfiguration<ChronologyEntry>
{
    public void Configure(EntityTypeBuilder<ChronologyEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne<Child>().WithMany().HasForeignKey(e => e.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.SourceAgency).WithMany().HasForeignKey(e => e.SourceAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Author).HasMaxLength(200);
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Significance).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Summary).HasMaxLength(10_000);
        builder.Property(e => e.CorrectionReason).HasMaxLength(1000);
        builder.Property(e => e.SourceRecord).HasMaxLength(40);
        // Two corrections of one entry at the same moment: the second finds it already corrected and is refused.
        builder.Property(e => e.SupersededById).IsConcurrencyToken();
        // The child's page reads a child's entries in time order.
        builder.HasIndex(e => new { e.ChildId, e.OccurredAt });
        builder.HasMany(e => e.Mentions).WithOne().HasForeignKey(m => m.ChronologyEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MissingEpisodeConfiguration : IEntityTypeConfiguration<MissingEpisode>
{
    public void Configure(EntityTypeBuilder<MissingEpisode> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne(m => m.Child).WithMany().HasForeignKey(m => m.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Reference).HasMaxLength(20);
        builder.HasIndex(m => m.Reference).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.RiskGrading).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.InterviewStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.ReportedBy).HasMaxLength(200);
        builder.Property(m => m.FoundWhere).HasMaxLength(500);
        builder.Property(m => m.FoundWith).HasMaxLength(1000);
        builder.Property(m => m.InterviewReason).HasMaxLength(2000);
        builder.Property(m => m.PushFactors).HasMaxLength(4000);
        builder.Property(m => m.PullFactors).HasMaxLength(4000);
        builder.Property(m => m.InterviewFindings).HasMaxLength(10_000);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.InterviewOutstanding);
        builder.Ignore(m => m.Stage);
        builder.HasIndex(m => new { m.ChildId, m.MissingFrom });
        builder.HasIndex(m => new { m.InterviewStatus, m.InterviewDueBy });
    }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Value).HasMaxLength(MentionRules.ValueMaxLength);
        builder.Property(m => m.Detail).HasMaxLength(MentionRules.DetailMaxLength);
        builder.Ignore(m => m.Text);
        // Every record that names the same registration, number or name, across agencies.
        builder.HasIndex(m => new { m.Kind, m.Value });
        builder.HasIndex(m => m.ReferralId);
        builder.HasIndex(m => m.ChronologyEntryId);
        builder.Property(m => m.NotLinkedReason).HasMaxLength(200);
        // The mentions the network has still to read: a referral's own mentions are read from its chronology entry and
        // stay unread, so the index holds only an entry's unread mentions and stays small however many referrals there are.
        builder.HasIndex(m => m.LinkedAt, "IX_Mentions_Unread").HasFilter("\"LinkedAt\" IS NULL AND \"ChronologyEntryId\" IS NOT NULL");
        builder.HasIndex(m => m.NodeId);
        // A mention belongs to exactly one record.
        builder.ToTable(t => t.HasCheckConstraint("CK_Mentions_OneRecord",
            "(\"ReferralId\" IS NULL) <> (\"ChronologyEntryId\" IS NULL)"));
    }
}
