using System.Text.Json;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// A possible twin is referred: the team manager finds the pair under Possible matches, compares the two records
/// side by side, is told to choose, joins them from the keyboard, and undoes the join from the child's record.
/// The queue, the pair, the merge and the search pages pass axe.
/// </summary>
public sealed class IdentityReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Referral(string given) => TestReferrals.Valid
        .Replace("\"Amira\"", JsonSerializer.Serialize(given), StringComparison.Ordinal)
        .Replace("\"Khan\"", "\"Wojcikowska\"", StringComparison.Ordinal)
        .Replace("\"nhsNumber\": \"485 777 3457\"", "\"nhsNumber\": null", StringComparison.Ordinal);

    [Fact]
    public async Task PossibleTwin_ComparedSideBySide_JoinedFromTheKeyboard_AndTheJoinUndone()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var known = await TestChildren.ReferredAsync(app, school, Referral("Zofia"), Ct);
        var opened = await TestChildren.ReferredAsync(app, school, Referral("Zuzanna"), Ct);
        Assert.NotEqual(known, opened);

        var page = await browser.SignedInAsync(Role.TeamManager);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Possible matches" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Records that may be the same child");
        var problems = (await browser.AxeAsync(page, "possible matches")).ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare and decide about Zuzanna Wojcikowska and Zofia Wojcikowska" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Is Zuzanna Wojcikowska the same child as Zofia Wojcikowska?");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("New record");
        problems.AddRange(await browser.AxeAsync(page, "pair"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the decision" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" }))
            .ToContainTextAsync("Select whether these records are about the same child");
        problems.AddRange(await browser.AxeAsync(page, "pair with an error"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Select whether these records are about the same child" }).ClickAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("How do you know?").FillAsync("The school confirmed it is one girl, recorded twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the decision" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The records are joined")).ToBeVisibleAsync();
        Assert.Equal($"{browser.BaseUrl}/children/{known}", page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = "Look at or undo the merge" }).ClickAsync();
        problems.AddRange(await browser.AxeAsync(page, "merge"));
        await page.GetByLabel("Why are they different children?").FillAsync("Twins after all: two pupils at the school.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The merge is undone")).ToBeVisibleAsync();
        Assert.Equal($"{browser.BaseUrl}/children/{opened}", page.Url);

        await page.GotoAsync("/children?q=Zosia+Wojcikowski");
        problems.AddRange(await browser.AxeAsync(page, "search"));

        Assert.Null(await app.WithDbAsync(db => db.Children.Where(c => c.Id == new Domain.Children.ChildId(opened)).Select(c => c.MergedIntoId).SingleAsync(Ct)));
        Assert.Equal(IdentityMatchStatus.MergeUndone, await app.WithDbAsync(db => db.IdentityMatches.Select(m => m.Status).SingleAsync(Ct)));
        Assert.Empty(problems);
    }
}
