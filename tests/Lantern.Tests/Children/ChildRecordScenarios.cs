using System.Net;
using System.Net.Http.Json;
using Lantern.Auditing;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Children;

/// <summary>
/// One chronology from every agency, in time order, filtered as a practitioner asks; need-to-know
/// access through involvements; corrections that keep the original. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ChildRecordScenarios
{
    private readonly TestApp _app;

    protected ChildRecordScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Child, string Reference)> ReferAsync(string body)
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, body, Ct);
        var child = await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId).SingleAsync(Ct));
        return (child!.Value.Value, reference);
    }

    /// <summary>A referral about a child nobody else has referred (a unique name), so each scenario has its own record.</summary>
    private Task<(Guid Child, string Reference)> ReferNewChildAsync()
    {
        return ReferAsync(TestReferrals.ForUniqueChild("Zara"));
    }

    private static async Task<HttpResponseMessage> PostEventAsync(HttpClient agencySystem, Guid child, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{child}/events", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await agencySystem.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Chronology_EntriesFromFiveAgencies_InTimeOrderAndFiltered()
    {
        var (child, reference) = await ReferNewChildAsync();
        var now = _app.Time.GetUtcNow();
        var events = new (string Agency, object Body)[]
        {
            ("Northbridge Police", new { occurredAt = now.AddDays(-40), type = "policeIncident", significance = "significant", summary = "Found in a car with two adult men at 02:00.", author = "PC Hale", links = new[] { new { kind = "vehicle", value = "NB19 XKR", detail = "silver Astra" } } }),
            ("Northbridge NHS Foundation Trust", new { occurredAt = now.AddDays(-30), type = "sexualHealthAttendance", significance = "critical", summary = "Attended the sexual health clinic with an older male.", author = "Nurse Ade" }),
            ("Castle Hill Academy", new { occurredAt = now.AddDays(-20), type = "schoolEvent", significance = "routine", summary = "Attendance down to 60% this half term.", author = "Mrs Shah" }),
            ("Northbridge Youth Service", new { occurredAt = now.AddDays(-10), type = "caseNote", significance = "routine", summary = "Did not attend the appointment.", author = "Youth worker" }),
        };
        foreach (var (agency, body) in events)
        {
            var client = _app.CreateApiClient(await _app.CreateApiKeyAsync(agency));
            var response = await PostEventAsync(client, child, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // The front door sees every child; a fifth agency (children's social care) adds a case note through the page.
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var added = await TestApp.PostFormAsync(practitioner, $"/children/{child}/entries/new", new Dictionary<string, string>
        {
            ["Input.Day"] = now.AddDays(-5).Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Month"] = now.AddDays(-5).Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Year"] = now.AddDays(-5).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Type"] = "CaseNote",
            ["Input.Significance"] = "Significant",
            ["Input.Summary"] = "Home visit: mother worried about new phones and clothes.",
            ["Input.People"] = "Mo\nTariq",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct));
        var rows = page.QuerySelectorAll("table.lantern-chronology tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(6, rows.Count);
        // The referral itself arrived today, so it is the newest.
        string[] newestFirst = [reference, "Home visit", "Did not attend", "Attendance down", "sexual health clinic", "Found in a car"];
        for (var i = 0; i < newestFirst.Length; i++)
        {
            Assert.Contains(newestFirst[i], rows[i], StringComparison.Ordinal);
        }
        Assert.Contains("Northbridge Police", rows[5], StringComparison.Ordinal);
        Assert.Contains("Vehicle: NB19 XKR (silver Astra)", rows[5], StringComparison.Ordinal);
        Assert.Contains("Person: Mo; Person: Tariq", rows[1], StringComparison.Ordinal);

        async Task<List<string>> FilteredAsync(string query) =>
            [.. (await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}?{query}", UriKind.Relative), Ct)))
                .QuerySelectorAll("table.lantern-chronology tbody tr").Select(r => r.TextContent)];

        var oldest = await FilteredAsync("order=oldest");
        Assert.Contains("Found in a car", oldest[0], StringComparison.Ordinal);
        Assert.Contains(reference, oldest[^1], StringComparison.Ordinal);
        // Significant and critical: the police incident, the clinic, the home visit and the referral about exploitation.
        var significantOnly = await FilteredAsync("significance=Significant");
        Assert.Equal(4, significantOnly.Count);
        Assert.DoesNotContain(significantOnly, r => r.Contains("Attendance down", StringComparison.Ordinal));
        var police = await _app.WithDbAsync(db => db.Agencies.Where(a => a.Name == "Northbridge Police").Select(a => a.Id).SingleAsync(Ct));
        Assert.Single(await FilteredAsync($"agency={police.Value}"));
        Assert.Single(await FilteredAsync("type=SchoolEvent"));
        var from = now.AddDays(-35).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = now.AddDays(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var period = await FilteredAsync($"from={from}&to={to}");
        Assert.Equal(2, period.Count);

        // The counts for the last 12 months.
        var counts = page.QuerySelectorAll(".lantern-counts .govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("1", counts["Referrals"]);
        Assert.Equal("1", counts["Health attendances"]);
        Assert.Equal("1", counts["Police contacts"]);

        // A bad filter is named, not a crash.
        var bad = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}?from=yesterday", UriKind.Relative), Ct));
        Assert.Equal("The start of the period must be a date like 2026-01-31", bad.ErrorSummary().Single().Message);
        var number = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}?significance=2&type=Crime,Referral", UriKind.Relative), Ct));
        Assert.Equal(["Select a type from the list", "Select Routine, Significant or Critical"], number.ErrorSummary().Select(e => e.Message));
    }

    [Fact]
    public async Task Access_WithoutAnInvolvement_NotFoundForTheChildAndEverySubPage_AndAudited_ThenAnInvolvementOpensIt()
    {
        var (child, _) = await ReferNewChildAsync();
        var nurse = await _app.SignInAsAsync(Role.HealthPractitioner);
        foreach (var path in new[] { $"/children/{child}", $"/children/{child}/entries/new", $"/children/{child}/involvements/new" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        }
        var list = await Html.ParseAsync(await nurse.GetAsync(new Uri("/children", UriKind.Relative), Ct));
        Assert.DoesNotContain(child.ToString(), list.Body!.InnerHtml, StringComparison.Ordinal);
        var nurseId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.HealthPractitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        Assert.True(await _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == child.ToString() && e.ActorId == nurseId.ToString(), Ct)) >= 3);

        // The front door records the nurse's involvement; now she sees the child, and who else is involved.
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var involved = await TestApp.PostFormAsync(practitioner, $"/children/{child}/involvements/new", new Dictionary<string, string>
        {
            ["Input.Practitioner"] = nurseId.ToString(),
            ["Input.Role"] = "Named nurse for safeguarding",
        });
        Assert.Equal(HttpStatusCode.Redirect, involved.StatusCode);
        // The nurse is told, with a link to the record and no child's name in what is mailed.
        var told = await _app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientUserId == nurseId && n.Link == $"/children/{child}").ToListAsync(Ct));
        var message = Assert.Single(told);
        Assert.Equal("You now work with a child in Lantern", message.Subject);
        Assert.Contains("as Named nurse for safeguarding", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Zara", message.Subject + message.Body, StringComparison.Ordinal);
        Assert.Equal(TestApp.DemoAccountFor(Role.HealthPractitioner).Email, message.RecipientEmail);
        var record = await nurse.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var involvements = (await Html.ParseAsync(record)).QuerySelectorAll("table.govuk-table")[0].TextContent;
        Assert.Contains("Named nurse for safeguarding", involvements, StringComparison.Ordinal);
        Assert.Contains(TestApp.DemoAccountFor(Role.HealthPractitioner).DisplayName, involvements, StringComparison.Ordinal);

        // Ending the involvement ends the access.
        var involvementId = await _app.WithDbAsync(db => db.Involvements.Where(i => i.PractitionerId == nurseId && i.ChildId == new ChildId(child)).Select(i => i.Id).SingleAsync(Ct));
        var ended = await TestApp.PostFormAsync(practitioner, $"/children/{child}?handler=EndInvolvement&involvement={involvementId}",
            new Dictionary<string, string> { ["EndReason"] = "Case closed to health" }, formPage: $"/children/{child}");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Correction_SupersedesTheEntry_BothStayVisible()
    {
        var (child, _) = await ReferNewChildAsync();
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var first = await PostEventAsync(police, child, new { occurredAt = _app.Time.GetUtcNow().AddDays(-2), type = "policeIncident", significance = "routine", summary = "Stopped with a 17-year-old.", author = "PC Hale" });
        var firstId = (await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid();

        var missingReason = await PostEventAsync(police, child, new { occurredAt = _app.Time.GetUtcNow().AddDays(-2), type = "policeIncident", significance = "significant", summary = "Stopped with a 24-year-old man.", author = "PC Hale", supersedes = firstId });
        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Contains("correctionReason", await missingReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var corrected = await PostEventAsync(police, child, new { occurredAt = _app.Time.GetUtcNow().AddDays(-2), type = "policeIncident", significance = "significant", summary = "Stopped with a 24-year-old man.", author = "PC Hale", supersedes = firstId, correctionReason = "The age of the adult was wrong." });
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);

        var again = await PostEventAsync(police, child, new { occurredAt = _app.Time.GetUtcNow().AddDays(-2), type = "policeIncident", significance = "significant", summary = "Again.", author = "PC Hale", supersedes = firstId, correctionReason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var rows = (await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct)))
            .QuerySelectorAll("table.lantern-chronology tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Stopped with a 17-year-old.", StringComparison.Ordinal) && r.Contains("Corrected", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Stopped with a 24-year-old man.", StringComparison.Ordinal) && r.Contains("The age of the adult was wrong.", StringComparison.Ordinal));
        Assert.Equal(2, await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.ChildId == new ChildId(child) && e.Type == EntryType.PoliceIncident, Ct)));
    }

    [Fact]
    public async Task EventsApi_EveryFieldMissing_NamedAndNothingStored_AndRetriesStoreOnce()
    {
        var (child, _) = await ReferNewChildAsync();
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var before = await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct));

        var empty = await PostEventAsync(police, child, new { links = new[] { new { kind = "boat", value = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await empty.Content.ReadAsStringAsync(Ct);
        Assert.Contains("links[0].kind", problem, StringComparison.Ordinal);
        var fieldsOnly = await PostEventAsync(police, child, new { links = Array.Empty<object>() });
        var errors = (await fieldsOnly.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["author", "occurredAt", "significance", "summary", "type"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct)));

        var unknownChild = await PostEventAsync(police, Guid.NewGuid(), new { occurredAt = _app.Time.GetUtcNow(), type = "crime", significance = "critical", summary = "x", author = "y" });
        Assert.Equal(HttpStatusCode.NotFound, unknownChild.StatusCode);

        var key = Guid.NewGuid().ToString();
        var body = new { occurredAt = _app.Time.GetUtcNow().AddHours(-3), type = "crime", significance = "critical", summary = "Crime recorded: child abduction warning notice served on an adult.", author = "DC Moss" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostEventAsync(police, child, body, key)));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var replay = await PostEventAsync(police, child, body, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.ChildId == new ChildId(child) && e.Type == EntryType.Crime, Ct)));
        var changed = await PostEventAsync(police, child, body with { summary = "Different." }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
    }

    [Fact]
    public async Task EntryPage_Empty_NamesEachFieldAndStoresNothing()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var before = await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct));
        var response = await TestApp.PostFormAsync(practitioner, $"/children/{child}/entries/new", new Dictionary<string, string> { ["Input.Day"] = "31", ["Input.Month"] = "2", ["Input.Year"] = "2026" });
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal(["Input_Day", "Input_Type", "Input_Significance", "Input_Summary"], errors.Select(e => e.Target));
        Assert.Equal("The date must be a real date, like 14 5 2026", errors[0].Message);
        Assert.Equal(before, await _app.WithDbAsync(db => db.ChronologyEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task Details_ChangedWithAFieldNamedWhenWrong_AndAStaleFormIsRefused()
    {
        var (child, _) = await ReferNewChildAsync();
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        Dictionary<string, string> Form(string nhs, long version) => new()
        {
            ["Details.GivenName"] = "Zara",
            ["Details.FamilyName"] = "Khan",
            ["Details.Gender"] = "Female",
            ["Details.Ethnicity"] = "APKN",
            ["Details.NhsNumber"] = nhs,
            ["Details.LookedAfter"] = "true",
            ["Details.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var version = await _app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.Version).SingleAsync(Ct));

        var bad = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, $"/children/{child}/edit", Form("12345", version)));
        Assert.Equal([("The NHS number must be 10 digits, like 485 777 3457", "Details_NhsNumber")], bad.ErrorSummary());

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(practitioner, $"/children/{child}/edit", Form("485 777 3457", version))).StatusCode);
        var saved = await _app.WithDbAsync(db => db.Children.SingleAsync(c => c.Id == new ChildId(child), Ct));
        Assert.Equal(("4857773457", "APKN", Gender.Female, true), (saved.NhsNumber, saved.Ethnicity, saved.Gender, saved.LookedAfter));
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children/{child}", UriKind.Relative), Ct));
        Assert.Contains("Looked after", page.QuerySelector("h1 + p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pakistani (APKN)", page.Body!.TextContent, StringComparison.Ordinal);

        // A second person's form from before that save does not overwrite it.
        var stale = await Html.ParseAsync(await TestApp.PostFormAsync(practitioner, $"/children/{child}/edit", Form("943 476 5919", version)));
        Assert.Contains("Someone else changed this record", stale.ErrorSummary().Single().Message, StringComparison.Ordinal);
        Assert.Equal("4857773457", await _app.WithDbAsync(db => db.Children.Where(c => c.Id == new ChildId(child)).Select(c => c.NhsNumber).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Search_ForgivesSpelling()
    {
        var (child, _) = await ReferAsync(TestReferrals.ForChild("Katherine").Replace("\"Khan\"", "\"Mcallister\"", StringComparison.Ordinal));
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        foreach (var q in new[] { "Kate Macallister", "katherin mcalister", "Mcallister" })
        {
            var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri($"/children?q={Uri.EscapeDataString(q)}", UriKind.Relative), Ct));
            Assert.True(page.Body!.InnerHtml.Contains($"/children/{child}", StringComparison.Ordinal), q + ": " + page.QuerySelector("main")?.TextContent);
        }
        var none = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/children?q=Zebedee", UriKind.Relative), Ct));
        Assert.DoesNotContain($"/children/{child}", none.Body!.InnerHtml, StringComparison.Ordinal);
    }
}

public sealed class SqliteChildRecordScenarios(SqliteTestApp app) : ChildRecordScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresChildRecordScenarios(PostgresTestApp app) : ChildRecordScenarios(app), IClassFixture<PostgresTestApp>;
