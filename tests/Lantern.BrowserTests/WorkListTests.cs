using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// Each role's home page lists what waits for them, with counts that open the lists they count; the menu says how
/// many messages are unread and marks the page being read; no page asks for an icon that is not there. The pages pass axe.
/// </summary>
public sealed class WorkListTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HomePages_TeamManagerAllocatesToAPractitioner_BothSeeTheirWorkList_TheMenuSaysWhatIsUnreadAndWhereTheyAre()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Wren"), Ct);
        var problems = new List<string>();
        var missing = new List<string>();

        // The team manager's home page offers sign-off; the queue is one click away, and the referral is allocated from it.
        var manager = await browser.SignedInAsync(Role.TeamManager);
        manager.Response += (_, response) => { if (response.Status == 404) { missing.Add(response.Url); } };
        var managerHome = new WorkListPage(manager);
        await Assertions.Expect(managerHome.Heading).ToBeVisibleAsync();
        await Assertions.Expect(managerHome.Count("Decisions waiting for your sign-off")).ToHaveTextAsync("None");
        await Assertions.Expect(managerHome.Count("Referrals allocated to you")).ToHaveTextAsync("None");
        await Assertions.Expect(managerHome.CurrentPage).ToHaveTextAsync("Home");
        problems.AddRange(await browser.AxeAsync(manager, "team manager's home"));
        await manager.GotoAsync($"/referrals/{reference}");
        await manager.GetByLabel("Allocate to").SelectOptionAsync(new SelectOptionValue { Label = TestApp.DemoAccountFor(Role.Practitioner).DisplayName });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Allocate", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Allocated to " + TestApp.DemoAccountFor(Role.Practitioner).DisplayName)).ToBeVisibleAsync();

        // The practitioner was told: the menu says so, the work list counts it and opens the queue's part with it.
        var practitioner = await browser.SignedInAsync(Role.Practitioner);
        practitioner.Response += (_, response) => { if (response.Status == 404) { missing.Add(response.Url); } };
        var home = new WorkListPage(practitioner);
        await Assertions.Expect(home.Count("Referrals allocated to you")).ToHaveTextAsync("1");
        await Assertions.Expect(home.Count("Decisions due today")).ToBeVisibleAsync();
        await Assertions.Expect(home.Count("Decisions waiting for your sign-off")).ToHaveCountAsync(0);
        var inbox = home.MenuLink("Inbox");
        await Assertions.Expect(inbox).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex(@"^Inbox, [1-9][0-9]* unread$"));
        problems.AddRange(await browser.AxeAsync(practitioner, "practitioner's home"));

        await home.View("Referrals allocated to you").ClickAsync();
        await Assertions.Expect(practitioner.GetByRole(AriaRole.Table)).ToContainTextAsync(reference);
        await Assertions.Expect(practitioner.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(home.CurrentPage).ToHaveAttributeAsync("href", "/front-door");
        problems.AddRange(await browser.AxeAsync(practitioner, "allocated to you"));

        await inbox.ClickAsync();
        await Assertions.Expect(home.CurrentPage).ToHaveAttributeAsync("href", "/inbox");
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        await Assertions.Expect(home.MenuLink("Inbox")).ToHaveAccessibleNameAsync("Inbox");
        await home.MenuLink("Home").ClickAsync();
        await Assertions.Expect(home.Count("Unread messages")).ToHaveTextAsync("None");

        Assert.Empty(missing);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task HomePage_PoliceInvestigator_SeesOnlyTheirLists_AndTheIconLoads()
    {
        var page = await browser.NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, response) => { if (response.Status == 404) { missing.Add(response.Url); } };
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.PoliceInvestigator).Email, Lantern.Data.DemoSeed.DemoPassword);
        var home = new WorkListPage(page);
        await Assertions.Expect(home.Count("Screenings due or overdue")).ToHaveTextAsync("None");
        await Assertions.Expect(home.Count("Unread messages")).ToBeVisibleAsync();
        await Assertions.Expect(home.Count("Overdue decisions")).ToHaveCountAsync(0);
        await Assertions.Expect(home.MenuLink("Front door")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("next releases")).ToHaveCountAsync(0);
        // The icon the page names is there (a browser asks for /favicon.ico only when a page names none).
        var icon = await page.EvaluateAsync<string>("async () => { const r = await fetch(document.querySelector('link[rel=icon]').href); return r.status + ' ' + r.headers.get('content-type'); }");
        Assert.Equal("200 image/x-icon", icon);
        var problems = await browser.AxeAsync(page, "police investigator's home");

        await home.View("Screenings due or overdue").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Screenings");
        await Assertions.Expect(home.CurrentPage).ToHaveAccessibleNameAsync("Screenings");

        Assert.Empty(missing);
        Assert.Empty(problems);
    }
}
