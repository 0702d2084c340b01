using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Features.Chronology;
using Lantern.Features.MissingEpisodes;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Children;

/// <summary>
/// The long forms about a child save themselves while the practitioner types: adding a chronology entry
/// (or correcting one), recording a missing episode, and updating the return home interview. What was
/// typed is put back when the form is opened again, is its owner's alone, and goes when the form is
/// submitted or cleared or after 30 days. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ChildFormDraftScenarios
{
    private readonly TestApp _app;

    protected ChildFormDraftScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Summary = "Seen getting into a silver car with Mo outside the Canal Street takeaway at 22:00.";

    /// <summary>A referral about a child nobody else has referred (a unique name), so each scenario has its own record.</summary>
    private static async Task<Guid> ReferNewChildAsync(TestApp app)
    {
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Zara"), Ct);
        return await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
    }

    /// <summary>A missing episode the police recorded with the return, so its return home interview is due; answers the episode's page.</summary>
    private static async Task<string> EpisodeWithInterviewDueAsync(TestApp app, Guid child)
    {
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var reference = await TestMissingEpisodes.RecordAsync(police, child, app.Time.GetUtcNow(), ct: Ct);
        var id = await app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Reference == reference).Select(m => m.Id).SingleAsync(Ct));
        return $"/children/{child}/missing-episodes/{id}";
    }

    private static string EntryPage(Guid child) => $"/children/{child}/entries/new";

    private static string Handler(string page, string handler) => page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;

    /// <summary>What the page's script sends while the person types.</summary>
    private static Task<HttpResponseMessage> AutosaveAsync(HttpClient client, string page, Dictionary<string, string> fields, string? formPage = null) =>
        TestApp.PostFormInBackgroundAsync(client, Handler(page, "Autosave"), fields, formPage ?? page);

    private static async Task<IDocument> OpenAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(new Uri(page, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    /// <summary>The notice a restored form shows, or null.</summary>
    private static string? RestoredNotice(IDocument page) =>
        page.QuerySelector("[aria-labelledby='draft-restored-title'] .govuk-notification-banner__heading")?.TextContent.Trim();

    /// <summary>A field's value as the page shows it: a text box's value or a text area's text.</summary>
    private static string? Field(IDocument page, string id) =>
        page.GetElementById(id) is { } field ? field.LocalName == "textarea" ? field.TextContent.Trim() : field.GetAttribute("value") : null;

    private static Task<Guid> UserIdAsync(TestApp app, Role role) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(role).Email).Select(u => u.Id).SingleAsync(Ct));

    private static Task<List<FormDraft>> DraftsAsync(TestApp app, string formKey) =>
        app.WithDbAsync(db => db.FormDrafts.AsNoTracking().Where(d => d.FormKey == formKey).ToListAsync(Ct));

    private static Task<int> AuditCountAsync(TestApp app, AuditCode code, string recordId) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code && e.RecordId == recordId, Ct));

    private string ClockTime(DateTimeOffset at) => _app.Services.GetRequiredService<WorkingDayCalendar>().UkClockTime(at);

    /// <summary>A complete entry, as the form posts it: it happened yesterday.</summary>
    private Dictionary<string, string> CompleteEntry()
    {
        var yesterday = _app.Time.GetUtcNow().AddDays(-1);
        return new()
        {
            ["Input.Day"] = yesterday.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.Month"] = yesterday.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.Year"] = yesterday.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.Type"] = "CaseNote",
            ["Input.Significance"] = "Significant",
            ["Input.Summary"] = Summary,
            ["Input.People"] = "Mo",
        };
    }

    [Fact]
    public async Task AddEntry_TypedAndAPause_SavedAndAudited_ThenRestoredWithTheTimeItWasSaved()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var key = NewEntryModel.DraftKey(child, corrects: null);
        var savedAt = _app.Time.GetUtcNow();

        // Half typed: the day of the date only, the summary and a name.
        var saved = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Day"] = "3", ["Input.Summary"] = Summary, ["Input.People"] = "Mo" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(ClockTime(savedAt), (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("savedAt").GetString());
        var draft = Assert.Single(await DraftsAsync(_app, key));
        Assert.Equal(await UserIdAsync(_app, Role.Practitioner), draft.OwnerId);
        Assert.Equal(1, await AuditCountAsync(_app, AuditCode.FormDraftSaved, key));

        // The script also asks when nothing changed (the page being hidden): no write, no audit.
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        var unchanged = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Day"] = "3", ["Input.Summary"] = Summary, ["Input.People"] = "Mo" });
        Assert.Equal(ClockTime(savedAt), (await unchanged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("savedAt").GetString());
        Assert.Equal(1, await AuditCountAsync(_app, AuditCode.FormDraftSaved, key));
        Assert.Equal(draft.Version, Assert.Single(await DraftsAsync(_app, key)).Version);

        // Opened again ten minutes later: the fields are put back, and the notice says when they were saved.
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var page = await OpenAsync(practitioner, EntryPage(child));
        Assert.Equal($"We restored what you were typing at {ClockTime(savedAt)}", RestoredNotice(page));
        Assert.Equal(Summary, Field(page, "Input_Summary"));
        Assert.Equal("3", Field(page, "Input_Day"));
        Assert.Equal("Mo", Field(page, "Input_People"));
        Assert.Equal("", Field(page, "Input_Month") ?? "");
    }

    [Fact]
    public async Task AddEntry_Submitted_RemovesTheDraft_AndTheFormOpensEmpty()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var key = NewEntryModel.DraftKey(child, corrects: null);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary })).StatusCode);
        Assert.Single(await DraftsAsync(_app, key));

        // A submission the form refuses keeps the draft: nothing was added yet.
        var refused = await TestApp.PostFormAsync(practitioner, EntryPage(child), new Dictionary<string, string> { ["Input.Summary"] = Summary });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Single(await DraftsAsync(_app, key));

        var added = await TestApp.PostFormAsync(practitioner, EntryPage(child), CompleteEntry());

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Empty(await DraftsAsync(_app, key));
        var page = await OpenAsync(practitioner, EntryPage(child));
        Assert.Null(RestoredNotice(page));
        Assert.Equal("", Field(page, "Input_Summary"));
    }

    [Fact]
    public async Task Drafts_AreTheirOwnersAlone_AnotherPractitionerOnTheSameFormNeitherSeesNorRemovesThem()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var manager = await _app.SignInAsAsync(Role.TeamManager);
        const string Managers = "Manager's own note about the strategy meeting.";
        await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary });

        var managersPage = await OpenAsync(manager, EntryPage(child));
        Assert.Null(RestoredNotice(managersPage));
        Assert.DoesNotContain(Summary, managersPage.Body!.InnerHtml, StringComparison.Ordinal);

        await AutosaveAsync(manager, EntryPage(child), new() { ["Input.Summary"] = Managers });
        Assert.Equal(2, (await DraftsAsync(_app, NewEntryModel.DraftKey(child, null))).Count);
        Assert.Equal(Summary, Field(await OpenAsync(practitioner, EntryPage(child)), "Input_Summary"));
        Assert.Equal(Managers, Field(await OpenAsync(manager, EntryPage(child)), "Input_Summary"));

        // The manager adds an entry: the manager's draft goes, the practitioner's stays.
        var added = await TestApp.PostFormAsync(manager, EntryPage(child), CompleteEntry());
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var left = Assert.Single(await DraftsAsync(_app, NewEntryModel.DraftKey(child, null)));
        Assert.Equal(await UserIdAsync(_app, Role.Practitioner), left.OwnerId);
        Assert.Equal(Summary, Field(await OpenAsync(practitioner, EntryPage(child)), "Input_Summary"));
    }

    [Theory]
    [InlineData(Role.HealthPractitioner)]
    [InlineData(Role.PoliceInvestigator)]
    public async Task Autosave_ChildOutsideTheirScope_NotFoundOnEveryForm_AuditedAndNothingKept(Role role)
    {
        var child = await ReferNewChildAsync(_app);
        var episodePage = await EpisodeWithInterviewDueAsync(_app, child);
        var outsider = await _app.SignInAsAsync(role);
        var outsiderId = await UserIdAsync(_app, role);
        var before = await AuditCountAsync(_app, AuditCode.RecordNotInScope, child.ToString());

        // The outsider cannot open the forms, so the token comes from a page they can open.
        foreach (var (page, fields) in new[]
        {
            (EntryPage(child), new Dictionary<string, string> { ["Input.Summary"] = Summary }),
            ($"/children/{child}/missing-episodes/new", new Dictionary<string, string> { ["Input.ReportedBy"] = "Mother" }),
            (episodePage, new Dictionary<string, string> { ["Interview.Findings"] = "She was taken to a flat." }),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await AutosaveAsync(outsider, page, fields, formPage: "/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await TestApp.PostFormAsync(outsider, Handler(page, "ClearDraft"), new Dictionary<string, string>(), formPage: "/")).StatusCode);
        }

        Assert.Equal(0, await _app.WithDbAsync(db => db.FormDrafts.CountAsync(d => d.OwnerId == outsiderId, Ct)));
        Assert.Equal(before + 6, await _app.WithDbAsync(db => db.AuditEvents.CountAsync(e =>
            e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == child.ToString() && e.ActorId == outsiderId.ToString() && e.Outcome == AuditOutcome.Denied, Ct)));
    }

    [Fact]
    public async Task Autosave_Over64KB_400_AndTheLastDraftIsKept()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var key = NewEntryModel.DraftKey(child, null);
        await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary });

        var tooLong = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = new string('x', 65_000), ["Input.Places"] = new string('y', 1_000) });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Summary, Assert.Single(await DraftsAsync(_app, key)).Data, StringComparison.Ordinal);

        // Just under the limit is kept.
        var longest = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = new string('x', 64 * 1024 - 200) });
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Fact]
    public async Task Autosave_SignInExpired_401NotARedirect_AndNothingKept()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var practitionerId = await UserIdAsync(_app, Role.Practitioner);
        var before = await _app.WithDbAsync(db => db.FormDrafts.CountAsync(d => d.OwnerId == practitionerId, Ct));
        _app.Time.Advance(TimeSpan.FromMinutes(31));

        var response = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary }, formPage: "/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await _app.WithDbAsync(db => db.FormDrafts.CountAsync(d => d.OwnerId == practitionerId, Ct)));
    }

    [Fact]
    public async Task MissingEpisode_SavedRestored_ThenRemovedWhenTheEpisodeIsRecorded()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var page = $"/children/{child}/missing-episodes/new";
        var key = MissingEpisodeNewModel.DraftKey(child);
        var now = _app.Time.GetUtcNow();
        var calendar = _app.Services.GetRequiredService<WorkingDayCalendar>();
        string Uk(DateTimeOffset at) => calendar.ToLocalTime(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        var form = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Missing",
            ["Input.MissingFrom"] = Uk(now.AddHours(-20)),
            ["Input.ReportedAt"] = Uk(now.AddHours(-18)),
            ["Input.ReportedBy"] = "Residential home staff",
            ["Input.FoundWith"] = "Two older men in a silver Astra",
        };

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(practitioner, page, form)).StatusCode);

        var restored = await OpenAsync(practitioner, page);
        Assert.StartsWith("We restored what you were typing at ", RestoredNotice(restored), StringComparison.Ordinal);
        Assert.True(restored.GetElementById("Input_Kind")!.HasAttribute("checked"));
        Assert.False(restored.GetElementById("Input_Kind-absent")!.HasAttribute("checked"));
        Assert.Equal("Residential home staff", Field(restored, "Input_ReportedBy"));
        Assert.Equal("Two older men in a silver Astra", Field(restored, "Input_FoundWith"));
        Assert.Single(await DraftsAsync(_app, key));

        // Recorded without the return: who she was found with only belongs with a return.
        form.Remove("Input.FoundWith");
        var recorded = await TestApp.PostFormAsync(practitioner, page, form);

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Empty(await DraftsAsync(_app, key));
        Assert.Null(RestoredNotice(await OpenAsync(practitioner, page)));
    }

    [Fact]
    public async Task ReturnHomeInterview_SavedRestored_ThenRemovedWhenSaved_AndNoLongerSavedOnceClosed()
    {
        var child = await ReferNewChildAsync(_app);
        var page = await EpisodeWithInterviewDueAsync(_app, child);
        var episodeId = Guid.Parse(page.Split('/')[^1]);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var key = MissingEpisodeModel.InterviewDraftKey(episodeId);
        const string Findings = "She was taken to a flat by Mo and given alcohol.";

        var saved = await AutosaveAsync(practitioner, page, new() { ["Interview.Answer"] = "Done", ["Interview.Findings"] = Findings, ["Interview.Version"] = "0" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        // The episode's version is read afresh when the form is opened, never from a draft.
        Assert.DoesNotContain("version", Assert.Single(await DraftsAsync(_app, key)).Data, StringComparison.OrdinalIgnoreCase);
        var restored = await OpenAsync(practitioner, page);
        Assert.StartsWith("We restored what you were typing about the return home interview at ", RestoredNotice(restored), StringComparison.Ordinal);
        Assert.True(restored.GetElementById("Interview_Answer-Done")!.HasAttribute("checked"));
        Assert.Equal(Findings, Field(restored, "Interview_Findings"));

        var version = await _app.WithDbAsync(db => db.MissingEpisodes.Where(m => m.Id == episodeId).Select(m => m.Version).SingleAsync(Ct));
        var done = await TestApp.PostFormAsync(practitioner, Handler(page, "Interview"), new Dictionary<string, string>
        {
            ["Interview.Answer"] = "Done",
            ["Interview.Findings"] = Findings,
            ["Interview.Version"] = version.ToString(CultureInfo.InvariantCulture),
        }, formPage: page);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Empty(await DraftsAsync(_app, key));
        var closed = await AutosaveAsync(practitioner, page, new() { ["Interview.Findings"] = "More" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Empty(await DraftsAsync(_app, key));
    }

    [Fact]
    public async Task Correction_DraftKeptApartFromANewEntrysDraft_AndPutBackOverTheEntryBeingCorrected()
    {
        var child = await ReferNewChildAsync(_app);
        var entry = await _app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.ChildId == new ChildId(child)).Select(e => e.Id).FirstAsync(Ct));
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var correcting = $"{EntryPage(child)}?corrects={entry}";
        const string Reason = "The car was blue, not silver.";

        var saved = await AutosaveAsync(practitioner, correcting, new() { ["Input.Summary"] = Summary, ["Input.CorrectionReason"] = Reason });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Single(await DraftsAsync(_app, NewEntryModel.DraftKey(child, entry)));
        Assert.Empty(await DraftsAsync(_app, NewEntryModel.DraftKey(child, null)));
        Assert.Null(RestoredNotice(await OpenAsync(practitioner, EntryPage(child))));
        var page = await OpenAsync(practitioner, correcting);
        Assert.NotNull(RestoredNotice(page));
        Assert.Equal(Summary, Field(page, "Input_Summary"));
        Assert.Equal(Reason, Field(page, "Input_CorrectionReason"));
    }

    [Fact]
    public async Task ClearTheForm_RemovesTheDraftAndIsAudited_AndAFormEmptiedByHandNeedsNoDraft()
    {
        var child = await ReferNewChildAsync(_app);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var key = NewEntryModel.DraftKey(child, null);
        await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary });
        var restored = await OpenAsync(practitioner, EntryPage(child));
        var clear = restored.QuerySelector("[aria-labelledby='draft-restored-title'] form")!.GetAttribute("action");
        Assert.Equal(Handler(EntryPage(child), "ClearDraft"), clear);

        var cleared = await TestApp.PostFormAsync(practitioner, clear!, new Dictionary<string, string>(), formPage: EntryPage(child));

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal(EntryPage(child), cleared.Headers.Location!.OriginalString);
        Assert.Empty(await DraftsAsync(_app, key));
        Assert.Equal(1, await AuditCountAsync(_app, AuditCode.FormDraftCleared, key));
        var page = await OpenAsync(practitioner, EntryPage(child));
        Assert.Null(RestoredNotice(page));
        Assert.Equal("", Field(page, "Input_Summary"));

        // Typed, then every field emptied again: nothing is left to restore.
        await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = Summary });
        Assert.Single(await DraftsAsync(_app, key));
        var emptied = await AutosaveAsync(practitioner, EntryPage(child), new() { ["Input.Summary"] = "", ["Input.Day"] = "" });
        Assert.Equal(HttpStatusCode.OK, emptied.StatusCode);
        Assert.Empty(await DraftsAsync(_app, key));
    }

    [Fact]
    public async Task Draft_NotSavedFor30Days_IsNotRestored_AndTheScheduledWorkRemovesIt()
    {
        // A clock of its own: this scenario moves time on by a month.
        await using var app = new TestApp(_app.Database);
        await app.InitializeAsync();
        var child = await ReferNewChildAsync(app);
        var entryKey = NewEntryModel.DraftKey(child, null);
        var episodeKey = MissingEpisodeNewModel.DraftKey(child);
        await AutosaveAsync(await app.SignInAsAsync(Role.Practitioner), EntryPage(child), new() { ["Input.Summary"] = Summary });
        await AutosaveAsync(await app.SignInAsAsync(Role.TeamManager), EntryPage(child), new() { ["Input.Summary"] = Summary });

        app.Time.Advance(TimeSpan.FromDays(29));
        await AutosaveAsync(await app.SignInAsAsync(Role.Practitioner), $"/children/{child}/missing-episodes/new", new() { ["Input.ReportedBy"] = "Mother" });
        await app.RunScheduledWorkAsync();
        Assert.Equal(2, (await DraftsAsync(app, entryKey)).Count);

        // Thirty days after its last save a draft is not put back, even before the scheduled work has run.
        app.Time.Advance(TimeSpan.FromDays(1));
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await OpenAsync(practitioner, EntryPage(child));
        Assert.Null(RestoredNotice(page));
        Assert.Equal("", Field(page, "Input_Summary"));

        await app.RunScheduledWorkAsync();

        Assert.Empty(await DraftsAsync(app, entryKey));
        Assert.Single(await DraftsAsync(app, episodeKey));
        var removal = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.ExpiredDraftsRemoved, Ct));
        Assert.Equal("1 not saved for 30 days", removal.Reason);
    }
}

public sealed class SqliteChildFormDraftScenarios(SqliteTestApp app) : ChildFormDraftScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresChildFormDraftScenarios(PostgresTestApp app) : ChildFormDraftScenarios(app), IClassFixture<PostgresTestApp>;
