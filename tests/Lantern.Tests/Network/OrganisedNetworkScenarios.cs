using Lantern.Auditing;
using Lantern.Domain.Alerts;
using Lantern.Features.Network;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Network;

/// <summary>
/// The possible organised network, found by the scheduled work over the whole network with a fake clock: two men around
/// three girls of one connected group raise one alert, dated at the record that completed the group, and not before; a
/// run with nothing new tells nobody again; a new girl joins the open alert rather than raising a second; girls found
/// together join two men's groups without raising an adult's alert; a father with his own children and their teacher in
/// his role make no network. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class OrganisedNetworkScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = """{"type":"header","format":"lantern-extract","version":1,"agency":"NBP"}""";
    private const string Police = """{"type":"agency","code":"NBP","name":"Northbridge Police","kind":"police"}""";

    private static string Child(string id, string given, string family) =>
        $$"""{"type":"child","id":"{{id}}","givenName":"{{given}}","familyName":"{{family}}","approximateAge":14}""";

    private static string Person(string id, string name, string more = "") =>
        "{\"type\":\"person\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"age\":\"about 40\"" + more + "}";

    private static string Event(string id, string at, IEnumerable<string> children, string names) =>
        "{\"type\":\"event\",\"id\":\"" + id + "\",\"eventType\":\"policeIncident\",\"occurredAt\":\"" + at
        + "\",\"summary\":\"Police attended.\",\"children\":[" + string.Join(",", children.Select(c => "{\"child\":\"" + c + "\"}")) + "]," + names + "}";

    private static string With(string person, string relation = "seenWith", string role = "") =>
        "\"persons\":[{\"person\":\"" + person + "\",\"relation\":\"" + relation + "\"" + (role.Length == 0 ? "" : ",\"role\":\"" + role + "\"") + "}]";

    private static async Task ImportAsync(TestApp app, params string[] lines) => Assert.Empty((await TestImports.ImportAsync(app, lines, Ct)).Errors);

    private static Task<List<Alert>> AlertsAsync(TestApp app, string rule) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Evidence).Where(a => a.Rule == rule).ToListAsync(Ct));

    private static Task<int> AuditedAsync(TestApp app, AuditCode code) => app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    [Fact]
    public async Task ScheduledWork_TwoMenAroundThreeGirls_RaisesOneAlertDatedAtTheRecordThatCompletedIt_ANewGirlJoinsIt()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Hart"), Child("C-2", "Beth", "Lowe"), Child("C-3", "Cara", "Pine"), Child("C-4", "Dana", "Reed"),
            Person("P-1", "Tariq Raza"), Person("P-2", "Neil Ward"),
            Event("E-1", "2010-01-01T22:00:00Z", ["C-1"], With("P-1")),
            Event("E-2", "2010-02-01T22:00:00Z", ["C-2"], With("P-1", "pickedUpIn")),
            Event("E-3", "2010-03-01T22:00:00Z", ["C-2"], With("P-2", "phonedOrMessaged")));
        await app.RunScheduledWorkAsync();

        // Two men, two girls: not yet.
        Assert.Empty(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));

        app.Time.Advance(TimeSpan.FromHours(1));
        await ImportAsync(app, Header, Police, Event("E-4", "2010-04-01T22:00:00Z", ["C-3"], With("P-2")));
        await app.RunScheduledWorkAsync();

        var alert = Assert.Single(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));
        Assert.Equal(new DateTimeOffset(2010, 4, 1, 22, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
        Assert.Equal(app.Time.GetUtcNow(), alert.RaisedAt);
        Assert.Contains("3 children and 2 adults", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(3, alert.Evidence.Where(e => e.Member!.StartsWith("Child:", StringComparison.Ordinal)).Select(e => e.Member).Distinct().Count());
        Assert.Equal(2, alert.Evidence.Where(e => e.Member!.StartsWith("Person:", StringComparison.Ordinal)).Select(e => e.Member).Distinct().Count());
        Assert.Equal(["NBP:event:E-1", "NBP:event:E-2", "NBP:event:E-3", "NBP:event:E-4"], alert.Evidence.Select(e => e.RecordReference).Distinct().Order());
        Assert.Equal(1, await AuditedAsync(app, AuditCode.OrganisedNetworkAlertRaised));

        // Nothing new: nobody is told again.
        await app.RunScheduledWorkAsync();
        Assert.Equal(0, await AuditedAsync(app, AuditCode.AlertEvidenceAdded));

        // A fourth girl around the second man joins the open alert.
        app.Time.Advance(TimeSpan.FromHours(1));
        await ImportAsync(app, Header, Police, Event("E-5", "2010-05-01T22:00:00Z", ["C-4"], With("P-2")));
        await app.RunScheduledWorkAsync();
        var after = Assert.Single(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));
        Assert.Equal(alert.Id, after.Id);
        Assert.Contains("4 children and 2 adults", after.Summary, StringComparison.Ordinal);
        Assert.Equal(alert.EvidenceCompleteAt, after.EvidenceCompleteAt);
        Assert.Equal(1, await AuditedAsync(app, AuditCode.OrganisedNetworkAlertRaised));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.AlertEvidenceAdded && e.RecordId == alert.Reference, Ct)));
    }

    [Fact]
    public async Task ScheduledWork_AClosedAlert_NotRaisedAgainWhenLinksElsewhereChange_RaisedAfreshOnNewEvidence()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Hart"), Child("C-2", "Beth", "Lowe"), Child("C-3", "Cara", "Pine"), Child("C-4", "Dana", "Reed"),
            Child("C-9", "Zoe", "Finch"), Person("P-1", "Tariq Raza"), Person("P-2", "Neil Ward"), Person("P-9", "Gary Stone"),
            Event("E-1", "2010-01-01T22:00:00Z", ["C-1"], With("P-1")),
            Event("E-2", "2010-02-01T22:00:00Z", ["C-2"], With("P-1", "pickedUpIn")),
            Event("E-3", "2010-03-01T22:00:00Z", ["C-2"], With("P-2", "phonedOrMessaged")),
            Event("E-4", "2010-04-01T22:00:00Z", ["C-3"], With("P-2")));
        await app.RunScheduledWorkAsync();
        var alert = Assert.Single(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));

        var manager = await app.SignInAsAsync(Lantern.Domain.Partnership.Role.TeamManager);
        var closed = await TestApp.PostFormAsync(manager, $"/alerts/{alert.Id}?handler=Close",
            new Dictionary<string, string> { ["Reason"] = "Reviewed with the police: the men are known and the girls are safeguarded." }, formPage: $"/alerts/{alert.Id}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, closed.StatusCode);

        // A link elsewhere makes the job look again: the closed group is not news.
        app.Time.Advance(TimeSpan.FromHours(1));
        await ImportAsync(app, Header, Police, Event("E-9", "2010-06-01T22:00:00Z", ["C-9"], With("P-9")));
        await app.RunScheduledWorkAsync();
        Assert.Equal([AlertStatus.Closed], (await AlertsAsync(app, OrganisedNetworkRule.RuleKey)).Select(a => a.Status));

        // A fourth girl around the second man is: a new alert, holding her record.
        app.Time.Advance(TimeSpan.FromHours(1));
        await ImportAsync(app, Header, Police, Event("E-5", "2010-05-01T22:00:00Z", ["C-4"], With("P-2")));
        await app.RunScheduledWorkAsync();
        var alerts = await AlertsAsync(app, OrganisedNetworkRule.RuleKey);
        Assert.Equal([AlertStatus.Open, AlertStatus.Closed], alerts.Select(a => a.Status).Order());
        Assert.Contains("NBP:event:E-5", alerts.Single(a => a.Status == AlertStatus.Open).Evidence.Select(e => e.RecordReference));
    }

    [Fact]
    public async Task ScheduledWork_GirlsFoundTogetherAtAFlat_JoinTwoMensGroups_RaiseTheNetworkAlert_NotAnAdultsAlert()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        await ImportAsync(app, Header, Police, Child("C-1", "Amy", "Hart"), Child("C-2", "Beth", "Lowe"), Child("C-3", "Cara", "Pine"),
            Person("P-1", "Tariq Raza"), Person("P-2", "Neil Ward"),
            """{"type":"place","id":"PL-1","name":"Flat 2, 14 Hope Road","placeType":"flat"}""",
            Event("E-1", "2011-01-01T22:00:00Z", ["C-1"], With("P-1")),
            Event("E-2", "2011-02-01T22:00:00Z", ["C-2"], With("P-2")),
            // Three girls found together at a flat, no adult named.
            Event("E-3", "2011-03-01T02:00:00Z", ["C-1", "C-2", "C-3"], "\"places\":[{\"place\":\"PL-1\",\"relation\":\"foundAt\"}]"));
        await app.RunScheduledWorkAsync();

        // Each man is around one girl: no adult's alert; together the girls join the men into one group.
        Assert.Empty(await AlertsAsync(app, MultipleVictimsRule.RuleKey));
        var alert = Assert.Single(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));
        Assert.Contains("3 children and 2 adults", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2011, 3, 1, 2, 0, 0, TimeSpan.Zero), alert.EvidenceCompleteAt);
    }

    [Fact]
    public async Task ScheduledWork_FatherWithHisOwnChildrenAndTheirTeacherInHisRole_NoNetwork()
    {
        await using var app = await Scenarios.StartAsync(Database, Monday);
        await ImportAsync(app, Header, Police, Child("C-1", "Zain", "Raza"), Child("C-2", "Sara", "Raza"), Child("C-3", "Adam", "Raza"),
            Person("P-1", "Tariq Raza", ""","household":[{"child":"C-1","relation":"parentOf"},{"child":"C-2","relation":"parentOf"},{"child":"C-3","relation":"parentOf"}]"""),
            Person("P-2", "Ian Hall"),
            Event("E-1", "2012-01-05T18:00:00Z", ["C-1", "C-2", "C-3"], With("P-1")),
            Event("E-2", "2012-01-10T10:00:00Z", ["C-1", "C-2", "C-3"], With("P-2", "seenWith", "professional")));
        await app.RunScheduledWorkAsync();

        Assert.Empty(await AlertsAsync(app, OrganisedNetworkRule.RuleKey));
    }
}

public sealed class SqliteOrganisedNetworkScenarios : OrganisedNetworkScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresOrganisedNetworkScenarios : OrganisedNetworkScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
