using System.Globalization;
using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Language;

/// <summary>
/// The managers' report: every phrase found on saving, counted by month (UK time), agency and team,
/// kept or changed, with no child's details; a CSV of the same; audited as a read. Each scenario has
/// an app of its own on SQLite and on PostgreSQL, its clock set to the months it counts.
/// </summary>
public sealed class LanguageReportScenarios
{
    private const string ChildName = "Roisin";
    private const string KeptNote = "The words of the girl's aunt, as said at the meeting.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database, DateTimeOffset start)
    {
        var app = new TestApp(database, start);
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<(Guid Child, string Reference)> ReferAsync(TestApp app)
    {
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForChild(ChildName), Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        return (child, reference);
    }

    /// <summary>Signs in (again: the sign-in lapses as the clock moves on) and adds an entry, as a browser posts the form.</summary>
    private static async Task<string?> AddEntryAsync(TestApp app, HttpClient client, Guid child, string summary, string? review = null, string? keepNote = null)
    {
        var today = app.Time.GetUtcNow();
        var fields = new Dictionary<string, string>
        {
            ["Input.Day"] = today.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.Month"] = today.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.Year"] = today.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.Type"] = nameof(EntryType.CaseNote),
            ["Input.Significance"] = nameof(Significance.Routine),
            ["Input.Summary"] = summary,
        };
        if (review is not null)
        {
            fields["Language.Review"] = review;
        }
        if (keepNote is not null)
        {
            fields["Language.Keep"] = "true";
            fields["Language.Note"] = keepNote;
        }
        var response = await TestApp.PostFormAsync(client, $"/children/{child}/entries/new", fields);
        return response.StatusCode == HttpStatusCode.Redirect
            ? null
            : (await Html.ParseAsync(response)).QuerySelector("input[name='Language.Review']")!.GetAttribute("value");
    }

    private static async Task<List<string[]>> RowsAsync(HttpClient client, string query)
    {
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/reports/language?" + query, UriKind.Relative), Ct));
        return [.. page.QuerySelectorAll("table.lantern-language-report tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Report_CountsEachPhraseFoundOnSaving_ByMonthAgencyAndTeam_KeptChangedOrNotSaved_WithoutTheChildsDetails(TestDatabase database)
    {
        await using var app = await StartAsync(database, new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero));
        var (child, reference) = await ReferAsync(app);

        // January. The front door's social worker keeps "making her own choices" with a note; the
        // exploitation team's changes "putting herself at risk" before saving.
        var frontDoor = await app.SignInAsAsync(Role.Practitioner);
        var review = await AddEntryAsync(app, frontDoor, child, "Her aunt says she is making her own choices.");
        Assert.Null(await AddEntryAsync(app, frontDoor, child, "Her aunt says she is making her own choices.", review, KeptNote));
        var exploitation = app.CreateBrowserLikeClient();
        await app.SignInAsync(exploitation, TestApp.ExploitationWorker.Email, Lantern.Data.DemoSeed.DemoPassword);
        review = await AddEntryAsync(app, exploitation, child, "She is putting herself at risk at the flat.");
        Assert.Null(await AddEntryAsync(app, exploitation, child, "Adults at the flat are exploiting her.", review));

        // February. An entry sent back and never saved; the team manager keeps wording in a decision.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.Zero));
        frontDoor = await app.SignInAsAsync(Role.Practitioner);
        Assert.NotNull(await AddEntryAsync(app, frontDoor, child, "She keeps making her own choices."));
        var manager = await app.SignInAsAsync(Role.TeamManager);
        const string Rationale = "Strategy discussion: the school says he is putting himself at risk.";
        var sentBack = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=Decide",
            new Dictionary<string, string> { ["Decision.Outcome"] = nameof(ReferralOutcome.StrategyDiscussion), ["Decision.Rationale"] = Rationale }, $"/referrals/{reference}");
        var decisionReview = (await Html.ParseAsync(sentBack)).QuerySelector("input[name='Language.Review']")!.GetAttribute("value")!;
        var decided = await TestApp.PostFormAsync(manager, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = nameof(ReferralOutcome.StrategyDiscussion),
            ["Decision.Rationale"] = Rationale,
            ["Language.Review"] = decisionReview,
            ["Language.Keep"] = "true",
            ["Language.Note"] = "The school's words.",
        }, $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        // 23:30 on 31 March by the clock, 00:30 on 1 April in the UK (summer time): an April finding.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero));
        frontDoor = await app.SignInAsAsync(Role.Practitioner);
        Assert.NotNull(await AddEntryAsync(app, frontDoor, child, "He absconded from the unit."));

        var lead = await app.SignInAsAsync(Role.ServiceManager);
        const string Csc = "Northbridge Children's Social Care";
        string[][] expected =
        [
            ["January 2026", Csc, "Exploitation Team", "putting-self-at-risk", "1", "0", "1", "0", "0"],
            ["January 2026", Csc, "Front Door (MASH)", "own-choices", "1", "1", "0", "0", "0"],
            ["February 2026", Csc, "Front Door (MASH)", "own-choices", "1", "0", "0", "1", "0"],
            ["February 2026", Csc, "Front Door (MASH)", "putting-self-at-risk", "1", "1", "0", "0", "0"],
        ];
        Assert.Equal(expected, await RowsAsync(lead, "from=2026-01&to=2026-03"));
        Assert.Equal([["April 2026", Csc, "Front Door (MASH)", "absconded", "1", "0", "0", "1", "0"]], await RowsAsync(lead, "from=2026-04&to=2026-04"));

        var page = await Html.ParseAsync(await lead.GetAsync(new Uri("/reports/language?from=2026-01&to=2026-03", UriKind.Relative), Ct));
        var byPhrase = page.QuerySelectorAll("table.govuk-table:not(.lantern-language-report) tbody tr")
            .Select(r => (r.QuerySelector("th")!.FirstChild!.TextContent.Trim(), string.Join(",", r.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim())))).ToList();
        Assert.Equal([("own-choices", "2,1,0,1,0"), ("putting-self-at-risk", "2,1,1,0,0")], byPhrase);
        Assert.Contains("4 phrases found: on saving, 2 kept with a note, 1 changed before saving and 1 in forms not saved; 0 in records loaded from agencies' extracts", page.Body!.TextContent, StringComparison.Ordinal);
        // A training signal: no child, no text, no note, no writer.
        foreach (var personal in new[] { ChildName, "Khan", "aunt", "school's words", "flat", TestApp.DemoAccountFor(Role.Practitioner).DisplayName, reference })
        {
            Assert.DoesNotContain(personal, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        }
        var read = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Code == (int)AuditCode.LanguageReportViewed).OrderBy(e => e.Sequence).Select(e => e.Reason).ToListAsync(Ct));
        Assert.Contains("2026-01 to 2026-03; all agencies; 4 findings", read);

