using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Features.Screenings;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Screenings;

/// <summary>
/// A practitioner screens a child: ticks indicators with their evidence, sees the supporting band,
/// chooses the level of concern; a level below the band needs a reason and a manager's review. The
/// next screening falls due three months on, or sooner when something new arrives, and a screening
/// not done in time climbs the escalation ladder. Fake clock.
/// </summary>
public sealed class ScreeningScenarios
{
    // Monday 23 November 2026, 10:00 GMT. Amira (born 14 May 2011) is 15.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database = TestDatabase.Sqlite)
    {
        var app = await TestApp.StartedAsync(database, Monday);
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<Guid> ChildAsync(TestApp app)
    {
        var reference = await TestReferrals.RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);
        return await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
    }

    private static Task<string> AgencyAsync(TestApp app, string name) =>
        app.WithDbAsync(async db => (await db.Agencies.Where(a => a.Name == name).Select(a => a.Id).SingleAsync(Ct)).ToString());

    /// <summary>Two harm indicators seen this month (score 10, moderate), from the police, with evidence.</summary>
    private static async Task<Dictionary<string, string>> TwoHarmIndicatorsAsync(TestApp app)
    {
        var police = await AgencyAsync(app, "Northbridge Police");
        return new()
        {
            ["Answers[cars-with-unknown-adults].Ticked"] = "true",
            ["Answers[cars-with-unknown-adults].ObservedOn"] = "20/11/2026",
            ["Answers[cars-with-unknown-adults].Agency"] = police,
            ["Answers[cars-with-unknown-adults].Evidence"] = "Seen by PCSO getting into a silver Astra, NB19 XKR, outside school",
            ["Answers[unexplained-money-or-gifts].Ticked"] = "true",
            ["Answers[unexplained-money-or-gifts].ObservedOn"] = "18/11/2026",
            ["Answers[unexplained-money-or-gifts].Agency"] = police,
            ["Answers[unexplained-money-or-gifts].ConcernOnly"] = "true",
            // The band the practitioner was shown before choosing.
            ["BandSeen"] = "Moderate",
        };
    }

    private static string NewPage(Guid child) => $"/children/{child}/screenings/new";

    private static async Task<string> SaveAsync(HttpClient client, Guid child, Dictionary<string, string> form)
    {
        var response = await TestApp.PostFormAsync(client, NewPage(child), form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Saving answered {(int)response.StatusCode}: {string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary())}");
        return response.Headers.Location!.OriginalString;
    }

