using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>"Add an entry to the chronology", with the language guard's panel and question: found by role and label.</summary>
public sealed class NewEntryPage(IPage page)
{
    public ILocator Day => page.GetByLabel("Day", new() { Exact = true });

    public ILocator Month => page.GetByLabel("Month", new() { Exact = true });

    public ILocator Year => page.GetByLabel("Year", new() { Exact = true });

    public ILocator Type => page.GetByLabel("Type of entry");

    public ILocator Significant => page.GetByLabel("Significant", new() { Exact = true });

    public ILocator WhatHappened => page.GetByLabel("What happened", new() { Exact = true });

    /// <summary>The warning the language guard shows below a field.</summary>
    public ILocator Warning => page.GetByText("Check this wording:");

    /// <summary>A suggested wording, as an item of its own in the panel's list.</summary>
    public ILocator Alternative(string text) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text) + "$") });

    public ILocator KeepThisWording => page.GetByRole(AriaRole.Checkbox, new() { Name = "Keep this wording" });

    public ILocator WhyKeep => page.GetByLabel("Why are you keeping this wording?");

    public ILocator Add => page.GetByRole(AriaRole.Button, new() { Name = "Add the entry" });

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });

    public ILocator Success => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Entry added to the chronology" });
}
