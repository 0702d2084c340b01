using System.Net;
using System.Xml.Linq;
using Lantern.Auditing;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Network;

/// <summary>
/// The network around a record as an analyst draws it: two steps out from a car reach the man named with it and the
/// other girl he was named with; filters by year and kind of link; the same records as tables; GraphML and CSV exports
/// that say the same; need to know (a child the reader may not read about is left off and counted); every view and
/// export audited. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class GraphScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Guid> ReferWithAsync(TestApp app, HttpClient school, string mentionsJson) => TestChildren.ReferredNamingAsync(app, school, "Net", mentionsJson, Ct);

    /// <summary>Amy named a car; Beth the same car and a phone; Cara only the phone. Returns the three children, the car and the phone.</summary>
    private static async Task<(Guid Amy, Guid Beth, Guid Cara, Vehicle Car, Phone Phone)> TownAsync(TestApp app)
    {
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        var beth = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "nb19 xkr" }, { "kind": "phone", "value": "07700 900123" } ]""");
        var cara = await ReferWithAsync(app, school, """[ { "kind": "phone", "value": "+44 7700 900123" } ]""");
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(Ct));
        var phone = await app.WithDbAsync(db => db.Phones.SingleAsync(Ct));
        return (amy, beth, cara, car, phone);
    }

    private static List<string?> Records(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody td:first-child a").Select(a => a.GetAttribute("href"))];

    [Fact]
    public async Task Graph_TwoStepsFromACar_ReachesThePhoneAndTheThirdGirl_OneStepDoesNot_ViewAudited()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        var (amy, beth, cara, car, phone) = await TownAsync(app);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);

        var one = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?steps=1", UriKind.Relative), Ct));
        Assert.Equal(new[] { $"/network/vehicles/{car.Id}", $"/children/{amy}", $"/children/{beth}" }.Order(), Records(one).Order());
        var two = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?steps=2", UriKind.Relative), Ct));
        Assert.Equal(new[] { $"/network/vehicles/{car.Id}", $"/children/{amy}", $"/children/{beth}", $"/network/phones/{phone.Id}" }.Order(), Records(two).Order());
        var three = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?steps=3", UriKind.Relative), Ct));
        Assert.Contains($"/children/{cara}", Records(three));
        // The drawing carries the same records as the table.
        var data = three.GetElementById("graph-data")!.TextContent;
        Assert.Equal(5, System.Text.Json.JsonDocument.Parse(data).RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.NetworkGraphViewed && e.RecordId == car.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Graph_Filters_ByYearAndKindOfLink_ABadYearIsNamed()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        var (_, beth, _, car, _) = await TownAsync(app);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        // A child's own network is drawn for those who may read about her: the analyst works with Beth.
        await TestChildren.InvolveAsync(app, beth, TestApp.DemoAccountFor(Role.IntelligenceAnalyst).Email, "Analyst", Ct);

        var later = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/children/{beth}/graph?fromYear={Monday.Year + 1}", UriKind.Relative), Ct));
        Assert.Equal([$"/children/{beth}"], Records(later));
        var found = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/children/{beth}/graph?types=FoundAt", UriKind.Relative), Ct));
        Assert.Equal([$"/children/{beth}"], Records(found));
        var named = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/children/{beth}/graph?types=NamedInRecord&steps=1", UriKind.Relative), Ct));
        Assert.Equal(3, Records(named).Count);

        var bad = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?fromYear=08", UriKind.Relative), Ct));
        Assert.Contains("From year must be a year of four digits", bad.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_Exports_GraphMlAndCsv_SayWhatThePageSays_Audited()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        var (amy, beth, _, car, _) = await TownAsync(app);
        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);

        var graphMl = await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?handler=GraphMl&steps=1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, graphMl.StatusCode);
        var xml = XDocument.Parse(await graphMl.Content.ReadAsStringAsync(Ct));
        XNamespace g = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(new[] { $"vehicles-{car.Id}", $"children-{amy}", $"children-{beth}" }.Order(), xml.Descendants(g + "node").Select(n => (string)n.Attribute("id")!).Order());
        Assert.Equal(2, xml.Descendants(g + "edge").Count());

        var csv = await analyst.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?handler=Csv&steps=1", UriKind.Relative), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from_kind,from,to_kind,to,link,confidence,grade,agency,date,record_type,record_id", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains("NB19 XKR", l, StringComparison.Ordinal));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.NetworkGraphExported && e.RecordId == car.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Graph_NeedToKnow_AChildNotInScopeIsLeftOffAndCounted_ARecordNotInScopeIsNotFound_TheChildsPageListsHerLinks()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        var (amy, beth, _, car, phone) = await TownAsync(app);
        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph", UriKind.Relative), Ct)).StatusCode);

        await TestChildren.InvolveAsync(app, amy, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var response = await investigator.GetAsync(new Uri($"/network/vehicles/{car.Id}/graph?steps=3", UriKind.Relative), Ct);
        var page = await Html.ParseAsync(response);
        Assert.Equal(new[] { $"/network/vehicles/{car.Id}", $"/children/{amy}" }.Order(), Records(page).Order());
        Assert.Contains("1 child is linked to these records but not shown", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(beth.ToString(), page.Body.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(phone.Id.ToString(), page.Body.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri($"/network/children/{beth}/graph", UriKind.Relative), Ct)).StatusCode);

        // The child's own page lists what is linked to her, and links to the view.
        var record = await Html.ParseAsync(await investigator.GetAsync(new Uri($"/children/{amy}", UriKind.Relative), Ct));
        Assert.Equal([$"/network/vehicles/{car.Id}"], record.QuerySelectorAll("#network + table td:first-child a").Select(a => a.GetAttribute("href")));
        Assert.Contains(record.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/network/children/{amy}/graph");
    }

    [Fact]
    public async Task Graph_AroundAnAlert_EveryMemberAtTheCentre_ExportedAndAudited_NotFoundForThoseWhoDoNotSeeIt()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" }, { "kind": "person", "value": "Mo", "detail": "older man, about 25" } ]""");
        var beth = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Mo", "detail": "mid 20s" }, { "kind": "vehicle", "value": "NB19XKR" } ]""");
        var alert = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Rule == Features.Network.MultipleVictimsRule.RuleKey, Ct));
        var mo = await app.WithDbAsync(db => db.Persons.Where(p => p.DisplayName == "Mo").Select(p => p.Id).SingleAsync(Ct));
        var car = await app.WithDbAsync(db => db.Vehicles.Select(v => v.Id).SingleAsync(Ct));
        var path = $"/network/alerts/{alert.Id}/graph";

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var alertPage = await Html.ParseAsync(await analyst.GetAsync(new Uri($"/alerts/{alert.Id}", UriKind.Relative), Ct));
        Assert.Equal(path, alertPage.GetElementById("alert-network")!.GetAttribute("href"));
        var page = await Html.ParseAsync(await analyst.GetAsync(new Uri(path + "?steps=1", UriKind.Relative), Ct));
        Assert.Equal($"Network around alert {alert.Reference}", page.QuerySelector("h1")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("a")!.GetAttribute("href")!, r.QuerySelectorAll("td")[2].TextContent.Trim())).ToList();
        Assert.Equal(new[] { ($"/network/persons/{mo}", "Centre"), ($"/children/{amy}", "Centre"), ($"/children/{beth}", "Centre"), ($"/network/vehicles/{car}", "1") }.Order(), rows.Order());
        var csv = await analyst.GetStringAsync(new Uri(path + "?handler=Csv&steps=1", UriKind.Relative), Ct);
        Assert.Contains("NB19 XKR", csv, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.NetworkGraphViewed && e.RecordType == "Alert" && e.RecordId == alert.Reference, Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.NetworkGraphExported && e.RecordType == "Alert", Ct)));

        // A network alert is seen by the front door and analysts only: a police investigator working with Amy is told it is not found.
        await TestChildren.InvolveAsync(app, amy, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync(new Uri($"/network/alerts/{Guid.NewGuid()}/graph", UriKind.Relative), Ct)).StatusCode);
    }
}

public sealed class SqliteGraphScenarios : GraphScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresGraphScenarios : GraphScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
