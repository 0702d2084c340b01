using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Import;

/// <summary>
/// The rows an import's batch writes itself on SQLite are stored exactly as EF Core would store them, leave the change
/// tracker, and have their foreign keys checked when the batch commits.
/// </summary>
public sealed class AppendOnlyWriterTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Type[] Kinds = [typeof(ChronologyEntry), typeof(Mention), typeof(Link)];

    [Fact]
    public async Task WriteAdded_EntryMentionsAndLink_ReadBackAsWritten_LeaveTheTracker()
    {
        await using var app = await Scenarios.StartAsync(TestDatabase.Sqlite, Monday);
        var child = await app.WithDbAsync(async db =>
        {
            var opened = Child.Open(new NewChild { GivenName = "Leah", FamilyName = "Quarmby" }, Monday, DateOnly.FromDateTime(Monday.UtcDateTime));
            db.Children.Add(opened);
            await db.SaveChangesAsync(Ct);
            return opened.Id;
        });
        var agency = await app.WithDbAsync(db => db.Agencies.Select(a => a.Id).FirstAsync(Ct));
        var occurred = new DateTimeOffset(2008, 3, 14, 19, 30, 0, TimeSpan.Zero);
        var entry = ChronologyEntry.Record(child, new NewEntry(occurred, EntryType.Crime, "Found in a flat with an older man.\nSecond line.", Significance.Significant, agency,
            "PC 123", SourceRecord: "NBP:event:E-1", Mentions: [new(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), new(MentionKind.Person, "Boss", "about 40")]), Monday);
        var link = Link.Make(new NodeRef(NodeKind.Child, child.Value), new NodeRef(NodeKind.Place, Guid.CreateVersion7()), LinkType.FoundAt, LinkConfidence.Tentative,
            new LinkSource("Import", "NBP:event:E-1", agency, occurred), "Northbridge Police", Monday, grade: "B2", note: "Recorded as victim");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.ChronologyEntries.Add(entry);
            db.Links.Add(link);

            var written = await AppendOnlyWriter.WriteAddedAsync(db, Kinds, Ct);

            Assert.Equal(4, written);
            Assert.Empty(db.ChangeTracker.Entries());
            await tx.CommitAsync(Ct);
        }

        var stored = await app.WithDbAsync(db => db.ChronologyEntries.AsNoTracking().Include(e => e.Mentions).SingleAsync(e => e.Id == entry.Id, Ct));
        Assert.Equal((child, occurred, EntryType.Crime, Significance.Significant, agency, "PC 123", "NBP:event:E-1", entry.Summary, entry.RecordedAt),
            (stored.ChildId, stored.OccurredAt, stored.Type, stored.Significance, stored.SourceAgencyId, stored.Author, stored.SourceRecord, stored.Summary, stored.RecordedAt));
        Assert.Equal([(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), (MentionKind.Person, "Boss", "about 40")],
            stored.Mentions.OrderBy(m => m.Id).Select(m => (m.Kind, m.Value, m.Detail)));
        var storedLink = await app.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Id == link.Id, Ct));
        Assert.Equal((link.From, link.To, LinkType.FoundAt, LinkConfidence.Tentative, "B2", "Recorded as victim", "NBP:event:E-1", occurred, (AgencyId?)agency, Monday),
            (storedLink.From, storedLink.To, storedLink.Type, storedLink.Confidence, storedLink.IntelligenceGrade, storedLink.Note, storedLink.RecordId, storedLink.On, storedLink.SourceAgencyId,
                storedLink.RecordedAt));
    }

    [Fact]
    public async Task WriteAdded_EntryOfAChildThatDoesNotExist_RefusedAtCommit_NothingKept()
    {
        await using var app = await Scenarios.StartAsync(TestDatabase.Sqlite, Monday);
        var agency = await app.WithDbAsync(db => db.Agencies.Select(a => a.Id).FirstAsync(Ct));
        var before = await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct));
        var orphan = ChronologyEntry.Record(new ChildId(Guid.CreateVersion7()), new NewEntry(Monday, EntryType.SchoolEvent, "Absent all day.", Significance.Routine, agency, "PC 123"), Monday);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            db.ChronologyEntries.Add(orphan);
            Assert.Equal(1, await AppendOnlyWriter.WriteAddedAsync(db, Kinds, Ct));

            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => tx.CommitAsync(Ct));
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct)));
    }
}
