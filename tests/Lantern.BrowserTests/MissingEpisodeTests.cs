using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>
/// A front-door social worker records a missing episode with the return in a real browser, and sees
/// when the return home interview is due, on the episode and on the child's record.
/// </summary>
public sealed class MissingEpisodeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static string UkInput(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London).ToString("dd/MM/yyyy HH:mm", English);

    private static string UkShown(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, London);
        return local.ToString("ddd d MMM yyyy, h:mm", English) + local.ToString("tt", English).ToLowerInvariant();
    }

    [Fact]
    public async Task FrontDoorSocialWorker_RecordsAMissingEpisodeWithTheReturn_SeesTheReturnHomeInterviewDue()
    {
        // A school's referral opens the child's record.
        var app = browser.App;
        // The app listens on a real port here, so the school's system calls it over the network.
        using var school = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        school.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, await app.CreateApiKeyAsync("Castle Hill Academy"));
        var reference = await TestReferrals.RaiseAsync(school, ct: TestContext.Current.CancellationToken);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(TestContext.Current.CancellationToken));
        var now = app.Time.GetUtcNow();
        // Whole minutes, as a person types them.
        var returned = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-3);

        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page, browser.App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(Role.Practitioner).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");

        await page.GotoAsync($"/children/{child}/missing-episodes/new");
        var form = new MissingEpisodeNewPage(page);
        var problems = (await browser.AxeAsync(page, "record a missing episode")).ToList();

        // Nothing given: the error summary names each field.
        await form.Record.ClickAsync();
        await Assertions.Expect(form.ErrorSummary).ToContainTextAsync("Say whether the child was reported missing or absent");
        await Assertions.Expect(form.ErrorSummary).ToContainTextAsync("Enter who reported the child missing");

        await form.Missing.CheckAsync();
        await form.WentMissing.FillAsync(UkInput(returned.AddHours(-20)));
        await form.ReportedAt.FillAsync(UkInput(returned.AddHours(-18)));
        await form.ReportedBy.FillAsync("Residential home staff");
        await form.RiskGrading.SelectOptionAsync(new SelectOptionValue { Label = "High" });
        await form.ReturnedAt.FillAsync(UkInput(returned));
        await form.FoundWhere.FillAsync("Flat above the Canal Street takeaway");
        await form.FoundWith.FillAsync("Two older men");
        await form.People.FillAsync("Mo");
        await form.Vehicles.FillAsync("NB19 XKR");
        await form.Record.ClickAsync();

        var episode = new MissingEpisodePage(page);
        await Assertions.Expect(episode.Heading).ToContainTextAsync("Missing episode MIS-");
        await Assertions.Expect(episode.InterviewDue).ToContainTextAsync($"Return home interview due by {UkShown(returned.AddHours(72))}");
        await Assertions.Expect(page.GetByText("Mo", new() { Exact = false }).First).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "missing episode"));

        // The child's record shows the clock too (just under 69 hours left: the return was typed to the minute).
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the child's record" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Return home interview due by")).ToContainTextAsync($"Return home interview due by {UkShown(returned.AddHours(72))}");
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^2 days 20 hours left$"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record a missing episode" })).ToBeVisibleAsync();
        problems.AddRange(await browser.AxeAsync(page, "child's record"));
        Assert.Empty(problems);
    }
}
