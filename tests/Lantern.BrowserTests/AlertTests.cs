using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// A child goes missing a third time in 90 days: the social worker opens the repeat-missing alert from
/// the child's record, says they have seen it and what was done, all from the keyboard; the team manager
/// finds it on the alerts page and closes it with a reason. The pages pass axe.
/// </summary>
public sealed class AlertTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepeatMissing_SocialWorkerAcknowledgesAndRecordsWhatWasDone_ManagerClosesIt()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        using var police = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        police.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Northbridge Police"));
        var child = await TestChildren.ReferredAsync(app, school, TestReferrals.ForChild("Layla"), Ct);
        await TestChildren.InvolveAsync(app, child, TestApp.DemoAccountFor(Role.Practitioner).Email, "Allocated social worker", Ct);
        var episodes = await TestMissingEpisodes.RecordMissingAsync(police, child, app.Time.GetUtcNow(), [50, 20, 2], Ct);

        var page = await browser.SignedInAsync(Role.Practitioner);
        await page.GotoAsync($"/children/{child}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the alert" }).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Repeat missing");
        foreach (var episode in episodes)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(episode);
        }
        var problems = (await browser.AxeAsync(page, "alert")).ToList();

        var seen = page.GetByRole(AriaRole.Button, new() { Name = "I have seen this alert" });
        await seen.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Alert acknowledged")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Record what was done" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToContainTextAsync("Say what was done about the alert");
        problems.AddRange(await browser.AxeAsync(page, "alert with an error"));
        await page.GetByLabel("What was done about it").FillAsync("Strategy discussion booked; screening done today.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Strategy discussion booked; screening done today.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Close the alert" })).ToHaveCountAsync(0);
        var address = page.Url;

        // The manager finds it from the menu: not among the alerts to acknowledge (the social worker has), but under Actioned.
        var manager = await browser.SignedInAsync(Role.TeamManager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.GetByText("No alert is waiting to be acknowledged.")).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(manager, "alerts to acknowledge"));
        await manager.GetByRole(AriaRole.Link, new() { Name = "Actioned", Exact = true }).FocusAsync();
        await manager.Keyboard.PressAsync("Enter");
        await Assertions.Expect(manager.GetByRole(AriaRole.Table)).ToContainTextAsync("Layla");
        problems.AddRange(await browser.AxeAsync(manager, "alerts actioned"));
        await manager.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Repeat missing") }).ClickAsync();
        Assert.Equal(address, manager.Url);
        await manager.GetByLabel("Why can the alert be closed?").FillAsync("Reviewed at the strategy discussion; plan in place.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Close the alert" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Alert closed")).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(manager, "closed alert"));

        Assert.Equal(AlertStatus.Closed, await app.WithDbAsync(db => db.Alerts.Where(a => a.ChildId == new ChildId(child)).Select(a => a.Status).SingleAsync(Ct)));
        Assert.Empty(problems);
    }
}
