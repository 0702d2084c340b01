using Lantern.Notifications;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Notifications;

/// <summary>A mail that cannot be sent stays unsent, is retried by the scheduled run with growing intervals, and goes once the mail system is back.</summary>
public sealed class MailRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MailSystemDown_ReferralStillAcknowledged_MailRetriedUntilItGoes()
    {
        var app = new TestApp(TestDatabase.Sqlite, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        // The pickup folder's place is taken by a file, as a full or broken disk would refuse it.
        var pickup = Path.Combine(app.DataDir, "outbox");
        app.Settings["Lantern:Mail:PickupFolder"] = pickup;
        await using (app)
        {
            await app.InitializeAsync();
            await File.WriteAllTextAsync(pickup, "in the way", Ct);

            var reference = await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);

            // Acknowledged in the database although the mail failed.
            var mail = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Subject == $"Referral {reference} received", Ct));
            Assert.Null(mail.MailedAt);
            Assert.Equal(1, mail.MailAttempts);
            Assert.Equal(nameof(IOException), mail.LastMailError);
            Assert.Equal(app.Time.GetUtcNow() + Notifier.RetryAfter(1), mail.NextMailAttemptAt);

            // Not before its time: the run leaves it alone.
            await app.RunScheduledWorkAsync();
            Assert.Equal(1, await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == mail.Id).Select(n => n.MailAttempts).SingleAsync(Ct)));

            // A minute later it is tried and fails again: the next wait doubles.
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await app.RunScheduledWorkAsync();
            var again = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == mail.Id, Ct));
            Assert.Equal(2, again.MailAttempts);
            Assert.Equal(app.Time.GetUtcNow() + TimeSpan.FromMinutes(2), again.NextMailAttemptAt);

            // The mail system is back: the next run sends it, once.
            File.Delete(pickup);
            app.Time.Advance(TimeSpan.FromMinutes(2));
            await app.RunScheduledWorkAsync();
            await app.RunScheduledWorkAsync();
            Assert.NotNull(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == mail.Id).Select(n => n.MailedAt).SingleAsync(Ct)));
            var files = Directory.GetFiles(pickup, "*.eml");
            Assert.Single(files, f => File.ReadAllText(f).Contains($"Subject: Referral {reference} received", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task MailSystemDownForGood_GivenUpAfterBoundedAttempts_OtherMailStillGoes()
    {
        var app = new TestApp(TestDatabase.Sqlite, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var pickup = Path.Combine(app.DataDir, "outbox");
        app.Settings["Lantern:Mail:PickupFolder"] = pickup;
        await using (app)
        {
            await app.InitializeAsync();
            await File.WriteAllTextAsync(pickup, "in the way", Ct);
            var reference = await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);
            var id = await app.WithDbAsync(db => db.Notifications.Where(n => n.Subject == $"Referral {reference} received").Select(n => n.Id).SingleAsync(Ct));

            // Each retry at its time fails again, until the last attempt allowed.
            for (var attempts = 1; attempts < Notifier.MaxMailAttempts; attempts++)
            {
                Assert.Null(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.MailFailedAt).SingleAsync(Ct)));
                app.Time.Advance(Notifier.RetryAfter(attempts));
                await app.RunScheduledWorkAsync();
            }
            var given = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == id, Ct));
            Assert.Equal(Notifier.MaxMailAttempts, given.MailAttempts);
            Assert.Equal(app.Time.GetUtcNow(), given.MailFailedAt);
            Assert.Null(given.MailedAt);

            // Never tried again, even once the mail system is back; mail raised since goes.
            File.Delete(pickup);
            var next = await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police")), ct: Ct);
            app.Time.Advance(TimeSpan.FromDays(1));
            await app.RunScheduledWorkAsync();
            Assert.Null(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.MailedAt).SingleAsync(Ct)));
            Assert.Single(Directory.GetFiles(pickup, "*.eml"), f => File.ReadAllText(f).Contains($"Subject: Referral {next} received", StringComparison.Ordinal));
            Assert.DoesNotContain(Directory.GetFiles(pickup, "*.eml"), f => File.ReadAllText(f).Contains($"Subject: Referral {reference} received", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 60)]
    [InlineData(50, 60)]
    public void RetryAfter_DoublesUpToAnHour(int attempts, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), Notifier.RetryAfter(attempts));
    }
}
