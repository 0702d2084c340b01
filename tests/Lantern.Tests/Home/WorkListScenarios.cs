using System.Net;
using AngleSharp.Dom;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Home;

/// <summary>
/// The home page's work list counts what waits for the person with the queries of the lists it links to, in their
/// data scope; the menu says how many messages are unread and marks the page being read.
/// </summary>
public sealed class WorkListScenarios
{
    // Monday 2 March 2026, 09:00 GMT.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database = TestDatabase.Sqlite)
    {
        var app = await TestApp.StartedAsync(database, Monday);
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<HttpClient> SchoolAsync(TestApp app) => app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));

    private static async Task<IDocument> GetAsync(HttpClient client, string path) =>
        await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct));

    /// <summary>The work list as the home page shows it: each line's words, its count as shown, and where it links.</summary>
    private static async Task<Dictionary<string, (string Count, string Href)>> WorkListAsync(HttpClient client)
    {
        var home = await Html.ParseAsync(await client.GetAsync(new Uri("/", UriKind.Relative), Ct));
        return home.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(
            row => row.QuerySelector("dt")!.TextContent.Trim(),
            row => (row.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim(), row.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href")!));
    }

    private static async Task<IReadOnlyList<string>> QueueReferencesAsync(HttpClient client, string path)
    {
        var page = await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Ct));
        return [.. page.QuerySelectorAll("tbody tr th").Select(c => c.TextContent.Trim())];
    }

    private static async Task<Guid> UserIdAsync(TestApp app, string email) =>
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    private static async Task AllocateAsync(TestApp app, HttpClient manager, string reference, string email)
    {
        var allocated = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=Allocate",
            new Dictionary<string, string> { ["AllocateTo"] = (await UserIdAsync(app, email)).ToString() }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task WorkList_PractitionerWithAnAllocatedReferralAndAnOverdueDecision_CountsAndLinksAgreeWithTheQueue(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var school = await SchoolAsync(app);
        var overdue = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Ola"), Ct);      // due Tuesday 17:00
        app.Time.Advance(TimeSpan.FromDays(1));                                                            // Tuesday 09:00
        var dueToday = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Dot"), Ct);    // due Wednesday 17:00
        app.Time.Advance(TimeSpan.FromDays(1));                                                            // Wednesday 09:00
        var later = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Lia"), Ct);       // due Thursday 17:00

        var manager = await app.SignInAsAsync(Role.TeamManager);
        var tom = TestApp.DemoAccountFor(Role.Practitioner).Email;
        await AllocateAsync(app, manager, overdue, tom);
        // Another front-door worker's allocation is not Tom's.
        await AllocateAsync(app, manager, later, TestApp.ExploitationWorker.Email);

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var work = await WorkListAsync(practitioner);
        Assert.Equal(("1", "/front-door?show=mine"), work["Referrals allocated to you"]);
        Assert.Equal(("1", "/front-door?show=due-today"), work["Decisions due today"]);
        Assert.Equal(("1", "/front-door?show=overdue"), work["Overdue decisions"]);
        // A practitioner signs nothing off, so the line is not offered.
        Assert.DoesNotContain("Decisions waiting for your sign-off", work.Keys);

        Assert.Equal([overdue], await QueueReferencesAsync(practitioner, work["Referrals allocated to you"].Href));
        Assert.Equal([dueToday], await QueueReferencesAsync(practitioner, work["Decisions due today"].Href));
        Assert.Equal([overdue], await QueueReferencesAsync(practitioner, work["Overdue decisions"].Href));
        Assert.Equal([overdue, dueToday, later], await QueueReferencesAsync(practitioner, "/front-door"));

        // At 17:00 the decision due today is due; a minute on it is overdue too.
        app.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        work = await WorkListAsync(practitioner);
        Assert.Equal("None", work["Decisions due today"].Count);
        Assert.Equal("2", work["Overdue decisions"].Count);
        Assert.Equal([overdue, dueToday], await QueueReferencesAsync(practitioner, work["Overdue decisions"].Href));
    }

    [Fact]
    public async Task WorkList_DecisionWaitingForSignOff_CountedForAnotherManagerNotForTheManagerWhoDecided()
    {
        await using var app = await StartAsync();
        var school = await SchoolAsync(app);
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Sia"), Ct);
        var teamManager = await app.SignInAsAsync(Role.TeamManager);
        Assert.Equal("None", (await WorkListAsync(teamManager))["Decisions waiting for your sign-off"].Count);

        // No further action on a professional's referral about sexual exploitation needs a manager's sign-off.
        var decided = await TestApp.PostFormAsync(teamManager, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = nameof(ReferralOutcome.NoFurtherAction),
            ["Decision.Rationale"] = "Spoke to the school and police: the adult is her uncle, known to the family, and the concerns are explained. Advice given to the school.",
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(ReferralStatus.AwaitingSignOff, await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct)));

        Assert.Equal("None", (await WorkListAsync(teamManager))["Decisions waiting for your sign-off"].Count);
        var serviceManager = await app.SignInAsAsync(Role.ServiceManager);
        var line = (await WorkListAsync(serviceManager))["Decisions waiting for your sign-off"];
        Assert.Equal(("1", "/front-door?show=sign-off"), line);
        Assert.Equal([reference], await QueueReferencesAsync(serviceManager, line.Href));
        Assert.Empty(await QueueReferencesAsync(teamManager, line.Href));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task WorkList_ScreeningsDueForChildrenOfAnotherTeamOrAgency_NotCounted(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var school = await SchoolAsync(app);
        var investigator = TestApp.DemoAccountFor(Role.PoliceInvestigator).Email;
        var mine = await TestChildren.ReferredAsync(app, school, TestReferrals.ForUniqueChild("Mia"), Ct);
        var myTeams = await TestChildren.ReferredAsync(app, school, TestReferrals.ForUniqueChild("Tia"), Ct);
        var otherTeams = await TestChildren.ReferredAsync(app, school, TestReferrals.ForUniqueChild("Ora"), Ct);
        var otherAgencys = await TestChildren.ReferredAsync(app, school, TestReferrals.ForUniqueChild("Aya"), Ct);
        await TestChildren.InvolveAsync(app, mine, investigator, "Officer in the case", Ct);
        await InvolveTeamAsync(app, myTeams, investigator);
        // The analyst is of the same police force, in another team; the nurse is of another agency.
        await InvolveTeamAsync(app, otherTeams, TestApp.DemoAccountFor(Role.IntelligenceAnalyst).Email);
        await TestChildren.InvolveAsync(app, otherAgencys, TestApp.DemoAccountFor(Role.HealthPractitioner).Email, "School nurse", Ct);
        foreach (var child in new[] { mine, myTeams, otherTeams, otherAgencys })
        {
            await RequestScreeningAsync(app, child);
        }

        var police = await app.SignInAsAsync(Role.PoliceInvestigator);
        var work = await WorkListAsync(police);
        Assert.Equal(("2", "/screenings#due"), work["Screenings due or overdue"]);
        // Not front door: no queue, no possible matches.
        Assert.DoesNotContain("Overdue decisions", work.Keys);
        Assert.DoesNotContain("Records that may be the same child", work.Keys);
        var list = await GetAsync(police, "/screenings");
        var linked = list.QuerySelectorAll("#due ~ table tbody tr a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(new[] { $"/children/{mine}#screening", $"/children/{myTeams}#screening" }.Order(), linked.Order());

        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal("1", (await WorkListAsync(nurse))["Screenings due or overdue"].Count);
        // The front door sees every child, so every screening due.
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        Assert.Equal("4", (await WorkListAsync(practitioner))["Screenings due or overdue"].Count);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task WorkList_ReturnHomeInterviewOwed_CountedAndListedWithItsClock_ForThoseWhoSeeTheChild_UntilDone(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var school = await SchoolAsync(app);
        var child = await TestChildren.ReferredAsync(app, school, TestReferrals.ForUniqueChild("Ria"), Ct);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        // Missing on Saturday, back on Sunday at 09:00: the interview is due by Wednesday 09:00, 72 hours on.
        var reference = await TestMissingEpisodes.RecordAsync(police, child, Monday, ct: Ct);
        var episode = await app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Reference == reference).Select(m => m.Id).SingleAsync(Ct));
        // An episode still running (no return) owes no interview yet.
        await TestMissingEpisodes.RecordAsync(police, child, Monday, TestMissingEpisodes.Body(Monday.AddHours(-2)), Ct);

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var line = (await WorkListAsync(practitioner))["Return home interviews owed"];
        Assert.Equal(("1", "/missing-episodes/interviews"), line);
        var list = await GetAsync(practitioner, line.Href);
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Equal([$"/children/{child}", $"/children/{child}/missing-episodes/{episode}"], row.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("2 days left", row.QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)Lantern.Auditing.AuditCode.ReturnInterviewsListed, Ct)));

        // The nurse has no involvement with the child: nothing counted, nothing listed.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal("None", (await WorkListAsync(nurse))["Return home interviews owed"].Count);
        Assert.Empty((await GetAsync(nurse, line.Href)).QuerySelectorAll("tbody tr"));

        // Past its time it is still owed, marked overdue; once done it leaves the list.
        app.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        Assert.Equal("Overdue by 1 hour", (await GetAsync(practitioner, line.Href)).QuerySelector("tbody tr .govuk-tag")!.TextContent.Trim());
        await app.WithDbAsync(async db =>
        {
            var owed = await db.MissingEpisodes.SingleAsync(m => m.Id == episode, Ct);
            db.Entry(owed).Property(m => m.InterviewStatus).CurrentValue = ReturnInterviewStatus.Done;
            await db.SaveChangesAsync(Ct);
            return 0;
        });
        Assert.Equal("None", (await WorkListAsync(practitioner))["Return home interviews owed"].Count);
        Assert.Contains("No return home interview is owed", (await GetAsync(practitioner, line.Href)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_Counts_AreNotAuditedReads()
    {
        await using var app = await StartAsync();
        var school = await SchoolAsync(app);
        await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Eva"), Ct);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync(Ct));
        var home = await GetAsync(practitioner, "/");
        Assert.Equal("Your work", home.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(before, await app.WithDbAsync(db => db.AuditEvents.CountAsync(Ct)));
        Assert.DoesNotContain("next releases", home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menu_UnreadMessages_CountedOnInboxUntilRead_AndTheCurrentPageMarked()
    {
        await using var app = await StartAsync();
        var school = await SchoolAsync(app);
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Uma"), Ct);
        await AllocateAsync(app, await app.SignInAsAsync(Role.TeamManager), reference, TestApp.DemoAccountFor(Role.Practitioner).Email);

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var inboxPage = await GetAsync(practitioner, "/inbox");
        var unread = inboxPage.QuerySelectorAll(".govuk-summary-card .govuk-tag").Length;
        Assert.True(unread > 0);
        var inboxLink = Menu(inboxPage).Single(a => a.GetAttribute("href") == "/inbox");
        Assert.Equal($"Inbox, {unread} unread", inboxLink.QuerySelector(".govuk-visually-hidden")?.TextContent);
        Assert.Equal($"{unread}", inboxLink.QuerySelector(".lantern-nav-count")?.TextContent);
        Assert.Equal("page", inboxLink.GetAttribute("aria-current"));
        Assert.Equal($"{unread}", (await WorkListAsync(practitioner))["Unread messages"].Count);

        // Only the current page is marked: the queue's parts are the queue; a page within the children's list is in it.
        var queue = await GetAsync(practitioner, "/front-door?show=mine");
        Assert.Equal(["/front-door"], Menu(queue).Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.GetAttribute("href")));
        Assert.Single(queue.QuerySelectorAll(".govuk-service-navigation__item--active"));
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        var record = await GetAsync(practitioner, $"/children/{child}");
        Assert.Equal(["/children"], Menu(record).Where(a => a.GetAttribute("aria-current") == "true").Select(a => a.GetAttribute("href")));
        var home = await GetAsync(practitioner, "/");
        Assert.Equal(["/"], Menu(home).Where(a => a.HasAttribute("aria-current")).Select(a => a.GetAttribute("href")));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(practitioner, "/inbox", new Dictionary<string, string>())).StatusCode);
        var read = await GetAsync(practitioner, "/inbox");
        Assert.Equal("Inbox", Menu(read).Single(a => a.GetAttribute("href") == "/inbox").TextContent.Trim());
        Assert.Equal("None", (await WorkListAsync(practitioner))["Unread messages"].Count);

        // The partnership's overdue list is its own item, not the front door's.
        var serviceManager = await app.SignInAsAsync(Role.ServiceManager);
        var overdue = await GetAsync(serviceManager, "/front-door/overdue");
        Assert.Equal(["/front-door/overdue"], Menu(overdue).Where(a => a.HasAttribute("aria-current")).Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Favicon_EveryPageNamesOne_AndItIsServedToAnyone()
    {
        await using var app = await StartAsync();
        var anonymous = app.CreateBrowserLikeClient();
        var signIn = await GetAsync(anonymous, "/sign-in");
        var icons = signIn.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Contains("/favicon.ico", icons);
        foreach (var icon in icons)
        {
            var response = await anonymous.GetAsync(new Uri(icon, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<IElement> Menu(IDocument page) => page.QuerySelectorAll("nav[aria-label=Menu] a");

    /// <summary>Involves the account's team with the child, with nobody named.</summary>
    private static Task<int> InvolveTeamAsync(TestApp app, Guid child, string email) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            db.Involvements.Add(Involvement.Start(new ChildId(child), user.AgencyId, user.TeamId, null, "Team", null, null, user.Id, app.Time.GetUtcNow()).Value);
            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>A screening of the child is asked for now, as a repeat-missing alert asks for one: due in a few working days.</summary>
    private static Task<int> RequestScreeningAsync(TestApp app, Guid child) =>
        app.WithDbAsync(async db =>
        {
            var record = await db.Children.SingleAsync(c => c.Id == new ChildId(child), Ct);
            record.RequestScreening(app.Time.GetUtcNow());
            return await db.SaveChangesAsync(Ct);
        });
}
