using System.Net;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Features.Network;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Network;

/// <summary>
/// The review of records of people that may be one person, as an analyst and the front door work through it: two men of
/// one name around different children stay two records and are put as a pair; the same person merges the newer record
/// into the older with its links, and the merge is undone with every link back; two people is remembered for good;
/// a decision without its reason writes nothing; nobody else may decide. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class PersonReviewScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    private static async Task<Guid> ReferWithAsync(HttpClient school, TestApp app, string mentionsJson)
    {
        var body = TestReferrals.ForUniqueChild("Rev");
        var start = body.IndexOf("\"mentions\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', start) + 1;
        return await TestChildren.ReferredAsync(app, school, body[..start] + "\"mentions\": " + mentionsJson + body[end..], Ct);
    }

    /// <summary>Two children referred by the school, each naming a Mohammed Khan and nothing else (the second with his age); the children and the two records, older first.</summary>
    private static async Task<(Guid Amy, Guid Beth, Person Older, Person Newer)> TwoKhansAsync(TestApp app)
    {
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(school, app, """[ { "kind": "person", "value": "Mohammed Khan" } ]""");
        app.Time.Advance(TimeSpan.FromHours(1));
        var beth = await ReferWithAsync(school, app, """[ { "kind": "person", "value": "Mohammed Khan", "detail": "about 30" } ]""");
        var persons = await app.WithDbAsync(db => db.Persons.Where(p => p.DisplayName == "Mohammed Khan").OrderBy(p => p.CreatedAt).ToListAsync(Ct));
        Assert.Equal(2, persons.Count);
        return (amy, beth, persons[0], persons[1]);
    }

    private static Task<List<Link>> PersonLinksAsync(TestApp app, Guid person) =>
        app.WithDbAsync(db => db.Links.AsNoTracking().Where(l => (l.FromKind == NodeKind.Person && l.FromId == person) || (l.ToKind == NodeKind.Person && l.ToId == person)).ToListAsync(Ct));

    private static async Task<List<string?>> QueueLinksAsync(HttpClient client)
    {
        var queue = await Html.ParseAsync(await client.GetAsync(new Uri(PersonReviewPages.Queue, UriKind.Relative), Ct));
        return [.. queue.QuerySelectorAll("#pairs a").Select(a => a.GetAttribute("href"))];
    }

    private static Task<int> AuditCountAsync(TestApp app, AuditCode code) => app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    [Fact]
    public async Task Queue_TwoMohammedKhansAroundDifferentChildren_StayApartAndArePutAsOnePair()
    {
        await using var app = await StartAsync();
        var (amy, beth, older, newer) = await TwoKhansAsync(app);
        Assert.NotEqual(older.Id, newer.Id);
        Assert.Contains(await PersonLinksAsync(app, older.Id), l => l.FromId == amy);
        Assert.Contains(await PersonLinksAsync(app, newer.Id), l => l.FromId == beth);

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var compare = PersonReviewPages.ComparePath(older.Id, newer.Id);
        Assert.Equal([compare], await QueueLinksAsync(analyst));
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.PersonReviewViewed));
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri(compare, UriKind.Relative), Ct));
        Assert.Equal($"Is Mohammed Khan ({older.Reference}) the same person as Mohammed Khan ({newer.Reference})?", page.Heading());
        Assert.Contains("Nothing links them but the name", page.QuerySelector("#against")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing but the name", page.QuerySelector("#supports")!.TextContent, StringComparison.Ordinal);
        // The person's page offers the comparison too, and the front door's home page the queue.
        var profile = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{newer.Id}", UriKind.Relative), Ct));
        Assert.Contains(profile.QuerySelectorAll("#may-be-same a"), a => a.GetAttribute("href") == compare);
        var frontDoor = await app.SignInAsAsync(Role.Practitioner);
        var home = await Html.ParseAsync(await frontDoor.GetAsync(new Uri("/", UriKind.Relative), Ct));
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == PersonReviewPages.Queue);
        Assert.Equal([compare], await QueueLinksAsync(frontDoor));
    }

    [Fact]
    public async Task Queue_MoreThanAPageOfPairs_IsPaged_AndANameOfVeryManyRecordsIsANote()
    {
        await using var app = await StartAsync();
        // Eight records of one name are 28 pairs; 51 records of a nickname are too many to pair.
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 8; i++)
            {
                db.Persons.Add(Person.Record($"PER-ALI{i:D7}", "Ali Hassan", PersonNameKind.Name, Monday.AddMinutes(i)));
            }
            for (var i = 0; i <= PersonMatching.MaxCandidates; i++)
            {
                db.Persons.Add(Person.Record($"PER-BOSS{i:D6}", "Boss", PersonNameKind.Nickname, Monday.AddMinutes(i)));
            }
            return await db.SaveChangesAsync(Ct);
        });
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var first = await Html.ParseAsync(await analyst.GetAsync(new Uri(PersonReviewPages.Queue, UriKind.Relative), Ct));
        Assert.Equal(PersonReviewQueries.PageSize, first.QuerySelectorAll("#pairs tbody tr").Length);
        Assert.Contains("28 waiting", first.QuerySelector("#pairs caption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Boss: {PersonMatching.MaxCandidates + 1} records", first.QuerySelector("#crowded-names")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Boss", first.QuerySelector("#pairs")!.TextContent, StringComparison.Ordinal);
        var second = await Html.ParseAsync(await analyst.GetAsync(new Uri(PersonReviewPages.Queue + "?page=2", UriKind.Relative), Ct));
        Assert.Equal(3, second.QuerySelectorAll("#pairs tbody tr").Length);
        var pairs = first.QuerySelectorAll("#pairs a").Concat(second.QuerySelectorAll("#pairs a")).Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(28, pairs.Distinct().Count());
    }

    [Fact]
    public async Task Queue_SameCarButAnAgeThatCannotBeOneMans_ShowsWhatSupportsAndWhatWeighsAgainst()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        await ReferWithAsync(school, app, """[ { "kind": "person", "value": "Mo", "detail": "about 25" }, { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        await ReferWithAsync(school, app, """[ { "kind": "person", "value": "Mo", "detail": "about 60" }, { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        var persons = await app.WithDbAsync(db => db.Persons.OrderBy(p => p.CreatedAt).ToListAsync(Ct));
        Assert.Equal(2, persons.Count);

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri(PersonReviewPages.ComparePath(persons[0].Id, persons[1].Id), UriKind.Relative), Ct));
        Assert.Contains("Both are linked to vehicle NB19 XKR", page.QuerySelector("#supports")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The ages as written cannot be one man's", page.QuerySelector("#against")!.TextContent, StringComparison.Ordinal);
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(Ct));
        Assert.Contains(page.QuerySelectorAll("#shared a"), a => a.GetAttribute("href") == $"/network/vehicles/{car.Id}");
    }

    [Fact]
    public async Task DecideSame_MergesTheNewerIntoTheOlder_LinksMove_Audited_AndUndoPutsEverythingBack()
    {
        await using var app = await StartAsync();
        var (amy, beth, older, newer) = await TwoKhansAsync(app);
        var newerLinks = (await PersonLinksAsync(app, newer.Id)).Select(l => l.Id).Order().ToList();
        Assert.Single(newerLinks);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var compare = PersonReviewPages.ComparePath(older.Id, newer.Id);

        var merged = await TestApp.PostFormAsync(analyst, compare,
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "Police record: one man, the same date of birth and address." });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal($"/network/persons/{older.Id}", merged.Headers.Location!.OriginalString);
        var (survivor, gone) = await app.WithDbAsync(async db => (await db.Persons.AsNoTracking().SingleAsync(p => p.Id == older.Id, Ct), await db.Persons.AsNoTracking().SingleAsync(p => p.Id == newer.Id, Ct)));
        Assert.Equal(older.Id, gone.MergedIntoId);
        Assert.Null(survivor.MergedIntoId);
        Assert.Equal("about 30", survivor.AgeAsWritten);
        Assert.Empty(await PersonLinksAsync(app, newer.Id));
        var survivorLinks = await PersonLinksAsync(app, older.Id);
        Assert.Contains(survivorLinks, l => l.FromId == amy);
        Assert.Contains(survivorLinks, l => l.FromId == beth);
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.PersonsMerged, Ct));
        Assert.Equal(older.Reference, audit.RecordId);
        Assert.Equal("Ruth Feld", (await app.WithDbAsync(db => db.PersonMerges.SingleAsync(Ct))).MergedByName);
        // The merged record's page says where he is now; the pair has left the queue.
        var mergedPage = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{newer.Id}", UriKind.Relative), Ct));
        Assert.Contains($"merged into {older.Reference}", mergedPage.QuerySelector("#merged-into")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(mergedPage.QuerySelectorAll("#merged-into a"), a => a.GetAttribute("href") == $"/network/persons/{older.Id}");
        Assert.Empty(await QueueLinksAsync(analyst));
        // An officer working with Beth followed her link to the newer record: it is still found, and says where he is now.
        await TestChildren.InvolveAsync(app, beth, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        var followed = await Html.ParseAsync(await investigator.GetAsync(new Uri($"/network/persons/{newer.Id}", UriKind.Relative), Ct));
        Assert.Contains($"merged into {older.Reference}", followed.QuerySelector("#merged-into")!.TextContent, StringComparison.Ordinal);
        Assert.Null(followed.QuerySelector("#person-merges"));
        // Both children's pages reach the one man.
        var childPage = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{older.Id}", UriKind.Relative), Ct));
        Assert.Equal(new[] { amy, beth }.Select(c => $"/children/{c}").Order(), childPage.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith("/children/", StringComparison.Ordinal)).Order());

        // Undo, from the survivor's page: the reason is needed, then every link goes back and the merged record stands again.
        var mergePath = childPage.QuerySelectorAll("#person-merges a").Select(a => a.GetAttribute("href")).Single()!;
        var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, mergePath, new Dictionary<string, string> { ["UndoReason"] = " " }));
        Assert.Equal([("Say why these are two different people", "UndoReason")], noReason.ErrorSummary());
        Assert.NotNull((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == newer.Id, Ct))).MergedIntoId);
        var undone = await TestApp.PostFormAsync(analyst, mergePath, new Dictionary<string, string> { ["UndoReason"] = "Two men: the father and his son share the name." });
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == newer.Id, Ct))).MergedIntoId);
        Assert.Equal(newerLinks, (await PersonLinksAsync(app, newer.Id)).Select(l => l.Id).Order().ToList());
        Assert.DoesNotContain(await PersonLinksAsync(app, older.Id), l => l.FromId == beth);
        var restored = await app.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == older.Id, Ct));
        Assert.Equal(["Mohammed Khan"], restored.Names.Select(n => n.Value));
        Assert.Null(restored.AgeAsWritten);
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.PersonMergeUndone));
        Assert.Equal(PersonPairOutcome.MergeUndone, (await app.WithDbAsync(db => db.PersonPairDecisions.SingleAsync(Ct))).Outcome);
        // Two people now, for good: the pair is not put again.
        Assert.Empty(await QueueLinksAsync(analyst));
    }

    [Fact]
    public async Task DecideSame_ACrimeNamingTheNewerAsSuspect_IsListedOnTheSurvivor_AndUndoGivesItBack()
    {
        await using var app = await StartAsync();
        var (_, beth, older, newer) = await TwoKhansAsync(app);
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var body = $$"""
            { "crimeReference": "NB/26/007001", "offence": "Sexual activity with a child", "category": "sexualOffence",
              "offenceFrom": "2026-10-01", "reportedOn": "2026-11-02", "suspects": [ { "personId": "{{newer.Id}}" } ], "recordedBy": "PC Dan Moss" }
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/children/{beth}/crimes", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var recorded = await police.SendAsync(request, Ct);
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync(Ct));
        Task<Guid?> SuspectAsync() => app.WithDbAsync(db => db.CrimeSuspects.Select(s => s.PersonId).SingleAsync(Ct));
        // The crime is seen by those who may see its victim.
        await TestChildren.InvolveAsync(app, beth, TestApp.DemoAccountFor(Role.IntelligenceAnalyst).Email, "Analyst for the operation", Ct);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        async Task<List<string>> CrimesListedAsync(Guid person) =>
            [.. (await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{person}", UriKind.Relative), Ct)))
                .QuerySelectorAll("table a").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("/crimes#", StringComparison.Ordinal))];
        Assert.Single(await CrimesListedAsync(newer.Id));
        Assert.Empty(await CrimesListedAsync(older.Id));

        var merged = await TestApp.PostFormAsync(analyst, PersonReviewPages.ComparePath(older.Id, newer.Id),
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "Police record: one man, the same date of birth and address." });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(older.Id, await SuspectAsync());
        Assert.Single(await CrimesListedAsync(older.Id));
        var survivorPage = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{older.Id}", UriKind.Relative), Ct));
        var mergePath = survivorPage.QuerySelectorAll("#person-merges a").Select(a => a.GetAttribute("href")).Single()!;
        var mergePage = await Html.ParseAsync(await analyst.GetAsync(new Uri(mergePath, UriKind.Relative), Ct));
        Assert.Contains("1 crime naming it as suspect", mergePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var undone = await TestApp.PostFormAsync(analyst, mergePath, new Dictionary<string, string> { ["UndoReason"] = "Two men: the father and his son share the name." });
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(newer.Id, await SuspectAsync());
        Assert.Empty(await CrimesListedAsync(older.Id));
    }

    [Fact]
    public async Task DecideSame_TheOlderIsAPersonOfConcern_TheNewerOnesChildInTheHouseholdGetsAnAlert()
    {
        await using var app = await StartAsync();
        var (_, _, older, newer) = await TwoKhansAsync(app);
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var son = await ReferWithAsync(school, app, "[]");
        // The newer record is the father of another child, as an import of the family's record would say.
        await app.WithDbAsync(async db =>
        {
            db.Links.Add(Link.Make(new NodeRef(NodeKind.Person, newer.Id), new NodeRef(NodeKind.Child, son), LinkType.ParentOf, LinkConfidence.Confirmed,
                new LinkSource("Test", "family", null, Monday), "test", Monday));
            return await db.SaveChangesAsync(Ct);
        });
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var concern = $"/network/persons/{older.Id}/concern";
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, concern, new Dictionary<string, string> { ["Reason"] = "Drives girls to parties." })).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.Rule == "PersonOfConcernInHousehold", Ct)));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, PersonReviewPages.ComparePath(older.Id, newer.Id),
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "One man: the police record links both." })).StatusCode);
        // The network's own alert about him is raised too (a person of concern around a child): see NetworkAlertScenarios.
        var alert = await app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).SingleAsync(a => a.Rule == "PersonOfConcernInHousehold", Ct));
        Assert.Equal(("PersonOfConcernInHousehold", son), (alert.Rule, alert.ChildId!.Value.Value));
        Assert.Equal(older.Reference, Assert.Single(alert.Evidence).RecordReference);
    }

    [Fact]
    public async Task DecideNotSame_ThePairLeavesTheQueueForGood_AndADecisionMeanwhileIsAConflict()
    {
        await using var app = await StartAsync();
        var (_, _, older, newer) = await TwoKhansAsync(app);
        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        var compare = PersonReviewPages.ComparePath(older.Id, newer.Id);
        var kept = await TestApp.PostFormAsync(frontDoor, compare,
            new Dictionary<string, string> { ["Decision"] = "NotSame", ["Reason"] = "Different men: one is 30, the other a pupil's uncle in his 50s." });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.PersonsKeptApart));
        Assert.Empty(await QueueLinksAsync(frontDoor));
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == newer.Id, Ct))).MergedIntoId);

        // Someone who had the page open decides too: told who decided, nothing written.
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var late = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, compare,
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "Looks like him." }));
        Assert.Contains("has already decided this pair", Assert.Single(late.ErrorSummary()).Message, StringComparison.Ordinal);
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == newer.Id, Ct))).MergedIntoId);
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.PersonsMerged));

        // Another Mohammed Khan arrives: he is put against each of the two, but the decided pair never again.
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        await ReferWithAsync(school, app, """[ { "kind": "person", "value": "Mohammed Khan" } ]""");
        var queue = await QueueLinksAsync(analyst);
        Assert.Equal(2, queue.Count);
        Assert.DoesNotContain(compare, queue);
    }

    [Fact]
    public async Task Decide_WithoutADecisionOrAReason_NamesTheFieldAndWritesNothing()
    {
        await using var app = await StartAsync();
        var (_, _, older, newer) = await TwoKhansAsync(app);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var compare = PersonReviewPages.ComparePath(older.Id, newer.Id);
        var undecided = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, compare, new Dictionary<string, string> { ["Reason"] = "Same man." }));
        Assert.Equal([("Select whether these records are about the same person", "Decision")], undecided.ErrorSummary());
        foreach (var decision in new[] { "Same", "NotSame" })
        {
            var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, compare, new Dictionary<string, string> { ["Decision"] = decision, ["Reason"] = "\u200B " }));
            Assert.Equal("Reason", Assert.Single(noReason.ErrorSummary()).Target);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.PersonPairDecisions.CountAsync(Ct)));
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == newer.Id, Ct))).MergedIntoId);
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.PersonsMerged) + await AuditCountAsync(app, AuditCode.PersonsKeptApart));
    }

    [Fact]
    public async Task ComparePage_ARoleThatDoesNotDecide_IsRefused_AndAPairNotFoundIs404()
    {
        await using var app = await StartAsync();
        var (amy, _, older, newer) = await TwoKhansAsync(app);
        var compare = PersonReviewPages.ComparePath(older.Id, newer.Id);
        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        // An officer in the case sees the man on the child's network, but does not decide who is who.
        await TestChildren.InvolveAsync(app, amy, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync(new Uri($"/network/persons/{older.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync(new Uri(compare, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync(new Uri(PersonReviewPages.Queue, UriKind.Relative), Ct)).StatusCode);
        var profile = await Html.ParseAsync(await investigator.GetAsync(new Uri($"/network/persons/{older.Id}", UriKind.Relative), Ct));
        Assert.Null(profile.QuerySelector("#may-be-same"));

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync(new Uri(PersonReviewPages.ComparePath(older.Id, Guid.NewGuid()), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync(new Uri($"/network/persons/review/{older.Id}/{older.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync(new Uri(PersonReviewPages.MergePath(Guid.NewGuid()), UriKind.Relative), Ct)).StatusCode);
    }
}

public sealed class SqlitePersonReviewScenarios : PersonReviewScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresPersonReviewScenarios : PersonReviewScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
