using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Foundation;

/// <summary>
/// An aggregate's version moves in one place, the database context's save: a change to the aggregate or
/// to one of its parts bumps it once, and a save made on an older copy is refused, on SQLite and PostgreSQL.
/// </summary>
public abstract class VersionTests
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestApp App, ChildId Child)> StartAsync()
    {
        var app = new TestApp(Database, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        var child = Child.Open(new NewChild { GivenName = "Amira", FamilyName = "Khan" }, app.Time.GetUtcNow(), new DateOnly(2026, 11, 23));
        await app.WithDbAsync(db =>
        {
            db.Children.Add(child);
            return db.SaveChangesAsync(Ct);
        });
        return (app, child.Id);
    }

    private static Task<long> VersionAsync(TestApp app, ChildId child) =>
        app.WithDbAsync(db => db.Children.Where(c => c.Id == child).Select(c => c.Version).SingleAsync(Ct));

    [Fact]
    public async Task Save_AChangeToTheAggregateOrOnlyToAPart_BumpsTheVersionOnce()
    {
        var started = await StartAsync();
        var (app, child) = started;
        await using var owner = app;
        Assert.Equal(0, await VersionAsync(app, child));

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Children.SingleAsync(c => c.Id == child, Ct);
            tracked.RequestScreening(app.Time.GetUtcNow());
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(1, await VersionAsync(app, child));

        // Only a part changes (a new address; the old one ends): the child's version still moves.
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Children.Include(c => c.Addresses).SingleAsync(c => c.Id == child, Ct);
            Assert.Null(tracked.MoveTo("12 Canal Street, Northbridge", "NB1 4AA", new DateOnly(2026, 11, 24)));
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(2, await VersionAsync(app, child));

        // Saving with nothing changed moves nothing.
        await app.WithDbAsync(async db =>
        {
            _ = await db.Children.Include(c => c.Addresses).SingleAsync(c => c.Id == child, Ct);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(2, await VersionAsync(app, child));
    }

    [Fact]
    public async Task Save_OnAnOlderCopy_IsRefused_AndTheNewerChangeStands()
    {
        var started = await StartAsync();
        var (app, child) = started;
        await using var owner = app;
        await using var scope = app.Services.CreateAsyncScope();
        var stale = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var old = await stale.Children.Include(c => c.Relationships).SingleAsync(c => c.Id == child, Ct);

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Children.SingleAsync(c => c.Id == child, Ct);
            tracked.SetLevelOfConcern(LevelOfConcern.Significant);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Null(old.AddRelationship("Mo", RelationshipKind.Other, livesWithChild: false, contact: null));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync(Ct));
        var saved = await app.WithDbAsync(db => db.Children.Include(c => c.Relationships).SingleAsync(c => c.Id == child, Ct));
        Assert.Equal((LevelOfConcern.Significant, 0, 1L), (saved.LevelOfConcern!.Value, saved.Relationships.Count, saved.Version));
    }
}

public sealed class SqliteVersionTests : VersionTests
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresVersionTests : VersionTests
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
