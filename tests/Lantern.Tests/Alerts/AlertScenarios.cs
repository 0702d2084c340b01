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

    /// <summary>A child the front door's social worker is involved with, missing three times in 90 days (or on the days given).</summary>
    private async Task<World> StartAsync(Action<TestApp>? configure = null, int[]? missingDaysAgo = null)
    {
        var app = new TestApp(Database, Monday);
        configure?.Invoke(app);
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        var child = await TestChildren.ReferredAsync(app, app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);
        await TestChildren.InvolveAsync(app, child, TestApp.DemoAccountFor(Role.Practitioner).Email, "Allocated social worker", Ct);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        await TestMissingEpisodes.RecordMissingAsync(police, child, Monday, missingDaysAgo ?? [60, 30, 1], Ct);
        return new World(app, police, child);
    }

    private static Task<Alert> AlertAsync(TestApp app) =>
        app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).SingleAsync(a => a.ClosedAt == null, Ct));

    private static string Page(Alert alert) => $"/alerts/{alert.Id}";

    [Fact]
    public async Task RepeatMissing_RaisedOnceWithItsEvidence_OpenedFromTheRecord_AcknowledgedActedOnAndClosedByAManager()
    {
        var w = await StartAsync();
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
        Assert.NotNull((await Html.ParseAsync(await manager.GetAsync(new Uri(Page(alert), UriKind.Relative), Ct))).QuerySelector("textarea[name='Reason']"));
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
        var w = await StartAsync();
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
    public async Task RepeatMissing_TheEpisodesThatMeetTheRuleArriveAtOnce_EveryEpisodeStored_OneAlertRaised_OneScreeningAskedFor()
    {
        var w = await StartAsync(missingDaysAgo: [60, 30]);
        await using var app = w.App;
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(Ct)));

        // The third, fourth, fifth and sixth at the same moment: one of them raises the alert, the rest join it.
        var bodies = Enumerable.Range(2, 4).Select(h => TestMissingEpisodes.Body(Monday.AddHours(-h))).ToList();
        var answers = await Task.WhenAll(bodies.Select(b => TestMissingEpisodes.PostAsync(w.Police, w.Child, b, Guid.NewGuid().ToString(), Ct)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(6, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        var alert = Assert.Single(await app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).ToListAsync(Ct)));
        Assert.Equal(6, alert.Evidence.Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RepeatMissingAlertRaised, Ct)));
        Assert.NotNull(await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(w.Child)).Select(c => c.ScreeningRequestedAt).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Alert_SomeoneWhoMayNotSeeTheChild_NotFound_AndAudited()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var alert = await AlertAsync(app);
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);

        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri(Page(alert), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestApp.PostFormAsync(nurse, Page(alert) + "?handler=Acknowledge", new Dictionary<string, string>(), formPage: "/")).StatusCode);
        Assert.Equal(AlertStatus.Open, (await AlertAsync(app)).Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == alert.Id.ToString(), Ct)));
    }

    /// <summary>The alerts page as read: each row's link to its alert and what it is about.</summary>
    private static async Task<(AngleSharp.Dom.IDocument Page, IReadOnlyList<(string Alert, string About)> Rows)> AlertsPageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        return (page, [.. page.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelectorAll("td a")[0].GetAttribute("href")!, r.QuerySelectorAll("td")[1].TextContent.Trim()))]);
    }

    private static async Task<(string Count, string Href)> AlertsToAcknowledgeAsync(HttpClient client)
    {
        var home = await Html.ParseAsync(await client.GetAsync(new Uri("/", UriKind.Relative), Ct));
        var row = home.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Alerts to acknowledge");
        return (row.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim(), row.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href")!);
    }

    [Fact]
    public async Task AlertsPage_ToAcknowledgeCountedOnHome_ListedForThoseWhoSeeTheChild_ThenUnderAcknowledged_AndEachReadAudited()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var alert = await AlertAsync(app);
        var childName = await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(w.Child)).Select(c => c.GivenName + " " + c.FamilyName).SingleAsync(Ct));

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var line = await AlertsToAcknowledgeAsync(practitioner);
        Assert.Equal(("1", "/alerts?status=open"), line);
        var listed = await AlertsPageAsync(practitioner, line.Href);
        Assert.Equal([(Page(alert), childName)], listed.Rows);
        Assert.Equal("page", listed.Page.QuerySelector("#status a[aria-current]")?.GetAttribute("aria-current"));
        Assert.Equal("To acknowledge", listed.Page.QuerySelector("#status a[aria-current]")!.TextContent.Trim());
        Assert.Contains(listed.Page.QuerySelectorAll(".govuk-service-navigation a"), a => a.GetAttribute("href") == "/alerts");
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.AlertsListed, Ct)));

        // Of one kind: the repeat-missing alert is listed; no hotspot is.
        Assert.Single((await AlertsPageAsync(practitioner, "/alerts?status=all&rule=RepeatMissing")).Rows);
        Assert.Empty((await AlertsPageAsync(practitioner, "/alerts?status=all&rule=Hotspot")).Rows);

        // The nurse may not see the child: nothing to count, nothing listed, under any status.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal("None", (await AlertsToAcknowledgeAsync(nurse)).Count);
        Assert.Empty((await AlertsPageAsync(nurse, "/alerts?status=all")).Rows);

        // Acknowledged, it leaves the list to acknowledge and is found under "Acknowledged".
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(practitioner, Page(alert) + "?handler=Acknowledge", new Dictionary<string, string>(), formPage: Page(alert))).StatusCode);
        Assert.Equal("None", (await AlertsToAcknowledgeAsync(practitioner)).Count);
        var none = await AlertsPageAsync(practitioner, "/alerts");
        Assert.Empty(none.Rows);
        Assert.Contains("No alert is waiting to be acknowledged", none.Page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([(Page(alert), childName)], (await AlertsPageAsync(practitioner, "/alerts?status=acknowledged")).Rows);
    }

    [Fact]
    public async Task AlertsPage_AStatusOrKindNotOffered_SaysWhatToChoose_AndListsTheDefault()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var badStatus = await AlertsPageAsync(practitioner, "/alerts?status=urgent");
        Assert.Equal([("Choose what to list: to acknowledge, acknowledged, actioned, closed, all. The alerts to acknowledge are shown.", "status")], badStatus.Page.ErrorSummary());
        Assert.Single(badStatus.Rows);
        var badRule = await AlertsPageAsync(practitioner, "/alerts?status=open&rule=Nonsense");
        Assert.Equal([("Choose a kind of alert from the list. Alerts of every kind are shown.", "rule")], badRule.Page.ErrorSummary());
        Assert.Single(badRule.Rows);
        var badPage = await AlertsPageAsync(practitioner, "/alerts?page=0");
        Assert.Equal([("The page number must be a whole number from 1. The first page is shown.", "main-content")], badPage.Page.ErrorSummary());
        Assert.Single(badPage.Rows);
        // A page past the last shows the last.
        Assert.Single((await AlertsPageAsync(practitioner, "/alerts?page=7")).Rows);
    }

    [Fact]
    public async Task Alert_WhereTheRuleLetsAnyoneClose_ThePractitionerCloses()
    {
        var w = await StartAsync(app => app.Settings["Lantern:Alerts:Rules:RepeatMissing:ManagerCloses"] = "false");
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
