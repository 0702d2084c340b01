using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;
using Lantern.Features.Investigations;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Investigations;

/// <summary>
/// A police system records crimes against children and the decisions on them. A decision not to prosecute an
/// allegation of sexual abuse or exploitation of a child opens a review by a senior investigating officer and the
/// exploitation team manager, due in 5 working days, escalating like every duty; the child's age on the day of the
/// alleged offence decides; nothing in a decision closes the child's protection. Fake clock; SQLite and PostgreSQL.
/// </summary>
public abstract class InvestigationScenarios
{
    protected abstract TestDatabase Database { get; }

    // Monday 23 November 2026, 10:00 GMT. Five working days on: Monday 30 November, 17:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReviewDue = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TestApp> StartAsync(DateTimeOffset? at = null)
    {
        var app = new TestApp(Database, at ?? Monday);
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    /// <summary>A school's referral opens the child's record (born <paramref name="born"/>); her id.</summary>
    private static async Task<Guid> ChildAsync(TestApp app, string born = "2011-05-14") =>
        await TestChildren.ReferredAsync(app, app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy")),
            System.Text.RegularExpressions.Regex.Replace(TestReferrals.ForUniqueChild("Inv"), "\"dateOfBirth\": \"[0-9-]+\"", $"\"dateOfBirth\": \"{born}\""), Ct);

    /// <summary>The police's senior investigating officer of the demo partnership: a team manager of the child exploitation unit.</summary>
    private static Data.DemoSeed.DemoAccount SeniorInvestigatingOfficer => Data.DemoSeed.Accounts.Single(a => a.Role == Role.TeamManager && a.Agency == "Northbridge Police");

    private static async Task<HttpClient> PoliceAsync(TestApp app) => app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));

    private static string CrimeBody(string offenceFrom = "2026-10-01", string reportedOn = "2026-11-02", string category = "sexualOffence", string outcomes = "") => $$"""
        { "crimeReference": "NB/26/004512", "offence": "Sexual activity with a child", "category": "{{category}}",
          "offenceFrom": "{{offenceFrom}}", "reportedOn": "{{reportedOn}}", "investigatingOfficer": "DC Sam Iqbal",
          "suspects": [ { "name": "Mo, older man, about 25" } ],
          "recordedBy": "PC Dan Moss"{{(outcomes.Length == 0 ? "" : ", \"outcomes\": [" + outcomes + "]")}} }
        """;

    private const string NoFurtherAction = """{ "type": "victimDoesNotSupport", "decidedOn": "2026-11-20", "reason": "She is too frightened to give a statement.", "decidedBy": "DI Jane Cole" }""";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Ct);
    }

    private static async Task<CrimeReceipt> RecordAsync(HttpClient police, Guid child, string body)
    {
        var response = await PostAsync(police, $"/api/v1/children/{child}/crimes", body, Guid.NewGuid().ToString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<CrimeReceipt>(Common.ApiJson.Options, Ct))!;
    }

    private static Task<List<EscalationStep>> StepsAsync(TestApp app, string reference) =>
        app.WithDbAsync(db => db.EscalationSteps.Where(s => s.Reference == reference).OrderBy(s => s.StepDueAt).ThenBy(s => s.Duty).ToListAsync(Ct));

    [Fact]
    public async Task RecordCrime_VictimDoesNotSupportOnSexualOffenceAgainstAChild_OpensReviewThatEscalatesUntilRecorded()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var receipt = await RecordAsync(await PoliceAsync(app), child, CrimeBody(outcomes: NoFurtherAction));

        var outcome = Assert.Single(receipt.Outcomes);
        Assert.Equal((CrimeOutcomeType.VictimDoesNotSupport, Decider.Police), (outcome.Type, outcome.DecidedBy));
        var review = Assert.IsType<ReviewReceipt>(outcome.Review);
        Assert.Equal((ReviewStatus.Due, ReviewDue), (review.Status, review.DueBy));
        Assert.Equal(CrimeStatus.Finalised, receipt.Status);
        // The exploitation team has no manager of its own in the demo partnership: children's social care's team managers are told.
        var opened = await app.InboxAsync(TestApp.DemoAccountFor(Role.TeamManager).Email, Ct);
        Assert.Contains(opened, n => n.Subject == $"Review due: decision not to prosecute {review.Reference}" && n.Body.Contains("protection continues", StringComparison.Ordinal));
        Assert.DoesNotContain(opened, n => n.Body.Contains("Amira", StringComparison.Ordinal) || n.Body.Contains("Inv", StringComparison.Ordinal));
        Assert.Contains(await app.InboxAsync(SeniorInvestigatingOfficer.Email, Ct), n => n.Subject == $"Review due: decision not to prosecute {review.Reference}");

        // Nothing before it is due; at the deadline both owners' ladders start; then the service manager and the head of service.
        app.Time.SetUtcNow(ReviewDue.AddMinutes(-1));
        await app.RunScheduledWorkAsync();
        Assert.Empty(await StepsAsync(app, review.Reference));
        app.Time.SetUtcNow(ReviewDue);
        await app.RunScheduledWorkAsync();
        var first = await StepsAsync(app, review.Reference);
        Assert.Equal([NoChargeReviewExploitationTeamDuty.DutyKey, NoChargeReviewPoliceDuty.DutyKey], first.Select(s => s.Duty).Order(StringComparer.Ordinal));
        Assert.All(first, s => Assert.Equal(EscalationLevel.TeamManager, s.Level));
        Assert.Equal(TestApp.DemoAccountFor(Role.TeamManager).DisplayName, first.Single(s => s.Duty == NoChargeReviewExploitationTeamDuty.DutyKey).Told);
        Assert.Equal(SeniorInvestigatingOfficer.DisplayName, first.Single(s => s.Duty == NoChargeReviewPoliceDuty.DutyKey).Told);
        await app.RunScheduledWorkAsync();
        Assert.Equal(2, (await StepsAsync(app, review.Reference)).Count);

        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();
        var steps = await StepsAsync(app, review.Reference);
        Assert.Contains(steps, s => s.Duty == NoChargeReviewExploitationTeamDuty.DutyKey && s.Level == EscalationLevel.HeadOfService);
        Assert.Contains(await app.InboxAsync(TestApp.DemoAccountFor(Role.HeadOfService).Email, Ct),
            n => n.Subject == $"Escalated to head of service: review of decision not to prosecute {review.Reference}");

        // A manager records the review (late): it is done, and the ladders stop.
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var page = $"/children/{child}/crimes";
        var id = await app.WithDbAsync(db => db.NoChargeReviews.Where(r => r.Reference == review.Reference).Select(r => new { r.Id, r.Version }).SingleAsync(Ct));
        var done = await TestApp.PostFormAsync(manager, page + "?handler=Review", new Dictionary<string, string>
        {
            ["Review.ReviewId"] = id.Id.ToString(),
            ["Review.Decision"] = nameof(ReviewDecision.ReopenInvestigation),
            ["Review.Findings"] = "Two other girls name the same man; her fear is the evidence of control. Reopen and seek an early advice file.",
        }, formPage: page);
        Assert.True(done.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(done)).ErrorSummary()));
        var stored = await app.WithDbAsync(db => db.NoChargeReviews.SingleAsync(r => r.Reference == review.Reference, Ct));
        Assert.Equal((ReviewStatus.Done, ReviewDecision.ReopenInvestigation, TestApp.DemoAccountFor(Role.TeamManager).DisplayName), (stored.Status, stored.Decision, stored.DoneByName));
        Assert.True(stored.IsLate(app.Time.GetUtcNow()));
        var crime = await app.WithDbAsync(db => db.Crimes.Include(c => c.Outcomes).SingleAsync(c => c.Reference == receipt.Reference, Ct));
        Assert.Equal(CrimeStatus.UnderInvestigation, crime.Status);
        Assert.Single(crime.Outcomes);
        var count = (await StepsAsync(app, review.Reference)).Count;
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 17, 0, 0, TimeSpan.Zero));
        await app.RunScheduledWorkAsync();
        Assert.Equal(count, (await StepsAsync(app, review.Reference)).Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.CrimeReopened && e.RecordId == receipt.Reference, Ct)));

        // The page shows the decisions and the review, done late.
        manager = await app.SignInAsAsync(Role.TeamManager);
        var shown = await manager.GetAsync(new Uri(page, UriKind.Relative), Ct);
        Assert.True(shown.StatusCode == HttpStatusCode.OK, $"{(int)shown.StatusCode}");
        var html = await Html.ParseAsync(shown);
        Assert.Equal("Crimes and charging decisions", html.Heading());
        Assert.Contains("Victim does not support action", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Done late", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgeAtOffence_AllegationMadeAt19AboutAbuseAt13_OpensReview()
    {
        // Born 1 June 2009: 17 when referred; 19 when she reports abuse from when she was 13.
        await using var app = await StartAsync();
        var child = await ChildAsync(app, "2009-06-01");
        app.Time.SetUtcNow(new DateTimeOffset(2028, 7, 3, 10, 0, 0, TimeSpan.Zero));
        var receipt = await RecordAsync(await PoliceAsync(app), child, CrimeBody(offenceFrom: "2022-09-01", reportedOn: "2028-06-20",
            outcomes: """{ "type": "prosecutorDeclinedToCharge", "decidedOn": "2028-06-30", "reason": "No realistic prospect of conviction.", "decidedBy": "CPS North" }"""));
        var outcome = Assert.Single(receipt.Outcomes);
        Assert.Equal(Decider.Prosecutor, outcome.DecidedBy);
        Assert.NotNull(outcome.Review);
        Assert.Equal(13, await app.WithDbAsync(db => db.CrimeVictims.Where(v => v.ChildId == new ChildId(child)).Select(v => v.AgeAtOffence).SingleAsync(Ct)));
    }

    [Fact]
    public async Task AgeAtOffence_AllegationMadeAt18AboutOffenceAt18_OpensNoReview()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app, "2009-06-01");
        app.Time.SetUtcNow(new DateTimeOffset(2027, 9, 6, 10, 0, 0, TimeSpan.Zero));
        var receipt = await RecordAsync(await PoliceAsync(app), child, CrimeBody(offenceFrom: "2027-07-10", reportedOn: "2027-07-12",
            outcomes: """{ "type": "policeNoFurtherAction", "decidedOn": "2027-09-01", "reason": "Insufficient evidence.", "decidedBy": "DI Jane Cole" }"""));
        Assert.Null(Assert.Single(receipt.Outcomes).Review);
        Assert.Equal(0, await app.WithDbAsync(db => db.NoChargeReviews.CountAsync(Ct)));
    }

    [Fact]
    public async Task AddOutcome_NoChargeAfterCharge_KeepsTheHistoryAndDoesNotCloseProtection()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        await TestChildren.InvolveAsync(app, child, TestApp.ExploitationWorker.Email, "Allocated social worker", Ct);
        var police = await PoliceAsync(app);
        var receipt = await RecordAsync(police, child, CrimeBody(category: "sexualExploitation",
            outcomes: """{ "type": "charged", "decidedOn": "2026-11-10", "decidedBy": "CPS North" }"""));
        Assert.Null(Assert.Single(receipt.Outcomes).Review);
        var before = await app.WithDbAsync(async db => (
            Involvements: await db.Involvements.CountAsync(i => i.ChildId == new ChildId(child) && i.EndedAt == null, Ct),
            Level: await db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.LevelOfConcern).SingleAsync(Ct),
            Alerts: await db.Alerts.CountAsync(Ct)));

        var key = Guid.NewGuid().ToString();
        const string Discontinued = """{ "type": "prosecutionDiscontinued", "decidedOn": "2026-11-20", "reason": "The victim withdrew her support.", "decidedBy": "CPS North", "recordedBy": "PC Dan Moss" }""";
        var added = await PostAsync(police, $"/api/v1/children/{child}/crimes/{receipt.Reference}/outcomes", Discontinued, key);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var after = (await added.Content.ReadFromJsonAsync<CrimeReceipt>(Common.ApiJson.Options, Ct))!;
        Assert.Equal([CrimeOutcomeType.Charged, CrimeOutcomeType.ProsecutionDiscontinued], after.Outcomes.Select(o => o.Type));
        Assert.NotNull(after.Outcomes[1].Review);

        // The same request again: the first answer, nothing more stored.
        var again = await PostAsync(police, $"/api/v1/children/{child}/crimes/{receipt.Reference}/outcomes", Discontinued, key);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, await app.WithDbAsync(db => db.CrimeOutcomes.CountAsync(Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.NoChargeReviews.CountAsync(Ct)));

        // The child's protection is untouched: her involvements, her level of concern, her alerts.
        var now = await app.WithDbAsync(async db => (
            Involvements: await db.Involvements.CountAsync(i => i.ChildId == new ChildId(child) && i.EndedAt == null, Ct),
            Level: await db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.LevelOfConcern).SingleAsync(Ct),
            Alerts: await db.Alerts.CountAsync(Ct)));
        Assert.Equal(before, now);
        Assert.True(before.Involvements > 0);
    }

    [Fact]
    public async Task RecordCrime_SameKeyTwice_StoresOneCrime_AndBadBodyNamesTheField()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var police = await PoliceAsync(app);
        var key = Guid.NewGuid().ToString();
        var body = CrimeBody(outcomes: NoFurtherAction);
        var first = await PostAsync(police, $"/api/v1/children/{child}/crimes", body, key);
        var second = await PostAsync(police, $"/api/v1/children/{child}/crimes", body, key);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await app.WithDbAsync(db => db.Crimes.CountAsync(Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.NoChargeReviews.CountAsync(Ct)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(police, $"/api/v1/children/{child}/crimes", CrimeBody(), key)).StatusCode);

        // The same police reference sent again under a new key: 409 naming the crime it is, nothing stored.
        var again = await PostAsync(police, $"/api/v1/children/{child}/crimes", CrimeBody(), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var conflict = JsonDocument.Parse(await again.Content.ReadAsStringAsync(Ct));
        var title = conflict.RootElement.GetProperty("title").GetString()!;
        Assert.Contains("NB/26/004512", title, StringComparison.Ordinal);
        Assert.Contains((await app.WithDbAsync(db => db.Crimes.SingleAsync(Ct))).Reference, title, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Crimes.CountAsync(Ct)));

        // A decision not to prosecute without its reason, and no category: 400 naming both, nothing stored.
        var bad = await PostAsync(police, $"/api/v1/children/{child}/crimes",
            CrimeBody(outcomes: """{ "type": "policeNoFurtherAction", "decidedOn": "2026-11-20", "decidedBy": "DI Jane Cole" }""").Replace("\"category\": \"sexualOffence\",", "", StringComparison.Ordinal),
            Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("category", fields);
        Assert.Contains("outcomes[0].reason", fields);
        Assert.Equal(1, await app.WithDbAsync(db => db.Crimes.CountAsync(Ct)));
    }

    [Fact]
    public async Task AnotherAgency_CannotSeeOrAddToACrime_AndOnlyPoliceRecordCrimes()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var receipt = await RecordAsync(await PoliceAsync(app), child, CrimeBody());
        var health = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        Assert.Equal(HttpStatusCode.NotFound, (await health.GetAsync(new Uri($"/api/v1/children/{child}/crimes/{receipt.Reference}", UriKind.Relative), Ct)).StatusCode);
        var outcome = """{ "type": "policeNoFurtherAction", "decidedOn": "2026-11-20", "reason": "None.", "decidedBy": "Nobody", "recordedBy": "Nurse" }""";
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(health, $"/api/v1/children/{child}/crimes/{receipt.Reference}/outcomes", outcome, Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(health, $"/api/v1/children/{child}/crimes", CrimeBody(), Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.CrimeOutcomes.CountAsync(Ct)));
        // The police system reads back its own crime.
        Assert.Equal(HttpStatusCode.OK, (await (await PoliceAsync(app)).GetAsync(new Uri($"/api/v1/children/{child}/crimes/{receipt.Reference}", UriKind.Relative), Ct)).StatusCode);
        // A practitioner with no involvement does not see the child's crimes page.
        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri($"/children/{child}/crimes", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task RecordOutcomeOnPage_NoReasonForNoFurtherAction_ErrorSummaryNamesTheField()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        var receipt = await RecordAsync(await PoliceAsync(app), child, CrimeBody());
        await TestChildren.InvolveAsync(app, child, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var officer = await app.SignInAsAsync(Role.PoliceInvestigator);
        var crime = await app.WithDbAsync(db => db.Crimes.Where(c => c.Reference == receipt.Reference).Select(c => new { c.Id, c.Version }).SingleAsync(Ct));
        var page = $"/children/{child}/crimes";
        var fields = new Dictionary<string, string>
        {
            ["Outcome.CrimeId"] = crime.Id.ToString(),
            ["Outcome.Type"] = nameof(CrimeOutcomeType.PoliceNoFurtherAction),
            ["Outcome.DecidedOn"] = "2026-11-20",
            ["Outcome.DecidedBy"] = "DI Jane Cole",
        };
        var refused = await TestApp.PostFormAsync(officer, page + "?handler=Outcome", fields, formPage: page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await Html.ParseAsync(refused)).ErrorSummary();
        Assert.Contains(summary, e => e.Target == "Outcome_Reason");
        Assert.Equal(0, await app.WithDbAsync(db => db.CrimeOutcomes.CountAsync(Ct)));

        fields["Outcome.Reason"] = "Insufficient evidence at this time.";
        var saved = await TestApp.PostFormAsync(officer, page + "?handler=Outcome", fields, formPage: page);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(saved)).ErrorSummary()));
        Assert.Equal(1, await app.WithDbAsync(db => db.NoChargeReviews.CountAsync(Ct)));
    }

    [Fact]
    public async Task Import_NoChargeDecisionOf2008_OpensItsReviewOnItsOwnDays_ShownNotDoneUnlessTheLineGivesIt()
    {
        await using var app = await StartAsync();
        string[] lines =
        [
            """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""",
            """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""",
            """{"type":"child","id":"C-1","givenName":"Leah","familyName":"Quarmby","dateOfBirth":"1993-04-02"}""",
            """{"type":"child","id":"C-2","givenName":"Kayleigh","familyName":"Brear","dateOfBirth":"1992-09-30"}""",
            """{"type":"person","id":"P-1","name":"Tariq Raza","role":"suspect"}""",
            """{"type":"crime","id":"CR-1","crimeReference":"NB/08/1234","offence":"Sexual activity with a child","category":"sexualOffence","offenceFrom":"2008-03-14","reportedOn":"2008-03-20","victims":["C-1"],"suspects":[{"person":"P-1"}],"outcomes":[{"type":"prosecutorDeclinedToCharge","decidedOn":"2008-06-02","reason":"The complainant was not thought credible.","decidedBy":"CPS North"}]}""",
            """{"type":"referral","id":"R-1","child":"C-1","receivedAt":"2008-02-01T10:00:00Z","whatHappened":"Seen getting into cars with older men.","concerns":["sexualExploitation"],"decision":{"outcome":"noFurtherAction","decidedAt":"2008-02-04T15:00:00Z","decidedBy":"Duty manager","rationale":"Police informed."}}""",
            """{"type":"crime","id":"CR-2","crimeReference":"NB/08/1299","offence":"Rape of a child under 16","category":"sexualOffence","offenceFrom":"2008-05-01","reportedOn":"2008-05-02","victims":["C-2"],"suspects":[{"name":"Boss"}],"outcomes":[{"type":"policeNoFurtherAction","decidedOn":"2008-07-01","reason":"Victim unwilling.","decidedBy":"DI Holt","review":{"decision":"decisionStands","doneOn":"2008-07-04","doneBy":"DCI Marsh","findings":"Reviewed with the exploitation team; safeguarding plan continues."}}]}""",
        ];
        var summary = await TestImports.ImportAsync(app, lines, Ct);
        Assert.True(summary.Skipped == 0, string.Join("; ", summary.Errors.Select(e => $"{e.Line} {e.Field}: {e.Message}")));

        var reviews = await app.WithDbAsync(db => db.NoChargeReviews.Where(r => r.CrimeId != null).OrderBy(r => r.OpenedAt).ToListAsync(Ct));
        Assert.Equal(2, reviews.Count);
        // The referral closed with no further action in February 2008 opened the same review, not done either.
        var referral = await app.WithDbAsync(db => db.NoChargeReviews.SingleAsync(r => r.ReferralReference != null, Ct));
        Assert.Equal((ReviewStatus.NotDone, new DateOnly(2008, 2, 11)), (referral.Status, DateOnly.FromDateTime(referral.DueBy.UtcDateTime)));
        // Due five working days after the decision, in 2008: 9 June 2008 at the cut-off; none recorded, so not done.
        Assert.Equal(new DateOnly(2008, 6, 9), DateOnly.FromDateTime(reviews[0].DueBy.UtcDateTime));
        Assert.Equal(ReviewStatus.NotDone, reviews[0].Status);
        Assert.Contains("extract", reviews[0].NotDoneReason, StringComparison.Ordinal);
        Assert.True(reviews[0].IsLate(app.Time.GetUtcNow()));
        // The second review was done, in time, by whom the line says.
        Assert.Equal((ReviewStatus.Done, "DCI Marsh"), (reviews[1].Status, reviews[1].DoneByName));
        Assert.False(reviews[1].IsLate(app.Time.GetUtcNow()));
        // Leah was 14 then (the rule reads her age on the day of the offence, not today's 33).
        Assert.Equal(14, await app.WithDbAsync(db => db.CrimeVictims.Where(v => v.CrimeId == reviews[0].CrimeId).Select(v => v.AgeAtOffence).SingleAsync(Ct)));

        // Nothing from 2008 is escalated today; loading the same file again changes nothing.
        await app.RunScheduledWorkAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.EscalationSteps.CountAsync(Ct)));
        var again = await TestImports.ImportAsync(app, lines, Ct);
        Assert.Equal(0, again.Taken);
        Assert.Equal(2, await app.WithDbAsync(db => db.Crimes.CountAsync(Ct)));
    }

    [Fact]
    public async Task ReferralAboutSexualExploitationClosedWithNoFurtherAction_OpensTheSameReview()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Nfa"), Ct);
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = $"/referrals/{reference}";
        var decided = await TestApp.PostFormAsync(practitioner, page + "?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = "NoFurtherAction",
            ["Decision.Rationale"] = "Information shared with police; no further action by children's social care at this stage.",
        }, formPage: page);
        Assert.True(decided.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(decided)).ErrorSummary()));
        // Waiting for a manager's sign-off: no review yet.
        Assert.Equal(0, await app.WithDbAsync(db => db.NoChargeReviews.CountAsync(Ct)));
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var signed = await TestApp.PostFormAsync(manager, page + "?handler=SignOff", new Dictionary<string, string> { ["SignOffForm.Agree"] = "yes" }, formPage: page);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var review = await app.WithDbAsync(db => db.NoChargeReviews.SingleAsync(Ct));
        Assert.Equal((reference, ReviewStatus.Due, (Guid?)null), (review.ReferralReference, review.Status, review.CrimeId));
    }

    [Fact]
    public async Task SuspectsRecord_ListsTheCrimesTheReaderMaySee()
    {
        await using var app = await StartAsync();
        var child = await ChildAsync(app);
        // The referral named "Mo": the network holds him as a person.
        var person = await app.WithDbAsync(db => db.Persons.Select(p => p.Id).SingleAsync(Ct));
        var receipt = await RecordAsync(await PoliceAsync(app), child,
            CrimeBody(outcomes: NoFurtherAction).Replace("""{ "name": "Mo, older man, about 25" }""", $$"""{ "personId": "{{person}}" }""", StringComparison.Ordinal));
        Assert.Equal(person, await app.WithDbAsync(db => db.CrimeSuspects.Select(s => s.PersonId).SingleAsync(Ct)));

        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        var page = await Html.ParseAsync(await frontDoor.GetAsync(new Uri($"/network/persons/{person}", UriKind.Relative), Ct));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Crimes as a suspect");
        Assert.Contains(receipt.Reference, table.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/children/{child}/crimes#crime-{receipt.Reference}", table.QuerySelector("a")!.GetAttribute("href"));
        // An analyst sees the person but not the child: the crime is not listed.
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var seen = await analyst.GetAsync(new Uri($"/network/persons/{person}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        var theirs = await Html.ParseAsync(seen);
        Assert.DoesNotContain(receipt.Reference, theirs.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheCrimeEndpoints()
    {
        await using var app = await StartAsync();
        var document = await app.CreateBrowserLikeClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        var record = paths.GetProperty("/api/v1/children/{id}/crimes").GetProperty("post");
        Assert.Equal("RecordCrime", record.GetProperty("operationId").GetString());
        Assert.True(record.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(paths.GetProperty("/api/v1/children/{id}/crimes/{reference}/outcomes").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));
        Assert.Contains("victimDoesNotSupport", document, StringComparison.Ordinal);
    }
}

public sealed class SqliteInvestigationScenarios : InvestigationScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresInvestigationScenarios : InvestigationScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
