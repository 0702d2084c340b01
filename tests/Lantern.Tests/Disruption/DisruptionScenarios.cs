using System.Globalization;
using System.Net;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Disruption;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Features.Disruption;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Disruption;

/// <summary>
/// The exploitation team opens a disruption plan about the man a school's referral names, gives a police officer a
/// child abduction warning notice to serve, and the tactic, overdue, climbs the officer's management line to the senior
/// investigating officer; the plan's review falls due and escalates until recorded; a closure for resources needs a
/// rationale and a manager's sign-off and then shows on the partnership's oversight page. Need to know and field errors
/// on the way. Fake clock; SQLite and PostgreSQL.
/// </summary>
public abstract class DisruptionScenarios
{
    protected abstract TestDatabase Database { get; }

    // Monday 23 November 2026, 10:00 GMT. The tactic is due Wednesday 25 November (by 17:00); the first review 28 days on, Monday 21 December 17:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TacticDue = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReviewDue = new(2026, 12, 21, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri At(string path) => new(path, UriKind.Relative);

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    private static DemoSeed.DemoAccount SeniorInvestigatingOfficer => DemoSeed.Accounts.Single(a => a.Role == Role.TeamManager && a.Agency == "Northbridge Police");

    private static async Task<HttpClient> SignInAsync(TestApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(client, email, DemoSeed.DemoPassword)).StatusCode);
        return client;
    }

    /// <summary>A school's referral about a child naming "Mo, older man"; the person's id.</summary>
    private static async Task<Guid> PersonAsync(TestApp app)
    {
        await TestChildren.ReferredAsync(app, app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);
        return await app.WithDbAsync(db => db.Persons.Select(p => p.Id).SingleAsync(Ct));
    }

    private static async Task<Guid> OpenPlanAsync(HttpClient client, Guid person)
    {
        var response = await TestApp.PostFormAsync(client, $"/disruption/new/persons/{person}", new Dictionary<string, string> { ["Aim"] = "Stop Mo contacting the girls named in the strategy discussion." });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary()));
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static Task<DisruptionPlan> PlanAsync(TestApp app, Guid id) =>
        app.WithDbAsync(db => DisruptionPlans.WithParts(db.DisruptionPlans.AsNoTracking()).SingleAsync(p => p.Id == id, Ct));

    /// <summary>Posts a form of the plan's page with the plan's current version.</summary>
    private static async Task<HttpResponseMessage> PostAsync(TestApp app, HttpClient client, Guid plan, string handler, Dictionary<string, string> fields)
    {
        fields["Version"] = (await PlanAsync(app, plan)).Version.ToString(CultureInfo.InvariantCulture);
        return await TestApp.PostFormAsync(client, $"/disruption/{plan}?handler={handler}", fields, formPage: $"/disruption/{plan}");
    }

    private static async Task AssertRedirectAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary()));

    private static Task<List<EscalationStep>> StepsAsync(TestApp app, string reference) =>
        app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Reference == reference).OrderBy(s => s.StepDueAt).ToListAsync(Ct));

    private static Task<int> AuditCountAsync(TestApp app, AuditCode code) => app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    [Fact]
    public async Task DisruptionPlan_TacticOverdueReviewDueClosedForResources_EscalatesSignedOffAndShownToLeaders()
    {
        await using var app = await StartAsync();
        var person = await PersonAsync(app);
        var worker = await SignInAsync(app, TestApp.ExploitationWorker.Email);

        // The person's page offers the plan; the plan opens from it.
        var page = await Html.ParseAsync(await worker.GetAsync(At($"/network/persons/{person}"), Ct));
        Assert.Contains(page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/disruption/new/persons/{person}");
        var id = await OpenPlanAsync(worker, person);
        var plan = await PlanAsync(app, id);
        Assert.Equal((PlanStatus.Open, ReviewDue), (plan.Status, plan.NextReviewDue));

        // A tactic for the police officer of the child exploitation unit, due Wednesday.
        var officer = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "investigator@northbridge.example").Select(u => u.Id).SingleAsync(Ct));
        await AssertRedirectAsync(await PostAsync(app, worker, id, "Tactic", new()
        {
            ["Tactic.Tactic"] = "Child abduction warning notice",
            ["Tactic.Detail"] = "Serve on Mo about the three girls named.",
            ["Tactic.Owner"] = officer.ToString(),
            ["Tactic.DueOn"] = "2026-11-25",
        }));
        plan = await PlanAsync(app, id);
        var tactic = Assert.Single(plan.Tactics);
        var reference = DisruptionPlans.TacticReference(plan.Reference, 1);
        Assert.Equal((TacticDue, TacticStatus.Planned, "DC Sam Iqbal"), (tactic.DueBy, tactic.Status, tactic.OwnerName));
        Assert.Contains(await app.InboxAsync("investigator@northbridge.example", Ct), n => n.Subject == $"Disruption tactic given to you: {reference}");

        // Overdue at the cut-off of its day: the owner's management line, the senior investigating officer first, is told once.
        app.Time.SetUtcNow(TacticDue.AddMinutes(-1));
        await app.RunScheduledWorkAsync();
        Assert.Empty(await StepsAsync(app, reference));
        app.Time.SetUtcNow(TacticDue);
        await app.RunScheduledWorkAsync();
        await app.RunScheduledWorkAsync();
        var step = Assert.Single(await StepsAsync(app, reference));
        Assert.Equal((DisruptionTacticDuty.DutyKey, EscalationLevel.TeamManager, SeniorInvestigatingOfficer.DisplayName), (step.Duty, step.Level, step.Told));
        Assert.Contains(await app.InboxAsync(SeniorInvestigatingOfficer.Email, Ct), n => n.Subject == $"Disruption tactic overdue: {reference}" && !n.Body.Contains("Mo", StringComparison.Ordinal));

        // The officer, who cannot see the man's record, owns the tactic and so sees the plan, and records its outcome: the ladder stops.
        var police = await SignInAsync(app, "investigator@northbridge.example");
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync(At($"/network/persons/{person}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync(At($"/disruption/{id}"), Ct)).StatusCode);
        await AssertRedirectAsync(await PostAsync(app, police, id, "Update", new()
        {
            ["Update.TacticId"] = tactic.Id.ToString(),
            ["Update.Status"] = nameof(TacticStatus.Done),
            ["Update.Outcome"] = "Notice served in person on 26 November.",
        }));
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();
        Assert.Single(await StepsAsync(app, reference));

        // The review falls due 28 days after opening and escalates until recorded; recording it sets the next.
        app.Time.SetUtcNow(ReviewDue);
        await app.RunScheduledWorkAsync();
        var review = Assert.Single(await StepsAsync(app, plan.Reference));
        Assert.Equal((DisruptionReviewDuty.DutyKey, EscalationLevel.TeamManager), (review.Duty, review.Level));
        Assert.Contains(await app.InboxAsync(TestApp.DemoAccountFor(Role.TeamManager).Email, Ct), n => n.Subject == $"Disruption plan review overdue: {plan.Reference}");
        // Weeks have passed: the worker signs in again.
        worker = await SignInAsync(app, TestApp.ExploitationWorker.Email);
        await AssertRedirectAsync(await PostAsync(app, worker, id, "Review", new() { ["Review.Notes"] = "Notice served; no contact seen since. Licensing check next." }));
        Assert.Equal(new DateTimeOffset(2027, 1, 18, 17, 0, 0, TimeSpan.Zero), (await PlanAsync(app, id)).NextReviewDue);

        // Closing without a rationale is refused with the field named; for resources, it waits for a manager's sign-off.
        var empty = await Html.ParseAsync(await PostAsync(app, worker, id, "Close", new() { ["Close.Reason"] = nameof(ClosureReason.Resources), ["Close.Rationale"] = "" }));
        Assert.Contains(empty.ErrorSummary(), e => e.Target == "Close_Rationale");
        Assert.Equal(PlanStatus.Open, (await PlanAsync(app, id)).Status);
        await AssertRedirectAsync(await PostAsync(app, worker, id, "Close", new()
        {
            ["Close.Reason"] = nameof(ClosureReason.Resources),
            ["Close.Rationale"] = "The unit's officers are moved to another operation; the licensing check is not done.",
        }));
        Assert.Equal(PlanStatus.ClosureRequested, (await PlanAsync(app, id)).Status);
        // The exploitation team has no team manager of its own in the demo partnership: the first managers of the worker's line are the service managers.
        Assert.Contains(await app.InboxAsync(TestApp.DemoAccountFor(Role.ServiceManager).Email, Ct), n => n.Subject == $"Sign-off needed: closing disruption plan {plan.Reference}");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, worker, id, "SignOff", new() { ["SignOff.Decision"] = "Agree" })).StatusCode);
        var manager = await app.SignInAsAsync(Role.TeamManager);
        await AssertRedirectAsync(await PostAsync(app, manager, id, "SignOff", new() { ["SignOff.Decision"] = "Agree" }));
        var closed = await PlanAsync(app, id);
        Assert.True(closed.ClosedForResources);
        Assert.Equal(TestApp.DemoAccountFor(Role.TeamManager).DisplayName, closed.SignedOffByName);

        // The partnership's leaders see the closure for resources; others may not open the page.
        var leader = await app.SignInAsAsync(Role.ServiceManager);
        var oversight = await Html.ParseAsync(await leader.GetAsync(At(DisruptionPlans.OversightPath), Ct));
        Assert.Contains(plan.Reference, oversight.QuerySelector("#resources + table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("licensing check is not done", oversight.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsAsync(Role.HealthPractitioner)).GetAsync(At(DisruptionPlans.OversightPath), Ct)).StatusCode);

        Assert.Equal(1, await AuditCountAsync(app, AuditCode.DisruptionPlanOpened));
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.DisruptionTacticAdded));
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.DisruptionClosureSignedOff));
        Assert.True(await AuditCountAsync(app, AuditCode.DisruptionPlanViewed) >= 1);
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.DisruptionOversightViewed));
    }

    [Fact]
    public async Task DisruptionPlan_OutOfScopeReader_NotFound()
    {
        await using var app = await StartAsync();
        var person = await PersonAsync(app);
        var id = await OpenPlanAsync(await SignInAsync(app, TestApp.ExploitationWorker.Email), person);

        // A nurse works no plans; an officer with no tactic and no child of the man's in scope does not see it; an analyst does.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(At($"/disruption/{id}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(At($"/disruption/new/persons/{person}"), Ct)).StatusCode);
        var police = await app.SignInAsAsync(Role.PoliceInvestigator);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync(At($"/disruption/{id}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync(At($"/disruption/new/persons/{person}"), Ct)).StatusCode);
        var list = await Html.ParseAsync(await police.GetAsync(At(DisruptionPlans.ListPath), Ct));
        Assert.DoesNotContain($"/disruption/{id}", list.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsAsync(Role.IntelligenceAnalyst)).GetAsync(At($"/disruption/{id}"), Ct)).StatusCode);
        Assert.True(await AuditCountAsync(app, AuditCode.RecordNotInScope) >= 2);
    }

    [Fact]
    public async Task DisruptionPlan_AboutAContext_RecordedOnAnAlertAsWhatWasDone()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await TestChildren.ReferredAsync(app, school, ct: Ct);
        var worker = await SignInAsync(app, TestApp.ExploitationWorker.Email);
        var opened = await TestApp.PostFormAsync(worker, "/network/contexts/new", new Dictionary<string, string> { ["Input.Name"] = "The flat above the Star Grill", ["Input.Type"] = "Place" });
        var context = Guid.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1]);
        var page = await Html.ParseAsync(await worker.GetAsync(At($"/network/contexts/{context}"), Ct));
        Assert.Contains(page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/disruption/new/contexts/{context}");
        var response = await TestApp.PostFormAsync(worker, $"/disruption/new/contexts/{context}", new Dictionary<string, string> { ["Aim"] = "Close the flat to the men who take girls there." });
        await AssertRedirectAsync(response);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        var plan = await PlanAsync(app, id);
        Assert.Equal(Domain.Network.NodeKind.Context, plan.SubjectKind);

        var alert = Domain.Alerts.Alert.Raise("ALR-TESTALERT1", "RepeatMissing", Domain.Alerts.AlertSubject.OfChild(new Domain.Children.ChildId(child)), "Missing three times in 90 days",
            [new Domain.Alerts.AlertEvidenceText("MissingEpisode", "MIS-TEST000001", "Missing overnight", Monday)], Monday);
        await app.WithDbAsync(async db => { db.Alerts.Add(alert); return await db.SaveChangesAsync(Ct); });

        var wrong = await Html.ParseAsync(await TestApp.PostFormAsync(worker, $"/disruption/{id}?handler=Alert", new Dictionary<string, string> { ["Alert.Reference"] = "ALR-NOSUCHONE1" }, formPage: $"/disruption/{id}"));
        Assert.Equal(["Alert_Reference"], wrong.ErrorSummary().Select(e => e.Target));
        await AssertRedirectAsync(await TestApp.PostFormAsync(worker, $"/disruption/{id}?handler=Alert", new Dictionary<string, string> { ["Alert.Reference"] = "alr-testalert1" }, formPage: $"/disruption/{id}"));
        var actioned = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Reference == "ALR-TESTALERT1", Ct));
        Assert.Equal(Domain.Alerts.AlertStatus.Actioned, actioned.Status);
        Assert.Contains(plan.Reference, actioned.ActionTaken, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.DisruptionAlertActioned));
    }

    [Fact]
    public async Task DisruptionPlan_BadInput_FieldErrorsAndNothingStored()
    {
        await using var app = await StartAsync();
        var person = await PersonAsync(app);
        var worker = await SignInAsync(app, TestApp.ExploitationWorker.Email);

        var noAim = await Html.ParseAsync(await TestApp.PostFormAsync(worker, $"/disruption/new/persons/{person}", new Dictionary<string, string> { ["Aim"] = " " }));
        Assert.Equal(["Aim"], noAim.ErrorSummary().Select(e => e.Target));
        Assert.Equal(0, await app.WithDbAsync(db => db.DisruptionPlans.CountAsync(Ct)));

        var id = await OpenPlanAsync(worker, person);
        var bad = await PostAsync(app, worker, id, "Tactic", new()
        {
            ["Tactic.Tactic"] = "Tea and a chat",
            ["Tactic.DueOn"] = "next week",
            ["Tactic.Evidence"] = "CRM-NOTAREAL01",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var targets = (await Html.ParseAsync(bad)).ErrorSummary().Select(e => e.Target).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Tactic_DueOn", "Tactic_Evidence", "Tactic_Owner", "Tactic_Tactic"], targets);
        Assert.Empty((await PlanAsync(app, id)).Tactics);

        var update = await Html.ParseAsync(await PostAsync(app, worker, id, "Review", new() { ["Review.Notes"] = "" }));
        Assert.Equal(["Review_Notes"], update.ErrorSummary().Select(e => e.Target));
        Assert.Empty((await PlanAsync(app, id)).Reviews);
    }
}

public sealed class SqliteDisruptionScenarios : DisruptionScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresDisruptionScenarios : DisruptionScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
