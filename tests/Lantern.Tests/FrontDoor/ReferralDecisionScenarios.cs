using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>The front door decides; a manager signs off what needs it; "consent" cannot close a child's referral.</summary>
public abstract class ReferralDecisionScenarios
{
    private readonly TestApp _app;

    protected ReferralDecisionScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> RaiseAsync() =>
        await TestReferrals.RaiseAsync(_app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string reference, string outcome, string rationale) =>
        TestApp.PostFormAsync(client, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = outcome,
            ["Decision.Rationale"] = rationale,
        }, formPage: $"/referrals/{reference}");

    private static Task<HttpResponseMessage> SignOffAsync(HttpClient client, string reference, string agree, string reason = "") =>
        TestApp.PostFormAsync(client, $"/referrals/{reference}?handler=SignOff", new Dictionary<string, string>
        {
            ["SignOffForm.Agree"] = agree,
            ["SignOffForm.Reason"] = reason,
        }, formPage: $"/referrals/{reference}");

    private Task<ReferralStatus> StatusAsync(string reference) =>
        _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct));

    [Theory]
    [InlineData("She is making her own choices and goes with him willingly.", "choices")]
    [InlineData("The relationship appears consensual.", "consensual")]
    [InlineData("This is a lifestyle she has chosen.", "lifestyle")]
    public async Task Decide_NoFurtherActionBecauseOfConsentOrChoice_IsRefusedSayingWhy(string rationale, string word)
    {
        var reference = await RaiseAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var response = await DecideAsync(practitioner, reference, nameof(ReferralOutcome.NoFurtherAction), rationale);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await Html.ParseAsync(response)).ErrorSummary().Single();
        Assert.Equal("Decision_Rationale", error.Target);
        Assert.Contains("A child cannot consent to their own exploitation", error.Message, StringComparison.Ordinal);
        Assert.Contains(word, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ReferralStatus.AwaitingDecision, await StatusAsync(reference));
    }

    [Fact]
    public async Task Decide_Empty_NamesOutcomeAndRationale()
    {
        var reference = await RaiseAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var errors = (await Html.ParseAsync(await DecideAsync(practitioner, reference, "", ""))).ErrorSummary();
        Assert.Equal(["Decision_Outcome", "Decision_Rationale"], errors.Select(e => e.Target));
    }

    [Fact]
    public async Task NoFurtherAction_OnAProfessionalsReferral_NeedsAnotherManagersSignOffBeforeItIsFinal()
    {
        var reference = await RaiseAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var decided = await DecideAsync(practitioner, reference, nameof(ReferralOutcome.NoFurtherAction),
            "Spoke to the school and police: the adult is her uncle, known to the family, and the concerns are explained. Advice given to the school.");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(ReferralStatus.AwaitingSignOff, await StatusAsync(reference));

        // The practitioner has no sign-off form; posting one anyway is refused.
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct));
        Assert.Null(page.QuerySelector("input[name='SignOffForm.Agree']"));
        var refused = await SignOffAsync(practitioner, reference, "yes");
        Assert.Contains("Only a team manager", (await Html.ParseAsync(refused)).ErrorSummary().Single().Message, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingSignOff, await StatusAsync(reference));

        var manager = await _app.SignInAsAsync(Role.TeamManager);
        Assert.Equal(HttpStatusCode.Redirect, (await SignOffAsync(manager, reference, "yes")).StatusCode);
        Assert.Equal(ReferralStatus.Decided, await StatusAsync(reference));
        var codes = await _app.WithDbAsync(db => db.AuditEvents.Where(e => e.RecordId == reference).Select(e => e.Code).ToListAsync(Ct));
        Assert.Contains((int)AuditCode.ReferralDecided, codes);
        Assert.Contains((int)AuditCode.ReferralSignedOff, codes);
    }

    [Fact]
    public async Task SignOff_ManagerSendsItBackWithAReason_TheFrontDoorSeesWhy()
    {
        var reference = await RaiseAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        await DecideAsync(practitioner, reference, nameof(ReferralOutcome.NoFurtherAction), "Parents are aware and protective; school will monitor.");
        var manager = await _app.SignInAsAsync(Role.ServiceManager);
        var noReason = await SignOffAsync(manager, reference, "no");
        Assert.Equal("SignOffForm_Reason", (await Html.ParseAsync(noReason)).ErrorSummary().Single().Target);
        Assert.Equal(HttpStatusCode.Redirect, (await SignOffAsync(manager, reference, "no", "Check police intelligence on the car before closing.")).StatusCode);
        Assert.Equal(ReferralStatus.AwaitingDecision, await StatusAsync(reference));
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct));
        Assert.Contains("Check police intelligence on the car before closing.", page.QuerySelector(".govuk-inset-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_StrategyDiscussion_IsFinalAtOnceAndLeavesTheQueue()
    {
        var reference = await RaiseAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        await DecideAsync(practitioner, reference, nameof(ReferralOutcome.StrategyDiscussion),
            "Reasonable cause to suspect significant harm: an adult is giving gifts and taking her away overnight.");
        Assert.Equal(ReferralStatus.Decided, await StatusAsync(reference));
        var queue = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        Assert.DoesNotContain(reference, queue.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocate_ByTheTeamManager_ShowsInTheQueueAndTellsTheWorker()
    {
        var reference = await RaiseAsync();
        var worker = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        var manager = await _app.SignInAsAsync(Role.TeamManager);
        var allocated = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=Allocate",
            new Dictionary<string, string> { ["AllocateTo"] = worker.ToString() }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, allocated.StatusCode);

        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var queue = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        var row = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        Assert.Equal("Tom Walsh", row.QuerySelectorAll("td")[^1].TextContent.Trim());
        var inbox = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/inbox", UriKind.Relative), Ct));
        Assert.Contains($"Referral {reference} allocated to you", inbox.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocate_ByAPractitionerOrToSomeoneOutsideTheFrontDoor_IsRefused()
    {
        var reference = await RaiseAsync();
        var police = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.PoliceInvestigator).Email).Select(u => u.Id).SingleAsync(Ct));
        var worker = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var byPractitioner = await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Allocate",
            new Dictionary<string, string> { ["AllocateTo"] = worker.ToString() }, formPage: $"/referrals/{reference}");
        Assert.Contains("Only a team manager", (await Html.ParseAsync(byPractitioner)).ErrorSummary().Single().Message, StringComparison.Ordinal);
        var manager = await _app.SignInAsAsync(Role.TeamManager);
        var toPolice = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=Allocate",
            new Dictionary<string, string> { ["AllocateTo"] = police.ToString() }, formPage: $"/referrals/{reference}");
        Assert.Equal(("Select who will work on this referral", "AllocateTo"), (await Html.ParseAsync(toPolice)).ErrorSummary().Single());
        Assert.Null(await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.AllocatedTo).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Referral_SeenByPoliceOrTheSchoolUser_IsNotFound()
    {
        var reference = await RaiseAsync();
        foreach (var role in new[] { Role.PoliceInvestigator, Role.Referrer, Role.HealthPractitioner })
        {
            var client = await _app.SignInAsAsync(role);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/referrals/{reference}", UriKind.Relative), Ct)).StatusCode);
        }
    }
}

public sealed class SqliteReferralDecisionScenarios(SqliteTestApp app) : ReferralDecisionScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresReferralDecisionScenarios(PostgresTestApp app) : ReferralDecisionScenarios(app), IClassFixture<PostgresTestApp>;
