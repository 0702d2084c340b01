using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Features.Alerts;
using Lantern.Features.Network;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lantern.Tests.Network;

/// <summary>
/// The network's alert rules as the partnership would meet them: an adult around a second child of another household
/// raises one alert and not before, whichever agency's records join them; his own children, a professional in his role and
/// a generic place raise nothing by themselves; a person of concern raises it at the first child; a car around a third child
/// within twelve months is a hotspot, three spread over longer are not; an import of old records raises the alerts
/// of then, dated then; more evidence joins the open alert; the alert names each record with its agency and grading;
/// the API lists it. Runs on SQLite and PostgreSQL, with a fake clock.
/// </summary>
public abstract class NetworkAlertScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    private const string Header = """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""";
    private const string Police = """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""";

    private static string Child(string id, string given, string family) =>
        $$"""{"type":"child","id":"{{id}}","givenName":"{{given}}","familyName":"{{family}}","approximateAge":14}""";

    private static string Person(string id, string name, string more = "") =>
        "{\"type\":\"person\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"age\":\"about 40\"" + more + "}";

    /// <summary>An event of the police at <paramref name="at"/> about the children, naming records as given (persons, vehicles, places lists).</summary>
    private static string Event(string id, string at, IEnumerable<string> children, string names, string grading = "") =>
        "{\"type\":\"event\",\"id\":\"" + id + "\",\"eventType\":\"policeIncident\",\"occurredAt\":\"" + at
        + "\",\"summary\":\"Police attended; the children were with others named below.\",\"children\":["
        + string.Join(",", children.Select(c => "{\"child\":\"" + c + "\"}")) + "]," + names + grading + "}";

    private static string With(string person, string relation, string role = "") =>
        "\"persons\":[{\"person\":\"" + person + "\",\"relation\":\"" + relation + "\"" + (role.Length == 0 ? "" : ",\"role\":\"" + role + "\"") + "}]";

    private static async Task ImportAsync(TestApp app, params string[] lines) => Assert.Empty((await TestImports.ImportAsync(app, lines, Ct)).Errors);

    private static Task<List<Alert>> AlertsAsync(TestApp app, string rule) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Evidence).Where(a => a.Rule == rule).ToListAsync(Ct));

    private static Task<Guid> PersonIdAsync(TestApp app, string name) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.DisplayName == name && p.MergedIntoId == null).Select(p => p.Id).SingleAsync(Ct));

    private static async Task<Guid> ChildIdAsync(TestApp app, string given) =>
        (await app.WithDbAsync(db => db.Children.Where(c => c.GivenName == given).Select(c => c.Id).SingleAsync(Ct))).Value;

    private static async Task<List<string>> InboxAsync(TestApp app, string email) => [.. (await app.InboxAsync(email, Ct)).Select(n => n.Subject)];

    [Fact]
    public async Task Import_SecondChildOfAnotherHouseholdFromAnotherAgency_RaisesOneAlertDatedAtThatRecord_NotAtTheFirst()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Leah", "Quarmby"),
            Person("P-1", "Tariq Raza", ""","phones":[{"number":"07700 900123","relation":"uses"}]"""),
            Event("E-1", "2009-01-10T21:00:00Z", ["C-1"], With("P-1", "seenWith"), ""","confidence":"tentative","grade":"B2" """));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        // The health service's own record of the same man (his name and phone agree), with another girl, months later.
        app.Time.Advance(TimeSpan.FromDays(1));
        await ImportAsync(app, """{"type":"header","format":"lantern-extract","version":1,"agency":"NBH"}""",
            """{"type":"agency","code":"NBH","name":"Northbridge Health","kind":"health"}""",
            Child("H-1", "Kayleigh", "Dunmore"),
            Person("H-P1", "Tariq Raza", ""","phones":[{"number":"07700900123","relation":"uses"}]"""),
            """{"type":"event","id":"H-E1","eventType":"healthAttendance","occurredAt":"2009-05-02T14:00:00Z","summary":"Attended with an adult man who gave his name.","children":[{"child":"H-1"}],"persons":[{"person":"H-P1","relation":"seenWith"}],"confidence":"confirmed"}""");

        var tariq = await PersonIdAsync(app, "Tariq Raza");
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(("Person", tariq.ToString(), (Guid?)null), (alert.SubjectType, alert.SubjectId, alert.ChildId?.Value));
        Assert.Equal(new DateTimeOffset(2009, 5, 2, 14, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Equal(app.Time.GetUtcNow(), alert.RaisedAt);
        // The path: which records joined whom, from which agencies, when, how graded.
        var leah = await ChildIdAsync(app, "Leah");
        var kayleigh = await ChildIdAsync(app, "Kayleigh");
        var evidence = alert.Evidence.OrderBy(e => e.At).Select(e => (e.RecordReference, e.Member, e.Agency, e.At, e.Grade)).ToList();
        Assert.Equal(
        [
            ("NBP:event:E-1", $"Child:{leah}", "Northbridge Police", new DateTimeOffset(2009, 1, 10, 21, 0, 0, TimeSpan.Zero), "Tentative, B2"),
            ("NBH:event:H-E1", $"Child:{kayleigh}", "Northbridge Health", new DateTimeOffset(2009, 5, 2, 14, 0, 0, TimeSpan.Zero), "Confirmed"),
        ], evidence);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.MultipleVictimsAlertRaised && e.RecordId == tariq.ToString(), Ct)));
        // The exploitation team and the police analysts are told; a school's referrer is not.
        Assert.Contains($"Adult linked to several children: {alert.Reference}", await InboxAsync(app, TestApp.ExploitationWorker.Email));
        Assert.Contains($"Adult linked to several children: {alert.Reference}", await InboxAsync(app, TestApp.DemoAccountFor(Role.IntelligenceAnalyst).Email));
        Assert.DoesNotContain($"Adult linked to several children: {alert.Reference}", await InboxAsync(app, TestApp.DemoAccountFor(Role.Referrer).Email));
    }

    [Fact]
    public async Task Import_ThirdChildLinkedToTheSameAdult_JoinsTheOpenAlert_NoSecondAlert()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Barker"), Child("C-2", "Beth", "Carrow"), Person("P-1", "Mo Khan"),
            Event("E-1", "2010-02-01T20:00:00Z", ["C-1"], With("P-1", "seenWith")),
            Event("E-2", "2010-03-01T20:00:00Z", ["C-2"], With("P-1", "seenWith")));
        var first = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(new DateTimeOffset(2010, 3, 1, 20, 0, 0, TimeSpan.Zero), first.EvidenceCompleteAt);

        app.Time.Advance(TimeSpan.FromHours(3));
        await ImportAsync(app, Header, Police, Child("C-3", "Cara", "Dalton"), Event("E-3", "2010-04-01T20:00:00Z", ["C-3"], With("P-1", "pickedUpIn")));
        // A repeat of the same file brings nothing new: nothing joins and nobody is told again.
        await ImportAsync(app, Header, Police, Child("C-3", "Cara", "Dalton"), Event("E-3", "2010-04-01T20:00:00Z", ["C-3"], With("P-1", "pickedUpIn")));

        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(first.Id, alert.Id);
        Assert.Equal(3, alert.Evidence.Select(e => e.Member).Distinct().Count());
        Assert.Equal(first.EvidenceCompleteAt, alert.EvidenceCompleteAt);
        Assert.Equal(app.Time.GetUtcNow(), alert.UpdatedAt);
        Assert.Contains("3 children", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.AlertEvidenceAdded && e.RecordId == alert.Reference, Ct)));
    }

    [Fact]
    public async Task Import_ParentNamedWithHisOwnTwoChildren_NoAlert_AnUnrelatedSecondChildStillNeedsASecond()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Zain", "Raza"), Child("C-2", "Sara", "Raza"),
            Person("P-1", "Tariq Raza", ""","household":[{"child":"C-1","relation":"parentOf"},{"child":"C-2","relation":"parentOf"}]"""),
            Event("E-1", "2011-01-05T18:00:00Z", ["C-1", "C-2"], With("P-1", "seenWith")),
            Event("E-2", "2011-02-05T18:00:00Z", ["C-2"], With("P-1", "namedInRecord")));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        // One girl who is not his: one household, under the threshold of two.
        await ImportAsync(app, Header, Police, Child("C-3", "Jade", "Marsh"), Event("E-3", "2011-03-05T18:00:00Z", ["C-3"], With("P-1", "seenWith")));
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        // A second, of another household: the alert, about the two girls, not his own children.
        await ImportAsync(app, Header, Police, Child("C-4", "Lucy", "Tan"), Event("E-4", "2011-04-05T18:00:00Z", ["C-4"], With("P-1", "seenWith")));
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(new[] { await ChildIdAsync(app, "Jade"), await ChildIdAsync(app, "Lucy") }.Select(c => $"Child:{c}").Order(),
            alert.Evidence.Select(e => e.Member).Distinct().Order());
    }

    [Fact]
    public async Task Import_TeacherAndYouthWorkerInTheirRoles_NoAlert_ButAYouthWorkerMessagingTwoGirlsRaisesOne()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Hill"), Child("C-2", "Beth", "Stone"),
            Person("P-1", "Ian Hall"),
            Person("P-2", "Dev Patel", ""","places":[{"name":"Northbridge Youth Club","placeType":"youthClub","relation":"worksAt"}]"""),
            // The teacher recorded as there in his role; the youth worker named, as youth workers are, around the girls he works with.
            Event("E-1", "2012-01-10T16:00:00Z", ["C-1", "C-2"], With("P-1", "namedInRecord", "professional")),
            Event("E-2", "2012-01-11T16:00:00Z", ["C-1"], With("P-2", "seenWith")),
            Event("E-3", "2012-01-12T16:00:00Z", ["C-2"], With("P-2", "namedInRecord")));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        // His role does not explain messaging the girls privately.
        await ImportAsync(app, Header, Police,
            Event("E-4", "2012-02-01T23:00:00Z", ["C-1"], With("P-2", "phonedOrMessaged")),
            Event("E-5", "2012-02-02T23:00:00Z", ["C-2"], With("P-2", "phonedOrMessaged")));
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(await PersonIdAsync(app, "Dev Patel"), Guid.Parse(alert.SubjectId));
        Assert.Equal(new DateTimeOffset(2012, 2, 2, 23, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.All(alert.Evidence, e => Assert.Contains("phoned or messaged", e.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_ManAroundTwoSistersTheirMotherIsRecordedWith_OneHousehold_NoAlert_AGirlOfAnotherHouseholdRaisesIt()
    {
        await using var app = await StartAsync();
        // The police hold the girls' mother with both of them; nothing else says they are sisters (no sibling link, no address).
        await ImportAsync(app, Header, Police, Child("C-1", "Chloe", "Marsh"), Child("C-2", "Ruby", "Marsh"),
            Person("P-9", "Donna Marsh", ""","household":[{"child":"C-1","relation":"parentOf"},{"child":"C-2","relation":"parentOf"}]"""),
            Person("P-1", "Wayne Tate"),
            Event("E-1", "2012-05-01T23:00:00Z", ["C-1"], With("P-1", "seenWith")),
            Event("E-2", "2012-06-01T23:00:00Z", ["C-2"], With("P-1", "pickedUpIn")));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        await ImportAsync(app, Header, Police, Child("C-3", "Jade", "Moss"), Event("E-3", "2012-07-01T23:00:00Z", ["C-3"], With("P-1", "seenWith")));
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(new DateTimeOffset(2012, 7, 1, 23, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Contains("3 children of 2 households", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OneOlderBoyfriendAroundOneGirl_EveryAgencyAndHisCarAndFlat_NoAlert()
    {
        await using var app = await StartAsync();
        static string Car(string vehicle) => "\"vehicles\":[{\"vehicle\":\"" + vehicle + "\",\"relation\":\"pickedUpIn\"}]";
        static string Flat(string place) => "\"places\":[{\"place\":\"" + place + "\",\"relation\":\"foundAt\"}]";
        // One man of 23 and one girl of 14: missing with him, picked up in his car, found at his flat, again and again.
        await ImportAsync(app, Header, Police, Child("C-1", "Kayleigh", "Dunn"),
            Person("P-1", "Jason Reeve", ""","vehicles":[{"registration":"YK07 HOB","relation":"keeperOf"}],"places":[{"name":"Flat 3, 12 Moor Lane","placeType":"flat","relation":"livesAt"}]"""),
            """{"type":"vehicle","id":"V-1","registration":"YK07 HOB"}""",
            """{"type":"place","id":"PL-1","name":"Flat 3, 12 Moor Lane","placeType":"flat"}""",
            Event("E-1", "2010-03-01T23:00:00Z", ["C-1"], With("P-1", "seenWith")),
            Event("E-2", "2010-04-01T23:00:00Z", ["C-1"], With("P-1", "missingWith") + "," + Car("V-1")),
            Event("E-3", "2010-05-01T23:00:00Z", ["C-1"], With("P-1", "phonedOrMessaged") + "," + Flat("PL-1")),
            Event("E-4", "2010-06-01T02:00:00Z", ["C-1"], With("P-1", "seenWith", "driver") + "," + Car("V-1") + "," + Flat("PL-1")));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Empty(await AlertsAsync(app, HotspotRule.RuleKey));
    }

    [Fact]
    public async Task Import_OneGirlInTwoRecordsAwaitingADecision_CountsOnce_NoAlert_AnotherGirlRaisesIt()
    {
        await using var app = await StartAsync();
        // The clinic's record of the girl was not joined to the police's: the pair waits for a person to decide.
        await ImportAsync(app, Header, Police, Child("C-1", "Kayleigh", "Dunn"), Child("C-2", "Kay", "Dunne"), Person("P-1", "Jason Reeve"));
        var (kayleigh, kay) = (await ChildIdAsync(app, "Kayleigh"), await ChildIdAsync(app, "Kay"));
        await app.WithDbAsync(async db =>
        {
            db.IdentityMatches.Add(new IdentityMatch
            {
                Status = IdentityMatchStatus.AwaitingReview,
                ChildId = new(kay),
                CandidateId = new(kayleigh),
                RecordType = "Import",
                RecordReference = "NBP:child:C-2",
                Probability = 0.6,
                Explanation = "Names alike, no date of birth",
                CreatedAt = Monday,
            });
            return await db.SaveChangesAsync(Ct);
        });
        await ImportAsync(app, Header, Police,
            Event("E-1", "2010-03-01T23:00:00Z", ["C-1"], With("P-1", "seenWith")),
            Event("E-2", "2010-04-01T23:00:00Z", ["C-2"], With("P-1", "missingWith")));

        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        await ImportAsync(app, Header, Police, Child("C-3", "Jade", "Moss"), Event("E-3", "2010-05-01T23:00:00Z", ["C-3"], With("P-1", "seenWith")));
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(new DateTimeOffset(2010, 5, 1, 23, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Contains("2 children (3 children's records, some possibly one child", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hotspot_SchoolMinibusWithItsDriverInRole_NoAlert_TheSameMinibusStoppedAtNightWithThreeGirlsRaisesIt()
    {
        await using var app = await StartAsync();
        static string Run(string vehicle, string driver) => "\"vehicles\":[{\"vehicle\":\"" + vehicle + "\",\"relation\":\"pickedUpIn\"}],"
            + "\"persons\":[{\"person\":\"" + driver + "\",\"relation\":\"drivesFor\",\"role\":\"school transport driver\"}]";
        await ImportAsync(app, Header, Police, """{"type":"vehicle","id":"V-1","registration":"YK07 HOB"}""", Person("P-1", "Alan Pike"),
            Child("C-1", "Amy", "One"), Child("C-2", "Beth", "Two"), Child("C-3", "Cara", "Three"), Child("C-4", "Dana", "Four"),
            // The council's minibus brings four pupils to school with its usual driver: the transport log.
            Event("E-1", "2011-09-05T08:30:00Z", ["C-1", "C-2", "C-3", "C-4"], Run("V-1", "P-1")),
            Event("E-2", "2011-09-06T08:30:00Z", ["C-1", "C-2", "C-3", "C-4"], Run("V-1", "P-1")));

        Assert.Empty(await AlertsAsync(app, HotspotRule.RuleKey));
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        static string In(string vehicle) => "\"vehicles\":[{\"vehicle\":\"" + vehicle + "\",\"relation\":\"pickedUpIn\"}]";
        await ImportAsync(app, Header, Police,
            Event("E-3", "2011-10-01T01:00:00Z", ["C-1"], In("V-1")), Event("E-4", "2011-10-08T01:00:00Z", ["C-2"], In("V-1")),
            Event("E-5", "2011-10-15T01:00:00Z", ["C-3"], In("V-1")));
        var alert = Assert.Single(await AlertsAsync(app, HotspotRule.RuleKey));
        Assert.Equal(new DateTimeOffset(2011, 10, 15, 1, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Equal(["NBP:event:E-3", "NBP:event:E-4", "NBP:event:E-5"], alert.Evidence.OrderBy(e => e.At).Select(e => e.RecordReference));
    }

    [Fact]
    public async Task FlaggedPersonOfConcern_FirstChild_RaisesAtTheLowerThreshold_AnUnflaggedManDoesNotUntilFlagged()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Person("P-1", "Kamran Ali"), Person("P-2", "Neil Ward"));
        var kamran = await PersonIdAsync(app, "Kamran Ali");
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var concern = $"/network/persons/{kamran}/concern";
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, concern,
            new Dictionary<string, string> { ["Reason"] = "Convicted of offences against children." }, formPage: concern)).StatusCode);
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "North"), Child("C-2", "Beth", "South"),
            Event("E-1", "2013-06-01T22:00:00Z", ["C-1"], With("P-1", "seenWith")),
            Event("E-2", "2013-06-02T22:00:00Z", ["C-2"], With("P-2", "seenWith")));

        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(kamran.ToString(), alert.SubjectId);
        Assert.Equal(new DateTimeOffset(2013, 6, 1, 22, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Contains("a person of concern", alert.Summary, StringComparison.Ordinal);

        // Flagged later, the man already around one child raises it then, dated at that child's record.
        var neil = await PersonIdAsync(app, "Neil Ward");
        var neilConcern = $"/network/persons/{neil}/concern";
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, neilConcern,
            new Dictionary<string, string> { ["Reason"] = "Named by a girl as the man who gives her lifts." }, formPage: neilConcern)).StatusCode);
        var later = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey), a => a.SubjectId == neil.ToString());
        Assert.Equal(new DateTimeOffset(2013, 6, 2, 22, 0, 0, TimeSpan.Zero), later.EvidenceCompleteAt);
    }

    [Fact]
    public async Task Referrals_SameManAndCarNamedAroundTwoChildren_MentionsRaiseTheAlert()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" }, { "kind": "person", "value": "Mo", "detail": "older man, about 25" } ]""");
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mo", "detail": "mid 20s" }, { "kind": "vehicle", "value": "NB19XKR" } ]""");

        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(2, alert.Evidence.Count);
        Assert.All(alert.Evidence, e => Assert.Equal(("ChronologyEntry", "Castle Hill Academy", "Unconfirmed"), (e.RecordType, e.Agency, e.Grade)));
        // Named in a referral is not a concerning event about a car: no hotspot.
        Assert.Empty(await AlertsAsync(app, HotspotRule.RuleKey));
    }

    [Fact]
    public async Task LinksByHand_SecondChildSeenWithTheMan_RaisesTheAlert_DatedTheDayGiven()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Vale"), Child("C-2", "Beth", "Wood"), Person("P-1", "Lee Cross"));
        var (amy, beth, lee) = (await ChildIdAsync(app, "Amy"), await ChildIdAsync(app, "Beth"), await PersonIdAsync(app, "Lee Cross"));
        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        Task<HttpResponseMessage> LinkAsync(Guid child, string on) => TestApp.PostFormAsync(frontDoor, $"/network/persons/{lee}/links/new", new Dictionary<string, string>
        {
            ["Input.Other"] = $"children/{child}",
            ["Input.Type"] = nameof(LinkType.SeenWith),
            ["Input.Confidence"] = nameof(LinkConfidence.Confirmed),
            ["Input.On"] = on,
            ["Input.Note"] = "Seen with him outside the takeaway by the youth worker.",
        });

        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(amy, "02/11/2026")).StatusCode);
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(beth, "16/11/2026")).StatusCode);

        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(lee.ToString(), alert.SubjectId);
        Assert.Equal(new DateOnly(2026, 11, 16), DateOnly.FromDateTime(alert.EvidenceCompleteAt!.Value.UtcDateTime.AddHours(12)));
        Assert.All(alert.Evidence, e => Assert.Equal(("Page", "Northbridge Children's Social Care", "Confirmed"), (e.RecordType, e.Agency, e.Grade)));
    }

    private static async Task ReferWithAsync(TestApp app, HttpClient school, string mentionsJson)
    {
        var body = TestReferrals.ForUniqueChild("Alert");
        var start = body.IndexOf("\"mentions\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', start) + 1;
        await TestChildren.ReferredAsync(app, school, body[..start] + "\"mentions\": " + mentionsJson + body[end..], Ct);
    }

    [Fact]
    public async Task MergeOfTwoPersonRecords_JoinsTheirChildren_RaisesTheAlert_UndoTakesTheOtherMansRecordsBack()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mohammed Khan" } ]""");
        app.Time.Advance(TimeSpan.FromHours(1));
        await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mohammed Khan", "detail": "about 30" } ]""");
        var khans = await app.WithDbAsync(db => db.Persons.Where(p => p.DisplayName == "Mohammed Khan").OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync(Ct));
        Assert.Equal(2, khans.Count);
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, PersonReviewPages.ComparePath(khans[0], khans[1]),
            new Dictionary<string, string> { ["Decision"] = "Same", ["Reason"] = "One man: the police record links both." })).StatusCode);
        var alert = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(khans[0].ToString(), alert.SubjectId);
        Assert.Equal(2, alert.Evidence.Count);

        var merge = await app.WithDbAsync(db => db.PersonMerges.Select(m => m.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, PersonReviewPages.MergePath(merge),
            new Dictionary<string, string> { ["UndoReason"] = "Two men: the father and his son share the name." })).StatusCode);
        var after = Assert.Single(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        Assert.Equal(alert.Id, after.Id);
        Assert.Single(after.Evidence);
        Assert.Contains("no longer linked to enough children", after.Summary, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.AlertEvidenceWithdrawn && e.RecordId == alert.Reference, Ct)));
    }

    [Fact]
    public async Task Hotspot_ThirdChildWithin12Months_Raises_NotBefore_NotWhenSpreadOverMore()
    {
        await using var app = await StartAsync();
        var cars = """{"type":"vehicle","id":"V-1","registration":"NB19 XKR"}""";
        var other = """{"type":"vehicle","id":"V-2","registration":"YK07 HOB"}""";
        static string In(string vehicle) => "\"vehicles\":[{\"vehicle\":\"" + vehicle + "\",\"relation\":\"pickedUpIn\"}]";
        await ImportAsync(app, Header, Police, cars, other,
            Child("C-1", "Amy", "One"), Child("C-2", "Beth", "Two"), Child("C-3", "Cara", "Three"),
            Child("C-4", "Dana", "Four"), Child("C-5", "Erin", "Five"), Child("C-6", "Faye", "Six"),
            Event("E-1", "2010-01-05T22:00:00Z", ["C-1"], In("V-1")),
            Event("E-2", "2010-06-01T22:00:00Z", ["C-2"], In("V-1")),
            // Three girls in the other car, but the first and last thirteen months apart.
            Event("E-4", "2011-01-01T22:00:00Z", ["C-4"], In("V-2")),
            Event("E-5", "2011-08-01T22:00:00Z", ["C-5"], In("V-2")),
            Event("E-6", "2012-02-02T22:00:00Z", ["C-6"], In("V-2")));

        Assert.Empty(await AlertsAsync(app, HotspotRule.RuleKey));

        await ImportAsync(app, Header, Police, Event("E-3", "2010-12-20T22:00:00Z", ["C-3"], In("V-1")));

        var alert = Assert.Single(await AlertsAsync(app, HotspotRule.RuleKey));
        var car = await app.WithDbAsync(db => db.Vehicles.Where(v => v.Key == "NB19XKR").Select(v => v.Id).SingleAsync(Ct));
        Assert.Equal(("Vehicle", car.ToString()), (alert.SubjectType, alert.SubjectId));
        Assert.Equal(new DateTimeOffset(2010, 12, 20, 22, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Equal(["NBP:event:E-1", "NBP:event:E-2", "NBP:event:E-3"], alert.Evidence.OrderBy(e => e.At).Select(e => e.RecordReference));
    }

    [Fact]
    public async Task Hotspot_GenericPlaces_ManyChildrenOrAChildrensHome_NoAlert_AnOrdinaryFlatDoes()
    {
        await using var app = await StartAsync();
        var lines = new List<string>
        {
            Header, Police,
            """{"type":"place","id":"PL-1","name":"Northbridge Bus Station","placeType":"other"}""",
            """{"type":"place","id":"PL-2","name":"Hope House","placeType":"childrensHome"}""",
            """{"type":"place","id":"PL-3","name":"Flat 2, 14 Hope Road","placeType":"flat"}""",
        };
        static string At(string place, string relation) => "\"places\":[{\"place\":\"" + place + "\",\"relation\":\"" + relation + "\"}]";
        // Twenty-six children found at the bus station in a month: more than the twenty-five that makes a place generic.
        string[] given = ["Amy", "Beth", "Cara", "Dana", "Erin", "Faye", "Gina", "Hana", "Isla", "Jade", "Kira", "Lola", "Maya",
            "Nina", "Orla", "Pia", "Rosa", "Sian", "Tara", "Uma", "Vera", "Wren", "Xena", "Yara", "Zoe", "Ava"];
        string[] family = ["Abbott", "Brennan", "Castillo", "Dimitrov", "Eze", "Fitzgerald", "Gallagher", "Hussain", "Ibrahim", "Jankowski", "Kowalczyk",
            "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinlan", "Rossi", "Szabo", "Thornton", "Urquhart", "Vasquez", "Whitfield", "Xu", "Yilmaz", "Zielinski"];
        for (var i = 1; i <= 26; i++)
        {
            lines.Add(Child($"C-{i}", given[i - 1], family[i - 1]));
            lines.Add(Event($"E-{i}", $"2014-03-{i:00}T12:00:00Z", [$"C-{i}"], At("PL-1", "foundAt")));
        }
        for (var i = 1; i <= 3; i++)
        {
            lines.Add(Event($"H-{i}", $"2014-04-0{i}T12:00:00Z", [$"C-{i}"], At("PL-2", "foundAt")));
            lines.Add(Event($"F-{i}", $"2014-05-0{i}T12:00:00Z", [$"C-{i + 10}"], At("PL-3", "exploitedAt")));
        }
        await ImportAsync(app, [.. lines]);

        var alert = Assert.Single(await AlertsAsync(app, HotspotRule.RuleKey));
        var flat = await app.WithDbAsync(db => db.Places.Where(p => p.Type == PlaceType.Flat).Select(p => p.Id).SingleAsync(Ct));
        Assert.Equal(("Place", flat.ToString()), (alert.SubjectType, alert.SubjectId));
    }

    [Fact]
    public async Task Hotspot_AdministratorSetsAFlatGenericAndAChildrensHomeNot_TheHomeRaisesItTheFlatDoesNot()
    {
        await using var first = await StartAsync();
        await ImportAsync(first, Header, Police,
            """{"type":"place","id":"PL-1","name":"Northbridge Taxis switchboard","placeType":"flat"}""",
            """{"type":"place","id":"PL-2","name":"Hope House","placeType":"childrensHome"}""",
            Child("C-1", "Amy", "Ash"), Child("C-2", "Beth", "Birch"), Child("C-3", "Cara", "Cedar"));
        var references = await first.WithDbAsync(db => db.Places.ToDictionaryAsync(p => p.Type, p => p.Reference, Ct));
        // A second node of the deployment with the administrator's settings.
        await using var app = new TestApp(first);
        app.Settings["Lantern:Network:Alerts:Generic:0"] = references[PlaceType.Flat];
        app.Settings["Lantern:Network:Alerts:NotGeneric:0"] = references[PlaceType.ChildrensHome];
        await app.InitializeAsync();
        static string At(string place) => "\"places\":[{\"place\":\"" + place + "\",\"relation\":\"exploitedAt\"}]";

        await ImportAsync(app, Header,
            Event("E-1", "2015-01-01T12:00:00Z", ["C-1"], At("PL-1")), Event("E-2", "2015-01-02T12:00:00Z", ["C-2"], At("PL-1")),
            Event("E-3", "2015-01-03T12:00:00Z", ["C-3"], At("PL-1")), Event("H-1", "2015-01-01T12:00:00Z", ["C-1"], At("PL-2")),
            Event("H-2", "2015-01-02T12:00:00Z", ["C-2"], At("PL-2")), Event("H-3", "2015-01-03T12:00:00Z", ["C-3"], At("PL-2")));

        var alert = Assert.Single(await AlertsAsync(app, HotspotRule.RuleKey));
        var home = await app.WithDbAsync(db => db.Places.Where(p => p.Type == PlaceType.ChildrensHome).Select(p => p.Id).SingleAsync(Ct));
        Assert.Equal(home.ToString(), alert.SubjectId);
    }

    [Fact]
    public async Task Api_ListsTheAlertWithMembersAndRecords_ForTheAnalystAndFrontDoor_NotForAReferrer()
    {
        await using var app = await StartAsync();
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "West"), Child("C-2", "Beth", "East"), Person("P-1", "Mo Khan"),
            Event("E-1", "2008-03-14T19:30:00Z", ["C-1", "C-2"], With("P-1", "seenWith"), ""","confidence":"tentative","grade":"B2" """));
        var mo = await PersonIdAsync(app, "Mo Khan");

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var answer = await analyst.GetAsync(new Uri("/api/v1/alerts?rule=MultipleVictims&status=open", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var listed = Assert.Single((await answer.Content.ReadFromJsonAsync<List<AlertView>>(ApiJson.Options, Ct))!);
        Assert.Equal((MultipleVictimsRule.RuleKey, AlertStatus.Open, "Person", mo.ToString()), (listed.Rule, listed.Status, listed.SubjectType, listed.SubjectId));
        Assert.Equal((new DateTimeOffset(2008, 3, 14, 19, 30, 0, TimeSpan.Zero), Monday), (listed.EvidenceCompleteAt!.Value, listed.RaisedAt));
        Assert.Equal(["Person", "Child", "Child"], listed.Members.Select(m => m.Kind));
        Assert.All(listed.Members.Skip(1), m => Assert.Equal(("NBP:event:E-1", "Northbridge Police", "Tentative, B2"),
            (Assert.Single(m.Records).SourceId, m.Records[0].Agency, m.Records[0].Grade)));
        using (var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal("open", json.RootElement[0].GetProperty("status").GetString());
            Assert.True(json.RootElement[0].TryGetProperty("evidenceCompleteAt", out _));
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.AlertsListed, Ct)));

        // The page of the alert, for those who see the network.
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri(AlertService.PagePath(listed.Id), UriKind.Relative), Ct));
        Assert.Equal("Adult linked to several children", page.Heading());
        Assert.Contains(page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/network/persons/{mo}");

        var frontDoor = await app.SignInAsAsync(Role.TeamManager);
        Assert.Single((await frontDoor.GetFromJsonAsync<List<AlertView>>(new Uri("/api/v1/alerts", UriKind.Relative), ApiJson.Options, Ct))!);
        var referrer = await app.SignInAsAsync(Role.Referrer);
        Assert.Equal(HttpStatusCode.Forbidden, (await referrer.GetAsync(new Uri("/api/v1/alerts", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await referrer.GetAsync(new Uri(AlertService.PagePath(listed.Id), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync(new Uri("/api/v1/alerts?status=gone", UriKind.Relative), Ct)).StatusCode);
    }
}

public sealed class SqliteNetworkAlertScenarios : NetworkAlertScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresNetworkAlertScenarios : NetworkAlertScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}

/// <summary>The network alert settings are checked before any evaluation relies on them; no database needed.</summary>
public sealed class NetworkAlertSettingsTests
{
    private static NetworkAlertOptions Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Lantern:Network:Alerts:" + s.Key, s.Value))).Build();
        using var services = new ServiceCollection().AddLogging().AddNetwork(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<NetworkAlertOptions>>().Value;
    }

    [Fact]
    public void BadSettings_AreRefusedWhenRead_NamingEachSetting()
    {
        var low = Assert.Throws<OptionsValidationException>(() => Read(("HotspotChildren", "1")));
        Assert.Contains("Lantern:Network:Alerts:HotspotChildren", low.Message, StringComparison.Ordinal);
        var both = Assert.Throws<OptionsValidationException>(() => Read(("ConcerningLinks:0", "SeenWith"), ("ConcerningLinks:1", "ParentOf")));
        Assert.Contains("Lantern:Network:Alerts:ConcerningLinks", both.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<OptionsValidationException>(() => Read(("Generic:0", "PLC-1"), ("NotGeneric:0", "plc-1")));
        Assert.Contains("Lantern:Network:Alerts:NotGeneric", twice.Message, StringComparison.Ordinal);
        var work = Assert.Throws<OptionsValidationException>(() => Read(("WorkLinks:0", "PickedUpIn")));
        Assert.Contains("Lantern:Network:Alerts:WorkLinks", work.Message, StringComparison.Ordinal);
        var oneAdult = Assert.Throws<OptionsValidationException>(() => Read(("OrganisedNetworkAdults", "1")));
        Assert.Contains("Lantern:Network:Alerts:OrganisedNetworkAdults", oneAdult.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AListSet_ReplacesTheDefaultWhole_AListLeftUnsetKeepsIt()
    {
        var options = Read(("ConcerningLinks:0", "PickedUpIn"), ("ConcerningLinks:1", "ExploitedAt"));

        Assert.Equal([LinkType.PickedUpIn, LinkType.ExploitedAt], options.Concerning.Order());
        Assert.Equal(NetworkAlertOptions.DefaultHouseholdLinks.Order(), options.Household.Order());
    }
}
