using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Duties;
using Lantern.Notifications;
using Lantern.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Duties;

/// <summary>
/// The duty mechanism knows no feature: a duty added the way a feature adds one (one class, one line of
/// registration) is swept, climbs its ladder step by step exactly once, tells the owner's management
/// line with its own words, and takes the ladder the partnership configures for it. A ladder configured
/// for a duty nobody registered stops the start, naming the setting.
/// </summary>
public sealed class DutyMechanismTests
{
    // Monday 23 November 2026, 09:00 GMT; the visit is due at 10:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Monday.AddHours(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A duty as a feature would write it: what is overdue, whose line is told, and what they are told.</summary>
    private sealed class WelfareVisitDuty : IDuty
    {
        public static readonly Guid Subject = Guid.CreateVersion7();

        public string Key => "WelfareVisit";

        public Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<OverdueDuty>>(Due <= now
                ? [new OverdueDuty(Subject, "WV-0000000001", Due, new LineStart(Where.ChildrensSocialCare), "WelfareVisit", "/children")]
                : []);

        public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due) =>
            new($"Welfare visit overdue: {duty.Reference}", $"The welfare visit {duty.Reference} was due {due}; as {level.DisplayName().ToLowerInvariant()}, see it done.");
    }

    private sealed class App : TestApp
    {
        public App()
            : base(TestDatabase.Sqlite, Monday)
        {
        }

        protected override void ConfigureTestServices(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddDuty<WelfareVisitDuty>());
    }

    private static Task<List<EscalationStep>> StepsAsync(TestApp app) =>
        app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Duty == "WelfareVisit").OrderBy(s => s.Level).ToListAsync(Ct));

    private static Task<List<string>> InboxAsync(TestApp app, Role role) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == TestApp.DemoAccountFor(role).Email, Ct);
        return await db.Notifications.Where(n => n.RecipientUserId == user.Id).Select(n => n.Subject).ToListAsync(Ct);
    });

    [Fact]
    public async Task ADutyAddedByRegistration_ClimbsTheStandardLadder_EachStepOnce()
    {
        await using var app = new App();
        await app.InitializeAsync();

        Assert.Equal(0, await app.RunScheduledWorkAsync());
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        var step = Assert.Single(await StepsAsync(app));
        Assert.Equal((WelfareVisitDuty.Subject, Due, EscalationLevel.TeamManager), (step.SubjectId, step.DutyDueBy, step.Level));
        Assert.Contains("Welfare visit overdue: WV-0000000001", await InboxAsync(app, Role.TeamManager));
        Assert.DoesNotContain("Welfare visit overdue: WV-0000000001", await InboxAsync(app, Role.ServiceManager));

        // Four working hours later the service manager is told.
        app.Time.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager], (await StepsAsync(app)).Select(s => s.Level));
        Assert.Contains("Welfare visit overdue: WV-0000000001", await InboxAsync(app, Role.ServiceManager));
    }

    [Fact]
    public async Task ALadderConfiguredForTheDuty_ReplacesItsDefault()
    {
        await using var app = new App();
        app.Settings["Lantern:Escalation:Ladders:WelfareVisit:0:Tell"] = "HeadOfService";
        await app.InitializeAsync();
        app.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await app.RunScheduledWorkAsync());

        Assert.Equal([EscalationLevel.HeadOfService], (await StepsAsync(app)).Select(s => s.Level));
        Assert.Contains("Welfare visit overdue: WV-0000000001", await InboxAsync(app, Role.HeadOfService));
        Assert.DoesNotContain("Welfare visit overdue: WV-0000000001", await InboxAsync(app, Role.TeamManager));
    }

    [Fact]
    public async Task ALadderForNoRegisteredDuty_IsRefusedNamingTheSettingAndTheDuties()
    {
        await using var app = new App();
        await app.InitializeAsync();
        var options = new EscalationOptions { Ladders = new() { ["WelfareVisits"] = [new LadderStep { Tell = EscalationLevel.TeamManager }] } };

        var failures = app.Services.GetServices<IValidateOptions<EscalationOptions>>().Select(v => v.Validate(null, options)).Where(r => r.Failed).ToList();

        var message = Assert.Single(Assert.Single(failures).Failures!);
        Assert.StartsWith("Lantern:Escalation:Ladders:WelfareVisits:", message, StringComparison.Ordinal);
        Assert.Contains("ReferralDecision, ReferralSignOff, ReturnInterview, Screening, WelfareVisit", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ALadderForAMisspeltDuty_StopsWithOneLineNamingTheSetting()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-ladder-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var refused = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__Escalation__Ladders__ReferalDecision__0__Tell"] = "TeamManager" });

            Assert.Equal(1, refused.ExitCode);
            var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Lantern could not start: Lantern:Escalation:Ladders:ReferalDecision: No duty has the key \"ReferalDecision\"", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
