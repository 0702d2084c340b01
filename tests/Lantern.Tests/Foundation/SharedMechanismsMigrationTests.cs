using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Referrals;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Lantern.Tests.Foundation;

/// <summary>
/// The migration that brought mentions into one table and repeat-missing alerts into the one alert
/// model keeps what a running partnership already holds: a database at the migration before it, with a
/// referral's mentions, a chronology entry's mentions and an open and a cleared repeat-missing alert, is
/// migrated and read back through today's model, on SQLite and on PostgreSQL.
/// </summary>
public sealed class SharedMechanismsMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Raised = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cleared = new(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset RaisedAgain = new(2026, 11, 27, 11, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sqlite_MentionsAndAlertsKept()
    {
        var file = Path.Combine(Path.GetTempPath(), "lantern-migration-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var options = new DbContextOptionsBuilder<LanternDbContext>()
                .UseSqlite($"Data Source={file};Pooling=False", o => o.MigrationsAssembly("Lantern.Migrations.Sqlite")).Options;
            await MigrateWithDataAsync(options, "20261129034001_LanguageGuardRecords", sqlite: true);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Postgres_MentionsAndAlertsKept()
    {
        if (TestApp.PostgresAdminConnection is not { Length: > 0 } admin)
        {
            Assert.NotEqual("1", Environment.GetEnvironmentVariable(TestApp.RequirePostgresVariable));
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
            return;
        }
        var name = "lantern_m_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }
        try
        {
            var options = new DbContextOptionsBuilder<LanternDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString(),
                    o => o.MigrationsAssembly("Lantern.Migrations.Postgres")).Options;
            await MigrateWithDataAsync(options, "20261129034023_LanguageGuardRecords", sqlite: false);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }

    private static async Task MigrateWithDataAsync(DbContextOptions<LanternDbContext> options, string before, bool sqlite)
    {
        var agency = Guid.NewGuid();
        var child = Guid.NewGuid();
        var referral = Guid.NewGuid();
        var entry = Guid.NewGuid();
        // How each provider stores what the model maps: SQLite keeps instants as UTC ticks and ids as text.
        object Id(Guid g) => sqlite ? g.ToString().ToUpperInvariant() : g;
        object At(DateTimeOffset t) => sqlite ? t.UtcTicks : t;

        await using (var db = new LanternDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(before, Ct);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Agencies" ("Id", "Name", "Kind", "CreatedAt") VALUES ({0}, 'Castle Hill Academy', 'School', {1})""",
                [Id(agency), At(Raised)], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Children" ("Id", "GivenName", "FamilyName", "Gender", "LookedAfter", "ChildProtectionPlan", "ChildInNeed", "CreatedAt", "Version")
                VALUES ({0}, 'Amira', 'Khan', 'Female', FALSE, FALSE, FALSE, {1}, 0)
                """, [Id(child), At(Raised)], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Referrals" ("Id", "Reference", "ReceivedAt", "DecisionDueBy", "Status", "SourceAgencyId", "ReferrerName", "FromProfessional",
                    "ChildGivenName", "ChildFamilyName", "ChildId", "WhatHappened", "WhyWorried", "ConcernsSexualHarmOrExploitation", "FamilyAwareness",
                    "LawfulBasis", "RepeatedConcern", "Version")
                VALUES ({0}, 'REF-OLD0000001', {1}, {1}, 'AwaitingDecision', {2}, 'Priya Shah', TRUE, 'Amira', 'Khan', {3}, 'Seen in a car.', 'Older men.', TRUE,
                    'Knows', 'SafeguardingChildren', FALSE, 0)
                """, [Id(referral), At(Raised), Id(agency), Id(child)], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ChronologyEntries" ("Id", "ChildId", "OccurredAt", "RecordedAt", "SourceAgencyId", "Author", "Type", "Summary", "Significance")
                VALUES ({0}, {1}, {2}, {2}, {3}, 'PC Hale', 'PoliceIncident', 'Found in a car.', 'Significant')
                """, [Id(entry), Id(child), At(Raised), Id(agency)], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ReferralMentions" ("ReferralId", "Kind", "Value", "Detail") VALUES ({0}, 'Vehicle', 'NB19 XKR', 'silver Astra');
                INSERT INTO "ReferralMentions" ("ReferralId", "Kind", "Value", "Detail") VALUES ({0}, 'Person', 'Mo', NULL);
                INSERT INTO "ChronologyLinks" ("EntryId", "Kind", "Value", "Detail") VALUES ({1}, 'Phone', '07700 900123', NULL);
                """, [Id(referral), Id(entry)], Ct);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ChildAlerts" ("ChildId", "Kind", "RaisedAt", "Summary", "ClearedAt") VALUES ({0}, 'RepeatMissing', {1}, 'Missing 3 times in 90 days.', NULL);
                INSERT INTO "ChildAlerts" ("ChildId", "Kind", "RaisedAt", "Summary", "ClearedAt") VALUES ({0}, 'RepeatMissing', {1}, 'Missing 4 times in 90 days.', {2});
                INSERT INTO "ChildAlerts" ("ChildId", "Kind", "RaisedAt", "Summary", "ClearedAt") VALUES ({0}, 'RepeatMissing', {3}, 'Missing 5 times in 90 days.', NULL);
                """, [Id(child), At(Raised), At(Cleared), At(RaisedAgain)], Ct);

            await db.GetService<IMigrator>().MigrateAsync(cancellationToken: Ct);
        }

        await using (var db = new LanternDbContext(options))
        {
            var referralMentions = await db.Mentions.AsNoTracking().Where(m => m.ReferralId == new ReferralId(referral)).OrderBy(m => m.Id).ToListAsync(Ct);
            Assert.Equal([new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), new MentionText(MentionKind.Person, "Mo")], referralMentions.Select(m => m.Text));
            var loaded = await db.Referrals.Include(r => r.Mentions).SingleAsync(r => r.Id == new ReferralId(referral), Ct);
            Assert.Equal(2, loaded.Mentions.Count);
            var entryMention = await db.Mentions.AsNoTracking().SingleAsync(m => m.ChronologyEntryId == entry, Ct);
            Assert.Equal(new MentionText(MentionKind.Phone, "07700 900123"), entryMention.Text);

            var alerts = await db.Alerts.AsNoTracking().Where(a => a.ChildId == new ChildId(child)).OrderBy(a => a.Summary).ToListAsync(Ct);
            Assert.Equal(3, alerts.Count);
            var open = alerts[0];
            Assert.Equal(("RepeatMissing", "Child", child.ToString(), AlertStatus.Open, Raised, (DateTimeOffset?)null),
                (open.Rule, open.SubjectType, open.SubjectId, open.Status, open.RaisedAt, open.ClosedAt));
            var closed = alerts[1];
            Assert.Equal((AlertStatus.Closed, (DateTimeOffset?)Cleared), (closed.Status, closed.ClosedAt));
            Assert.Equal("Cleared before alerts were closed with a reason", closed.CloseReason);
            Assert.NotEqual(open.Reference, closed.Reference);
            // A second open alert about the same child (the old tables allowed it) is closed, saying why.
            var second = alerts[2];
            Assert.Equal((AlertStatus.Closed, (DateTimeOffset?)RaisedAgain), (second.Status, second.ClosedAt));
            Assert.Contains("second open alert", second.CloseReason, StringComparison.Ordinal);

            // The migrated open alert is the child's one open repeat-missing alert: the unique index refuses another.
            db.Alerts.Add(Alert.Raise("ALR-TEST00001", "RepeatMissing", AlertSubject.OfChild(new ChildId(child)), "Missing again.",
                [new AlertEvidenceText("MissingEpisode", "MIS-TEST00001", "Missing", RaisedAgain)], RaisedAgain));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
    }
}
