using Lantern.Testing;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>Page objects that find things as a screen reader user would: by role and label.</summary>
/// <remarks>
/// Signing in gives the authenticator code too, when the password was right: <paramref name="app"/> computes it as the
/// person's app would, from the account's secret and the app's clock.
/// </remarks>
public sealed class SignInPage(IPage page, TestApp app)
{
    public ILocator Email => page.GetByLabel("Email address");

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });

    public async Task GotoAsync() => await page.GotoAsync("/sign-in");

    public ILocator Code => page.GetByLabel("Code", new() { Exact = true });

    public ILocator ContinueButton => page.GetByRole(AriaRole.Button, new() { Name = "Continue" });

    /// <summary>Both steps: the password, then (when it was right) the authenticator code.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await SignInWithPasswordAsync(email, password);
        if (new Uri(page.Url).AbsolutePath == "/sign-in/code")
        {
            await Code.FillAsync(await app.NextAuthenticatorCodeAsync(email));
            await ContinueButton.ClickAsync();
        }
    }

    /// <summary>The password step alone.</summary>
    public async Task SignInWithPasswordAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }
}

public sealed class HomePage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator SignOut => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
}

/// <summary>A step of "Raise a concern": its fields, whether it is saved, and what it says when the sign-in has expired.</summary>
public sealed class DraftStepPage(IPage page)
{
    /// <summary>The polite live region that says "Saved at 10:32am" or "Not saved: …".</summary>
    public ILocator SaveStatus => page.GetByRole(AriaRole.Status);

    public ILocator SignedOutWarning => page.GetByRole(AriaRole.Region).Filter(new() { HasText = "You have been signed out" });

    public ILocator PutBackNotice => page.GetByRole(AriaRole.Region).Filter(new() { HasText = "We put back what you typed before you were signed out" });

    public ILocator SignInAgain => page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" });

    public ILocator SaveAndContinue => page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" });

    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>From the home page: "Raise a concern about a child", "Start now"; answers the draft's address without the step.</summary>
    public async Task<string> StartAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise a concern about a child" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About the child" })).ToBeVisibleAsync();
        return page.Url[..page.Url.LastIndexOf('/')];
    }
}

/// <summary>The home page's work list and the service navigation, as a screen reader user meets them.</summary>
public sealed class WorkListPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Your work" });

    public ILocator Menu => page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

    /// <summary>The work list's line: its term (what it counts) and its definition (how many).</summary>
    public ILocator Count(string line) =>
        page.Locator(".govuk-summary-list__row").Filter(new() { Has = page.GetByRole(AriaRole.Term).GetByText(line, new() { Exact = true }) })
            .Locator(".govuk-summary-list__value");

    /// <summary>The "View" link of a line, named for the line for a screen reader.</summary>
    public ILocator View(string line) => page.GetByRole(AriaRole.Link, new() { Name = "View " + line.ToLowerInvariant(), Exact = true });

    public ILocator MenuLink(string name) => Menu.GetByRole(AriaRole.Link, new() { Name = name });

    /// <summary>The menu's link for the page being read.</summary>
    public ILocator CurrentPage => Menu.Locator("a[aria-current=page]");
}
