using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// "Drafts autosave; an expired sign-in never loses what was typed": the form saves itself while the
/// referrer types, and when the sign-in has expired it keeps the text in the tab, says so, stops
/// "Save and continue" from throwing it away, and puts it back and saves it after signing in again.
/// </summary>
public sealed class DraftAutosaveTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The script waits for a pause in typing before it saves; the page's own expectations allow for it.
    private static readonly LocatorAssertionsToContainTextOptions AfterAPause = new() { Timeout = 15_000 };

    [Fact]
    public async Task Typing_ThenAPause_SavedWithoutContinuing_ThereWhenTheStepIsOpenedAgain()
    {
        var page = await browser.SignedInAsync(Role.Referrer);
        var step = new DraftStepPage(page);
        var draft = await step.StartAsync();

        await step.Field("First name").FillAsync("Leah");
        await Assertions.Expect(step.SaveStatus).ToContainTextAsync("Saved at", AfterAPause);

        // A fresh visit, not a reload, so the browser cannot refill the field from its own memory.
        await page.GotoAsync($"{draft}/child");
        await Assertions.Expect(step.Field("First name")).ToHaveValueAsync("Leah");
        await Assertions.Expect(step.SaveStatus).ToBeEmptyAsync();
    }

    [Fact]
    public async Task SignInExpired_TextKeptAndNotThrownAway_PutBackAndSavedAfterSigningInAgain()
    {
        const string WhatHappened = "Leah said a man called Jay picks her up from the park most evenings.";
        var page = await browser.SignedInAsync(Role.Referrer);
        var step = new DraftStepPage(page);
        var draft = await step.StartAsync();
        var concern = $"{draft}/concern";
        await page.GotoAsync(concern);

        // The sign-in expires while the page is open.
        await page.Context.ClearCookiesAsync();
        await step.Field("What happened").FillAsync(WhatHappened);
        await Assertions.Expect(step.SaveStatus).ToContainTextAsync("Not saved: you have been signed out", AfterAPause);
        await Assertions.Expect(step.SignedOutWarning).ToBeVisibleAsync();
        var problems = (await browser.AxeAsync(page, "draft step, signed out")).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // "Save and continue" would go to the sign-in page and lose the text: it stays, and says why.
        await step.SaveAndContinue.ClickAsync();
        await Assertions.Expect(step.SignedOutWarning).ToBeFocusedAsync();
        Assert.Equal(concern, page.Url);
        await Assertions.Expect(step.Field("What happened")).ToHaveValueAsync(WhatHappened);

        await step.SignInAgain.ClickAsync();
        await new SignInPage(page, browser.App).SignInAsync(TestApp.DemoAccountFor(Role.Referrer).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(page).ToHaveURLAsync(concern);
        await Assertions.Expect(step.PutBackNotice).ToBeVisibleAsync();
        await Assertions.Expect(step.Field("What happened")).ToHaveValueAsync(WhatHappened);
        await Assertions.Expect(step.SaveStatus).ToContainTextAsync("Saved at", AfterAPause);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));

        // Saved on the server, not just in the tab: the check page shows it.
        await page.GotoAsync($"{draft}/check");
        var row = page.GetByRole(AriaRole.Term).Filter(new() { HasText = "What happened" }).Locator("..");
        await Assertions.Expect(row).ToContainTextAsync(WhatHappened);
    }

    [Fact]
    public async Task SignInExpired_OnMentions_AddKeepsTheTypedMention_PutBackAfterSigningInAgain()
    {
        var page = await browser.SignedInAsync(Role.Referrer);
        var step = new DraftStepPage(page);
        var mentions = $"{await step.StartAsync()}/mentions";
        await page.GotoAsync(mentions);

        await page.Context.ClearCookiesAsync();
        await step.Field("What is it?").SelectOptionAsync("Vehicle");
        await step.Field("Name, registration or number").FillAsync("NB21 JAY");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(step.SignedOutWarning).ToBeFocusedAsync();
        Assert.Equal(mentions, page.Url);

        await step.SignInAgain.ClickAsync();
        await new SignInPage(page, browser.App).SignInAsync(TestApp.DemoAccountFor(Role.Referrer).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(page).ToHaveURLAsync(mentions);
        await Assertions.Expect(step.PutBackNotice).ToBeVisibleAsync();
        await Assertions.Expect(step.Field("What is it?")).ToHaveValueAsync("Vehicle");
        await Assertions.Expect(step.Field("Name, registration or number")).ToHaveValueAsync("NB21 JAY");

        // A mention is only added with "Add": it was kept, not saved, until now.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove NB21 JAY" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignInExpired_ThenSignOutChosen_WhatWasKeptInTheTabIsRemoved()
    {
        var page = await browser.SignedInAsync(Role.Referrer);
        var step = new DraftStepPage(page);
        await page.GotoAsync($"{await step.StartAsync()}/concern");

        await page.Context.ClearCookiesAsync();
        await step.Field("Why are you worried about the child?").FillAsync("She has a new phone nobody bought her.");
        await Assertions.Expect(step.SaveStatus).ToContainTextAsync("Not saved: you have been signed out", AfterAPause);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => sessionStorage.length"));

        // On a shared computer the next person must not find a child's details in the tab.
        await new HomePage(page).SignOut.ClickAsync();
        await Assertions.Expect(new SignInPage(page, browser.App).SignInButton).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
    }
}
