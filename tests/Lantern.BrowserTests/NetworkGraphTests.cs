using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// An analyst opens the network around a car named in two girls' referrals, from the car's page: the drawing shows the
/// car and both girls, and the tables beside it (what a screen reader or keyboard user reads) list the same records and
/// links; narrowing the steps keeps the filter open and the tables current. Every page on the way passes axe.
/// </summary>
public sealed class NetworkGraphTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Guid> ReferWithAsync(TestApp app, HttpClient school, string mentionsJson) => TestChildren.ReferredNamingAsync(app, school, "Graph", mentionsJson, Ct);

    [Fact]
    public async Task NetworkView_FromACarsPage_DrawsTheCarAndBothGirls_TheTablesSayTheSame()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var first = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "GR11 PHX", "detail": "black Golf" }, { "kind": "phone", "value": "07700 900777" } ]""");
        var second = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "gr11phx" } ]""");
        var car = await app.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Key == "GR11PHX", Ct));
        var names = await app.WithDbAsync(db => db.Children.Where(c => c.Id == new Lantern.Domain.Children.ChildId(first) || c.Id == new Lantern.Domain.Children.ChildId(second))
            .Select(c => c.GivenName + " " + c.FamilyName).ToListAsync(Ct));

        var page = await browser.SignedInAsync(Role.IntelligenceAnalyst);
        await page.GotoAsync($"{browser.BaseUrl}/network/vehicles/{car.Id}");
        var problems = (await browser.AxeAsync(page, "vehicle")).ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "See the network around this vehicle" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Network around GR11 PHX");
        // The drawing is made (three records one step out, the phone two steps out), and hidden from assistive technology.
        var canvas = page.Locator("[data-lantern-graph]");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-graph-ready", "4");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("aria-hidden", "true");
        var records = page.GetByRole(AriaRole.Table).First;
        foreach (var name in names)
        {
            await Assertions.Expect(records.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }
        await Assertions.Expect(records.GetByRole(AriaRole.Link, new() { Name = "07700 900777" })).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "network view"));

        await page.GetByText("Filter the network").ClickAsync();
        await page.GetByLabel("Steps out from this record").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the network" }).ClickAsync();
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-graph-ready", "3");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link, new() { Name = "07700 900777" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Steps out from this record")).ToHaveValueAsync("1");
        problems.AddRange(await browser.AxeAsync(page, "network view, one step"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task NetworkView_FromAnAlert_DrawsTheManAndBothGirls_TheListsSayTheSame()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var first = await ReferWithAsync(app, school, """[ { "kind": "vehicle", "value": "NB19 XKA" }, { "kind": "person", "value": "Zain Akhtar", "detail": "older man, about 25" } ]""");
        var second = await ReferWithAsync(app, school, """[ { "kind": "person", "value": "Zain Akhtar", "detail": "mid 20s" }, { "kind": "vehicle", "value": "NB19XKA" } ]""");
        var alert = await app.WithDbAsync(db => db.Alerts.Where(a => a.Rule == Lantern.Features.Network.MultipleVictimsRule.RuleKey).Select(a => new { a.Id, a.Reference }).SingleAsync(Ct));
        var names = await app.WithDbAsync(db => db.Children.Where(c => c.Id == new Lantern.Domain.Children.ChildId(first) || c.Id == new Lantern.Domain.Children.ChildId(second))
            .Select(c => c.GivenName + " " + c.FamilyName).ToListAsync(Ct));

        var page = await browser.SignedInAsync(Role.IntelligenceAnalyst);
        await page.GotoAsync($"{browser.BaseUrl}/alerts/{alert.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the network around this alert" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Network around alert {alert.Reference}");
        // The man and both girls are at the centre, the car one step out: four records drawn.
        var canvas = page.Locator("[data-lantern-graph]");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-graph-ready", "4");
        var records = page.GetByRole(AriaRole.Table).First;
        foreach (var name in names.Append("Zain Akhtar"))
        {
            await Assertions.Expect(records.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Centre");
        }
        await Assertions.Expect(records.GetByRole(AriaRole.Row).Filter(new() { HasText = "NB19 XKA" })).ToContainTextAsync("1");
        var problems = (await browser.AxeAsync(page, "network view of an alert")).ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the alert" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Adult linked to several children");
        Assert.Empty(problems);
    }
}
