using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Alerts;

/// <summary>
/// The one alert model, as practitioners use it: a repeat-missing alert raised once with its evidence,
/// opened from the child's record, acknowledged, acted on and closed with a reason by a manager; after
/// closing, the rule may raise a fresh one. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class AlertScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestApp App, HttpClient Police, Guid Child);

    /// <summary>A child the front door's social worker is involved with, missing three times in 90 days.</summary>
    private async Task<World?> StartAsync(Action<TestApp>? configure = null)
    {
        var app = new TestApp(Database, Monday);
        configure?.Invoke(app);
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            return null;
        }
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var referral = await TestReferrals.RaiseAsync(school, ct: Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == referral).Select(r => r.ChildId!.Value).SingleAsync(Ct));
        await app.WithDbAsync(async db =>
        {
            var worker = await db.Users.SingleAsync(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email, Ct);
            db.Involvements.Add(Involvement.Start(child, worker.AgencyId, worker.TeamId, worker.Id, "Allocated social worker", null, null, worker.Id, Monday).Value);
            return await db.SaveChangesAsync(Ct);
        });
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        foreach (var daysAgo in (int[])[60, 30, 1])
        {
            await TestMissingEpisodes.RecordAsync(police, child.Value, Monday, TestMissingEpisodes.Body(Monday.AddDays(-daysAgo)), Ct);
        }
        return new World(app, police, child.Value);
    }

    private static Task<Alert> AlertAsync(TestApp app) =>
        app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).SingleAsync(a => a.ClosedAt == null, Ct));

    private static string Page(Alert alert) => $"/alerts/{alert.Id}";

    [Fact]
    public async Task RepeatMissing_RaisedOnceWithItsEvidence_OpenedFromTheRecord_AcknowledgedActedOnAndClosedByAManager()
    {
        if (await StartAsync() is not { } w)
        {
            return;
        }
        await using var app = w.App;
        var alert = await AlertAsync(app);
        var episodes = await app.WithDbAsync(db => db.MissingEpisodes.OrderBy(m => m.MissingFrom).Select(m => m.Reference).ToListAsync(Ct));
        Assert.Equal(episodes, alert.Evidence.OrderBy(e => e.At).Select(e => e.RecordReference));
        Assert.Equal(AlertStatus.Open, alert.Status);

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var record = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{w.Child}", UriKind.Relative), Ct));
        Assert.Contains(record.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == Page(alert));
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri(Page(alert), UriKind.Relative), Ct));
        Assert.Equal("Repeat missing", page.Heading());
        Assert.All(episodes, reference => Assert.Contains(reference, page.Body!.TextContent, StringComparison.Ordinal));
        // The social worker sees no way to close it: a manager closes repeat-missing alerts.
        Assert.Null(page.QuerySelector("textarea[name='Reason']"));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Acknowledge", new Dictionary<string, string>(), formPage: Page(alert))).StatusCode);
        var noAction = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Action",
            new Dictionary<string, string> { ["ActionTaken"] = " " }, formPage: Page(alert)));
        Assert.Equal([("Say what was done about the alert", "ActionTaken")], noAction.ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Action",
            new Dictionary<string, string> { ["ActionTaken"] = "Strategy discussion booked for Wednesday; screening done today." }, formPage: Page(alert))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Close",
            new Dictionary<string, string> { ["Reason"] = "Done." }, formPage: Page(alert))).StatusCode);

        var manager = await app.SignInAsAsync(Role.TeamManager);
        var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(manager, Page(alert) + "?handler=Close",
            new Dictionary<string, string> { ["Reason"] = "" }, formPage: Page(alert)));
        Assert.Equal([("Say why the alert can be closed", "Reason")], noReason.ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(manager, Page(alert) + "?handler=Close",
            new Dictionary<string, string> { ["Reason"] = "Plan in place; missing episodes reviewed together at the strategy discussion." }, formPage: Page(alert))).StatusCode);

        var closed = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Id == alert.Id, Ct));
        Assert.Equal((AlertStatus.Closed, TestApp.DemoAccountFor(Role.Practitioner).DisplayName, TestApp.DemoAccountFor(Role.TeamManager).DisplayName),
            (closed.Status, closed.AcknowledgedByName, closed.ClosedByName));
        Assert.Equal("Strategy discussion booked for Wednesday; screening done today.", closed.ActionTaken);
        var codes = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.RecordId == alert.Reference).Select(e => e.Code).ToListAsync(Ct));
        Assert.Contains((int)AuditCode.AlertAcknowledged, codes);
        Assert.Contains((int)AuditCode.AlertActioned, codes);
        Assert.Contains((int)AuditCode.AlertClosed, codes);

        // Closed, the rule may raise a fresh alert when the child goes missing again within the 90 days.
        await TestMissingEpisodes.RecordAsync(w.Police, w.Child, Monday, TestMissingEpisodes.Body(Monday.AddHours(-3)), Ct);
        var alerts = await app.WithDbAsync(db => db.Alerts.Select(a => a.Status).ToListAsync(Ct));
        Assert.Equal([AlertStatus.Open, AlertStatus.Closed], alerts.Order());
    }

    [Fact]
    public async Task RepeatMissing_EpisodesArrivingAtOnce_EveryEpisodeStored_OneOpenAlertWithAllOfThem()
    {
        if (await StartAsync() is not { } w)
        {
            return;
        }
        await using var app = w.App;

        // Each arrives while the alert is open, and several at the same moment: each joins the one alert.
        var bodies = Enumerable.Range(2, 6).Select(h => TestMissingEpisodes.Body(Monday.AddHours(-h))).ToList();
        var answers = await Task.WhenAll(bodies.Select(b => TestMissingEpisodes.PostAsync(w.Police, w.Child, b, Guid.NewGuid().ToString(), Ct)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(9, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        var alert = Assert.Single(await app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).ToListAsync(Ct)));
        Assert.Equal(9, alert.Evidence.Count);
    }

    [Fact]
    public async Task Alert_SomeoneWhoMayNotSeeTheChild_NotFound_AndAudited()
    {
        if (await StartAsync() is not { } w)
        {
            return;
        }
        await using var app = w.App;
        var alert = await AlertAsync(app);
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);

        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri(Page(alert), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestApp.PostFormAsync(nurse, Page(alert) + "?handler=Acknowledge", new Dictionary<string, string>(), formPage: "/")).StatusCode);
        Assert.Equal(AlertStatus.Open, (await AlertAsync(app)).Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == alert.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Alert_WhereTheRuleLetsAnyoneClose_ThePractitionerCloses()
    {
        if (await StartAsync(app => app.Settings["Lantern:Alerts:Rules:RepeatMissing:ManagerCloses"] = "false") is not { } w)
        {
            return;
        }
        await using var app = w.App;
        var alert = await AlertAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var closed = await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Close",
            new Dictionary<string, string> { ["Reason"] = "Reviewed with my manager; plan in place." }, formPage: Page(alert));

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(AlertStatus.Closed, (await app.WithDbAsync(db => db.Alerts.SingleAsync(Ct))).Status);
    }
}

public sealed class SqliteAlertScenarios : AlertScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresAlertScenarios : AlertScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
