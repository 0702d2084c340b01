using Lantern.Data;
using Lantern.Domain.Accounts;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>Signing in with a code and setting up an authenticator, in a real browser, by label, with axe on each page.</summary>
public sealed class TwoFactorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInWithCode_ThenSetUpANewAuthenticator_SessionsListed_NoSeriousOrCriticalViolations()
    {
        var email = TestApp.DemoAccountFor(Role.DataProtectionOfficer).Email;
        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInWithPasswordAsync(email, DemoSeed.DemoPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Enter the code from your authenticator app");
        var problems = new List<string>(await browser.AxeAsync(page, "code step"));

        // A wrong code is named in the error summary, which links to the field.
        await signIn.Code.FillAsync("000000");
        await signIn.ContinueButton.ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        problems.AddRange(await browser.AxeAsync(page, "code step with an error"));
        await signIn.Code.FillAsync(await browser.App.NextAuthenticatorCodeAsync(email));
        await signIn.ContinueButton.ClickAsync();
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");

        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Where you are signed in");
        await Assertions.Expect(page.GetByText("This session")).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "sessions"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in and recovery codes" }).ClickAsync();
        problems.AddRange(await browser.AxeAsync(page, "two-factor"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Move two-factor sign-in to a new phone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^QR code") })).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "set-up"));

        // The key as text, for an app that cannot scan: typed into the "app", its code sets up the new authenticator.
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Trim();
        var code = Totp.Compute(Totp.FromBase32(key)!, Totp.TimeStep(browser.App.Time.GetUtcNow()));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        browser.App.RememberAuthenticatorKey(email, key);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in is set up");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        problems.AddRange(await browser.AxeAsync(page, "recovery codes"));

        Assert.Empty(problems);
    }
}
