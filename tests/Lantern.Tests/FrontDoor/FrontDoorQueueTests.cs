using Lantern.Domain.Partnership;
using Lantern.Testing;

namespace Lantern.Tests.FrontDoor;

/// <summary>The front door sees what is due first and what is overdue, as the clock moves.</summary>
public sealed class FrontDoorQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> RaiseAsync(HttpClient client, string givenName) =>
        TestReferrals.RaiseAsync(client, TestReferrals.Valid.Replace("Amira", givenName, StringComparison.Ordinal), Ct);

    [Fact]
    public async Task Queue_AsTheClockMoves_ShowsWhatIsDueFirstAndMarksTheOverdue()
    {
        // Monday 2 March 2026, 09:00 GMT.
        await using var app = new TestApp(start: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var first = await RaiseAsync(school, "Bethany");          // due Tuesday 17:00
        app.Time.Advance(TimeSpan.FromDays(1));                   // Tuesday 09:00
        var second = await RaiseAsync(school, "Chloe");           // due Wednesday 17:00

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([first, second], rows.Select(r => r[0]));
        Assert.Equal("Tue 3 Mar 2026, 5:00pm", rows[0][4]);
        Assert.Equal("8 hours left", rows[0][5]);
        Assert.Equal("1 day 8 hours left", rows[1][5]);
        Assert.Null(page.QuerySelector(".govuk-warning-text"));

        app.Time.Advance(TimeSpan.FromHours(9));                  // Tuesday 18:00
        var manager = await app.SignInAsAsync(Role.TeamManager);
        page = await Html.ParseAsync(await manager.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        var overdue = page.QuerySelector("tbody tr .govuk-tag--red");
        Assert.Equal("Overdue by 1 hour", overdue?.TextContent.Trim());
        Assert.Contains("1 referral is overdue", page.QuerySelector(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_ClocksGoForward_TimeLeftCountsRealHours()
    {
        // Saturday 28 March 2026, 12:00 GMT; clocks go forward at 01:00 on Sunday.
        await using var app = new TestApp(start: new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        await RaiseAsync(app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police")), "Dana");
        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var page = await Html.ParseAsync(await practitioner.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        var cells = page.QuerySelectorAll("tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        // Due Monday 30 March 17:00 BST = 16:00 UTC: 2 days 4 hours from Saturday noon UTC.
        Assert.Equal("Mon 30 Mar 2026, 5:00pm", cells[3]);
        Assert.Equal("2 days 4 hours left", cells[4]);
    }
}
