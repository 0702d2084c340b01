using System.Net;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;

namespace Lantern.Tests.Security;

/// <summary>Sign-in attempts are limited by network address and API calls by key: past the limit, 429 with when to try again.</summary>
public sealed class RateLimitScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartAsync(int signIns, int apiCalls)
    {
        var app = new TestApp(TestDatabase.Sqlite);
        app.Settings["Lantern:RateLimits:SignInPerMinute"] = signIns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Lantern:RateLimits:ApiPerMinute"] = apiCalls.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.InitializeAsync();
        return app;
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitFromOneAddress_429WithRetryAfter_AndTheTooManyRequestsPage()
    {
        await using var app = await StartAsync(signIns: 3, apiCalls: 0);
        var email = TestApp.DemoAccountFor(Role.Referrer).Email;
        for (var i = 0; i < 3; i++)
        {
            var attempt = await app.SignInAsync(app.CreateBrowserLikeClient(), email, "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        // Even the right password waits: the limit is on attempts from the address, not on wrong ones.
        var refused = await app.SignInAsync(app.CreateBrowserLikeClient(), email, DemoSeed.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var page = await Html.ParseAsync(refused);
        Assert.Equal("Too many requests", page.Heading());
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserLikeClient().GetAsync(new Uri("/sign-in", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_MoreCallsThanTheLimitWithOneKey_429ProblemWithRetryAfter_AnotherKeyUnaffected()
    {
        await using var app = await StartAsync(signIns: 0, apiCalls: 5);
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var missing = new Uri("/api/v1/referrals/NB-NOT-THERE", UriKind.Relative);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await school.GetAsync(missing, Ct)).StatusCode);
        }
        var refused = await school.GetAsync(missing, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await police.GetAsync(missing, Ct)).StatusCode);
    }
}
