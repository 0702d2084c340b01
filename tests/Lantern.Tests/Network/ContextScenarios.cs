using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Network;

/// <summary>
/// Contexts of harm as the front door and an analyst work them: a takeaway opened as a context from its page,
/// assessed twice with both versions kept, children linked to it by hand; need to know on its page; links added and
/// withdrawn by hand, each with what it rests on or why it is wrong, and nothing written when the form is wrong.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class ContextScenarios
{
    protected abstract TestDatabase Database { get; }

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync() => Scenarios.StartAsync(Database, Monday);

    private static Uri At(string path) => new(path, UriKind.Relative);

    /// <summary>A referral about a child of its own naming these things, raised by the school; the child's id.</summary>
    private static async Task<Guid> ReferWithAsync(TestApp app, HttpClient school, string mentionsJson)
    {
        var body = TestReferrals.ForUniqueChild("Ctx");
        var start = body.IndexOf("\"mentions\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', start) + 1;
        return await TestChildren.ReferredAsync(app, school, body[..start] + "\"mentions\": " + mentionsJson + body[end..], Ct);
    }

    private static Task<int> AuditCountAsync(TestApp app, AuditCode code) => app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    /// <summary>Opens a context through the page, about <paramref name="about"/> ("places/{id}") when given; its id.</summary>
    private static async Task<Guid> OpenAsync(HttpClient client, string name, string type, string? about = null)
    {
        var path = "/network/contexts/new" + (about is null ? "" : $"?about={about}");
        var response = await TestApp.PostFormAsync(client, path, new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Type"] = type });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary()));
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static async Task<HttpResponseMessage> AssessAsync(TestApp app, HttpClient client, Guid context, string name, string assessment, string? plan)
    {
        var version = await app.WithDbAsync(db => db.Contexts.Where(c => c.Id == context).Select(c => c.Version).SingleAsync(Ct));
        var path = $"/network/contexts/{context}/assessment";
        return await TestApp.PostFormAsync(client, path, new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = name,
            ["Input.Type"] = nameof(ContextType.Place),
            ["Input.Assessment"] = assessment,
            ["Input.Plan"] = plan ?? "",
        });
    }

    private static Task<HttpResponseMessage> LinkAsync(HttpClient client, string page, string other, string type = nameof(LinkType.PartOfContext),
        string confidence = nameof(LinkConfidence.Confirmed), string on = "20/11/2026", string note = "Seen there by the youth worker; strategy meeting 20 November.", string? grade = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Other"] = other,
            ["Input.Type"] = type,
            ["Input.Confidence"] = confidence,
            ["Input.On"] = on,
            ["Input.Note"] = note,
        };
        if (grade is not null)
        {
            fields["Input.Grade"] = grade;
        }
        return TestApp.PostFormAsync(client, page + "/links/new", fields);
    }

    [Fact]
    public async Task OpenContext_AboutAPlace_AssessedTwice_ChildrenLinked_PageShowsThemAndBothVersions()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "place", "value": "The Star Grill", "detail": "Dunmore Street, NB2 7QT" } ]""");
        var beth = await ReferWithAsync(app, school, "[]");
        var place = await app.WithDbAsync(db => db.Places.SingleAsync(Ct));
        var manager = await app.SignInAsAsync(Role.TeamManager);

        var placePage = await Html.ParseAsync(await manager.GetAsync(At($"/network/places/{place.Id}"), Ct));
        Assert.Contains(placePage.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == $"/network/contexts/new?about=places/{place.Id}");
        var id = await OpenAsync(manager, "The Star Grill and the flat above", nameof(ContextType.Place), $"places/{place.Id}");

        var context = await app.WithDbAsync(db => db.Contexts.SingleAsync(Ct));
        Assert.Equal((id, "Grace Okafor", NodeKind.Place, place.Id), (context.Id, context.OpenedByName, context.AboutKind!.Value, context.AboutId!.Value));
        Assert.StartsWith("CTX-", context.Reference, StringComparison.Ordinal);
        Assert.Equal(context.Reference, (await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.ContextOpened, Ct))).RecordId);
        var aboutLink = await app.WithDbAsync(db => db.Links.SingleAsync(l => l.ToKind == NodeKind.Context, Ct));
        Assert.Equal((NodeKind.Place, place.Id, LinkType.PartOfContext), (aboutLink.FromKind, aboutLink.FromId, aboutLink.Type));

        Assert.Equal(HttpStatusCode.Redirect, (await AssessAsync(app, manager, id, "The Star Grill and the flat above",
            "Girls from Castle Hill are given food and alcohol here after school, then driven away.", "Licensing review; patrols on Fridays.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AssessAsync(app, manager, id, "The Star Grill and the flat above",
            "Girls from Castle Hill are given food and alcohol here after school, then driven away.", "Closure notice sought; patrols on Fridays and Saturdays.")).StatusCode);
        var versions = await app.WithDbAsync(db => db.ContextAssessments.OrderBy(a => a.Number).ToListAsync(Ct));
        Assert.Equal([(1, "Licensing review; patrols on Fridays."), (2, "Closure notice sought; patrols on Fridays and Saturdays.")], versions.Select(v => (v.Number, v.Plan!)));
        Assert.All(versions, v => Assert.Equal("Grace Okafor", v.RecordedByName));
        Assert.Equal(2, await AuditCountAsync(app, AuditCode.ContextAssessed));

        var page = $"/network/contexts/{id}";
        foreach (var child in new[] { amy, beth })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, page, $"children/{child}")).StatusCode);
        }
        var childLinks = await app.WithDbAsync(db => db.Links.Where(l => l.ToKind == NodeKind.Context && l.FromKind == NodeKind.Child).ToListAsync(Ct));
        Assert.Equal(new[] { amy, beth }.Order(), childLinks.Select(l => l.FromId).Order());
        Assert.All(childLinks, l => Assert.Equal((LinkConfidence.Confirmed, "Page", "Grace Okafor"), (l.Confidence, l.RecordType, l.RecordedBy)));
        Assert.Equal(2, await AuditCountAsync(app, AuditCode.LinkAdded));

        var viewed = await AuditCountAsync(app, AuditCode.NetworkRecordViewed);
        var doc = await Html.ParseAsync(await manager.GetAsync(At(page), Ct));
        Assert.Equal("The Star Grill and the flat above", doc.Heading());
        Assert.Equal(new[] { $"/children/{amy}", $"/children/{beth}", $"/network/places/{place.Id}" }.Order(),
            doc.QuerySelectorAll("table td:first-child a").Select(a => a.GetAttribute("href")).Order());
        Assert.Contains("Closure notice sought", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Version 1, recorded by Grace Okafor", doc.QuerySelector("details")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Licensing review", doc.QuerySelector("details")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(viewed + 1, await AuditCountAsync(app, AuditCode.NetworkRecordViewed));

        // Listed, and found by name on the contexts page and by reference in the children's search.
        var list = await Html.ParseAsync(await manager.GetAsync(At("/network/contexts?q=star+grill"), Ct));
        Assert.Equal([page], list.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")));
        var search = await Html.ParseAsync(await manager.GetAsync(At($"/children?q={context.Reference}"), Ct));
        Assert.Contains(search.QuerySelectorAll("#network ~ table a").Select(a => a.GetAttribute("href")), h => h == page);
    }

    [Fact]
    public async Task ContextPage_NeedToKnow_AnInvestigatorSeesTheirChildAndACount_AndMayNotOpenOrAssess()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, "[]");
        var beth = await ReferWithAsync(app, school, "[]");
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var id = await OpenAsync(manager, "Year 10 group chat", nameof(ContextType.OnlineSpace));
        var page = $"/network/contexts/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, page, $"children/{amy}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, page, $"children/{beth}")).StatusCode);

        var investigator = await app.SignInAsAsync(Role.PoliceInvestigator);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync(At(page), Ct)).StatusCode);
        Assert.Empty((await Html.ParseAsync(await investigator.GetAsync(At("/network/contexts"), Ct))).QuerySelectorAll("table a"));

        await TestChildren.InvolveAsync(app, amy, TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, "Officer in the case", Ct);
        var doc = await Html.ParseAsync(await investigator.GetAsync(At(page), Ct));
        Assert.Equal([$"/children/{amy}"], doc.QuerySelectorAll("table td:first-child a").Select(a => a.GetAttribute("href")));
        Assert.Contains("1 more child is linked", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(beth.ToString(), doc.Body.InnerHtml, StringComparison.Ordinal);
        Assert.Equal([page], (await Html.ParseAsync(await investigator.GetAsync(At("/network/contexts"), Ct))).QuerySelectorAll("table a").Select(a => a.GetAttribute("href")));
        // Police investigators link and withdraw, but the assessment is the front door's and the analysts'.
        Assert.Empty(doc.QuerySelectorAll($"a[href='{page}/assessment']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync(At($"{page}/assessment"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await investigator.GetAsync(At("/network/contexts/new"), Ct)).StatusCode);

        var nurse = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(At(page), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(At($"{page}/links/new"), Ct)).StatusCode);
        var referrer = await app.SignInAsAsync(Role.Referrer);
        Assert.Equal(HttpStatusCode.Forbidden, (await referrer.GetAsync(At("/network/contexts/new"), Ct)).StatusCode);
    }

    [Fact]
    public async Task WithdrawLink_ReasonRequired_Audited_KeptAndShownAsWithdrawnWithTheReason()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKR" } ]""");
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(Ct));
        var link = await app.WithDbAsync(db => db.Links.SingleAsync(Ct));
        var page = $"/network/vehicles/{car.Id}";
        var path = $"{page}/links/{link.Id}/withdraw";

        var referrer = await app.SignInAsAsync(Role.Referrer);
        Assert.Equal(HttpStatusCode.Forbidden, (await referrer.GetAsync(At(path), Ct)).StatusCode);

        var analyst = await app.SignInAsAsync(Role.IntelligenceAnalyst);
        var before = await Html.ParseAsync(await analyst.GetAsync(At(page), Ct));
        Assert.Contains(before.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), h => h == path);
        var noReason = await Html.ParseAsync(await TestApp.PostFormAsync(analyst, path, new Dictionary<string, string> { ["Reason"] = " " }));
        Assert.Equal([("Say why the link is withdrawn", "Reason")], noReason.ErrorSummary());
        Assert.Null((await app.WithDbAsync(db => db.Links.SingleAsync(Ct))).WithdrawnAt);
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.LinkWithdrawn));

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(analyst, path,
            new Dictionary<string, string> { ["Reason"] = "A different silver Astra: the plate was misread from CCTV." })).StatusCode);
        var withdrawn = await app.WithDbAsync(db => db.Links.SingleAsync(Ct));
        Assert.Equal((Monday, "A different silver Astra: the plate was misread from CCTV.", "Ruth Feld"), (withdrawn.WithdrawnAt!.Value, withdrawn.WithdrawnReason!, withdrawn.WithdrawnBy!));
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.LinkWithdrawn, Ct));
        Assert.Equal(("Vehicle", car.Reference), (audit.RecordType, audit.RecordId));
        Assert.Contains("misread from CCTV", audit.Reason, StringComparison.Ordinal);

        // The front door sees every record: the car's page still shows the link, as withdrawn, with who and why.
        var manager = await app.SignInAsAsync(Role.TeamManager);
        var after = await Html.ParseAsync(await manager.GetAsync(At(page), Ct));
        var row = after.QuerySelectorAll("tbody tr").Single(r => r.InnerHtml.Contains($"/children/{amy}", StringComparison.Ordinal));
        Assert.Contains("Withdrawn", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("by Ruth Feld", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("misread from CCTV", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(row.QuerySelectorAll($"a[href='{path}']"));
        // Withdrawn once: a second withdrawal is refused, and nothing more is audited.
        var again = await Html.ParseAsync(await TestApp.PostFormAsync(manager, path, new Dictionary<string, string> { ["Reason"] = "Again" }, formPage: page));
        Assert.Contains("already been withdrawn", again.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(app, AuditCode.LinkWithdrawn));
    }

    [Fact]
    public async Task ContextAndLinkForms_BadInput_NameEachField_AndWriteNothing()
    {
        await using var app = await StartAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var amy = await ReferWithAsync(app, school, "[]");
        var manager = await app.SignInAsAsync(Role.TeamManager);

        var open = await Html.ParseAsync(await TestApp.PostFormAsync(manager, "/network/contexts/new",
            new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Type"] = "7" }));
        Assert.Equal([("Enter the context's name", "Input_Name"), ("Select what kind of context this is", "Input_Type")], open.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.Contexts.CountAsync(Ct)));
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.ContextOpened));

        var id = await OpenAsync(manager, "Northbridge skate park", nameof(ContextType.Place));
        var assess = await Html.ParseAsync(await AssessAsync(app, manager, id, "Northbridge skate park", "  ", "Patrols"));
        Assert.Equal([("Enter the assessment of the context", "Input_Assessment")], assess.ErrorSummary());
        Assert.Equal(0, await app.WithDbAsync(db => db.ContextAssessments.CountAsync(Ct)));
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.ContextAssessed));

        var page = $"/network/contexts/{id}";
        var links = await app.WithDbAsync(db => db.Links.CountAsync(Ct));
        var empty = await Html.ParseAsync(await TestApp.PostFormAsync(manager, page + "/links/new", new Dictionary<string, string>()));
        Assert.Equal(["Input_Other", "Input_Type", "Input_Confidence", "Input_On", "Input_Note"], empty.ErrorSummary().Select(e => e.Target));
        var future = await Html.ParseAsync(await LinkAsync(manager, page, $"children/{amy}", on: "24/11/2026"));
        Assert.Equal([("The date the link was seen or came to light must be today or in the past", "Input_On")], future.ErrorSummary());
        var unreadable = await Html.ParseAsync(await LinkAsync(manager, page, $"children/{amy}", on: "last Friday", type: nameof(LinkType.NamedInRecord)));
        Assert.Equal([("Select how the records are linked", "Input_Type"), ("Enter the date as day/month/year, for example 23/11/2026", "Input_On")], unreadable.ErrorSummary());
        // A police grade is the intelligence roles' to record; a child that does not exist is not told apart from one out of scope.
        var graded = await Html.ParseAsync(await LinkAsync(manager, page, $"children/{Guid.NewGuid()}", grade: "B2"));
        Assert.Equal(["Input_Other", "Input_Grade"], graded.ErrorSummary().Select(e => e.Target));
        var itself = await Html.ParseAsync(await LinkAsync(manager, page, $"contexts/{id}"));
        Assert.Equal([("A record cannot be linked to itself: choose another record", "Input_Other")], itself.ErrorSummary());
        Assert.Equal(links, await app.WithDbAsync(db => db.Links.CountAsync(Ct)));
        Assert.Equal(0, await AuditCountAsync(app, AuditCode.LinkAdded));

        // The same link twice is refused: the first stands until it is withdrawn.
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(manager, page, $"children/{amy}")).StatusCode);
        var added = await app.WithDbAsync(db => db.Links.SingleAsync(l => l.FromKind == NodeKind.Child, Ct));
        // Every form of these pages carries its own anti-forgery token (a form with an action of its own is not given one unasked).
        foreach (var form in new[] { "/network/contexts/new", $"{page}/assessment", $"{page}/links/new?q=skate", $"{page}/links/{added.Id}/withdraw" })
        {
            var doc = await Html.ParseAsync(await manager.GetAsync(At(form), Ct));
            var posts = doc.QuerySelectorAll("main form[method=post]").ToList();
            Assert.NotEmpty(posts);
            Assert.All(posts, f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
        }
        var twice = await Html.ParseAsync(await LinkAsync(manager, page, $"children/{amy}"));
        Assert.Equal(["Input_Type"], twice.ErrorSummary().Select(e => e.Target));
        Assert.Equal(links + 1, await app.WithDbAsync(db => db.Links.CountAsync(Ct)));
    }
}

public sealed class SqliteContextScenarios : ContextScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresContextScenarios : ContextScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
