using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>The front door sees what is due first and what is overdue, as the clock moves.</summary>
public sealed class FrontDoorQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> RaiseAsync(HttpClient client, string givenName) =>
        TestReferrals.RaiseAsync(client, TestReferrals.ForChild(givenName), Ct);

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

    [Fact]
    public async Task Referrals_SameChildFromTwoAgenciesWithin30Days_MarkedRepeatedAndManagersAlerted()
    {
        await using var app = new TestApp(start: new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var first = await TestReferrals.RaiseAsync(school, ct: Ct);
        var otherChild = await TestReferrals.RaiseAsync(police, TestReferrals.ForChild("Aisha").Replace("2011-05-14", "2012-05-14", StringComparison.Ordinal), Ct);
        app.Time.Advance(TimeSpan.FromDays(20));
        var second = await TestReferrals.RaiseAsync(police, TestReferrals.Valid.Replace("\"Khan\"", "\"KHAN\"", StringComparison.Ordinal), Ct);

        var flags = await app.WithDbAsync(db => db.Referrals.ToDictionaryAsync(r => r.Reference, r => r.RepeatedConcern, Ct));
        Assert.False(flags[first]);
        Assert.False(flags[otherChild]);
        Assert.True(flags[second]);

        var manager = await app.SignInAsAsync(Role.TeamManager);
        var inbox = await Html.ParseAsync(await manager.GetAsync(new Uri("/inbox", UriKind.Relative), Ct));
        Assert.Contains($"Repeated concern: referral {second}", inbox.Body!.TextContent, StringComparison.Ordinal);
        var queue = await Html.ParseAsync(await manager.GetAsync(new Uri("/front-door", UriKind.Relative), Ct));
        var row = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(second, StringComparison.Ordinal));
        Assert.NotNull(row.QuerySelector(".govuk-tag--orange"));
    }

    [Fact]
    public async Task Referrals_SameChildFromOneAgencyMonthsApart_NotRepeatedUntilTheThirdIn90Days()
    {
        await using var app = new TestApp(start: new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            references.Add(await TestReferrals.RaiseAsync(school, ct: Ct));
            app.Time.Advance(TimeSpan.FromDays(40));
        }
        var flags = await app.WithDbAsync(db => db.Referrals.ToDictionaryAsync(r => r.Reference, r => r.RepeatedConcern, Ct));
        // 0, 40 and 80 days: the third is the third within 90 days.
        Assert.Equal([false, false, true], references.Select(r => flags[r]));
    }
}
