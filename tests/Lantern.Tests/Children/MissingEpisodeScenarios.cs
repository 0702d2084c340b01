using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Features.MissingEpisodes;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Children;

/// <summary>
/// A child goes missing and comes back: the episode joins the chronology, the return starts the return
/// home interview's clock (72 hours), an interview not done in time climbs the same ladder as a
/// referral decision, and a third episode in 90 days raises the repeat-missing alert. Fake clock. Each
/// scenario starts an app of its own at its own time; they run on SQLite and PostgreSQL.
/// </summary>
public abstract class MissingEpisodeScenarios
{
    /// <summary>The database every scenario of the subclass runs on.</summary>
    protected abstract TestDatabase Database { get; }

    // Monday 23 November 2026, 10:00 GMT (no summer time): the child came back now.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SundayEvening = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DueThursday = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ServiceManagerThursday = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset HeadOfServiceFriday = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestApp> StartAsync(int? interviewHours = null)
    {
        var app = new TestApp(Database, Monday);
        if (interviewHours is { } hours)
        {
            app.Settings["Lantern:Children:ReturnInterviewHours"] = hours.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    /// <summary>A referral from the school opens the child's record; returns the child's id.</summary>
    private static async Task<Guid> ChildAsync(TestApp app) =>
        await TestChildren.ReferredAsync(app, app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);

    private static Dictionary<string, string> EpisodeForm(bool returned = true) => new()
    {
        ["Input.Kind"] = nameof(MissingKind.Missing),
        ["Input.MissingFrom"] = "22/11/2026 20:00",
        ["Input.ReportedAt"] = "22/11/2026 22:30",
        ["Input.ReportedBy"] = "Mother",
        ["Input.RiskGrading"] = nameof(PoliceRiskGrading.High),
        ["Input.ReturnedAt"] = returned ? "23/11/2026 10:00" : "",
        ["Input.FoundWhere"] = returned ? "Flat above the Canal Street takeaway" : "",
        ["Input.FoundWith"] = returned ? "Two older men" : "",
        ["Input.People"] = returned ? "Mo\nDaz" : "",
        ["Input.Vehicles"] = returned ? "NB19 XKR silver Astra" : "",
        ["Input.Places"] = returned ? "Canal Street takeaway" : "",
    };

    /// <summary>Records an episode through the page; returns the episode page's path.</summary>
    private static async Task<string> RecordThroughPageAsync(HttpClient client, Guid child, Dictionary<string, string>? form = null)
    {
        var response = await TestApp.PostFormAsync(client, $"/children/{child}/missing-episodes/new", form ?? EpisodeForm());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Recording answered {(int)response.StatusCode}: {string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary())}");
        return response.Headers.Location!.OriginalString;
    }

    private static Task<HttpResponseMessage> InterviewAsync(HttpClient client, string page, Dictionary<string, string> fields) =>
        TestApp.PostFormAsync(client, page + "?handler=Interview", fields, formPage: page);

    private static async Task<Dictionary<string, string>> WithVersionAsync(TestApp app, string page, Dictionary<string, string> fields, string prefix)
    {
        var id = Guid.Parse(page.Split('/')[^1]);
        var version = await app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(Ct));
        fields[prefix + ".Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fields;
    }

    private static Task<MissingEpisode> EpisodeAsync(TestApp app, string page)
    {
        var id = Guid.Parse(page.Split('/')[^1]);
        return app.WithDbAsync(db => db.MissingEpisodes.SingleAsync(m => m.Id == id, Ct));
    }

    private static Task<List<EscalationStep>> StepsAsync(TestApp app, string reference) =>
        app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Reference == reference).OrderBy(s => s.Level).ToListAsync(Ct));

    private static Task<List<Notification>> InboxAsync(TestApp app, string email) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            return await db.Notifications.Where(n => n.RecipientUserId == user.Id).OrderBy(n => n.CreatedAt).ToListAsync(Ct);
        });

    private static Task<int> AddInvolvementAsync(TestApp app, Guid child, string email, string role) =>
        TestChildren.InvolveAsync(app, child, email, role, Ct);

    [Fact]
    public async Task RecordThroughPage_EveryRequiredFieldMissing_NamesEachFieldAndStoresNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var response = await TestApp.PostFormAsync(practitioner, $"/children/{child}/missing-episodes/new", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal(["Input_Kind", "Input_MissingFrom", "Input_ReportedAt", "Input_ReportedBy"], errors.Select(e => e.Target));
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.Type == EntryType.MissingEpisode, Ct)));
    }

    [Fact]
    public async Task RecordThroughPage_ReturnPartlyGivenAndUnreadableTime_NamesTheFields()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = EpisodeForm();
        form["Input.ReturnedAt"] = "";
        form["Input.MissingFrom"] = "last Sunday";

        var response = await TestApp.PostFormAsync(practitioner, $"/children/{child}/missing-episodes/new", form);

        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal(["Input_MissingFrom", "Input_ReturnedAt"], errors.Select(e => e.Target));
        Assert.Contains("as a date and time", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
    }

    [Fact]
    public async Task RecordThroughApi_EveryRequiredFieldMissing_400NamingEachField_AndStoresNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var keysBefore = await app.WithDbAsync(db => db.IdempotencyRecords.CountAsync(Ct));

        var response = await TestMissingEpisodes.PostAsync(police, child, "{}", Guid.NewGuid().ToString(), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["kind", "missingFrom", "recordedBy", "reportedAt", "reportedBy"], fields);
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        Assert.Equal(keysBefore, await app.WithDbAsync(db => db.IdempotencyRecords.CountAsync(Ct)));
    }

    [Fact]
    public async Task ReturnedMonday10am_InterviewDueThursday10am_NotDoneInTime_ClimbsTheLadderEachStepOnce()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var page = await RecordThroughPageAsync(practitioner, child);

        var episode = await EpisodeAsync(app, page);
        Assert.Matches("^MIS-[0-9A-HJKMNP-TV-Z]{10}$", episode.Reference);
        Assert.Equal(Monday, episode.ReturnedAt);
        Assert.Equal(DueThursday, episode.InterviewDueBy);
        Assert.Equal(ReturnInterviewStatus.Due, episode.InterviewStatus);
        // The episode is on the chronology, critical because the police graded it high risk, with who she was found with.
        var entry = await app.WithDbAsync(db => db.ChronologyEntries.Include(e => e.Mentions).SingleAsync(e => e.Id == episode.ChronologyEntryId, Ct));
        Assert.Equal(EntryType.MissingEpisode, entry.Type);
        Assert.Equal(Significance.Critical, entry.Significance);
        Assert.Equal(SundayEvening, entry.OccurredAt);
        Assert.Equal(["Person: Daz", "Person: Mo", "Place: Canal Street takeaway", "Vehicle: NB19 XKR silver Astra"],
            entry.Mentions.Select(l => $"{l.Kind}: {l.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.MissingEpisodeRecorded && e.RecordId == episode.Reference, Ct)));

        // A minute before it is due nothing happens.
        app.Time.SetUtcNow(DueThursday.AddMinutes(-1));
        await app.RunScheduledWorkAsync();
        Assert.Empty(await StepsAsync(app, episode.Reference));

        // Due: the team manager, with the reference and a link to the episode, never the child's name.
        app.Time.SetUtcNow(DueThursday);
        await app.RunScheduledWorkAsync();
        var step = Assert.Single(await StepsAsync(app, episode.Reference));
        Assert.Equal((ReturnInterviewDuty.DutyKey, EscalationLevel.TeamManager, episode.Id), (step.Duty, step.Level, step.SubjectId));
        Assert.Equal(TestApp.DemoAccountFor(Role.TeamManager).DisplayName, step.Told);
        var told = (await InboxAsync(app, TestApp.DemoAccountFor(Role.TeamManager).Email)).Single(n => n.Subject.Contains(episode.Reference, StringComparison.Ordinal));
        Assert.Equal($"Return home interview overdue: {episode.Reference}", told.Subject);
        Assert.Equal(page, told.Link);
        await app.RunScheduledWorkAsync();
        Assert.Single(await StepsAsync(app, episode.Reference));

        // Four working hours later, the service manager; a working day after that, the head of service.
        app.Time.SetUtcNow(ServiceManagerThursday.AddMinutes(-1));
        await app.RunScheduledWorkAsync();
        Assert.Single(await StepsAsync(app, episode.Reference));
        app.Time.SetUtcNow(ServiceManagerThursday);
        await app.RunScheduledWorkAsync();
        app.Time.SetUtcNow(HeadOfServiceFriday);
        await app.RunScheduledWorkAsync();
        var steps = await StepsAsync(app, episode.Reference);
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager, EscalationLevel.HeadOfService], steps.Select(s => s.Level));
        Assert.Equal([DueThursday, ServiceManagerThursday, HeadOfServiceFriday], steps.Select(s => s.StepDueAt));
        Assert.Contains(await InboxAsync(app, TestApp.DemoAccountFor(Role.HeadOfService).Email), n => n.Subject == $"Escalated to head of service: return home interview {episode.Reference}");
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.EscalationRaised && e.RecordId == episode.Reference, Ct)));

        var mails = Directory.GetFiles(Path.Combine(app.DataDir, "mail-pickup"), "*.eml").Select(File.ReadAllText)
            .Where(m => m.Contains(episode.Reference, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.DoesNotContain("Amira", m, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("Khan", m, StringComparison.Ordinal));

        // The episode page shows the clock as overdue and who was told (a fresh sign-in: days have passed).
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        var shown = await Html.ParseAsync(await practitioner.GetAsync(new Uri(page, UriKind.Relative), Ct));
        Assert.Contains("Return home interview due by Thu 26 Nov 2026, 10:00am", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Overdue by", shown.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredReturnInterviewHours48_ReturnedMonday10am_DueWednesday10am()
    {
        await using var app = await StartAsync(interviewHours: 48);
        var child = await ChildAsync(app);
        var page = await RecordThroughPageAsync(await app.SignInAsAsync(Role.Practitioner), child);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), (await EpisodeAsync(app, page)).InterviewDueBy);
    }

    [Theory]
    [InlineData("Done")]
    [InlineData("Declined")]
    [InlineData("NotDone")]
    public async Task InterviewClosedInTime_NothingEscalates(string answer)
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await RecordThroughPageAsync(practitioner, child);

        app.Time.SetUtcNow(Monday.AddHours(30));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        var offered = await InterviewAsync(practitioner, page, await WithVersionAsync(app, page, new() { ["Interview.Answer"] = "Offered" }, "Interview"));
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var closed = await InterviewAsync(practitioner, page, await WithVersionAsync(app, page, new()
        {
            ["Interview.Answer"] = answer,
            ["Interview.Reason"] = answer == "Done" ? "" : "She would only talk to her own social worker, who saw her the same day.",
            ["Interview.Findings"] = answer == "Done" ? "She was taken to a flat by Mo and given alcohol; she did not want to go home because of arguments." : "",
            ["Interview.PushFactors"] = answer == "Done" ? "Arguments at home" : "",
            ["Interview.PullFactors"] = answer == "Done" ? "Gifts and attention from Mo" : "",
            ["Interview.People"] = answer == "Done" ? "Mo" : "",
            ["Interview.Places"] = answer == "Done" ? "Flat above the Canal Street takeaway" : "",
        }, "Interview"));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var episode = await EpisodeAsync(app, page);
        Assert.Equal(Enum.Parse<ReturnInterviewStatus>(answer), episode.InterviewStatus);
        Assert.False(episode.InterviewOutstanding);
        Assert.Equal(2, episode.Version);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ReturnInterviewUpdated && e.RecordId == episode.Reference, Ct)));
        var interview = await app.WithDbAsync(db => db.ChronologyEntries.Include(e => e.Mentions).SingleAsync(e => e.Type == EntryType.ReturnInterview, Ct));
        if (answer == "Done")
        {
            Assert.Contains("Pull factors: Gifts and attention from Mo", interview.Summary, StringComparison.Ordinal);
            Assert.Equal(["Person: Mo", "Place: Flat above the Canal Street takeaway"], interview.Mentions.Select(l => $"{l.Kind}: {l.Value}").Order(StringComparer.Ordinal));
        }

        app.Time.SetUtcNow(HeadOfServiceFriday.AddDays(3));
        await app.RunScheduledWorkAsync();
        Assert.Empty(await StepsAsync(app, episode.Reference));
    }

    [Fact]
    public async Task InterviewDeclinedWithoutReason_NamesTheReason_AndChangesNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await RecordThroughPageAsync(practitioner, child);

        var response = await InterviewAsync(practitioner, page, await WithVersionAsync(app, page, new() { ["Interview.Answer"] = "Declined" }, "Interview"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("Say why the child declined the interview", "Interview_Reason")], (await Html.ParseAsync(response)).ErrorSummary());
        Assert.Equal(ReturnInterviewStatus.Due, (await EpisodeAsync(app, page)).InterviewStatus);

        // A stale form (someone else changed the episode meanwhile) is refused rather than overwriting.
        var stale = await InterviewAsync(practitioner, page, new() { ["Interview.Answer"] = "Offered", ["Interview.Version"] = "7" });
        Assert.Contains("Someone else updated this episode", (await Html.ParseAsync(stale)).ErrorSummary().Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotReturnedYet_NoClock_ReturnRecordedLater_StartsTheClockAndReplacesTheChronologyEntry()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await RecordThroughPageAsync(practitioner, child, EpisodeForm(returned: false));
        var episode = await EpisodeAsync(app, page);
        Assert.Equal((ReturnInterviewStatus.NotReturned, (DateTimeOffset?)null), (episode.InterviewStatus, episode.InterviewDueBy));

        app.Time.SetUtcNow(Monday.AddHours(5));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        var returned = await TestApp.PostFormAsync(practitioner, page + "?handler=Return", await WithVersionAsync(app, page, new()
        {
            ["Return.ReturnedAt"] = "23/11/2026 14:30",
            ["Return.FoundWhere"] = "Northbridge bus station",
            ["Return.People"] = "Mo",
        }, "Return"), formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        episode = await EpisodeAsync(app, page);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero), episode.InterviewDueBy);
        Assert.Equal(1, episode.Version);
        var entries = await app.WithDbAsync(db => db.ChronologyEntries.Include(e => e.Mentions).Where(e => e.Type == EntryType.MissingEpisode).OrderBy(e => e.RecordedAt).ToListAsync(Ct));
        Assert.Equal(2, entries.Count);
        Assert.Equal(entries[1].Id, entries[0].SupersededById);
        Assert.Contains("Northbridge bus station", entries[1].Summary, StringComparison.Ordinal);
        Assert.Equal("Mo", Assert.Single(entries[1].Mentions).Value);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.MissingEpisodeUpdated && e.RecordId == episode.Reference, Ct)));
    }

    [Fact]
    public async Task ThirdEpisodeIn90Days_RaisesOneAlert_AsksForScreening_AndTellsTheSocialWorkerAndExploitationTeam()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        await AddInvolvementAsync(app, child, TestApp.DemoAccountFor(Role.Practitioner).Email, "Allocated social worker");
        await AddInvolvementAsync(app, child, TestApp.DemoAccountFor(Role.HealthPractitioner).Email, "School nurse");
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var now = app.Time.GetUtcNow();

        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-80), now.AddDays(-79)), Ct);
        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-30), now.AddDays(-29)), Ct);
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(Ct)));

        var third = await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-1)), Ct);

        var alert = await app.WithDbAsync(db => db.Alerts.SingleAsync(Ct));
        Assert.Equal(("RepeatMissing", now, (DateTimeOffset?)null), (alert.Rule, alert.RaisedAt, alert.ClosedAt));
        Assert.Equal(now, await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.ScreeningRequestedAt).SingleAsync(Ct)));
        var socialWorker = Assert.Single(await InboxAsync(app, TestApp.DemoAccountFor(Role.Practitioner).Email), n => n.Subject.StartsWith("Repeat missing", StringComparison.Ordinal));
        Assert.Equal($"Repeat missing: {third}", socialWorker.Subject);
        Assert.DoesNotContain("Amira", socialWorker.Body, StringComparison.Ordinal);
        Assert.Single(await InboxAsync(app, TestApp.ExploitationWorker.Email), n => n.Subject == $"Repeat missing: {third}");
        // The nurse is involved, but the alert is for children's social care.
        Assert.DoesNotContain(await InboxAsync(app, TestApp.DemoAccountFor(Role.HealthPractitioner).Email), n => n.Subject.StartsWith("Repeat missing", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RepeatMissingAlertRaised, Ct)));

        // A fourth while the alert is open raises nothing more.
        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddHours(-5)), Ct);
        Assert.Equal(1, await app.WithDbAsync(db => db.Alerts.CountAsync(Ct)));
        Assert.Single(await InboxAsync(app, TestApp.ExploitationWorker.Email), n => n.Subject.StartsWith("Repeat missing", StringComparison.Ordinal));

        // The child's record shows the alert through the summary the child's page includes.
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var episodePage = await app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Reference == third).Select(m => m.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync(new Uri($"/children/{child}/missing-episodes/{episodePage}", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task ThreeEpisodesSpreadOverMoreThan90Days_NoAlert()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var now = app.Time.GetUtcNow();

        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-95), now.AddDays(-94)), Ct);
        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-45), now.AddDays(-44)), Ct);
        await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-1)), Ct);

        Assert.Equal(3, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(Ct)));
        Assert.Null(await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.ScreeningRequestedAt).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData(Role.PoliceInvestigator)]
    [InlineData(Role.HealthPractitioner)]
    public async Task PractitionerWithoutInvolvement_GetsNotFoundForEveryPage_AndTheAttemptIsAudited(Role role)
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var page = await RecordThroughPageAsync(await app.SignInAsAsync(Role.Practitioner), child);
        var outsider = await app.SignInAsAsync(role);
        var before = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == child.ToString(), Ct));

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(new Uri(page, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(new Uri($"/children/{child}/missing-episodes/new", UriKind.Relative), Ct)).StatusCode);
        var posted = await TestApp.PostFormAsync(outsider, page + "?handler=Interview", new Dictionary<string, string> { ["Interview.Answer"] = "Offered" }, formPage: "/");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(before + 3, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == child.ToString() && e.Outcome == AuditOutcome.Denied, Ct)));
        Assert.Equal(ReturnInterviewStatus.Due, (await EpisodeAsync(app, page)).InterviewStatus);

        // With an involvement the same practitioner sees the child's episodes.
        await AddInvolvementAsync(app, child, TestApp.DemoAccountFor(role).Email, "Involved");
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync(new Uri(page, UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task EpisodeOfAnotherChild_IsNotFound_AndAudited()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await RecordThroughPageAsync(practitioner, child);
        var other = await TestReferrals.RaiseThroughPagesAsync(await app.SignInAsAsync(Role.Referrer), "Leah", "Marsh");
        var otherChild = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == other).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        var episodeId = page.Split('/')[^1];

        var response = await practitioner.GetAsync(new Uri($"/children/{otherChild}/missing-episodes/{episodeId}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == episodeId, Ct)));
    }

    [Fact]
    public async Task Api_SameKeyAndBody_SameAnswerAndOneEpisode_ThenTheReturn_AlsoIdempotent()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var body = TestMissingEpisodes.Body(SundayEvening);

        var first = await TestMissingEpisodes.PostAsync(police, child, body, "episode-1", Ct);
        var again = await TestMissingEpisodes.PostAsync(police, child, body, "episode-1", Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(receipt.ToString(), (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).ToString());
        Assert.Equal("notReturned", receipt.GetProperty("interviewStatus").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync(Ct)));
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Equal($"/api/v1/children/{child}/missing-episodes/{reference}", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await TestMissingEpisodes.PostAsync(police, child, TestMissingEpisodes.Body(SundayEvening.AddHours(-1)), "episode-1", Ct)).StatusCode);

        async Task<HttpResponseMessage> ReturnAsync(string key, string returnBody)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/missing-episodes/{reference}/return", UriKind.Relative))
            {
                Content = new StringContent(returnBody, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await police.SendAsync(request, Ct);
        }
        var invalid = await ReturnAsync("return-0", """{ "returnedAt": "2026-11-22T10:00:00Z" }""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["foundWhere", "recordedBy", "returnedAt"], errors);

        const string back = """{ "returnedAt": "2026-11-23T10:00:00Z", "foundWhere": "Northbridge bus station", "recordedBy": "PC Dan Moss" }""";
        var returned = await ReturnAsync("return-1", back);
        var replayed = await ReturnAsync("return-1", back);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        var answer = await returned.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(DueThursday, answer.GetProperty("interviewDueBy").GetDateTimeOffset());
        Assert.Equal("due", answer.GetProperty("interviewStatus").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await ReturnAsync("return-2", back)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.MissingEpisodeUpdated, Ct)));

        var read = await police.GetAsync(new Uri($"/api/v1/children/{child}/missing-episodes/{reference}", UriKind.Relative), Ct);
        Assert.Equal(DueThursday, (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("interviewDueBy").GetDateTimeOffset());
    }

    [Fact]
    public async Task Api_UnknownChild_404ProblemDetails_AndAudited()
    {
        await using var app = await StartAsync();
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var unknown = Guid.NewGuid();

        var response = await TestMissingEpisodes.PostAsync(police, unknown, TestMissingEpisodes.Body(SundayEvening), "k", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == unknown.ToString(), Ct)));
    }
}

public sealed class SqliteMissingEpisodeScenarios : MissingEpisodeScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresMissingEpisodeScenarios : MissingEpisodeScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}

/// <summary>The missing-episode settings are checked before anyone relies on the clock; no database needed.</summary>
public sealed class MissingEpisodeSettingsTests
{
    [Fact]
    public void BadSetting_IsRefusedWhenTheOptionsAreRead_NamingTheSetting()
    {
        // The app reads these options before it starts serving (and ValidateOnStart checks them again), so a bad one stops the start.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Lantern:Children:ReturnInterviewHours", "0")]).Build();
        using var services = new ServiceCollection().AddMissingEpisodes(configuration).BuildServiceProvider();

        var problem = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChildRecordOptions>>().Value);
        Assert.Contains("Lantern:Children:ReturnInterviewHours", problem.Message, StringComparison.Ordinal);
    }
}
