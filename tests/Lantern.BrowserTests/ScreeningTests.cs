using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>The screening form as a screen reader user finds it: by the indicators' labels, the band's heading and the level's radios.</summary>
public sealed class ScreeningFormPage(IPage page)
{
    public ILocator Indicator(string text) => page.GetByRole(AriaRole.Checkbox, new() { Name = text, Exact = true });

    /// <summary>A field revealed under an indicator once it is ticked.</summary>
    public ILocator Revealed(string indicatorId, string label) =>
        page.Locator($"#conditional-Answers_{indicatorId}__Ticked").GetByLabel(label, new() { Exact = true });

    public ILocator WorkOutBand => page.GetByRole(AriaRole.Button, new() { Name = "Work out the supporting band" });

    public ILocator Band => page.GetByRole(AriaRole.Status);

    public ILocator Level(string name) => page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    public ILocator Save => page.GetByRole(AriaRole.Button, new() { Name = "Save the screening" });
}

/// <summary>
/// A front-door social worker screens a child in a real browser: ticks an indicator (its date, source
/// and evidence appear under it), sees the supporting band and what drove it, chooses the level, and
/// sees the level over time drawn on the child's record with the table behind the chart.
/// </summary>
public sealed class ScreeningTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SocialWorker_ScreensAChild_SeesTheBandAndTheLevelOverTime()
    {
        var app = browser.App;
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, ct: TestContext.Current.CancellationToken);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(TestContext.Current.CancellationToken));
        var today = TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Practitioner).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");

        await page.GotoAsync($"/children/{child}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Screen for exploitation" }).ClickAsync();
        var form = new ScreeningFormPage(page);
        var problems = (await browser.AxeAsync(page, "screening form")).ToList();

        // The date, source and evidence are hidden until the indicator is ticked.
        var cars = form.Indicator("Seen getting into cars with unknown adults");
        var evidence = form.Revealed("cars-with-unknown-adults", "Evidence");
        await Assertions.Expect(evidence).ToBeHiddenAsync();
        await cars.CheckAsync();
        await Assertions.Expect(evidence).ToBeVisibleAsync();
        await form.Revealed("cars-with-unknown-adults", "When was this last seen or known?").FillAsync(today);
        await form.Revealed("cars-with-unknown-adults", "Which agency did it come from?").SelectOptionAsync(new SelectOptionValue { Label = "Northbridge Police" });
        await evidence.FillAsync("Seen by a PCSO getting into a silver Astra outside school");
        await form.Indicator("The child has told someone about sexual abuse or exploitation, even if they later took it back").CheckAsync();
        await form.Revealed("disclosure", "When was this last seen or known?").FillAsync(today);
        await form.Revealed("disclosure", "Which agency did it come from?").SelectOptionAsync(new SelectOptionValue { Label = "Castle Hill Academy" });
        await form.Revealed("disclosure", "Concern only: no evidence yet").CheckAsync();

        await form.WorkOutBand.ClickAsync();
        await Assertions.Expect(form.Band).ToContainTextAsync("Supporting band: Significant");
        await Assertions.Expect(form.Band).ToContainTextAsync("The child has disclosed abuse or exploitation.");
        problems.AddRange(await browser.AxeAsync(page, "screening with the band"));

        await form.Level("Significant").CheckAsync();
        await form.Save.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Screening saved. The level of concern is significant");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the child's record" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Level of concern: Significant")).ToBeVisibleAsync();
        // Chart.js drew the one screening; the table beneath carries the same figures for everyone.
        await Assertions.Expect(page.Locator("#level-chart")).ToHaveAttributeAsync("data-chart-ready", "1");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Level of concern at each screening, oldest first" })).ToContainTextAsync("Significant");
        problems.AddRange(await browser.AxeAsync(page, "child's record with a screening"));
        Assert.Empty(problems);
    }
}
