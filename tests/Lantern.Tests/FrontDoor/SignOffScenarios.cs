using System.Net;
using AngleSharp.Dom;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.FrontDoor;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// A decision waiting for a manager's sign-off cannot be missed: the manager is told and finds it on the home page and in
/// the queue with its own clock, which escalates; the final decision says who signed it off and when; a send-back keeps
/// its reason in the referral's history and tells the practitioner, whose home page shows it. Time moves on a fake clock.
/// </summary>
public sealed class SignOffScenarios
{
    // Monday 23 November 2026, 10:00 GMT. A decision recorded now for sign-off is due its sign-off 4 working hours later,
    // at 14:00; the service manager is told 4 working hours after that (3 on Monday, 1 on Tuesday), on Tuesday at 10:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SignOffDue = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ServiceManagerTuesday = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private const string FirstRationale = "The adult is her uncle, known to the family; the concerns are explained. Advice given to the school.";
    private const string SendBackReason = "Check police intelligence on the silver car before closing.";
    private const string SecondRationale = "Police hold nothing on the car; the uncle is its keeper. Advice given to the school and the family.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database)
    {
        var app = await TestApp.StartedAsync(database, Monday);
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<string> RaiseAsync(TestApp app) =>
        await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), TestReferrals.ForUniqueChild("Mia"), Ct);

    private static async Task DecideNoFurtherActionAsync(HttpClient practitioner, string reference, string rationale)
    {
        var decided = await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = nameof(ReferralOutcome.NoFurtherAction),
            ["Decision.Rationale"] = rationale,
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    private static async Task SignOffAsync(HttpClient manager, string reference, string agree, string reason = "")
    {
        var done = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=SignOff", new Dictionary<string, string>
        {
            ["SignOffForm.Agree"] = agree,
            ["SignOffForm.Reason"] = reason,
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    private static async Task<IDocument> GetAsync(HttpClient client, string path) =>
        await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct));

    /// <summary>One line of the home page's work list: its count as shown and where it links.</summary>
    private static async Task<(string Count, string Href)> WorkLineAsync(HttpClient client, string label)
    {
        var row = (await GetAsync(client, "/")).QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == label);
        return (row.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim(), row.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href")!);
    }

    private static Task<List<(string Subject, string? Link, string? Email)>> InboxAsync(TestApp app, Role role) =>
        app.WithDbAsync(async db =>
        {
            var email = TestApp.DemoAccountFor(role).Email;
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            return (await db.Notifications.Where(n => n.RecipientUserId == user.Id).OrderBy(n => n.CreatedAt).Select(n => new { n.Subject, n.Link, n.RecipientEmail }).ToListAsync(Ct))
                .Select(n => (n.Subject, n.Link, n.RecipientEmail)).ToList();
        });

    private static Task<List<(string Duty, EscalationLevel Level)>> StepsAsync(TestApp app, string reference) =>
        app.WithDbAsync(async db => (await db.EscalationSteps.Where(s => s.Reference == reference).OrderBy(s => s.PerformedAt).ThenBy(s => s.Level)
            .Select(s => new { s.Duty, s.Level }).ToListAsync(Ct)).Select(s => (s.Duty, s.Level)).ToList());

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SignOff_DecisionRecordedForIt_ManagerToldFindsItWithItsOwnClockWhichEscalates_ThenTheDecisionSaysWhoSignedItOffAndWhen(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var reference = await RaiseAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        await DecideNoFurtherActionAsync(practitioner, reference, FirstRationale);

        // The practitioner's team manager is told, in the inbox and by mail; the practitioner is not.
        var path = ReferralPages.PagePath(reference);
        Assert.Contains(($"Sign-off needed: referral {reference}", path, TestApp.DemoAccountFor(Role.TeamManager).Email), await InboxAsync(app, Role.TeamManager));
        Assert.DoesNotContain(await InboxAsync(app, Role.Practitioner), n => n.Subject.StartsWith("Sign-off", StringComparison.Ordinal));

        // The manager finds it on the home page and in the queue, marked with the sign-off's own clock.
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var line = await WorkLineAsync(manager, "Decisions waiting for your sign-off");
        Assert.Equal(("1", "/front-door?show=sign-off"), line);
        var queue = await GetAsync(manager, line.Href);
        var row = Assert.Single(queue.QuerySelectorAll("tbody tr"));
        Assert.Equal(reference, row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("Waiting for sign-off", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sign-off due Mon 23 Nov 2026, 2:00pm", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 hours left", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sign-off due Mon 23 Nov 2026, 2:00pm", (await GetAsync(manager, path)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Its clock escalates on its own ladder, each step once.
        app.Time.SetUtcNow(SignOffDue.AddMinutes(-1));
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        app.Time.SetUtcNow(SignOffDue);
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal(0, await app.RunScheduledWorkAsync());
        Assert.Equal([(ReferralSignOffDuty.DutyKey, EscalationLevel.TeamManager)], await StepsAsync(app, reference));
        Assert.Contains(($"Sign-off overdue: referral {reference}", path, TestApp.DemoAccountFor(Role.TeamManager).Email), await InboxAsync(app, Role.TeamManager));
        // Hours have passed: the sign-ins of the morning have lapsed, so each signs in again.
        manager = await app.SignInAsAsync(Role.TeamManager);
        var overdueRow = (await GetAsync(manager, "/front-door?show=sign-off")).QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("Sign-off escalated to team manager", overdueRow, StringComparison.Ordinal);
        app.Time.SetUtcNow(ServiceManagerTuesday);
        Assert.Equal(1, await app.RunScheduledWorkAsync());
        Assert.Equal((ReferralSignOffDuty.DutyKey, EscalationLevel.ServiceManager), (await StepsAsync(app, reference))[^1]);
        Assert.Contains($"Escalated to you: sign-off of referral {reference}", (await InboxAsync(app, Role.ServiceManager)).Select(n => n.Subject));

        // Signed off an hour later: the decision is final and says who signed it off and when, on the page and in the chronology.
        app.Time.SetUtcNow(ServiceManagerTuesday.AddHours(1));
        manager = await app.SignInAsAsync(Role.TeamManager);
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        await SignOffAsync(manager, reference, "yes");
        var manageName = TestApp.DemoAccountFor(Role.TeamManager).DisplayName;
        var decision = (await GetAsync(practitioner, path)).QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Signed off").QuerySelector("dd")!.TextContent.Trim();
        Assert.Equal($"{manageName}, Tue 24 Nov 2026, 11:00am", decision);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId).SingleAsync(Ct));
        var entry = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.ChildId == child!.Value && e.SourceRecord == reference && e.Type == Lantern.Domain.Children.EntryType.ReferralDecision).Select(e => e.Summary).SingleAsync(Ct));
        Assert.EndsWith($"{FirstRationale} Signed off by {manageName} on Tue 24 Nov 2026, 11:00am.", entry, StringComparison.Ordinal);
        Assert.StartsWith($"Decision on referral {reference}: No further action (with advice or signposting).", entry, StringComparison.Ordinal);

        // A signed-off decision's clock climbs no further.
        app.Time.SetUtcNow(ServiceManagerTuesday.AddDays(3));
        await app.RunScheduledWorkAsync();
        manager = await app.SignInAsAsync(Role.TeamManager);
        Assert.Equal(2, (await StepsAsync(app, reference)).Count(s => s.Duty == ReferralSignOffDuty.DutyKey));
        Assert.Equal("None", (await WorkLineAsync(manager, "Decisions waiting for your sign-off")).Count);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SendBack_WithAReason_PractitionerToldAndSeesItOnTheHomePage_TheHistoryKeepsTheReasonAfterTheDecisionIsSignedOff(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var reference = await RaiseAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var manager = await app.SignInAsAsync(Role.TeamManager);
        await DecideNoFurtherActionAsync(practitioner, reference, FirstRationale);
        Assert.Equal("None", (await WorkLineAsync(practitioner, "Decisions sent back to you")).Count);

        app.Time.Advance(TimeSpan.FromMinutes(10));
        await SignOffAsync(manager, reference, "no", SendBackReason);

        // The practitioner is told (the mail names the reference, not the reason) and finds it on the home page and in the queue.
        var path = ReferralPages.PagePath(reference);
        Assert.Contains(($"Decision sent back: referral {reference}", path, TestApp.DemoAccountFor(Role.Practitioner).Email), await InboxAsync(app, Role.Practitioner));
        var body = await app.WithDbAsync(db => db.Notifications.Where(n => n.Subject == $"Decision sent back: referral {reference}").Select(n => n.Body).SingleAsync(Ct));
        Assert.DoesNotContain("silver car", body, StringComparison.Ordinal);
        var line = await WorkLineAsync(practitioner, "Decisions sent back to you");
        Assert.Equal(("1", "/front-door?show=sent-back"), line);
        var row = Assert.Single((await GetAsync(practitioner, line.Href)).QuerySelectorAll("tbody tr"));
        Assert.Equal(reference, row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("Sent back to be decided again", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("None", (await WorkLineAsync(manager, "Decisions sent back to you")).Count);

        // Decided again and signed off: the sent-back line empties and the history keeps every step, the reason included.
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await DecideNoFurtherActionAsync(practitioner, reference, SecondRationale);
        Assert.Equal("None", (await WorkLineAsync(practitioner, "Decisions sent back to you")).Count);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        await SignOffAsync(manager, reference, "yes");

        var history = await app.WithDbAsync(async db =>
        {
            var id = await db.Referrals.Where(r => r.Reference == reference).Select(r => r.Id).SingleAsync(Ct);
            return (await db.ReferralHistory.Where(h => h.ReferralId == id).OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new { h.Kind, h.Text }).ToListAsync(Ct))
                .Select(h => (h.Kind, h.Text)).ToList();
        });
        Assert.Equal(
            [(ReferralHistoryKind.ProposedForSignOff, FirstRationale), (ReferralHistoryKind.SentBack, SendBackReason),
                (ReferralHistoryKind.ProposedForSignOff, SecondRationale), (ReferralHistoryKind.SignedOff, null)],
            history);
        var page = (await GetAsync(practitioner, path)).QuerySelector("ol[aria-label^='History of the decision']")!;
        var steps = page.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, steps.Count);
        var tom = TestApp.DemoAccountFor(Role.Practitioner).DisplayName;
        var grace = TestApp.DemoAccountFor(Role.TeamManager).DisplayName;
        Assert.Contains($"Mon 23 Nov 2026, 10:10am: {grace} sent the decision back", steps[1], StringComparison.Ordinal);
        Assert.Contains($"Reason: {SendBackReason}", steps[1], StringComparison.Ordinal);
        Assert.Contains($"{tom} recorded a decision for a manager's sign-off: No further action (with advice or signposting)", steps[0], StringComparison.Ordinal);
        Assert.Contains($"Why: {FirstRationale}", steps[0], StringComparison.Ordinal);
        Assert.Contains($"{grace} signed off the decision", steps[3], StringComparison.Ordinal);
    }
}
