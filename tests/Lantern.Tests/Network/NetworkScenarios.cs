using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Network;

/// <summary>
/// The people, vehicles, phones and places named in referrals becoming records of the network, linked to each
/// child named around them, as an analyst and a social worker would find them: one car however its plate was
/// typed, one phone however it was spaced, a man taken for one already recorded only when more than his name
/// agrees, need-to-know on every page, and flagging a person of concern. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class NetworkScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    private static Task<Guid> ReferWithAsync(TestApp app, HttpClient school, string mentionsJson) => TestChildren.ReferredNamingAsync(app, school, "Net", mentionsJson, Ct);

    private static Task<List<Link>> LinksOfAsync(TestApp app, Guid child) =>
        app.WithDbAsync(db => db.Links.Where(l => l.FromKind == NodeKind.Child && l.FromId == child && l.WithdrawnAt == null).ToListAsync(Ct));

    [Fact]
    public async Task Referrals_SamePlateTypedThreeWays_OneVehicleLinkedToEachChild_TheAnalystSeesAllThree()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR", "detail": "silver Astra" } ]""");
        var beth = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "nb19xkr" } ]""");
        var cara = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NBI9 XKR", "detail": "silver car" } ]""");
        var other = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKP" } ]""");

        var vehicles = await app.WithDbAsync(db => db.Vehicles.OrderBy(v => v.CreatedAt).ToListAsync(Ct));
        Assert.Equal(["NB19XKR", "NB19XKP"], vehicles.Select(v => v.Key));
        var car = vehicles[0];
        foreach (var child in new[] { amy, beth, cara })
        {
            var link = Assert.Single(await LinksOfAsync(app, child));
            Assert.Equal((NodeKind.Vehicle, car.Id, LinkType.NamedInRecord, LinkConfidence.Unconfirmed), (link.ToKind, link.ToId, link.Type, link.Confidence));
            Assert.Equal("ChronologyEntry", link.RecordType);
        }
        Assert.Equal(vehicles[1].Id, Assert.Single(await LinksOfAsync(app, other)).ToId);
        Assert.Contains("silver Astra", car.Description, StringComparison.Ordinal);

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}", UriKind.Relative), Ct));
        Assert.Equal("NB19 XKR", page.Heading());
        var linked = page.QuerySelectorAll("table td:first-child a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(new[] { amy, beth, cara }.Select(c => $"/children/{c}").Order(), linked.Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.NetworkRecordViewed && e.RecordId == car.Reference, Ct)));

        // Searching as it was written on another record, or by part of the plate, finds the car.
        foreach (var typed in new[] { "nbi9 xkr", "NB19 X??" })
        {
            var search = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/children?q={Uri.EscapeDataString(typed)}", UriKind.Relative), Ct));
            Assert.Contains(search.QuerySelectorAll("#network ~ table a").Select(a => a.GetAttribute("href")), h => h == $"/network/vehicles/{car.Id}");
        }
    }

    [Fact]
    public async Task Referrals_SameNumberSpacedAndPrefixedDifferently_OnePhone_APartialPlateJoinsTheOneCarItFits()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "phone", "value": "07700 900123" }, { "kind": "vehicle", "value": "MA68 TYU" } ]""");
        var beth = await ReferWithAsync(app, school, """[ { "kind": "phone", "value": "+44 (0)7700-900-123" }, { "kind": "vehicle", "value": "MA68 T??" } ]""");
        var cara = await ReferWithAsync(app, school, """[ { "kind": "phone", "value": "0044 7700 900123" }, { "kind": "phone", "value": "not known" } ]""");

        var phone = Assert.Single(await app.WithDbAsync(db => db.Phones.ToListAsync(Ct)));
        Assert.Equal("+447700900123", phone.Key);
        foreach (var child in new[] { amy, beth, cara })
        {
            Assert.Contains(await LinksOfAsync(app, child), l => l.ToKind == NodeKind.Phone && l.ToId == phone.Id);
        }
        // The partial plate fits the one car recorded: it joins it rather than making a record of its own.
        var car = Assert.Single(await app.WithDbAsync(db => db.Vehicles.ToListAsync(Ct)));
        Assert.Contains(await LinksOfAsync(app, beth), l => l.ToKind == NodeKind.Vehicle && l.ToId == car.Id);
        // What could not be read as a number is kept as written and says why it is not linked.
        var unread = await app.WithDbAsync(db => db.Mentions.SingleAsync(m => m.ChronologyEntryId != null && m.Value == "not known", Ct));
        Assert.Null(unread.NodeId);
        Assert.Equal("Not a phone number", unread.NotLinkedReason);
        Assert.Equal(0, await app.WithDbAsync(db => db.Mentions.CountAsync(m => m.ChronologyEntryId != null && m.LinkedAt == null, Ct)));
    }

    [Fact]
    public async Task Referrals_SameNicknameAroundDifferentChildren_OnePersonOnlyWhenTheCarAgrees_NamesakesShownSideBySide()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" }, { "kind": "person", "value": "Mo", "detail": "older man, about 25" } ]""");
        // Another child, the same nickname and the same car: the same man.
        var beth = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "'Mo'", "detail": "mid 20s" }, { "kind": "vehicle", "value": "NB19XKR" } ]""");
        // Another child, the same nickname and nothing else: many men are called Mo, so a record of his own.
        var cara = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mo" } ]""");
        // The same nickname, the same car, but an age that cannot be the same man's.
        var dana = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mo", "detail": "about 60" }, { "kind": "vehicle", "value": "NB19 XKR" } ]""");

        var persons = await app.WithDbAsync(db => db.Persons.OrderBy(p => p.CreatedAt).ToListAsync(Ct));
        Assert.Equal(3, persons.Count);
        var mo = persons[0];
        Assert.Equal(mo.Id, (await LinksOfAsync(app, beth)).Single(l => l.ToKind == NodeKind.Person).ToId);
        Assert.NotEqual(mo.Id, (await LinksOfAsync(app, cara)).Single(l => l.ToKind == NodeKind.Person).ToId);
        Assert.NotEqual(mo.Id, (await LinksOfAsync(app, dana)).Single(l => l.ToKind == NodeKind.Person).ToId);
        Assert.Equal((25 - 3, 25 + 3), (mo.YoungestAge!.Value, mo.OldestAge!.Value));

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{mo.Id}", UriKind.Relative), Ct));
        var namesakes = page.QuerySelectorAll("ul.govuk-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(persons.Skip(1).Select(p => $"/network/persons/{p.Id}").Order(), namesakes.Order());
        Assert.Contains(page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")), h => h == $"/children/{amy}");
    }

    [Fact]
    public async Task VehiclePage_NeedToKnow_AnInvestigatorSeesOnlyTheChildTheyWorkWith_AndIsToldOthersExist()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        var beth = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        var lone = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "YX20 ABC" } ]""");
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Key == "NB19XKR", Ct));
        var other = await app.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Key == "YX20ABC", Ct));

        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri($"/network/vehicles/{car.Id}", UriKind.Relative), Ct)).StatusCode);

        await TestChildren.InvolveAsync(app, amy, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var page = await Html.ParseAsync(await investigator.GetAsync(new Uri($"/network/vehicles/{car.Id}", UriKind.Relative), Ct));
        Assert.Equal([$"/children/{amy}"], page.QuerySelectorAll("table td:first-child a").Select(a => a.GetAttribute("href")));
        Assert.Contains("1 more child is linked", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(beth.ToString(), page.Body.InnerHtml, StringComparison.Ordinal);
        // A car linked only to a child they do not work with is not found, never shown.
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri($"/network/vehicles/{other.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri($"/network/boats/{car.Id}", UriKind.Relative), Ct)).StatusCode);
        _ = lone;
    }

    [Fact]
    public async Task FlagPersonOfConcern_ReasonRequired_Audited_HouseholdChildGetsAnAlert_Unflagged()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var victim = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Tariq Aziz", "detail": "about 40" } ]""");
        var son = await ReferWithAsync(app, school, "[]");
        var person = await app.WithDbAsync(db => db.Persons.SingleAsync(Ct));
        // Tariq is the father of another child: the network knows it (as an import of the family's record would say).
        await app.WithDbAsync(async db =>
        {
            db.Links.Add(Link.Make(new NodeRef(NodeKind.Person, person.Id), new NodeRef(NodeKind.Child, son), LinkType.ParentOf, LinkConfidence.Confirmed,
                new LinkSource("Test", "family", null, Monday), "test", Monday));
            return await db.SaveChangesAsync(Ct);
        });
        var path = $"/network/persons/{person.Id}/concern";

        var referrer = await app.SignInAsAsync(Role.Referrer);
        Assert.Equal(HttpStatusCode.Forbidden, (await referrer.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var profile = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/persons/{person.Id}", UriKind.Relative), Ct));
        Assert.Contains(profile.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == path);
        var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, path, new Dictionary<string, string> { ["Reason"] = "  " }, formPage: path));
        Assert.Equal([("Say why this person is of concern", "Reason")], noReason.ErrorSummary());
        Assert.False((await app.WithDbAsync(db => db.Persons.SingleAsync(Ct))).OfConcern);

        var flagged = await TestApp.PostFormAsync(analyst, path, new Dictionary<string, string> { ["Reason"] = "Named by two girls as the man who drives them to parties." }, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var saved = await app.WithDbAsync(db => db.Persons.SingleAsync(Ct));
        Assert.True(saved.OfConcern);
        Assert.Equal("Ruth Feld", saved.FlaggedByName);
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.PersonFlagged, Ct));
        Assert.Equal(person.Reference, audit.RecordId);
        // His own child's safety is to be assessed; the girl he is named around is not his household.
        var alert = await app.WithDbAsync(db => db.Alerts.Include(a => a.Evidence).SingleAsync(a => a.Rule == "PersonOfConcernInHousehold", Ct));
        Assert.Equal(("PersonOfConcernInHousehold", new ChildId(son)), (alert.Rule, alert.ChildId!.Value));
        Assert.Equal(person.Reference, Assert.Single(alert.Evidence).RecordReference);
        Assert.NotEqual(new ChildId(victim), alert.ChildId);

        var again = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, path, new Dictionary<string, string> { ["Reason"] = "" }, formPage: path));
        Assert.Equal([("Say why this person is no longer of concern", "Reason")], again.ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, path,
            new Dictionary<string, string> { ["Reason"] = "Wrong man: the girls meant his brother." }, formPage: path)).StatusCode);
        Assert.False((await app.WithDbAsync(db => db.Persons.SingleAsync(Ct))).OfConcern);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.PersonUnflagged, Ct)));
    }

    [Fact]
    public async Task MentionsLeftUnread_AreReadByTheScheduledWork()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await ReferWithAsync(app, school, """[ { "kind": "place", "value": "The Star Grill", "detail": "Dunmore Street, NB2 7QT" } ]""");
        // As if the node had stopped between saving the referral and reading it: the link and the place are gone, the mention unread.
        await app.WithDbAsync(async db =>
        {
            await db.Links.ExecuteDeleteAsync(Ct);
            await db.PlaceNames.ExecuteDeleteAsync(Ct);
            await db.Places.ExecuteDeleteAsync(Ct);
            return await db.Mentions.ExecuteUpdateAsync(s => s.SetProperty(m => m.LinkedAt, (DateTimeOffset?)null).SetProperty(m => m.NodeId, (Guid?)null), Ct);
        });

        await app.RunScheduledWorkAsync();

        var place = await app.WithDbAsync(db => db.Places.SingleAsync(Ct));
        Assert.Equal(("The Star Grill", "NB27QT"), (place.DisplayName, place.Postcode));
        Assert.Equal(place.Id, Assert.Single(await LinksOfAsync(app, child)).ToId);
        // A later record naming it without "the" meets the same place.
        var other = await ReferWithAsync(app, school, """[ { "kind": "place", "value": "star grill" } ]""");
        Assert.Equal(place.Id, Assert.Single(await LinksOfAsync(app, other)).ToId);
    }
}

public sealed class SqliteNetworkScenarios : NetworkScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresNetworkScenarios : NetworkScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
