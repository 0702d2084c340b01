using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Features.Chronology;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// The long forms about a child save themselves as the practitioner types: an entry half written is there
/// when the form is opened again, and once the entry is added its draft is gone.
/// </summary>
public sealed class ChildFormAutosaveTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The script waits for a pause in typing before it saves; the page's own expectations allow for it.
    private static readonly LocatorAssertionsToContainTextOptions AfterAPause = new() { Timeout = 15_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEntry_TypedThenOpenedAgain_PutBack_ThenAdded_AndTheDraftIsGone()
    {
        const string Summary = "Home visit: mother found new phones and clothes in her room; she would not say who bought them.";
        var app = browser.App;
        // A school's referral opens the child's record; the app listens on a real port, so the school's system calls it over the network.
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, ct: Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        var key = NewEntryModel.DraftKey(child, corrects: null);

        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Practitioner).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");
        var address = $"/children/{child}/entries/new";
        await page.GotoAsync(address);
        var form = new NewEntryPage(page);

        await form.WhatHappened.FillAsync(Summary);
        await form.People.FillAsync("Mo");
        await Assertions.Expect(form.SaveStatus).ToContainTextAsync("Saved at", AfterAPause);

        // Opened again: a fresh visit rather than a reload, so that only the server can have put the text back.
        await page.GotoAsync(address);
        await Assertions.Expect(form.RestoredNotice).ToContainTextAsync("We restored what you were typing at");
        await Assertions.Expect(form.WhatHappened).ToHaveValueAsync(Summary);
        await Assertions.Expect(form.People).ToHaveValueAsync("Mo");
        await Assertions.Expect(form.SaveStatus).ToBeEmptyAsync();
        var problems = (await browser.AxeAsync(page, "add an entry, restored")).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(1, await app.WithDbAsync(db => db.FormDrafts.CountAsync(d => d.FormKey == key, Ct)));

        var yesterday = app.Time.GetUtcNow().AddDays(-1);
        await form.Day.FillAsync(yesterday.Day.ToString(CultureInfo.InvariantCulture));
        await form.Month.FillAsync(yesterday.Month.ToString(CultureInfo.InvariantCulture));
        await form.Year.FillAsync(yesterday.Year.ToString(CultureInfo.InvariantCulture));
        await form.Type.SelectOptionAsync(new SelectOptionValue { Label = "Case note" });
        await form.Significance("Significant").CheckAsync();
        await form.AddTheEntry.ClickAsync();

        await Assertions.Expect(page.GetByText("Entry added to the chronology")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = Summary })).ToBeVisibleAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.FormDrafts.CountAsync(d => d.FormKey == key, Ct)));
        await page.GotoAsync(address);
        await Assertions.Expect(form.WhatHappened).ToHaveValueAsync("");
        await Assertions.Expect(form.RestoredNotice).ToHaveCountAsync(0);
    }
}
