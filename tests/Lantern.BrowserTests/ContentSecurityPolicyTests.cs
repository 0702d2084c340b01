using System.Globalization;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// Lantern's pages satisfy their own Content-Security-Policy in real Chromium: GOV.UK Frontend, the autosave, the
/// language guard (which calls the API as the practitioner types) and every page's styles load and run, and no
/// page reports a violation.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly LocatorAssertionsToBeVisibleOptions AfterAPause = new() { Timeout = 15_000 };

    [Fact]
    public async Task PagesWithScripts_RunUnderThePolicy_WithNoViolation()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await TestChildren.ReferredAsync(app, school, TestReferrals.ForChild("Cosima"), Ct);

        var page = await browser.SignedInAsync(Role.Practitioner);
        foreach (var path in new[] { "/", "/children", $"/children/{child}", $"/children/{child}/edit", $"/children/{child}/missing-episodes/new",
            $"/children/{child}/involvements/new", "/screenings", "/front-door", "/no-such-page" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.False(string.IsNullOrEmpty(await response.HeaderValueAsync("content-security-policy")), path);
            // GOV.UK Frontend's script ran (it marks the body) and its styles applied (the service navigation is laid out).
            Assert.True(await page.EvaluateAsync<bool>("document.body.classList.contains('govuk-frontend-supported')"), path);
            Assert.Equal("flex", await page.Locator(".govuk-service-navigation__container").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        }

        // The language guard checks the wording through the API while the practitioner types.
        await page.GotoAsync($"/children/{child}/entries/new");
        var form = new NewEntryPage(page);
        var today = app.Time.GetUtcNow();
        await form.Day.FillAsync(today.Day.ToString(CultureInfo.InvariantCulture));
        await form.Month.FillAsync(today.Month.ToString(CultureInfo.InvariantCulture));
        await form.Year.FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await form.WhatHappened.PressSequentiallyAsync("Seen at the flat again. She is making her own choices.");
        await Assertions.Expect(form.LanguageWarning).ToBeVisibleAsync(AfterAPause);

        Assert.Empty(browser.CspViolations);
    }
}
