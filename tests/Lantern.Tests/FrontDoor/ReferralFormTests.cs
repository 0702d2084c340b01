using System.Net;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>The referral form in the pages: each step names what is missing, nothing half-written is sent, nothing typed is lost.</summary>
public sealed class ReferralFormTests(SqliteTestApp app) : IClassFixture<SqliteTestApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Draft)> StartAsync(Role role = Role.Referrer)
    {
        var client = await app.SignInAsAsync(role);
        var started = await TestApp.PostFormAsync(client, "/referrals/new", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.EndsWith("/child", location, StringComparison.Ordinal);
        return (client, location[..location.LastIndexOf('/')]);
    }

    [Fact]
    public async Task ChildStep_Empty_NamesEachRequiredField()
    {
        var (client, draft) = await StartAsync();
        var response = await TestApp.PostFormAsync(client, $"{draft}/child", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal(["Input_GivenName", "Input_FamilyName", "Input_DobDay"], errors.Select(e => e.Target));
    }

    [Fact]
    public async Task ChildStep_ImpossibleDate_NamedAndTheRestOfWhatWasTypedIsKept()
    {
        var (client, draft) = await StartAsync();
        var response = await TestApp.PostFormAsync(client, $"{draft}/child", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Sam",
            ["Input.FamilyName"] = "Rowe",
            ["Input.DobDay"] = "31",
            ["Input.DobMonth"] = "2",
            ["Input.DobYear"] = "2012",
        });
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal([("Date of birth must be a real date, like 14 5 2011", "Input_DobDay")], errors);

        // The names were saved although the step was not complete: come back later and they are there.
        var again = await Html.ParseAsync(await client.GetAsync(new Uri($"{draft}/child", UriKind.Relative), Ct));
        Assert.Equal("Sam", again.QuerySelector("#Input_GivenName")!.GetAttribute("value"));
        Assert.Equal("Rowe", again.QuerySelector("#Input_FamilyName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Send_WithAnswersMissing_ListsEachOnTheCheckPageAndStoresNoReferral()
    {
        var (client, draft) = await StartAsync();
        var before = await app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        var response = await TestApp.PostFormAsync(client, $"{draft}/check?handler=Send", new Dictionary<string, string>(), formPage: $"{draft}/check");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var missing = page.QuerySelectorAll("ul.govuk-list--bullet a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Enter the child's first name", missing);
        Assert.Contains("Describe what happened", missing);
        Assert.Contains("Say whether the family knows about this referral", missing);
        Assert.Contains("Say on what basis you are sharing this information", missing);
        Assert.DoesNotContain("Enter the referrer's name", missing); // filled from the account
        Assert.Equal(before, await app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("sarah jones@example.org")]
    [InlineData("a@x.org, b@y.org")]
    [InlineData("Priya Shah <p.shah@castlehill.example>")]
    public async Task ContactStep_EmailNoMailCanGoTo_NamedInTheErrorSummary(string email)
    {
        var (client, draft) = await StartAsync();
        var response = await TestApp.PostFormAsync(client, $"{draft}/contact", new Dictionary<string, string>
        {
            ["Input.ReferrerName"] = "Priya Shah",
            ["Input.ReferrerEmail"] = email,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal([(Lantern.Notifications.MailAddresses.Problem, "Input_ReferrerEmail")], errors);
    }

    [Fact]
    public async Task Send_Complete_AcknowledgedInInboxAndByMail_ThenTheOutcomeReachesTheReferrer()
    {
        var (client, draft) = await StartAsync(Role.Referrer);
        async Task StepAsync(string step, Dictionary<string, string> fields)
        {
            var response = await TestApp.PostFormAsync(client, $"{draft}/{step}", fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{step}: {string.Join("; ", (await Html.ParseAsync(response)).ErrorSummary())}");
        }
        await StepAsync("child", new() { ["Input.GivenName"] = "Tia", ["Input.FamilyName"] = "Lowe", ["Input.ApproximateAge"] = "14" });
        await StepAsync("concern", new() { ["Input.WhatHappened"] = "Picked up from school by unknown adults.", ["Input.WhyWorried"] = "Missing from lessons." });
        await StepAsync("contact", new() { ["Input.ReferrerName"] = "Priya Shah", ["Input.ReferrerEmail"] = "referrer@northbridge.example" });
        await StepAsync("sharing", new() { ["Input.FamilyAware"] = "Knows", ["Input.LawfulBasis"] = "SafeguardingChildren" });
        var sent = await TestApp.PostFormAsync(client, $"{draft}/check?handler=Send", new Dictionary<string, string>(), formPage: $"{draft}/check");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var reference = sent.Headers.Location!.OriginalString.Split('/')[^1];

        var inbox = await Html.ParseAsync(await client.GetAsync(new Uri("/inbox", UriKind.Relative), Ct));
        Assert.Contains($"Referral {reference} received", inbox.Body!.TextContent, StringComparison.Ordinal);
        var mail = Directory.GetFiles(Path.Combine(app.DataDir, "mail-pickup"), "*.eml").Select(File.ReadAllText)
            .Single(m => m.Contains($"Subject: Referral {reference} received", StringComparison.Ordinal));
        Assert.Contains("To: referrer@northbridge.example", mail, StringComparison.Ordinal);
        Assert.Contains($"/referrals/{reference}", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Tia", mail, StringComparison.Ordinal);

        var practitioner = await app.SignInAsAsync(Role.Practitioner);
        var decided = await TestApp.PostFormAsync(practitioner, $"/referrals/{reference}?handler=Decide", new Dictionary<string, string>
        {
            ["Decision.Outcome"] = "EarlyHelp",
            ["Decision.Rationale"] = "Family support worker to visit this week.",
        }, formPage: $"/referrals/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        inbox = await Html.ParseAsync(await client.GetAsync(new Uri("/inbox", UriKind.Relative), Ct));
        Assert.Contains($"Decision on referral {reference}", inbox.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Early help", inbox.Body!.TextContent, StringComparison.Ordinal);
        var mine = await Html.ParseAsync(await client.GetAsync(new Uri("/referrals", UriKind.Relative), Ct));
        Assert.Contains("Decided: Early help", mine.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_OfSomeoneElse_IsNotFound()
    {
        var (_, draft) = await StartAsync(Role.Referrer);
        var other = await app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"{draft}/child", UriKind.Relative), Ct)).StatusCode);
    }
}
