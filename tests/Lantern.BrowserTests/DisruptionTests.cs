using System.Globalization;
using Lantern.Domain.Partnership;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// The front door's team manager opens a disruption plan from a context's page and gives a police officer a tactic,
/// finding each control by its label as a screen reader would; the tactic sent without a choice says which fields are
/// wrong. Every page on the way passes axe.
/// </summary>
public sealed class DisruptionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OpenPlan_FromAContext_AddATactic_FromThePages()
    {
        var page = await browser.SignedInAsync(Role.TeamManager);
        await page.GetByRole(AriaRole.Link, new() { Name = "Contexts", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a context" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("The flat above the Star Grill");
        await page.GetByLabel("Place", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the context" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Open a disruption plan about this context" }).ClickAsync();
        var problems = (await browser.AxeAsync(page, "open a plan")).ToList();
        await page.GetByLabel("What is the plan to achieve?").FillAsync("Close the flat to the men who take girls there.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Disrupting The flat above the Star Grill");
        problems.AddRange(await browser.AxeAsync(page, "plan"));

        // Sent without a tactic or an owner: the error summary names both fields, and its links reach them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tactic" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToContainTextAsync("Select the tactic");
        await Assertions.Expect(summary).ToContainTextAsync("Select who owns the tactic");
        problems.AddRange(await browser.AxeAsync(page, "tactic with errors"));
        await summary.GetByRole(AriaRole.Link, new() { Name = "Select the tactic" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Tactic", new() { Exact = true })).ToBeFocusedAsync();

        await page.GetByLabel("Tactic", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Closure notice and order" });
        await page.GetByLabel("Owner", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "DC Sam Iqbal, Detective constable (Northbridge Police)" });
        var due = DateOnly.FromDateTime(browser.App.Time.GetUtcNow().UtcDateTime.AddDays(14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("Due by").FillAsync(due);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tactic" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tactic 1 added; DC Sam Iqbal has been told")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Closure notice and order");
        problems.AddRange(await browser.AxeAsync(page, "plan with a tactic"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Disruption", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Disruption plans");
        problems.AddRange(await browser.AxeAsync(page, "plans"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Partnership oversight: plans closed for resources, tactics and reviews overdue" }).ClickAsync();
        problems.AddRange(await browser.AxeAsync(page, "oversight"));
        Assert.Empty(problems);
    }
}