        // The CSV: the same rows, a header, audited as an export.
        var csv = await lead.GetAsync(new Uri("/reports/language.csv?from=2026-01&to=2026-03", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("language-report-2026-01-to-2026-03.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,agency,team,phrase,found,kept with a note,changed before saving,not saved,in imported records", lines[0]);
        Assert.Equal("2026-01,Northbridge Children's Social Care,Exploitation Team,putting-self-at-risk,1,0,1,0,0", lines[1]);
        Assert.Equal(5, lines.Length);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.LanguageReportExported, Ct)));

        // By agency: the police found nothing; a team manager sees their own agency whatever they ask.
        var police = await app.WithDbAsync(db => db.Agencies.Where(a => a.Name == "Northbridge Police").Select(a => a.Id).SingleAsync(Ct));
        Assert.Empty(await RowsAsync(lead, $"from=2026-01&to=2026-03&agency={police}"));
        var teamManager = await app.SignInAsAsync(Role.TeamManager);
        Assert.Equal(expected, await RowsAsync(teamManager, $"from=2026-01&to=2026-03&agency={police}"));
        var policeManagerView = await Html.ParseAsync(await teamManager.GetAsync(new Uri("/reports/language", UriKind.Relative), Ct));
        Assert.Null(policeManagerView.QuerySelector("select#agency"));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Report_BadMonths_NamedOnThePage_AndA400ForTheCsv(TestDatabase database)
    {
        await using var app = await StartAsync(database, new DateTimeOffset(2026, 5, 6, 10, 0, 0, TimeSpan.Zero));
        var lead = await app.SignInAsAsync(Role.HeadOfService);

        var page = await Html.ParseAsync(await lead.GetAsync(new Uri("/reports/language?from=2026-13&to=May", UriKind.Relative), Ct));
        Assert.Equal([("The last month must be a month like 2026-05", "to"), ("The first month must be a month like 2026-05", "from")],
            page.ErrorSummary().Select(e => (e.Message, e.Target)).OrderByDescending(e => e.Target));
        var backwards = await Html.ParseAsync(await lead.GetAsync(new Uri("/reports/language?from=2026-04&to=2026-01", UriKind.Relative), Ct));
        Assert.Equal("The first month must be the same as or before the last month", Assert.Single(backwards.ErrorSummary()).Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.GetAsync(new Uri("/reports/language.csv?agency=police", UriKind.Relative), Ct)).StatusCode);

        // Without months: the twelve months up to this one.
        var defaults = await Html.ParseAsync(await lead.GetAsync(new Uri("/reports/language", UriKind.Relative), Ct));
        Assert.Equal("2025-06", defaults.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal("2026-05", defaults.QuerySelector("#to")!.GetAttribute("value"));
        Assert.Contains("No phrases were found in this period.", defaults.Body!.TextContent, StringComparison.Ordinal);
    }
}