    private static Task<List<Notification>> InboxAsync(TestApp app, string email) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            return await db.Notifications.Where(n => n.RecipientUserId == user.Id).OrderBy(n => n.CreatedAt).ToListAsync(Ct);
        });

    [Fact]
    public async Task Calculate_TwoCurrentHarmIndicators_ShowsModerateAndWhatDroveIt_StoresNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var response = await TestApp.PostFormAsync(practitioner, NewPage(child) + "?handler=Calculate", await TwoHarmIndicatorsAsync(app), formPage: NewPage(child));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var panel = page.QuerySelector("#supporting-band")!.TextContent;
        Assert.Contains("Supporting band: Moderate", panel, StringComparison.Ordinal);
        Assert.Contains("Score 10", panel, StringComparison.Ordinal);
        Assert.Contains("Seen getting into cars with unknown adults: 5", panel, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Screenings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Save_TickedIndicatorWithoutDateAgencyOrEvidence_NamesEachField_StoresNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var response = await TestApp.PostFormAsync(practitioner, NewPage(child), new Dictionary<string, string>
        {
            ["Answers[disclosure].Ticked"] = "true",
            ["Answers[absent-from-education].Ticked"] = "true",
            ["Answers[absent-from-education].ObservedOn"] = "31/11/2026",
            ["Answers[absent-from-education].Agency"] = Guid.NewGuid().ToString(),
            ["Answers[absent-from-education].Evidence"] = "Attendance 61% this term",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        // In the order of the page: the indicators (each field in its order), then the level.
        Assert.Equal(
            ["Answers_absent-from-education__ObservedOn", "Answers_absent-from-education__Agency", "Answers_disclosure__ObservedOn", "Answers_disclosure__Agency", "Answers_disclosure__Evidence", "ChosenLevel"],
            errors.Select(e => e.Target));
        Assert.Contains(errors, e => e.Message.StartsWith("Enter the date as day/month/year", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Screenings.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.Type == EntryType.Screening, Ct)));
    }

    [Fact]
    public async Task Save_BandNotSeenOrChangedSince_ShowsTheBandFirst_StoresNothing()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Moderate);
        form.Remove("BandSeen");

        var unseen = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, NewPage(child), form));

        var error = Assert.Single(unseen.ErrorSummary());
        Assert.Equal("ChosenLevel", error.Target);
        Assert.Contains("Look at the supporting band (moderate)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Supporting band: Moderate", unseen.QuerySelector("#supporting-band")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Moderate", unseen.QuerySelector("input[name=BandSeen]")!.GetAttribute("value"));

        // Seen as emerging, but a third harm indicator since makes it significant: shown again.
        form["BandSeen"] = "Emerging";
        var changed = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, NewPage(child), form));
        Assert.Contains("Look at the supporting band (moderate)", Assert.Single(changed.ErrorSummary()).Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Screenings.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("Emerging, Moderate")]
    [InlineData("moderate ")]
    public async Task Save_LevelNotByItsName_Refused(string level)
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = level;

        var response = await TestApp.PostFormAsync(practitioner, NewPage(child), form);

        Assert.Equal("ChosenLevel", Assert.Single((await Html.ParseAsync(response)).ErrorSummary()).Target);
        Assert.Equal(0, await app.WithDbAsync(db => db.Screenings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Save_LevelAtTheBand_NoReviewNeeded_ChildsLevelSet_OnTheChronologyAndAudited()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Significant);

        var page = await SaveAsync(practitioner, child, form);

        var screening = await app.WithDbAsync(db => db.Screenings.Include(s => s.Items).SingleAsync(Ct));
        Assert.Equal($"/children/{child}/screenings/{screening.Id}", page);
        Assert.Equal(LevelOfConcern.Moderate, screening.ComputedLevel);
        Assert.Equal(LevelOfConcern.Significant, screening.ChosenLevel);
        Assert.Equal(ScreeningReviewStatus.NotNeeded, screening.ReviewStatus);
        Assert.Equal(10m, screening.Score);
        var concernOnly = screening.Items.Single(i => i.IndicatorId == "unexplained-money-or-gifts");
        Assert.True(concernOnly.ConcernOnly);
        Assert.Null(concernOnly.Evidence);
        Assert.Equal(new DateOnly(2026, 11, 18), concernOnly.ObservedOn);
        Assert.Equal(LevelOfConcern.Significant, await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.LevelOfConcern).SingleAsync(Ct)));
        var entry = await app.WithDbAsync(db => db.ChronologyEntries.SingleAsync(e => e.Id == screening.ChronologyEntryId, Ct));
        Assert.Equal(EntryType.Screening, entry.Type);
        Assert.Contains("level of concern significant; supporting band moderate", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ScreeningRecorded && e.RecordId == screening.Id.ToString(), Ct)));

        // The page shows the level, the band and the evidence; viewing it is audited.
        var view = await Html.ParseAsync(await practitioner.GetAsync(new Uri(page, UriKind.Relative), Ct));
        Assert.Contains("Seen by PCSO getting into a silver Astra", view.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Concern only", view.Body.TextContent, StringComparison.Ordinal);
        Assert.Null(view.QuerySelector("#review"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ScreeningViewed, Ct)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Save_LevelBelowTheBand_NeedsAReason_ThenAwaitsTheManager_WhoSetsItHigher(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Emerging);

        // Without a reason: refused, naming the field and the band.
        var refused = await TestApp.PostFormAsync(practitioner, NewPage(child), form);
        var error = Assert.Single((await Html.ParseAsync(refused)).ErrorSummary());
        Assert.Equal("Reason", error.Target);
        Assert.Contains("lower than the supporting band (moderate)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Screenings.CountAsync(Ct)));

        form["Reason"] = "The Astra belongs to her uncle; the police have confirmed it. Gifts are from her grandmother.";
        var page = await SaveAsync(practitioner, child, form);

        var screening = await app.WithDbAsync(db => db.Screenings.SingleAsync(Ct));
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
        Assert.Equal(LevelOfConcern.Emerging, await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.LevelOfConcern).SingleAsync(Ct)));
        // The practitioner's team manager is told, with a link and no child's name.
        var told = Assert.Single(await InboxAsync(app, TestApp.DemoAccountFor(Role.TeamManager).Email));
        Assert.Equal(page, told.Link);
        Assert.DoesNotContain("Amira", told.Body, StringComparison.Ordinal);

        // The manager sees it waiting, and must give a note when setting another level.
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var list = await Html.ParseAsync(await manager.GetAsync(new Uri("/screenings", UriKind.Relative), Ct));
        Assert.Contains(list.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == page + "#review");
        var noNote = await TestApp.PostFormAsync(manager, page + "?handler=Review", new Dictionary<string, string> { ["Decision"] = "change", ["NewLevel"] = "Moderate" }, formPage: page);
        Assert.Equal(["Note"], (await Html.ParseAsync(noNote)).ErrorSummary().Select(e => e.Target));

        var reviewed = await TestApp.PostFormAsync(manager, page + "?handler=Review",
            new Dictionary<string, string> { ["Decision"] = "change", ["NewLevel"] = "Moderate", ["Note"] = "Uncle is not known to us; the gifts are not explained." }, formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        screening = await app.WithDbAsync(db => db.Screenings.SingleAsync(Ct));
        Assert.Equal(ScreeningReviewStatus.LevelChanged, screening.ReviewStatus);
        Assert.Equal(LevelOfConcern.Moderate, screening.Level);
        Assert.Equal(LevelOfConcern.Emerging, screening.ChosenLevel);
        Assert.Equal(LevelOfConcern.Moderate, await app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.LevelOfConcern).SingleAsync(Ct)));
        Assert.Single(await InboxAsync(app, TestApp.DemoAccountFor(Role.Practitioner).Email), n => n.Subject == "Your screening has been reviewed");
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ScreeningReviewed, Ct)));

        // Reviewed once only.
        var again = await TestApp.PostFormAsync(manager, page + "?handler=Review", new Dictionary<string, string> { ["Decision"] = "agree" }, formPage: page);
        Assert.Contains("already been reviewed", Assert.Single((await Html.ParseAsync(again)).ErrorSummary()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ByTheScreenerOrByAPractitioner_Refused()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.NoCurrentConcern);
        form["Reason"] = "Explained by family";
        var page = await SaveAsync(manager, child, form);

        var own = await TestApp.PostFormAsync(manager, page + "?handler=Review", new Dictionary<string, string> { ["Decision"] = "agree" }, formPage: page);
        Assert.Contains("Another manager must review", Assert.Single((await Html.ParseAsync(own)).ErrorSummary()).Message, StringComparison.Ordinal);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var byPractitioner = await TestApp.PostFormAsync(practitioner, page + "?handler=Review", new Dictionary<string, string> { ["Decision"] = "agree" }, formPage: page);
        Assert.Equal(HttpStatusCode.Forbidden, byPractitioner.StatusCode);
        Assert.Equal(ScreeningReviewStatus.Awaiting, await app.WithDbAsync(db => db.Screenings.Select(s => s.ReviewStatus).SingleAsync(Ct)));
    }

    [Fact]
    public async Task NewScreening_WhatTheRecordHolds_IsOfferedTickedWithItsSource()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var episode = await TestMissingEpisodes.RecordAsync(police, child, Monday, ct: Ct);
        var health = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        await PostEventAsync(health, child, "sexualHealthAttendance", Monday.AddDays(-10), "Attended the sexual health clinic with an adult who left when asked his name", []);
        await PostEventAsync(police, child, "policeIncident", Monday.AddDays(-20), "Stopped in a car at 2am", [("person", "Mo")]);
        // A police incident naming nobody is not offered.
        await PostEventAsync(police, child, "crime", Monday.AddDays(-5), "Shoplifting", []);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri(NewPage(child), UriKind.Relative), Ct));

        string[] ticked = [.. page.QuerySelectorAll("input[type=checkbox][name$='.Ticked'][checked]").Select(i => i.GetAttribute("name")!).Order(StringComparer.Ordinal)];
        Assert.Equal(["Answers[missing-or-home-late].Ticked", "Answers[police-contact-with-adults].Ticked", "Answers[sexual-health-concern].Ticked"], ticked);
        Assert.Contains($"Missing episode {episode}", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("People named: Mo", page.QuerySelector("textarea[name='Answers[police-contact-with-adults].Evidence']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(await AgencyAsync(app, "Northbridge NHS Foundation Trust"),
            page.QuerySelector("select[name='Answers[sexual-health-concern].Agency'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("13/11/2026", page.QuerySelector("input[name='Answers[sexual-health-concern].ObservedOn']")!.GetAttribute("value"));
    }

    private static async Task PostEventAsync(HttpClient agencySystem, Guid child, string type, DateTimeOffset at, string summary, (string Kind, string Value)[] links, Guid? supersedes = null)
    {
        var body = JsonSerializer.Serialize(new
        {
            occurredAt = at,
            type,
            significance = "significant",
            summary,
            author = "System test",
            links = links.Select(l => new { kind = l.Kind, value = l.Value }).ToArray(),
            supersedes,
            correctionReason = supersedes is null ? null : "Corrected by the sending system",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/events", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await agencySystem.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Rescreening_DueThreeMonthsOn_SoonerAfterANewPoliceIncident_AndEscalatesWhenMissed(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Moderate);
        await SaveAsync(practitioner, child, form);

        // The front door's social worker is involved, so an overdue screening is someone's to answer for.
        await app.WithDbAsync(async db =>
        {
            var worker = await db.Users.SingleAsync(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email, Ct);
            db.Involvements.Add(Involvement.Start(new ChildId(child), worker.AgencyId, worker.TeamId, worker.Id, "Social worker", null, null, worker.Id, app.Time.GetUtcNow()).Value);
            return await db.SaveChangesAsync(Ct);
        });

        // Screened Monday 23 November: next due Tuesday 23 February 2027 at 17:00.
        var history = await GetHistoryAsync(practitioner, child);
        Assert.Equal(new DateTimeOffset(2027, 2, 23, 17, 0, 0, TimeSpan.Zero), history.GetProperty("nextDueBy").GetDateTimeOffset());
        Assert.Equal("interval", history.GetProperty("nextDueReason").GetString());

        // Correcting an old entry is not something new.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero));
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var referralEntry = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.ChildId == new ChildId(child) && e.Type == EntryType.Referral).Select(e => e.Id).SingleAsync(Ct));
        await PostEventAsync(school, child, "referral", Monday.AddHours(-1), "Referral (corrected: the date of birth was wrong)", [], supersedes: referralEntry);
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        Assert.Equal("interval", (await GetHistoryAsync(practitioner, child)).GetProperty("nextDueReason").GetString());

        // A police incident recorded on Wednesday 25 November: due five working days later, Wednesday 2 December.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        await PostEventAsync(police, child, "policeIncident", app.Time.GetUtcNow().AddHours(-12), "Found in a car with two adults", [("person", "Daz")]);
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        history = await GetHistoryAsync(practitioner, child);
        var due = new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, history.GetProperty("nextDueBy").GetDateTimeOffset());
        Assert.Equal("newEvent", history.GetProperty("nextDueReason").GetString());
        var record = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct));
        Assert.Contains("Screening due by Wed 2 Dec 2026, 5:00pm", record.QuerySelector("#screening")!.TextContent.ReplaceLineEndings(" "), StringComparison.Ordinal);

        // A minute before, nothing; at the deadline the front-door team manager is told, once.
        app.Time.SetUtcNow(due.AddMinutes(-1));
        await app.RunScheduledWorkAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.EscalationSteps.CountAsync(s => s.Duty == ScreeningDuty.DutyKey, Ct)));
        app.Time.SetUtcNow(due.AddMinutes(1));
        await app.RunScheduledWorkAsync();
        await app.RunScheduledWorkAsync();
        var step = await app.WithDbAsync(db => db.EscalationSteps.SingleAsync(s => s.Duty == ScreeningDuty.DutyKey, Ct));
        Assert.Equal(EscalationLevel.TeamManager, step.Level);
        Assert.Equal(child, step.SubjectId);
        Assert.Equal(due, step.DutyDueBy);
        Assert.Contains(await InboxAsync(app, TestApp.DemoAccountFor(Role.TeamManager).Email), n => n.Subject.StartsWith("Exploitation screening overdue", StringComparison.Ordinal) && n.Link == $"/children/{child}");

        // Four working hours later (Thursday 13:00) the service manager; a working day after that (Friday 13:00) the head of service.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 13, 1, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager, EscalationLevel.HeadOfService],
            await app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Duty == ScreeningDuty.DutyKey).OrderBy(s => s.Level).Select(s => s.Level).ToListAsync(Ct)));
        Assert.Contains(await InboxAsync(app, TestApp.DemoAccountFor(Role.HeadOfService).Email), n => n.Subject.StartsWith("Escalated to head of service: exploitation screening SCR-", StringComparison.Ordinal));

        // Screening again stops the ladder and moves the next due date three months on.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        await SaveAsync(practitioner, child, form);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();
        Assert.Equal(3, await app.WithDbAsync(db => db.EscalationSteps.CountAsync(s => s.Duty == ScreeningDuty.DutyKey, Ct)));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        history = await GetHistoryAsync(practitioner, child);
        Assert.Equal(new DateTimeOffset(2027, 3, 4, 17, 0, 0, TimeSpan.Zero), history.GetProperty("nextDueBy").GetDateTimeOffset());
        Assert.Equal(2, history.GetProperty("screenings").GetArrayLength());
    }

    [Fact]
    public async Task Overdue_NobodyInvolved_ShownButNotEscalated()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Moderate);
        await SaveAsync(practitioner, child, form);

        app.Time.SetUtcNow(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();

        Assert.Equal(0, await app.WithDbAsync(db => db.EscalationSteps.CountAsync(s => s.Duty == ScreeningDuty.DutyKey, Ct)));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        var list = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/screenings", UriKind.Relative), Ct));
        Assert.Contains(list.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/children/{child}#screening");
    }

    [Fact]
    public async Task Save_ChildChangedMeanwhile_NamedProblem_NothingSaved()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var worker = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email, Ct));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var screenings = scope.ServiceProvider.GetRequiredService<Features.Screenings.Screenings>();
        var tracked = await db.Children.SingleAsync(c => c.Id == new ChildId(child), Ct);
        // Meanwhile a police system records a missing episode, say: the child's version moves on.
        await app.WithDbAsync(async other =>
        {
            (await other.Children.SingleAsync(c => c.Id == new ChildId(child), Ct)).RequestScreening(app.Time.GetUtcNow());
            return await other.SaveChangesAsync(Ct);
        });

        var saved = await screenings.SaveAsync(tracked, new Features.Screenings.ScreeningSubmission([], LevelOfConcern.Emerging, null),
            new Actor(worker.Id, worker.DisplayName, worker.Role, worker.AgencyId, AgencyKind.ChildrensSocialCare, worker.TeamId), Ct);

        Assert.Equal(FailureKind.Conflict, saved.Failure?.Kind);
        Assert.Contains("changed while you were screening", saved.Failure!.Title, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(other => other.Screenings.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(other => other.ChronologyEntries.CountAsync(e => e.Type == EntryType.Screening, Ct)));
    }

    [Fact]
    public async Task RepeatMissing_NeverScreened_AScreeningFallsDue()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        for (var i = 3; i >= 1; i--)
        {
            await TestMissingEpisodes.RecordAsync(police, child, Monday.AddDays(-10 * i), ct: Ct);
        }
        var practitioner = await app.SignInAsAsync(Role.Practitioner);

        var history = await GetHistoryAsync(practitioner, child);

        Assert.Equal("requested", history.GetProperty("nextDueReason").GetString());
        // Asked for on Monday 23 November: due Monday 30 November at 17:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), history.GetProperty("nextDueBy").GetDateTimeOffset());
        // The repeat-missing rule raises the band with nothing ticked.
        var calculated = await TestApp.PostFormAsync(practitioner, NewPage(child) + "?handler=Calculate", new Dictionary<string, string>(), formPage: NewPage(child));
        var panel = (await Html.ParseAsync(calculated)).QuerySelector("#supporting-band")!.TextContent;
        Assert.Contains("Supporting band: Moderate", panel, StringComparison.Ordinal);
        Assert.Contains("The child is a repeat missing child.", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_AgencySystem_OnlyWhenItsAgencyIsInvolved_AndOnlyItsOwnAgencysIndicators()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["Answers[sexual-health-concern].Ticked"] = "true";
        form["Answers[sexual-health-concern].ObservedOn"] = "10/11/2026";
        form["Answers[sexual-health-concern].Agency"] = await AgencyAsync(app, "Northbridge NHS Foundation Trust");
        form["Answers[sexual-health-concern].Evidence"] = "Chlamydia diagnosed at the clinic; attended with an adult man";
        form["BandSeen"] = "Significant";
        form["ChosenLevel"] = nameof(LevelOfConcern.Moderate);
        form["Reason"] = "Working closely with the family; safety plan in place";
        await SaveAsync(practitioner, child, form);
        var health = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        var url = new Uri($"/api/v1/children/{child}/screenings", UriKind.Relative);

        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(url, Ct)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var nhs = await db.Agencies.Include(a => a.Teams).SingleAsync(a => a.Name == "Northbridge NHS Foundation Trust", Ct);
            db.Involvements.Add(Involvement.Start(new ChildId(child), nhs.Id, nhs.Teams[0].Id, null, "School nurse", null, null, Guid.NewGuid(), app.Time.GetUtcNow()).Value);
            return await db.SaveChangesAsync(Ct);
        });
        var response = await health.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var only = Assert.Single(history.GetProperty("screenings").EnumerateArray().ToList());
        Assert.Equal("moderate", only.GetProperty("levelOfConcern").GetString());
        Assert.Equal("significant", only.GetProperty("supportingBand").GetString());
        // The police's evidence and the practitioner's reason are not the health system's to read.
        Assert.Equal(["sexual-health-concern"], only.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("indicator").GetString()));
        Assert.Equal(JsonValueKind.Null, only.GetProperty("reason").ValueKind);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ScreeningHistoryRead, Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == child.ToString(), Ct)));

        // A practitioner who may see the child reads everything.
        var full = (await GetHistoryAsync(practitioner, child)).GetProperty("screenings")[0];
        Assert.Equal(3, full.GetProperty("indicators").GetArrayLength());
        Assert.Equal("Working closely with the family; safety plan in place", full.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ChildsPage_ShowsTheLevelOverTime_AsATableTheChartIsDrawnFrom()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var form = await TwoHarmIndicatorsAsync(app);
        form["ChosenLevel"] = nameof(LevelOfConcern.Moderate);
        await SaveAsync(practitioner, child, form);
        app.Time.SetUtcNow(Monday.AddDays(20));
        practitioner = await app.SignInAsAsync(Role.Practitioner);
        form["ChosenLevel"] = nameof(LevelOfConcern.Significant);
        await SaveAsync(practitioner, child, form);

        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct));

        var rows = page.QuerySelectorAll("table[data-lantern-level-chart] tbody tr").ToList();
        Assert.Equal(["2026-11-23:3:3", "2026-12-13:4:3"], rows.Select(r => $"{r.GetAttribute("data-date")}:{r.GetAttribute("data-level")}:{r.GetAttribute("data-band")}"));
        Assert.Equal(["23 Nov 2026", "Moderate", "Moderate"], rows[0].QuerySelectorAll("td").Take(3).Select(c => c.TextContent.Trim()));
        Assert.Equal("true", page.QuerySelector("#level-chart")!.GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task OpenApi_DescribesTheHistory()
    {
        await using var app = await StartAsync();

        var document = await app.CreateBrowserLikeClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);

        var get = JsonDocument.Parse(document).RootElement.GetProperty("paths").GetProperty("/api/v1/children/{id}/screenings").GetProperty("get");
        Assert.Equal("GetScreenings", get.GetProperty("operationId").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
    }

    private static async Task<JsonElement> GetHistoryAsync(HttpClient client, Guid child)
    {
        var response = await client.GetAsync(new Uri($"/api/v1/children/{child}/screenings", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

}
