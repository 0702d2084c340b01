using Lantern.Auditing;
using Lantern.Domain.Escalation;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// Two app nodes on one database, both running the scheduled work at the same moments: every
/// escalation step is performed exactly once, everyone is told once, and the audit chain holds.
/// </summary>
public sealed class TwoNodeEscalationTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestDatabase.Postgres)]
    [InlineData(TestDatabase.Sqlite)]
    public async Task TwoNodes_SweepingTogether_PerformEachStepExactlyOnce(TestDatabase database)
    {
        await using var first = new TestApp(database, Monday);
        await first.InitializeAsync();
        Assert.SkipUnless(first.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        const int referrals = 12;
        var school = first.CreateApiClient(await first.CreateApiKeyAsync("Castle Hill Academy"));
        var references = new List<string>();
        for (var i = 0; i < referrals; i++)
        {
            references.Add(await TestReferrals.RaiseAsync(school, ct: Ct));
        }
        await using var second = new TestApp(first);
        await second.InitializeAsync();

        // Due Tuesday 17:00, service manager Wednesday 13:00, head of service Thursday 13:00: each
        // moment is swept by both nodes at once, three times over.
        var performed = 0;
        foreach (var moment in new[] { new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero) })
        {
            first.Time.SetUtcNow(moment);
            second.Time.SetUtcNow(moment);
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { first.RunScheduledWorkAsync(), second.RunScheduledWorkAsync() }));
            Assert.Equal(referrals, runs.Sum());
            performed += runs.Sum();
        }

        Assert.Equal(3 * referrals, performed);
        var steps = await first.WithDbAsync(db => db.EscalationSteps.Select(s => new { s.Reference, s.Level }).ToListAsync(Ct));
        Assert.Equal(3 * referrals, steps.Count);
        foreach (var reference in references)
        {
            Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager, EscalationLevel.HeadOfService],
                steps.Where(s => s.Reference == reference).Select(s => s.Level).Order());
        }

        // One demo holder per role: one message per step, each mailed.
        var told = await first.WithDbAsync(db => db.Notifications
            .Where(n => n.Subject.StartsWith("Decision overdue") || n.Subject.StartsWith("Escalated"))
            .Select(n => new { n.Subject, n.MailedAt })
            .ToListAsync(Ct));
        Assert.Equal(3 * referrals, told.Count);
        Assert.Equal(3 * referrals, told.Select(n => n.Subject).Distinct().Count());
        Assert.All(told, n => Assert.NotNull(n.MailedAt));
        Assert.Equal(3 * referrals, await first.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.EscalationRaised, Ct)));

        await using var scope = first.Services.CreateAsyncScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify().IsIntact);
    }
}
