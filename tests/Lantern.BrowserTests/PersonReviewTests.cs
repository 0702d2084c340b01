using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// Two girls each name a Mohammed Khan: an analyst finds the pair from the home page, compares the two records, is told
/// to choose, joins them from the keyboard, sees the merged record point to the one it joined, and undoes the join.
/// The queue, the pair, the merged record and the merge pass axe.
/// </summary>
public sealed class PersonReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NamingKhan()
    {
        var body = TestReferrals.ForUniqueChild("Khan");
        var start = body.IndexOf("\"mentions\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', start) + 1;
        return body[..start] + """ "mentions": [ { "kind": "person", "value": "Mohammed Khan" } ]""" + body[end..];
    }

    [Fact]
    public async Task TwoMohammedKhans_ComparedFromTheQueue_JoinedFromTheKeyboard_AndTheJoinUndone()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        await TestChildren.ReferredAsync(app, school, NamingKhan(), Ct);
        await TestChildren.ReferredAsync(app, school, NamingKhan(), Ct);
        var khans = await app.WithDbAsync(db => db.Persons.Where(p => p.DisplayName == "Mohammed Khan").OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Reference }).ToListAsync(Ct));
        Assert.Equal(2, khans.Count);
        var (older, newer) = (khans[0], khans[1]);

        var page = await browser.SignedInAsync(Role.IntelligenceAnalyst);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Decide whether records of people are the same person" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Records that may be the same person");
        var problems = (await browser.AxeAsync(page, "person queue")).ToList();
        var compare = page.GetByRole(AriaRole.Link, new() { Name = $"Compare and decide about {older.Reference} and {newer.Reference}" });
        await compare.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync($"Is Mohammed Khan ({older.Reference}) the same person as Mohammed Khan ({newer.Reference})?");
        problems.AddRange(await browser.AxeAsync(page, "person pair"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the decision" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" }))
            .ToContainTextAsync("Select whether these records are about the same person");
        problems.AddRange(await browser.AxeAsync(page, "person pair with an error"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Select whether these records are about the same person" }).ClickAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("How do you know?").FillAsync("The police record gives one date of birth for both.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the decision" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The records are joined")).ToBeVisibleAsync();
        Assert.Equal($"{browser.BaseUrl}/network/persons/{older.Id}", page.Url);

        await page.GotoAsync($"/network/persons/{newer.Id}");
        await Assertions.Expect(page.GetByText($"This record was merged into {older.Reference}")).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "merged person"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Look at or undo the merge" }).ClickAsync();
        problems.AddRange(await browser.AxeAsync(page, "person merge"));
        await page.GetByLabel("Why are they different people?").FillAsync("Two men: father and son.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The merge is undone")).ToBeVisibleAsync();
        Assert.Equal($"{browser.BaseUrl}/network/persons/{newer.Id}", page.Url);

        Assert.Null(await app.WithDbAsync(db => db.Persons.Where(p => p.Id == newer.Id).Select(p => p.MergedIntoId).SingleAsync(Ct)));
        Assert.Empty(problems);
    }
}
