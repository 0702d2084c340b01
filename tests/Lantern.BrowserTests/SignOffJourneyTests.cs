using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// A sign-off seen from both sides in a real browser: the social worker records a decision that needs sign-off, the team
/// manager finds it from the home page's work list and the queue and sends it back with a reason, the social worker finds
/// it sent back, reads why and decides again, the manager signs it off, and the decision says who signed it off and when.
/// Every page on the way passes axe and shows no internal code.
/// </summary>
public sealed class SignOffJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SendBackReason = "Check police intelligence on the black BMW before closing this.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task DecideNoFurtherActionAsync(IPage page, string why)
    {
        await page.GetByLabel("What happens next").SelectOptionAsync(new SelectOptionValue { Label = "No further action (with advice or signposting)" });
        await page.GetByLabel("Why", new() { Exact = true }).FillAsync(why);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(page.GetByText("It needs a team manager's sign-off")).ToBeVisibleAsync();
    }

    /// <summary>Axe's findings on the page, and any internal name shown as text.</summary>
    private async Task<IEnumerable<string>> CheckAsync(IPage page, string name)
    {
        var problems = (await browser.AxeAsync(page, name)).ToList();
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var code in (string[])["AwaitingSignOff", "AwaitingDecision", "NoFurtherAction", "ProposedForSignOff", "SentBack", "ReferralSignOff", "TeamManager"])
        {
            if (text.Contains(code, StringComparison.Ordinal))
            {
                problems.Add($"{name}: shows \"{code}\"");
            }
        }
        return problems;
    }

    [Fact]
    public async Task SignOff_SentBackWithAReason_DecidedAgain_SignedOff_BothSidesSeeWhatTheyNeed()
    {
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await browser.App.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForUniqueChild("Skye"), Ct);
        var problems = new List<string>();

        // The social worker records a decision that needs a manager's sign-off.
        var worker = await browser.SignedInAsync(Role.Practitioner);
        await worker.GotoAsync($"/referrals/{reference}");
        await DecideNoFurtherActionAsync(worker, "The man in the car is her adult brother, known to the school. Advice given to the school.");
        await Assertions.Expect(worker.GetByText("Waiting for a manager's sign-off", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(worker.GetByText("Sign-off due")).ToContainTextAsync("left");
        problems.AddRange(await CheckAsync(worker, "referral waiting for sign-off"));

        // The team manager finds it from the home page, marked in the queue with its own clock, and sends it back.
        var manager = await browser.SignedInAsync(Role.TeamManager);
        var managerHome = new WorkListPage(manager);
        await Assertions.Expect(managerHome.Count("Decisions waiting for your sign-off")).ToHaveTextAsync("1");
        problems.AddRange(await CheckAsync(manager, "manager's home"));
        await managerHome.View("Decisions waiting for your sign-off").ClickAsync();
        var row = manager.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("Waiting for sign-off");
        await Assertions.Expect(row).ToContainTextAsync("Sign-off due");
        problems.AddRange(await CheckAsync(manager, "queue: waiting for your sign-off"));
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await manager.GetByLabel("No, send it back").CheckAsync();
        await manager.GetByLabel("If you are sending it back, say why").FillAsync(SendBackReason);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Decision sent back to the front door")).ToBeVisibleAsync();

        // The social worker finds it sent back from the home page, reads why, and decides again.
        var workerHome = new WorkListPage(worker);
        await worker.GotoAsync("/");
        await Assertions.Expect(workerHome.Count("Decisions sent back to you")).ToHaveTextAsync("1");
        problems.AddRange(await CheckAsync(worker, "social worker's home"));
        await workerHome.View("Decisions sent back to you").ClickAsync();
        var sentBack = worker.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(sentBack).ToContainTextAsync("Sent back to be decided again");
        problems.AddRange(await CheckAsync(worker, "queue: sent back to you"));
        await sentBack.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(worker.GetByText("A manager sent the last decision back: " + SendBackReason)).ToBeVisibleAsync();
        var history = worker.GetByRole(AriaRole.List, new() { Name = "History of the decision, oldest first" });
        await Assertions.Expect(history.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Assertions.Expect(history).ToContainTextAsync("Reason: " + SendBackReason);
        problems.AddRange(await CheckAsync(worker, "referral sent back"));
        await DecideNoFurtherActionAsync(worker, "Police hold nothing on the BMW; her brother is its keeper. Advice given to the school and the family.");

        // The manager signs it off; the decision says who signed it off and when, and the history keeps the send-back.
        await manager.GotoAsync("/");
        await managerHome.View("Decisions waiting for your sign-off").ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await manager.GetByLabel("Yes, sign it off").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Decision signed off. It is now final")).ToBeVisibleAsync();

        await worker.ReloadAsync();
        var signedOff = worker.Locator(".govuk-summary-list__row").Filter(new() { Has = worker.GetByText("Signed off", new() { Exact = true }) });
        await Assertions.Expect(signedOff).ToContainTextAsync(TestApp.DemoAccountFor(Role.TeamManager).DisplayName + ", ");
        await Assertions.Expect(history.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(4);
        await Assertions.Expect(history.GetByRole(AriaRole.Listitem).Last).ToContainTextAsync(TestApp.DemoAccountFor(Role.TeamManager).DisplayName + " signed off the decision");
        await Assertions.Expect(history).ToContainTextAsync("Reason: " + SendBackReason);
        problems.AddRange(await CheckAsync(worker, "referral signed off"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
