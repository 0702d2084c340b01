using System.Globalization;
using System.Text.RegularExpressions;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// The language guard as a practitioner meets it in a real browser: victim-blaming wording is pointed
/// out while they type, with why it harms and what to write instead; on saving they are asked to
/// change it or keep it with a note, and the entry is saved with the note.
/// </summary>
public sealed class LanguageGuardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The script checks after a pause in typing; the page's own expectations allow for it.
    private static readonly LocatorAssertionsToBeVisibleOptions AfterAPause = new() { Timeout = 15_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Practitioner_TypesVictimBlamingWording_SeesTheWarningAndAlternatives_SavesAndKeepsItWithANote()
    {
        const string Wording = "Seen at the flat with adults again. She is making her own choices.";
        const string Note = "These are her father's words at the visit; recorded as he said them.";
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, TestReferrals.ForChild("Kezia"), Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        var expected = Assert.Single(LanguageGuard.Shipped.Check(Wording));

        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Practitioner).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");
        await page.GotoAsync($"/children/{child}/entries/new");

        var form = new NewEntryPage(page);
        var today = app.Time.GetUtcNow();
        await form.Day.FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await form.Month.FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await form.Year.FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await form.Type.SelectOptionAsync(new SelectOptionValue { Label = "Case note" });
        await form.Significance("Significant").CheckAsync();

        // Typing, key by key: the warning, the reason and every alternative appear below the field,
        // and the field keeps the focus and the words as typed.
        await form.WhatHappened.PressSequentiallyAsync(Wording);
        await Assertions.Expect(form.LanguageWarning).ToBeVisibleAsync(AfterAPause);
        await Assertions.Expect(page.GetByText($"\u201C{expected.Phrase}\u201D")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(expected.Reason)).ToBeVisibleAsync();
        foreach (var alternative in expected.Alternatives)
        {
            await Assertions.Expect(form.Alternative(alternative)).ToBeVisibleAsync();
        }
        // A screen reader hears it with the field, and politely when it appears.
        await Assertions.Expect(form.WhatHappened).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(expected.Reason)));
        Assert.Equal("polite", await page.Locator("#Input_Summary-language").GetAttributeAsync("aria-live"));
        await Assertions.Expect(form.WhatHappened).ToBeFocusedAsync();
        await Assertions.Expect(form.WhatHappened).ToHaveValueAsync(Wording);
        var problems = (await browser.AxeAsync(page, "entry form with the language guard's warning")).ToList();

        // Saving: asked to change the wording or keep it and say why.
        await form.AddTheEntry.ClickAsync();
        await Assertions.Expect(form.ErrorSummary).ToContainTextAsync($"What happened has wording that can put the blame on the child (\u201C{expected.Phrase}\u201D)");
        await Assertions.Expect(form.WhatHappened).ToHaveValueAsync(Wording);
        await Assertions.Expect(form.LanguageWarning).ToBeVisibleAsync();
        await form.KeepThisWording.CheckAsync();
        await Assertions.Expect(form.WhyKeep).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "entry form asking to keep the wording"));
        await form.WhyKeep.FillAsync(Note);
        await form.AddTheEntry.ClickAsync();

        await Assertions.Expect(form.Added).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/children/{child}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Cell).Filter(new() { HasText = Wording })).ToBeVisibleAsync();
        Assert.Empty(problems);

        var entry = await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.ChildId == new ChildId(child) && e.Summary == Wording).Select(e => e.Id).SingleAsync(Ct));
        var kept = await app.WithDbAsync(db => db.LanguageFindings.SingleAsync(f => f.RecordId == entry.ToString(), Ct));
        Assert.Equal((LanguageFindingOutcome.KeptWithNote, Note, expected.EntryId), (kept.Outcome, kept.KeptNote, kept.EntryId));
    }

    [Fact]
    public async Task Practitioner_RewritesTheWordingWhileTyping_TheWarningGoes()
    {
        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Referrer).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");
        var step = new DraftStepPage(page);
        await page.GotoAsync($"{await step.StartAsync()}/concern");

        // Any field with the attribute is guarded: here the referral's "What happened".
        var field = step.Field("What happened");
        await field.PressSequentiallyAsync("He is putting himself at risk.");
        var warning = page.GetByText("Check this wording:");
        await Assertions.Expect(warning).ToBeVisibleAsync(AfterAPause);
        await field.FillAsync("Adults are giving him drugs to sell.");
        await Assertions.Expect(warning).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(field).ToHaveValueAsync("Adults are giving him drugs to sell.");
    }
}
