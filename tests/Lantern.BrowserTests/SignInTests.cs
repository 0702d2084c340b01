using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_DemoSocialWorkerThroughTheRealPage_SeesTheirHomePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/sign-in?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);

        var signIn = new SignInPage(page, browser.App);
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Practitioner).Email, DemoSeed.DemoPassword);

        var home = new HomePage(page);
        await Assertions.Expect(home.Heading).ToHaveTextAsync("Welcome, Tom Walsh");
        await Assertions.Expect(page.GetByText(Role.Practitioner.Purpose())).ToBeVisibleAsync();

        await home.SignOut.ClickAsync();
        await Assertions.Expect(page.GetByText("You have signed out")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_EmptyForm_ErrorSummaryTakesFocusAndLinksToTheField()
    {
        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInButton.ClickAsync();

        // GOV.UK Frontend's script moves focus to the summary so a screen reader announces it.
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Enter your email address" }).ClickAsync();
        await Assertions.Expect(signIn.Email).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Keyboard_FirstTab_ReachesSkipLinkWhichJumpsToMainContent()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page, browser.App).GotoAsync();
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main-content", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accessibility_SignInPageWithErrorsAndHomePage_NoSeriousOrCriticalViolations()
    {
        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        var problems = new List<string>();
        problems.AddRange(await browser.AxeAsync(page, "sign-in"));

        await signIn.SignInButton.ClickAsync();
        await Assertions.Expect(signIn.ErrorSummary).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "sign-in with errors"));

        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Administrator).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToHaveTextAsync("Welcome, Jo Admin");
        problems.AddRange(await browser.AxeAsync(page, "home"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
