using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Language;

/// <summary>
/// An administrator adds, changes, retires and restores phrases of the language guard's list. Each
/// change is checked by the file's rules, audited and numbered, and every node of a cluster (here two
/// apps on one database) uses it from its next check. Each scenario has an app of its own, because
/// it changes the list for everyone.
/// </summary>
public sealed class PhraseListAdministrationScenarios
{
    private const string RanAway = "He ran away from the children's home again.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(TestDatabase database)
    {
        var app = new TestApp(database);
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        return app;
    }

    private static async Task<List<JsonElement>> CheckAsync(HttpClient client, string text)
    {
        var response = await client.PostAsJsonAsync(new Uri("/api/v1/language/check", UriKind.Relative), new { text }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findings").EnumerateArray()];
    }

    private static Dictionary<string, string> Phrase(string id = "ran-away", string severity = "Warning", string patterns = "ran|run|runs|running away") => new()
    {
        ["Input.Id"] = id,
        ["Input.Severity"] = severity,
        ["Input.Category"] = "missing",
        ["Input.Patterns"] = patterns,
        ["Input.Reason"] = "Makes going missing sound like the child's own plan, when adults may be drawing them away.",
        ["Input.Alternatives"] = "went missing\nwas reported missing",
    };

    private static async Task<HttpResponseMessage> EditAsync(HttpClient admin, string id, Dictionary<string, string> fields, string? handler = null) =>
        await TestApp.PostFormAsync(admin, $"/admin/language/{id}" + (handler is null ? "" : $"?handler={handler}"), new Dictionary<string, string>(fields)
        {
            ["Input.Version"] = (await Html.ParseAsync(await admin.GetStringAsync(new Uri($"/admin/language/{id}", UriKind.Relative), Ct)))
                .QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!,
        }, $"/admin/language/{id}");

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task AdministratorAddsAPhrase_TheCheckFindsItAtOnce_OnThisNodeAndOnAnother(TestDatabase database)
    {
        await using var first = await StartAsync(database);
        await using var second = new TestApp(first);
        await second.InitializeAsync();
        var onFirst = await first.SignInAsAsync(Role.Practitioner);
        var onSecond = await second.SignInAsAsync(Role.Referrer);
        // Both nodes have built their guard before the change.
        Assert.Empty(await CheckAsync(onFirst, RanAway));
        Assert.Empty(await CheckAsync(onSecond, RanAway));

        var admin = await first.SignInAsAsync(Role.Administrator);
        var added = await TestApp.PostFormAsync(admin, "/admin/language/new", Phrase());
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/admin/language/ran-away", added.Headers.Location?.OriginalString);

        foreach (var client in new[] { onFirst, onSecond })
        {
            var finding = Assert.Single(await CheckAsync(client, RanAway));
            Assert.Equal("ran-away", finding.GetProperty("entryId").GetString());
            Assert.Equal("ran away", finding.GetProperty("phrase").GetString());
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal(["went missing", "was reported missing"], finding.GetProperty("alternatives").EnumerateArray().Select(a => a.GetString()));
        }
        var change = await first.WithDbAsync(db => db.LanguagePhraseChanges.SingleAsync(Ct));
        Assert.Equal((1L, "ran-away", Lantern.Data.LanguagePhraseChangeKind.Added), (change.Version, change.EntryId, change.Kind));
        Assert.Contains("\"severity\":\"warning\"", change.Snapshot, StringComparison.Ordinal);
        var adminId = await first.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Administrator).Email).Select(u => u.Id).SingleAsync(Ct));
        Assert.Equal(adminId, change.By);
        var audited = await first.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.PhraseAdded, Ct));
        Assert.Equal(("ran-away", "phrase list version 1", adminId.ToString()), (audited.RecordId, audited.Reason, audited.ActorId));

        // A change made on the second node: the first uses it too.
        var adminOnSecond = await second.SignInAsAsync(Role.Administrator);
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(adminOnSecond, "ran-away", Phrase(severity: "Serious"))).StatusCode);
        Assert.Equal("serious", Assert.Single(await CheckAsync(onFirst, RanAway)).GetProperty("severity").GetString());

        // Retired: no node looks for it; a shipped phrase can be retired and restored as well.
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(admin, "ran-away", [], "Retire")).StatusCode);
        Assert.Empty(await CheckAsync(onSecond, RanAway));
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(admin, "absconded", [], "Retire")).StatusCode);
        Assert.Empty(await CheckAsync(onSecond, "He absconded from the unit."));
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(adminOnSecond, "absconded", [], "Restore")).StatusCode);
        Assert.Equal("absconded", Assert.Single(await CheckAsync(onFirst, "He absconded from the unit.")).GetProperty("entryId").GetString());

        Assert.Equal([1L, 2, 3, 4, 5], await first.WithDbAsync(db => db.LanguagePhraseChanges.OrderBy(c => c.Version).Select(c => c.Version).ToListAsync(Ct)));
        Assert.Equal([(int)AuditCode.PhraseAdded, (int)AuditCode.PhraseEdited, (int)AuditCode.PhraseRetired, (int)AuditCode.PhraseRetired, (int)AuditCode.PhraseRestored],
            await first.WithDbAsync(db => db.AuditEvents.Where(e => e.RecordType == "LanguagePhrase").OrderBy(e => e.Sequence).Select(e => e.Code).ToListAsync(Ct)));

        // The list shows where each phrase comes from and who changed what.
        var list = await Html.ParseAsync(await admin.GetAsync(new Uri("/admin/language", UriKind.Relative), Ct));
        var rows = list.QuerySelectorAll("table.govuk-table")[0].QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal(("Shipped", "Shipped, changed", "Added, retired"), (rows["own-choices"], rows["absconded"], rows["ran-away"]));
        Assert.Contains(TestApp.DemoAccountFor(Role.Administrator).DisplayName, list.QuerySelectorAll("table.govuk-table")[1].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task AdministratorAddsAPhrase_ItBreaksTheFilesRules_RefusedNamingTheFieldAndLine_NothingChanged(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var admin = await app.SignInAsAsync(Role.Administrator);

        var badPattern = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/language/new", Phrase(patterns: "ran away\n{chose} to go")));
        var error = Assert.Single(badPattern.ErrorSummary());
        Assert.Equal(("Pattern 2: \"{chose}\" is not a word class defined in wordClasses.", "Input_Patterns"), (error.Message, error.Target));

        var badId = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/language/new", Phrase(id: "Ran Away")));
        Assert.Equal("Input_Id", Assert.Single(badId.ErrorSummary()).Target);

        var empty = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/language/new", new Dictionary<string, string>()));
        Assert.Equal(["Input_Id", "Input_Severity", "Input_Patterns", "Input_Reason", "Input_Alternatives"], empty.ErrorSummary().Select(e => e.Target));

        var clash = await Html.ParseAsync(await TestApp.PostFormAsync(admin, "/admin/language/new", Phrase(id: "own-choices")));
        Assert.Equal("A phrase with the id \"own-choices\" already exists: open it from the list to change it", Assert.Single(clash.ErrorSummary()).Message);

        var badEdit = await Html.ParseAsync(await EditAsync(admin, "own-choices", Phrase(patterns: "{make} {possessive} own {choice}\n{make} ~9 {choice}")));
        var editError = Assert.Single(badEdit.ErrorSummary());
        Assert.Equal(("Pattern 2: \"~9\" is not a gap: write ~1 to ~4 for up to that many words of any kind.", "Input_Patterns"), (editError.Message, editError.Target));

        Assert.Equal(0, await app.WithDbAsync(db => db.LanguagePhraseChanges.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.LanguagePhrases.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task TwoAdministratorsEditTheSamePhrase_TheSecondIsToldAndOverwritesNothing(TestDatabase database)
    {
        await using var app = await StartAsync(database);
        var one = await app.SignInAsAsync(Role.Administrator);
        var other = await app.SignInAsAsync(Role.Administrator);
        var openedByOther = (await Html.ParseAsync(await other.GetStringAsync(new Uri("/admin/language/absconded", UriKind.Relative), Ct)))
            .QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(one, "absconded", Phrase(severity: "Serious", patterns: "abscond*"))).StatusCode);
        var late = await TestApp.PostFormAsync(other, "/admin/language/absconded",
            new Dictionary<string, string>(Phrase(severity: "Advice", patterns: "absconded")) { ["Input.Version"] = openedByOther });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.StartsWith("Someone else changed this phrase after you opened it", Assert.Single((await Html.ParseAsync(late)).ErrorSummary()).Message, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.LanguagePhrases.SingleAsync(Ct));
        Assert.Equal((Lantern.Domain.Language.Severity.Serious, "abscond*"), (stored.Severity, stored.Patterns));
    }

    [Fact]
    public async Task AnEditThatNoLongerFitsTheFile_TheGuardCarriesOnWithTheFileAlone()
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var client = await app.SignInAsAsync(Role.Practitioner);
        // As if the file had lost a word class that an administrator's entry uses.
        await app.WithDbAsync(async db =>
        {
            db.LanguagePhrases.Add(new Lantern.Data.LanguagePhrase
            {
                EntryId = "ran-away",
                Severity = Lantern.Domain.Language.Severity.Warning,
                Patterns = "{run-away} away",
                Reason = "Makes going missing sound like the child's plan.",
                Alternatives = "went missing",
                Version = 1,
            });
            db.LanguagePhraseChanges.Add(new Lantern.Data.LanguagePhraseChange { Version = 1, EntryId = "ran-away", Kind = Lantern.Data.LanguagePhraseChangeKind.Added, Snapshot = "{}" });
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Empty(await CheckAsync(client, RanAway));
        Assert.Equal("own-choices", Assert.Single(await CheckAsync(client, "She is making her own choices.")).GetProperty("entryId").GetString());
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.HeadOfService)]
    [InlineData(Role.DataProtectionOfficer)]
    public async Task PhraseListPages_SomeoneWhoIsNotAnAdministrator_Forbidden_NothingChanged(Role role)
    {
        await using var app = await StartAsync(TestDatabase.Sqlite);
        var client = await app.SignInAsAsync(role);
        foreach (var path in new[] { "/admin/language", "/admin/language/new", "/admin/language/own-choices" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await TestApp.PostFormAsync(client, "/admin/language/new", Phrase(), formPage: "/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TestApp.PostFormAsync(client, "/admin/language/own-choices?handler=Retire", new Dictionary<string, string>(), formPage: "/")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.LanguagePhraseChanges.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.LanguagePhrases.CountAsync(Ct)));
    }
}
