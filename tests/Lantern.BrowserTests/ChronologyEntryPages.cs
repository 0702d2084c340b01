using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>"Add an entry to the chronology": found by role and label, as a screen reader user would.</summary>
public sealed class NewEntryPage(IPage page)
{
    public ILocator Day => page.GetByLabel("Day", new() { Exact = true });

    public ILocator Month => page.GetByLabel("Month", new() { Exact = true });

    public ILocator Year => page.GetByLabel("Year", new() { Exact = true });

    public ILocator Type => page.GetByLabel("Type of entry");

    public ILocator Significance(string name) => page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    public ILocator WhatHappened => page.GetByLabel("What happened");

    public ILocator People => page.GetByLabel("People", new() { Exact = true });

    public ILocator AddTheEntry => page.GetByRole(AriaRole.Button, new() { Name = "Add the entry" });

    /// <summary>The polite live region that says "Saved at 10:32am" or "Not saved: …".</summary>
    public ILocator SaveStatus => page.GetByRole(AriaRole.Status);

    public ILocator RestoredNotice => page.GetByRole(AriaRole.Region).Filter(new() { HasText = "We restored what you were typing" });

    /// <summary>The warning the language guard shows below a field.</summary>
    public ILocator LanguageWarning => page.GetByText("Check this wording:");

    /// <summary>A suggested wording, as an item of its own in the language guard's list.</summary>
    public ILocator Alternative(string text) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text) + "$") });

    public ILocator KeepThisWording => page.GetByRole(AriaRole.Checkbox, new() { Name = "Keep this wording" });

    public ILocator WhyKeep => page.GetByLabel("Why are you keeping this wording?");

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });

    public ILocator Added => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Entry added to the chronology" });
}
