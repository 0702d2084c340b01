using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Jobs;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// A referral nobody decides climbs the chain: the team manager when it is due, the service manager 4
/// working hours later, the head of service a working day after that. Time moves on a fake clock.
/// </summary>
public sealed class EscalationScenarios
{
    // Monday 23 November 2026, 10:00 GMT: received now, the decision is due Tuesday 24th at 17:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DueTuesday = new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ServiceManagerWednesday = new(2026, 11, 25, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HeadOfServiceThursday = new(2026, 11, 26, 13, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database, bool scheduledWork = false)
    {
        var app = new TestApp(database, Monday) { ScheduledWork = scheduledWork };
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<string> RaiseAsync(TestApp app) =>
        await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);

    private static Task<List<EscalationStep>> StepsAsync(TestApp app, string reference) =>
        app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Reference == reference).OrderBy(s => s.Level).ToListAsync(Ct));

    private static Task<List<string>> InboxSubjectsAsync(TestApp app, Role role) =>
        app.WithDbAsync(async db =>
        {
            var email = TestApp.DemoAccountFor(role).Email;
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            return await db.Notifications.Where(n => n.RecipientUserId == user.Id).OrderBy(n => n.CreatedAt).Select(n => n.Subject).ToListAsync(Ct);
        });

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task UndecidedReferral_ClimbsTheChainOneStepAtATime_EachStepOnceWithWhoWasTold(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var reference = await RaiseAsync(app);

        // A minute before it is due nothing happens.
        app.Time.SetUtcNow(DueTuesday.AddMinutes(-1));
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        Assert.Empty(await StepsAsync(app, reference));

        // Due: the team manager is told at once, in the inbox and by mail.
        app.Time.SetUtcNow(DueTuesday);
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        var step = Assert.Single(await StepsAsync(app, reference));
        Assert.Equal(EscalationLevel.TeamManager, step.Level);
        Assert.Equal(DueTuesday, step.PerformedAt);
        Assert.Equal(TestApp.DemoAccountFor(Role.TeamManager).DisplayName, step.Told);
        Assert.Equal([$"Decision overdue: referral {reference}"], await InboxSubjectsAsync(app, Role.TeamManager));
        Assert.Empty(await InboxSubjectsAsync(app, Role.ServiceManager));

        // Running again, on this node or later, does not repeat a step.
        Assert.Equal(0, await app.RunScheduledWorkAsync());

        // Four working hours later (17:00 Tuesday -> 13:00 Wednesday): the service manager.
        app.Time.SetUtcNow(ServiceManagerWednesday.AddMinutes(-1));
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        app.Time.SetUtcNow(ServiceManagerWednesday);
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal([$"Escalated to you: referral {reference}"], await InboxSubjectsAsync(app, Role.ServiceManager));

        // One more working day: the head of service.
        app.Time.SetUtcNow(HeadOfServiceThursday);
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal([$"Escalated to head of service: referral {reference}"], await InboxSubjectsAsync(app, Role.HeadOfService));

        var steps = await StepsAsync(app, reference);
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager, EscalationLevel.HeadOfService], steps.Select(s => s.Level));
        Assert.Equal([DueTuesday, ServiceManagerWednesday, HeadOfServiceThursday], steps.Select(s => s.StepDueAt));
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.EscalationRaised && e.RecordId == reference, Ct)));

        // The mails went to the pickup folder, each with the reference and no child's name.
        var mails = Directory.GetFiles(Path.Combine(app.DataDir, "mail-pickup"), "*.eml").Select(File.ReadAllText).Where(m => m.Contains("Escalated", StringComparison.Ordinal) || m.Contains("overdue", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain("Amira", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManagerWhoseLockHasPassed_IsStillTold_ButALockedAccountIsNot()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var reference = await RaiseAsync(app);
        // Identity keeps the end of a past lock on the account; only a lock still in force leaves someone out.
        var teamManager = TestApp.DemoAccountFor(Role.TeamManager).Email;
        var serviceManager = TestApp.DemoAccountFor(Role.ServiceManager).Email;
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == teamManager, Ct)).LockoutEnd = Monday.AddHours(-1);
            (await db.Users.SingleAsync(u => u.Email == serviceManager, Ct)).LockoutEnd = DateTimeOffset.MaxValue;
            return await db.SaveChangesAsync(Ct);
        });

        app.Time.SetUtcNow(ServiceManagerWednesday);
        Assert.Equal(2, await app.RunScheduledWorkAsync());

        Assert.Equal([$"Decision overdue: referral {reference}"], await InboxSubjectsAsync(app, Role.TeamManager));
        Assert.Empty(await InboxSubjectsAsync(app, Role.ServiceManager));
        Assert.Equal("", (await StepsAsync(app, reference))[1].Told);
    }

    [Fact]
    public async Task AppDownForDays_MissedStepsArePerformedWhenItRuns_EachOnce()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var reference = await RaiseAsync(app);

        app.Time.SetUtcNow(HeadOfServiceThursday.AddDays(5));
        Assert.Equal(3, await app.RunScheduledWorkAsync());
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        Assert.Equal(3, (await StepsAsync(app, reference)).Count);
    }

    [Fact]
    public async Task DecidedInTime_NothingEscalates()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var reference = await RaiseAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var decided = await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = nameof(ReferralOutcome.StrategyDiscussion),
            ["Decision.Rationale"] = "Reasonable cause to suspect significant harm: strategy discussion with police and health today.",
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, decided.StatusCode);

        app.Time.SetUtcNow(HeadOfServiceThursday.AddDays(1));
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        Assert.Empty(await StepsAsync(app, reference));
    }

    [Fact]
    public async Task AwaitingSignOff_IsNotYetDecided_AndEscalates()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var reference = await RaiseAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = nameof(ReferralOutcome.NoFurtherAction),
            ["Decision.Rationale"] = "The adult is her uncle, known to the family; the concerns are explained. Advice given to the school.",
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(ReferralStatus.AwaitingSignOff, await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct)));

        // The decision's own clock keeps running beside the sign-off's (docs/adr/0023): its first step falls due on Tuesday,
        // when the sign-off, due on Monday at 14:00, has already climbed to the service manager.
        app.Time.SetUtcNow(DueTuesday);
        Assert.Equal(3, await app.RunScheduledWorkAsync());
        var steps = (await StepsAsync(app, reference)).Select(s => (s.Duty, s.Level)).ToList();
        Assert.Equal(3, steps.Count);
        Assert.Contains((Lantern.Features.FrontDoor.ReferralDecisionDuty.DutyKey, EscalationLevel.TeamManager), steps);
        Assert.Contains((Lantern.Features.FrontDoor.ReferralSignOffDuty.DutyKey, EscalationLevel.ServiceManager), steps);
    }

    [Fact]
    public async Task ConfiguredInterval_ServiceManagerToldAfterTwoWorkingHours()
    {
        var app = new TestApp(TestDatabase.Sqlite, Monday);
        app.Settings["Lantern:Escalation:ServiceManagerAfterWorkingTime"] = "02:00:00";
        await using (app)
        {
            await app.InitializeAsync();
            var reference = await RaiseAsync(app);
            app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));
            Assert.Equal(2, await app.RunScheduledWorkAsync());
            Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), (await StepsAsync(app, reference))[1].StepDueAt);
        }
    }

    [Fact]
    public async Task ScheduledRunner_MovingTheClockPastTheDeadline_EscalatesWithoutBeingAsked()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite, scheduledWork: true);
        var reference = await RaiseAsync(app);
        var runner = app.Services.GetRequiredService<JobRunner>();
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.RunCompleted += (_, startedAt) =>
        {
            if (startedAt >= DueTuesday)
            {
                ran.TrySetResult();
            }
        };

        // The runner's timer is on the fake clock: moving it past the deadline fires the next run.
        app.Time.SetUtcNow(DueTuesday.AddSeconds(30));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(EscalationLevel.TeamManager, Assert.Single(await StepsAsync(app, reference)).Level);
    }
}
