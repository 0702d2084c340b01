using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// The front door's team manager opens a context of harm, records its assessment and plan, and links a child to it,
/// finding each control by its label as a screen reader would; a form sent without a choice says which field is
/// wrong. Every page on the way passes axe.
/// </summary>
public sealed class ContextTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenContext_RecordAssessment_LinkAChild_FromThePages()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await TestChildren.ReferredAsync(app, school, TestReferrals.ForChild("Zainab").Replace("\"Khan\"", "\"Okonkwo\"", StringComparison.Ordinal), Ct);

        var page = await browser.SignedInAsync(Role.TeamManager);
        await page.GetByRole(AriaRole.Link, new() { Name = "Contexts", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Contexts of harm");
        var problems = (await browser.AxeAsync(page, "contexts")).ToList();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a context" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Castle Hill Year 10 group chat");
        await page.GetByLabel("Online space", new() { Exact = true }).CheckAsync();
        problems.AddRange(await browser.AxeAsync(page, "open a context"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the context" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Castle Hill Year 10 group chat");
        await Assertions.Expect(page.GetByText("Not yet assessed.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Record the assessment and plan" }).ClickAsync();
        await page.GetByLabel("Assessment", new() { Exact = true }).FillAsync("Adults join the chat and invite girls to parties at the Star Grill.");
        await page.GetByLabel("Plan (optional)").FillAsync("School to report the accounts; police to seek their identity.");
        problems.AddRange(await browser.AxeAsync(page, "assessment"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the assessment and plan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Assessment and plan recorded")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Version 1, recorded by Grace Okafor")).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "context"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Link a child or another record to this context" }).ClickAsync();
        await page.GetByLabel("Find the child or record to link").FillAsync("Zainab Okonkwo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        // Sent without choosing how they are linked: the error summary takes the focus and names the field.
        await page.GetByLabel("Child: Zainab Okonkwo").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the link" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToContainTextAsync("Select how the records are linked");
        problems.AddRange(await browser.AxeAsync(page, "link with errors"));
        await summary.GetByRole(AriaRole.Link, new() { Name = "Select how the records are linked" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("How are they linked?")).ToBeFocusedAsync();
        await page.GetByLabel("How are they linked?").SelectOptionAsync(new SelectOptionValue { Label = "Part of the context" });
        await page.GetByLabel("Confirmed", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("When was it seen, or when did it come to light?").FillAsync("20/11/2026");
        await page.GetByLabel("What does the link rest on?").FillAsync("Her phone showed the chat at the return home interview.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Link added")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Zainab Okonkwo");

        var link = await app.WithDbAsync(db => db.Links.SingleAsync(l => l.ToKind == NodeKind.Context, Ct));
        Assert.Equal((NodeKind.Child, child, LinkType.PartOfContext, LinkConfidence.Confirmed), (link.FromKind, link.FromId, link.Type, link.Confidence));
        Assert.Empty(problems);
    }
}
