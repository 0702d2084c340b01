using System.Net;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.FrontDoor;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// A referrer who disagrees, or who has no decision in time, challenges; the service manager has 2
/// working days to answer, then the head of service is told. Upholding a challenge reopens the referral.
/// </summary>
public sealed class ProfessionalChallengeTests
{
    // Monday 23 November 2026, 10:00 GMT.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync()
    {
        var app = new TestApp(TestDatabase.Sqlite, Monday);
        await app.InitializeAsync();
        return app;
    }

    private static Task<HttpResponseMessage> ChallengeAsync(HttpClient client, string reference, string reason) =>
        TestApp.PostFormAsync(client, $"/referrals/{reference}?handler=Challenge", new Dictionary<string, string> { ["ChallengeReason"] = reason }, formPage: $"/referrals/{reference}");

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string reference, string response, string note) =>
        TestApp.PostFormAsync(client, $"/referrals/{reference}?handler=AnswerChallenge", new Dictionary<string, string>
        {
            ["Answer.Response"] = response,
            ["Answer.Note"] = note,
        }, formPage: $"/referrals/{reference}");

    private static async Task DecideAsync(TestApp app, string reference, ReferralOutcome outcome)
    {
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var decided = await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = outcome.ToString(),
            ["Decision.Rationale"] = "Family support worker to visit this week; school to share attendance.",
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    private static Task<List<string>> InboxAsync(TestApp app, Role role) =>
        app.WithDbAsync(async db =>
        {
            var email = TestApp.DemoAccountFor(role).Email;
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
            return await db.Notifications.Where(n => n.RecipientUserId == id).OrderBy(n => n.CreatedAt).Select(n => n.Subject).ToListAsync(Ct);
        });

    [Fact]
    public async Task ChallengeToADecision_UpheldByTheServiceManager_ReopensTheReferralOnAFreshClock()
    {
        await using var app = await StartAsync();
        var teacher = await app.SignInAsAsync(Role.Referrer);
        var reference = await TestReferrals.RaiseThroughPagesAsync(teacher);
        await DecideAsync(app, reference, ReferralOutcome.EarlyHelp);

        var page = await Html.ParseAsync(await teacher.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct));
        Assert.Contains("Disagree with the decision?", page.Body!.TextContent, StringComparison.Ordinal);

        // An empty reason is named; nothing is stored.
        var empty = await Html.ParseAsync(await ChallengeAsync(teacher, reference, " "));
        Assert.Equal([("Say why you are challenging the decision", "ChallengeReason")], empty.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.ProfessionalChallenges.CountAsync(Ct)));

        Assert.Equal(HttpStatusCode.Redirect, (await ChallengeAsync(teacher, reference, "She was missing again last night; early help cannot keep her safe from these adults.")).StatusCode);
        var challenge = await app.WithDbAsync(db => db.ProfessionalChallenges.SingleAsync(Ct));
        Assert.True(challenge.AboutDecision);
        // Raised Monday: two working days, to Wednesday 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), challenge.DueBy);
        Assert.Contains($"Professional challenge: referral {reference}", await InboxAsync(app, Role.ServiceManager));
        Assert.Contains($"Challenge received: referral {reference}", await InboxAsync(app, Role.Referrer));

        // A second challenge while one is open is refused.
        var again = await Html.ParseAsync(await ChallengeAsync(teacher, reference, "Again."));
        Assert.Equal("ChallengeReason", Assert.Single(again.ErrorSummary()).Target);

        // Only a service manager or head of service answers.
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await AnswerAsync(practitioner, reference, nameof(ChallengeResponse.Reconsider), "No.")).StatusCode);
        var serviceManager = await app.SignInAsAsync(Role.ServiceManager);
        var noNote = await Html.ParseAsync(await AnswerAsync(serviceManager, reference, nameof(ChallengeResponse.Reconsider), ""));
        Assert.Equal([("Explain your answer to the referrer", "Answer_Note")], noNote.ErrorSummary());

        // A day later (sign-ins last 30 minutes, so both sign in again).
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero));
        serviceManager = await app.SignInAsAsync(Role.ServiceManager);
        teacher = await app.SignInAsAsync(Role.Referrer);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(serviceManager, reference, nameof(ChallengeResponse.Reconsider), "Agreed: the missing episodes were not weighed. Strategy discussion to be considered.")).StatusCode);

        var referral = await app.WithDbAsync(db => db.Referrals.SingleAsync(r => r.Reference == reference, Ct));
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Null(referral.Outcome);
        // A fresh clock from the answer: Tuesday -> Wednesday 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), referral.DecisionDueBy);
        Assert.StartsWith("Professional challenge upheld", referral.ReturnedReason, StringComparison.Ordinal);
        Assert.Contains($"Answer to your challenge: referral {reference}", await InboxAsync(app, Role.Referrer));
        Assert.Contains($"Referral {reference} to be decided again", await InboxAsync(app, Role.TeamManager));

        // The reopened referral escalates on its new deadline.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        var step = await app.WithDbAsync(db => db.EscalationSteps.SingleAsync(Ct));
        Assert.Equal(referral.DecisionDueBy, step.DutyDueBy);
        teacher = await app.SignInAsAsync(Role.Referrer);

        var teacherPage = await Html.ParseAsync(await teacher.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct));
        Assert.Contains("the referral will be decided again", teacherPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeNotAnsweredInTime_HeadOfServiceIsTold()
    {
        await using var app = await StartAsync();
        var teacher = await app.SignInAsAsync(Role.Referrer);
        var reference = await TestReferrals.RaiseThroughPagesAsync(teacher);
        await DecideAsync(app, reference, ReferralOutcome.EarlyHelp);
        Assert.Equal(HttpStatusCode.Redirect, (await ChallengeAsync(teacher, reference, "Early help is not enough.")).StatusCode);

        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 16, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await app.RunScheduledWorkAsync());

        Assert.Equal([$"Professional challenge not answered: referral {reference}"], await InboxAsync(app, Role.HeadOfService));
        var step = await app.WithDbAsync(db => db.EscalationSteps.SingleAsync(Ct));
        Assert.Equal((ProfessionalChallengeDuty.DutyKey, EscalationLevel.HeadOfService), (step.Duty, step.Level));
    }

    [Fact]
    public async Task ChallengeToTheDelay_OnlyOnceOverdue_AndAnsweredByMakingTheDecision()
    {
        await using var app = await StartAsync();
        var teacher = await app.SignInAsAsync(Role.Referrer);
        var reference = await TestReferrals.RaiseThroughPagesAsync(teacher);

        // Not decided but not yet due: there is nothing to challenge.
        var early = await Html.ParseAsync(await ChallengeAsync(teacher, reference, "Nobody has called me."));
        Assert.Equal(("You can challenge a decision once it is made, or the delay once the decision is overdue", "ChallengeReason"), Assert.Single(early.ErrorSummary()));

        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero));
        teacher = await app.SignInAsAsync(Role.Referrer);
        var page = await Html.ParseAsync(await teacher.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct));
        Assert.Contains("No decision in time?", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ChallengeAsync(teacher, reference, "The decision was due at 5pm and I have heard nothing.")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ProfessionalChallenges.Select(c => c.AboutDecision).SingleAsync(Ct)));

        var serviceManager = await app.SignInAsAsync(Role.ServiceManager);
        var wrong = await Html.ParseAsync(await AnswerAsync(serviceManager, reference, nameof(ChallengeResponse.Reconsider), "Reconsider."));
        Assert.Equal("Answer_Response", Assert.Single(wrong.ErrorSummary()).Target);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(serviceManager, reference, nameof(ChallengeResponse.DecisionExpedited), "Allocated to a senior practitioner to decide this evening.")).StatusCode);
        Assert.Equal(ChallengeStatus.Answered, await app.WithDbAsync(db => db.ProfessionalChallenges.Select(c => c.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task SomeoneElsesReferral_CannotBeChallenged()
    {
        await using var app = await StartAsync();
        var teacher = await app.SignInAsAsync(Role.Referrer);
        var reference = await TestReferrals.RaiseThroughPagesAsync(teacher);
        await DecideAsync(app, reference, ReferralOutcome.EarlyHelp);

        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct)).StatusCode);
        var posted = await TestApp.PostFormAsync(nurse, $"/referrals/{reference}?handler=Challenge", new Dictionary<string, string> { ["ChallengeReason"] = "I disagree." }, formPage: "/inbox");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ProfessionalChallenges.CountAsync(Ct)));
    }

    [Fact]
    public async Task OverdueList_ShowsReferralsEscalatedToTheHeadOfService_WithoutTheChildsName()
    {
        await using var app = await StartAsync();
        var teacher = await app.SignInAsAsync(Role.Referrer);
        var overdue = await TestReferrals.RaiseThroughPagesAsync(teacher, "Tia", "Lowe");
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        teacher = await app.SignInAsAsync(Role.Referrer);
        var later = await TestReferrals.RaiseThroughPagesAsync(teacher, "Kai", "Moss");

        // Thursday 13:00: the first has climbed to the head of service; the second (due Wednesday 17:00) to the service manager.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();

        var head = await app.SignInAsAsync(Role.HeadOfService);
        var list = await Html.ParseAsync(await head.GetAsync(new Uri("/front-door/overdue", UriKind.Relative), Ct));
        var rows = list.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        var row = Assert.Single(rows);
        Assert.Contains(overdue, row, StringComparison.Ordinal);
        Assert.DoesNotContain("Tia", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(later, list.Body!.TextContent, StringComparison.Ordinal);

        // The front door's queue shows how far each has been escalated.
        var queue = await Html.ParseAsync(await head.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        Assert.Contains("Escalated to head of service", queue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Escalated to service manager", queue.Body!.TextContent, StringComparison.Ordinal);
    }
}
