using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Lantern.Auditing;
using Lantern.Domain.Children;
using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Language;

/// <summary>
/// The language guard on save: a chronology entry or a decision with victim-blaming wording is sent
/// back once with each phrase, its reason and alternatives; the practitioner changes the wording or
/// keeps it with a note, and what they did is recorded. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class LanguageReviewScenarios
{
    private const string Blaming = "Seen at the flat again. She is making her own choices and has an older boyfriend.";

    private readonly TestApp _app;

    protected LanguageReviewScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A referral about a child nobody else has referred, so each scenario has its own record.</summary>
    private async Task<(Guid Child, string Reference)> ReferNewChildAsync()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Lena"), Ct);
        var child = await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId).SingleAsync(Ct));
        return (child!.Value.Value, reference);
    }

    private Task<HttpResponseMessage> AddEntryAsync(HttpClient client, Guid child, string summary, IDictionary<string, string>? language = null)
    {
        var today = _app.Time.GetUtcNow();
        var fields = new Dictionary<string, string>
        {
            ["Input.Day"] = today.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.Month"] = today.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.Year"] = today.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.Type"] = nameof(EntryType.CaseNote),
            ["Input.Significance"] = nameof(Significance.Significant),
            ["Input.Summary"] = summary,
        };
        foreach (var (key, value) in language ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }
        return TestApp.PostFormAsync(client, $"/children/{child}/entries/new", fields);
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string reference, ReferralOutcome outcome, string rationale, IDictionary<string, string>? language = null)
    {
        var fields = new Dictionary<string, string> { ["Decision.Outcome"] = outcome.ToString(), ["Decision.Rationale"] = rationale };
        foreach (var (key, value) in language ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }
        return TestApp.PostFormAsync(client, $"/referrals/{reference}?handler=Decide", fields, formPage: $"/referrals/{reference}");
    }

    /// <summary>The review a refused page asks the practitioner to answer.</summary>
    private static string ReviewOf(IDocument page) =>
        page.QuerySelector("input[name='Language.Review']")?.GetAttribute("value") ?? throw new InvalidOperationException("The page asks nothing about the wording");

    private static Dictionary<string, string> Keep(string review, string note) => new()
    {
        ["Language.Review"] = review,
        ["Language.Keep"] = "true",
        ["Language.Note"] = note,
    };

    private Task<int> EntriesAsync(Guid child, string summary) =>
        _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.ChildId == new ChildId(child) && e.Summary == summary, Ct));

    private Task<List<LanguageFindingRecord>> FindingsAsync(string review) =>
        _app.WithDbAsync(db => db.LanguageFindings.AsNoTracking().Where(f => f.ReviewId == Guid.Parse(review)).OrderBy(f => f.EntryId).ToListAsync(Ct));

    [Fact]
    public async Task AddEntry_WithVictimBlamingWording_SentBackWithEachPhraseItsReasonAndAlternatives_NothingSaved()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);

        var response = await AddEntryAsync(practitioner, child, Blaming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var error = Assert.Single(page.ErrorSummary());
        Assert.Equal("Input_Summary", error.Target);
        Assert.Equal("What happened has wording that can put the blame on the child (\u201Cmaking her own choices\u201D, \u201Colder boyfriend\u201D): change it, or keep it and say why", error.Message);

        // Below the field, each phrase with the guard's own reason and alternatives, read out with the field.
        var expected = LanguageGuard.Shipped.Check(Blaming);
        var panel = page.QuerySelector("#Input_Summary-language")!;
        Assert.Equal("polite", panel.GetAttribute("aria-live"));
        Assert.Contains("Input_Summary-language", page.QuerySelector("#Input_Summary")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        var items = panel.QuerySelectorAll(".lantern-language-guard__list > li");
        Assert.Equal(expected.Count, items.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal($"\u201C{expected[i].Phrase}\u201D", items[i].QuerySelector("mark")!.TextContent);
            Assert.Contains(expected[i].Reason, items[i].TextContent, StringComparison.Ordinal);
            Assert.Equal(expected[i].Alternatives, items[i].QuerySelectorAll("ul li").Select(li => li.TextContent));
            Assert.Equal(expected[i].Severity.ToString(), items[i].QuerySelector(".govuk-tag")!.TextContent);
        }
        Assert.NotNull(page.QuerySelector("input[type=checkbox][name='Language.Keep']"));
        Assert.Equal(Blaming, page.QuerySelector("#Input_Summary")!.TextContent);

        Assert.Equal(0, await EntriesAsync(child, Blaming));
        var review = ReviewOf(page);
        var findings = await FindingsAsync(review);
        Assert.Equal(["adult-relationship", "own-choices"], findings.Select(f => f.EntryId));
        var practitionerAccount = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email)
            .Select(u => new { u.Id, u.AgencyId, u.TeamId }).SingleAsync(Ct));
        Assert.All(findings, f =>
        {
            Assert.Equal(LanguageFindingOutcome.NotYetSaved, f.Outcome);
            Assert.Equal(practitionerAccount.Id, f.UserId);
            Assert.Equal(practitionerAccount.AgencyId, f.AgencyId);
            Assert.Equal(practitionerAccount.TeamId, f.TeamId);
            Assert.Equal("chronology-entry", f.Form);
            Assert.Equal("Input.Summary", f.Field);
            Assert.Null(f.RecordId);
        });
        var audited = await _app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.LanguageWordingChallenged && e.RecordId == review, Ct));
        // Which phrases, by entry id: never the text.
        Assert.Equal("chronology-entry: Input.Summary own-choices, adult-relationship", audited.Reason);
    }

    [Fact]
    public async Task KeepWording_WithoutANote_RefusedWithAnErrorOnTheNoteNamingTheField()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var review = ReviewOf(await Html.ParseAsync(await AddEntryAsync(practitioner, child, Blaming)));

        var response = await AddEntryAsync(practitioner, child, Blaming, Keep(review, "  "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var error = Assert.Single(page.ErrorSummary());
        Assert.Equal("Language_Note", error.Target);
        Assert.Equal("Say why you are keeping the wording in \u2018What happened\u2019", error.Message);
        Assert.NotNull(page.QuerySelector("#Language_Note-error"));
        Assert.True(page.QuerySelector("#Language_Keep")!.HasAttribute("checked"));
        Assert.Equal(review, ReviewOf(page));
        Assert.Equal(0, await EntriesAsync(child, Blaming));
        Assert.All(await FindingsAsync(review), f => Assert.Equal(LanguageFindingOutcome.NotYetSaved, f.Outcome));
    }

    [Fact]
    public async Task KeepWording_WithANote_EntrySaved_TheKeptWordingAndTheNoteStoredWithIt()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var review = ReviewOf(await Html.ParseAsync(await AddEntryAsync(practitioner, child, Blaming)));

        var response = await AddEntryAsync(practitioner, child, Blaming, Keep(review, "Her mother's words at the visit; to be quoted at the strategy meeting."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = await _app.WithDbAsync(db => db.ChronologyEntries.SingleAsync(e => e.ChildId == new ChildId(child) && e.Summary == Blaming, Ct));
        var findings = await FindingsAsync(review);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.Equal(LanguageFindingOutcome.KeptWithNote, f.Outcome);
            Assert.Equal("Her mother's words at the visit; to be quoted at the strategy meeting.", f.KeptNote);
            Assert.Equal("ChronologyEntry", f.RecordType);
            Assert.Equal(entry.Id.ToString(), f.RecordId);
            // PostgreSQL keeps microseconds.
            Assert.Equal(_app.Time.GetUtcNow(), f.ResolvedAt!.Value, TimeSpan.FromMilliseconds(1));
        });
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.LanguageWordingKept && e.RecordId == entry.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task ChangeWording_AfterItWasSentBack_EntrySaved_CountedAsChangedBeforeSaving()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var review = ReviewOf(await Html.ParseAsync(await AddEntryAsync(practitioner, child, Blaming)));
        const string Rewritten = "Seen at the flat again. A man of about 25 is grooming her; she is being exploited.";

        var response = await AddEntryAsync(practitioner, child, Rewritten, new Dictionary<string, string> { ["Language.Review"] = review });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await EntriesAsync(child, Rewritten));
        var findings = await FindingsAsync(review);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(LanguageFindingOutcome.ChangedBeforeSaving, f.Outcome));
        Assert.All(findings, f => Assert.Null(f.KeptNote));
    }

    [Fact]
    public async Task KeepWording_ANewPhraseWrittenSinceItWasSentBack_SentBackAgain_NothingSaved()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var review = ReviewOf(await Html.ParseAsync(await AddEntryAsync(practitioner, child, "She is making her own choices.")));
        const string More = "She is making her own choices. She is putting herself at risk.";

        // The note covers only what was shown: a phrase added since must be shown first.
        var response = await AddEntryAsync(practitioner, child, More, Keep(review, "Quoting the police log."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single((await Html.ParseAsync(response)).ErrorSummary());
        Assert.Equal("Input_Summary", error.Target);
        Assert.Contains("\u201Cputting herself at risk\u201D", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesAsync(child, More));
        Assert.Equal(["own-choices", "putting-self-at-risk"], (await FindingsAsync(review)).Select(f => f.EntryId));

        Assert.Equal(HttpStatusCode.Redirect, (await AddEntryAsync(practitioner, child, More, Keep(review, "Quoting the police log."))).StatusCode);
        Assert.All(await FindingsAsync(review), f => Assert.Equal(LanguageFindingOutcome.KeptWithNote, f.Outcome));
    }

    [Fact]
    public async Task KeepWording_SomeoneElsesReview_NotHonoured_StartsAReviewOfTheirOwn()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var review = ReviewOf(await Html.ParseAsync(await AddEntryAsync(practitioner, child, Blaming)));

        var manager = await _app.SignInAsAsync(Role.TeamManager);
        var response = await AddEntryAsync(manager, child, Blaming, Keep(review, "Not mine to keep."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(review, ReviewOf(await Html.ParseAsync(response)));
        Assert.Equal(0, await EntriesAsync(child, Blaming));
        Assert.All(await FindingsAsync(review), f => Assert.Equal(LanguageFindingOutcome.NotYetSaved, f.Outcome));
    }

    [Fact]
    public async Task Decide_NoFurtherActionRestingOnChoice_RefusedOutright_NoKeepingOffered_EvenWhenAskedFor()
    {
        var (_, reference) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        const string Rationale = "She is making her own choices; no further action.";

        var response = await DecideAsync(practitioner, reference, ReferralOutcome.NoFurtherAction, Rationale);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var error = Assert.Single(page.ErrorSummary());
        Assert.Equal("Decision_Rationale", error.Target);
        Assert.StartsWith("A child cannot consent to their own exploitation", error.Message, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Language.Keep']"));
        Assert.Contains("making her own choices", page.QuerySelector("#Decision_Rationale-language")!.TextContent, StringComparison.Ordinal);

        var insisted = await DecideAsync(practitioner, reference, ReferralOutcome.NoFurtherAction, Rationale, Keep(ReviewOf(page), "I am sure."));
        Assert.Equal(HttpStatusCode.OK, insisted.StatusCode);
        Assert.StartsWith("A child cannot consent", Assert.Single((await Html.ParseAsync(insisted)).ErrorSummary()).Message, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingDecision, await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Decide_WordingKeptWithANote_DecisionRecorded_TheNoteStoredAgainstTheReferral()
    {
        var (_, reference) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        const string Rationale = "To the exploitation team: staff say she is putting herself at risk at the flat.";

        var sentBack = await Html.ParseAsync(await DecideAsync(practitioner, reference, ReferralOutcome.ExploitationTeam, Rationale));
        var error = Assert.Single(sentBack.ErrorSummary());
        Assert.Equal("Decision_Rationale", error.Target);
        Assert.StartsWith("The reason for your decision has wording that can put the blame on the child", error.Message, StringComparison.Ordinal);
        var review = ReviewOf(sentBack);

        var decided = await DecideAsync(practitioner, reference, ReferralOutcome.ExploitationTeam, Rationale, Keep(review, "The staff's words, recorded as said."));

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(ReferralStatus.Decided, await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.Status).SingleAsync(Ct)));
        var finding = Assert.Single(await FindingsAsync(review));
        Assert.Equal("putting-self-at-risk", finding.EntryId);
        Assert.Equal(LanguageFindingOutcome.KeptWithNote, finding.Outcome);
        Assert.Equal("The staff's words, recorded as said.", finding.KeptNote);
        Assert.Equal(("Referral", reference, "referral-decision", "Decision.Rationale"), (finding.RecordType, finding.RecordId, finding.Form, finding.Field));
    }

    [Fact]
    public async Task RecordMissingEpisode_FoundWithWordingKeptWithANote_EpisodeRecorded_TheNoteStoredAgainstTheEpisode()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var form = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Missing",
            ["Input.MissingFrom"] = "22/11/2026 20:00",
            ["Input.ReportedAt"] = "22/11/2026 22:30",
            ["Input.ReportedBy"] = "Mother",
            ["Input.RiskGrading"] = "High",
            ["Input.ReturnedAt"] = "23/11/2026 10:00",
            ["Input.FoundWhere"] = "Flat above the Canal Street takeaway",
            ["Input.FoundWith"] = "Her older boyfriend and his friends.",
        };
        var path = $"/children/{child}/missing-episodes/new";

        var sentBack = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, path, form));
        var error = Assert.Single(sentBack.ErrorSummary());
        Assert.Equal("Input_FoundWith", error.Target);
        Assert.StartsWith("Who was the child found with? has wording that can put the blame on the child (\u201Colder boyfriend\u201D)", error.Message, StringComparison.Ordinal);
        var review = ReviewOf(sentBack);
        var recorded = await TestApp.PostFormAsync(practitioner, path, new Dictionary<string, string>(form)
        {
            ["Language.Review"] = review,
            ["Language.Keep"] = "true",
            ["Language.Note"] = "As the police log puts it; he is 26.",
        });

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var episode = await _app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.ChildId == new ChildId(child)).Select(m => m.Reference).SingleAsync(Ct));
        var finding = Assert.Single(await FindingsAsync(review));
        Assert.Equal((LanguageFindingOutcome.KeptWithNote, "MissingEpisode", episode, "As the police log puts it; he is 26."),
            (finding.Outcome, finding.RecordType, finding.RecordId, finding.KeptNote));
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.LanguageWordingKept && e.RecordId == episode, Ct)));
    }
}

public sealed class SqliteLanguageReviewScenarios(SqliteTestApp app) : LanguageReviewScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresLanguageReviewScenarios(PostgresTestApp app) : LanguageReviewScenarios(app), IClassFixture<PostgresTestApp>;
