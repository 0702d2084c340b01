using Lantern.Domain.Mentions;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lantern.Data.Configurations;

internal sealed class NetworkConfiguration :
    IEntityTypeConfiguration<Person>, IEntityTypeConfiguration<PersonName>, IEntityTypeConfiguration<Vehicle>, IEntityTypeConfiguration<Phone>,
    IEntityTypeConfiguration<Place>, IEntityTypeConfiguration<PlaceName>, IEntityTypeConfiguration<Context>, IEntityTypeConfiguration<ContextAssessment>, IEntityTypeConfiguration<Link>
{
    private const int ReferenceLength = 20;

    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(ReferenceLength);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.AgeAsWritten).HasMaxLength(WrittenAge.MaxLength);
        builder.Property(p => p.Description).HasMaxLength(Person.DescriptionMaxLength);
        builder.Property(p => p.ConcernReason).HasMaxLength(Person.ReasonMaxLength);
        builder.Property(p => p.FlaggedByName).HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasMany(p => p.Names).WithOne().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Names).AutoInclude();
        builder.HasIndex(p => p.OfConcern);
    }

    public void Configure(EntityTypeBuilder<PersonName> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Value).HasMaxLength(Person.NameMaxLength);
        builder.Property(n => n.Key).HasMaxLength(Person.NameMaxLength);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(n => n.Key);
    }

    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Reference).HasMaxLength(ReferenceLength);
        builder.HasIndex(v => v.Reference).IsUnique();
        builder.Property(v => v.Registration).HasMaxLength(MentionRules.ValueMaxLength);
        builder.Property(v => v.Key).HasMaxLength(MentionRules.ValueMaxLength);
        // One record per full plate, whichever node or request saw it first; partial plates may repeat.
        builder.HasIndex(v => v.Key).IsUnique().HasFilter("\"IsPartial\" = FALSE");
        builder.HasIndex(v => new { v.IsPartial, v.Key });
        builder.Property(v => v.Description).HasMaxLength(Vehicle.DetailMaxLength);
        builder.Property(v => v.KeeperAsWritten).HasMaxLength(Person.NameMaxLength);
        builder.Property(v => v.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Phone> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(ReferenceLength);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.Number).HasMaxLength(MentionRules.ValueMaxLength);
        builder.Property(p => p.Key).HasMaxLength(PhoneNumber.MaxLength);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(Vehicle.DetailMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Place> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(ReferenceLength);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(MentionRules.ValueMaxLength);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Address).HasMaxLength(Place.AddressMaxLength);
        builder.Property(p => p.Postcode).HasMaxLength(10);
        builder.HasIndex(p => p.Postcode);
        builder.Property(p => p.Description).HasMaxLength(Vehicle.DetailMaxLength * 5);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasMany(p => p.Names).WithOne().HasForeignKey(n => n.PlaceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Names).AutoInclude();
    }

    public void Configure(EntityTypeBuilder<PlaceName> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Value).HasMaxLength(MentionRules.ValueMaxLength);
        builder.Property(n => n.Key).HasMaxLength(MentionRules.ValueMaxLength);
        builder.HasIndex(n => n.Key);
    }

    public void Configure(EntityTypeBuilder<Context> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(ReferenceLength);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(Context.NameMaxLength);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Assessment).HasMaxLength(Context.TextMaxLength);
        builder.Property(c => c.Plan).HasMaxLength(Context.TextMaxLength);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.AboutKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.OpenedByName).HasMaxLength(200);
        builder.Property(c => c.Key).HasMaxLength(Context.NameMaxLength);
        builder.Ignore(c => c.Node);
        builder.Ignore(c => c.About);
        builder.HasIndex(c => new { c.AboutId, c.AboutKind });
        builder.HasMany(c => c.Assessments).WithOne().HasForeignKey(a => a.ContextId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Assessments).AutoInclude();
    }

    public void Configure(EntityTypeBuilder<ContextAssessment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Assessment).HasMaxLength(Context.TextMaxLength);
        builder.Property(a => a.Plan).HasMaxLength(Context.TextMaxLength);
        builder.Property(a => a.RecordedByName).HasMaxLength(200);
        builder.HasIndex(a => new { a.ContextId, a.Number }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.FromKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.ToKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Confidence).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.IntelligenceGrade).HasMaxLength(Link.GradeMaxLength);
        builder.Property(l => l.RecordType).HasMaxLength(40);
        builder.Property(l => l.RecordId).HasMaxLength(100);
        builder.Property(l => l.RecordedBy).HasMaxLength(200);
        builder.Property(l => l.Note).HasMaxLength(Link.NoteMaxLength);
        builder.Property(l => l.WithdrawnReason).HasMaxLength(Link.NoteMaxLength);
        builder.Property(l => l.WithdrawnBy).HasMaxLength(200);
        builder.HasOne<Agency>().WithMany().HasForeignKey(l => l.SourceAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.From);
        builder.Ignore(l => l.To);
        builder.HasIndex(l => new { l.FromId, l.FromKind });
        builder.HasIndex(l => new { l.ToId, l.ToKind });
        builder.HasIndex(l => new { l.RecordType, l.RecordId });
        // A mention becomes at most one link, however many nodes read it at once.
        builder.HasIndex(l => l.MentionId).IsUnique().HasFilter("\"MentionId\" IS NOT NULL");
    }
}

internal sealed class SourceRecordConfiguration : IEntityTypeConfiguration<SourceRecord>, IEntityTypeConfiguration<SourceRecordVersion>
{
    public void Configure(EntityTypeBuilder<SourceRecord> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.SourceId).HasMaxLength(SourceRecord.SourceIdMaxLength);
        builder.Property(r => r.Hash).HasMaxLength(64);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // One record per agency, kind and source id, whichever import saw it first.
        builder.HasIndex(r => new { r.AgencyId, r.Kind, r.SourceId }).IsUnique();
        builder.HasIndex(r => r.TargetId);
        // An import reads a batch's records by their ids in one query, whatever their agency and kind.
        builder.HasIndex(r => r.SourceId);
    }

    public void Configure(EntityTypeBuilder<SourceRecordVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Hash).HasMaxLength(64);
        builder.HasOne<SourceRecord>().WithMany().HasForeignKey(v => v.SourceRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
