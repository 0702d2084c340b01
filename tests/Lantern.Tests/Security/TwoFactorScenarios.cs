using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Accounts;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Security;

/// <summary>
/// Two-factor sign-in on both databases: the authenticator code signs in once, a wrong one counts toward the lockout,
/// recovery codes are hashed and used once, and someone without an authenticator sets one up before anything else.
/// </summary>
public sealed class TwoFactorScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Fifteen seconds into a step, so the steps either side are plain to see.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 15, TimeSpan.Zero);

    private static byte[] DemoKey => Totp.FromBase32(DemoSeed.DemoAuthenticatorKey)!;

    private static Task<int> CountAsync(TestApp app, AuditCode code) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    private static async Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string code, bool recovery = false) =>
        await TestApp.PostFormAsync(client, "/sign-in/code" + (recovery ? "?Recovery=true" : ""), new Dictionary<string, string> { ["Code"] = code });

    private static async Task<HttpClient> PasswordAcceptedAsync(TestApp app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await TestApp.SignInWithPasswordAsync(client, email, DemoSeed.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in/code", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    private static async Task<bool> SignedInAsync(HttpClient client) =>
        (await client.GetAsync(new Uri("/", UriKind.Relative), Ct)).StatusCode == HttpStatusCode.OK;

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SignIn_AuthenticatorCode_SignsInOnce_TheSameCodeAgainIsRefusedAndCountsTowardLockout(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var email = TestApp.DemoAccountFor(Role.Practitioner).Email;
        var step = Totp.TimeStep(app.Time.GetUtcNow());
        var code = Totp.Compute(DemoKey, step);

        // The password alone does not sign in.
        var first = await PasswordAcceptedAsync(app, email);
        Assert.False(await SignedInAsync(first));
        var accepted = await CodeStepAsync(first, code);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location!.OriginalString);
        Assert.True(await SignedInAsync(first));

        // The same code, in its own 30 seconds, from another browser: refused, audited, and counted as a failure.
        var refusedBefore = await CountAsync(app, AuditCode.TwoFactorCodeRefused);
        var second = await PasswordAcceptedAsync(app, email);
        var replay = await Html.ParseAsync(await CodeStepAsync(second, code));
        Assert.Equal([("The code is not right, or has been used. Wait for your app to show a new code and enter that", "Code")], replay.ErrorSummary());
        Assert.Equal(refusedBefore + 1, await CountAsync(app, AuditCode.TwoFactorCodeRefused));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount).SingleAsync(Ct)));
        // So is the code before it, still within the tolerance but older than the one used.
        Assert.Equal("Code", (await Html.ParseAsync(await CodeStepAsync(second, Totp.Compute(DemoKey, step - 1)))).ErrorSummary().Single().Target);
        // A code two steps away is refused however unused it is.
        Assert.Equal("Code", (await Html.ParseAsync(await CodeStepAsync(second, Totp.Compute(DemoKey, step + 2)))).ErrorSummary().Single().Target);
        Assert.False(await SignedInAsync(second));

        // Thirty seconds on, the app's next code signs in.
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(second, Totp.Compute(DemoKey, step + 1))).StatusCode);
        Assert.True(await SignedInAsync(second));
        Assert.Equal(step + 1, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AuthenticatorLastTimeStep).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SignIn_WrongCodes_LockTheAccountAsWrongPasswordsDo(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var email = TestApp.DemoAccountFor(Role.TeamManager).Email;
        var live = await app.SignInAsAsync(Role.TeamManager);
        var client = await PasswordAcceptedAsync(app, email);
        var wrong = Totp.Compute(DemoKey, Totp.TimeStep(app.Time.GetUtcNow()) + 5);
        string? last = null;
        for (var i = 0; i < Features.SignIn.SignInLockouts.AccountWideFailures; i++)
        {
            last = (await Html.ParseAsync(await CodeStepAsync(client, wrong))).ErrorSummary().Single().Message;
        }
        Assert.StartsWith("This account is locked", last, StringComparison.Ordinal);
        // Locking ends the session already open, and the right code no longer helps.
        Assert.False(await SignedInAsync(live));
        var again = app.CreateBrowserLikeClient();
        var refused = await Html.ParseAsync(await TestApp.SignInWithPasswordAsync(again, email, DemoSeed.DemoPassword));
        Assert.StartsWith("This account is locked", refused.ErrorSummary().Single().Message, StringComparison.Ordinal);
        Assert.False(await SignedInAsync(again));
        Assert.True(await CountAsync(app, AuditCode.TwoFactorCodeRefused) >= Features.SignIn.SignInLockouts.AccountWideFailures - 1);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task SetUp_NewAuthenticator_RecoveryCodesShownOnceHashedAtRest_EachSignsInOnce(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var email = TestApp.DemoAccountFor(Role.HealthPractitioner).Email;
        var elsewhere = await app.SignInAsAsync(Role.HealthPractitioner);
        var phone = await app.SignInAsAsync(Role.HealthPractitioner);
        var setUp = await app.SetUpTwoFactorAsync(phone, email);
        var codes = setUp.QuerySelectorAll("code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{4}(-[a-z2-7]{4}){5}$", c));
        Assert.Equal(1, await CountAsync(app, AuditCode.TwoFactorSetUp));
        Assert.Equal(1, await CountAsync(app, AuditCode.RecoveryCodesIssued));

        // Moving to a new authenticator ends the account's other sessions; the one that did it goes on.
        Assert.False(await SignedInAsync(elsewhere));
        Assert.True(await SignedInAsync(phone));
        // The old phone's codes no longer work.
        app.Time.Advance(TimeSpan.FromSeconds(90));
        var oldPhone = await PasswordAcceptedAsync(app, email);
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(oldPhone, Totp.Compute(DemoKey, Totp.TimeStep(app.Time.GetUtcNow())))).StatusCode);

        // Only hashes are kept.
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var stored = await app.WithDbAsync(db => db.RecoveryCodes.Where(c => c.UserId == userId).Select(c => c.Hash).ToListAsync(Ct));
        Assert.Equal(10, stored.Count);
        Assert.Empty(stored.Intersect(codes));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(codes[3].Replace("-", "", StringComparison.Ordinal)))), stored);

        // A recovery code signs in once (typed in capitals and with spaces, as people do), and says how many are left.
        var lost = await PasswordAcceptedAsync(app, email);
        var recovered = await CodeStepAsync(lost, codes[3].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal), recovery: true);
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal("/account/two-factor", recovered.Headers.Location!.OriginalString);
        var account = await Html.ParseAsync(await lost.GetAsync(new Uri("/account/two-factor", UriKind.Relative), Ct));
        Assert.Equal("9", account.QuerySelector("#recovery-codes-left")!.TextContent.Trim());
        Assert.Equal(1, await CountAsync(app, AuditCode.SignedInWithRecoveryCode));

        var again = await PasswordAcceptedAsync(app, email);
        var reused = await Html.ParseAsync(await CodeStepAsync(again, codes[3], recovery: true));
        Assert.Equal("The recovery code is not right, or has been used. Each recovery code works once", reused.ErrorSummary().Single().Message);
        Assert.Equal(1, await CountAsync(app, AuditCode.RecoveryCodeRefused));
        Assert.False(await SignedInAsync(again));

        // New codes replace the old: an unused old one stops working.
        var fresh = await Html.ParseAsync(await TestApp.PostFormAsync(lost, "/account/two-factor", new Dictionary<string, string>()));
        Assert.Equal(10, fresh.QuerySelectorAll("code").Length);
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(again, codes[4], recovery: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(again, fresh.QuerySelectorAll("code")[0].TextContent, recovery: true)).StatusCode);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task NotSetUp_WhileRequired_OnlySetUpIsReachable_ThenItsCodeCannotSignInAgain(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var admin = await app.SignInAsAsync(Role.Administrator);
        var agency = await app.WithDbAsync(db => db.Agencies.FirstAsync(Ct));
        var email = $"new.{Guid.NewGuid():N}@northbridge.example";
        await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Sam New",
            ["Input.Email"] = email,
            ["Input.Role"] = nameof(Role.Practitioner),
            ["Input.Agency"] = agency.Id.ToString(),
            ["Input.Password"] = "plum kettle orbit garden",
        });
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInWithPasswordAsync(client, email, "plum kettle orbit garden")).StatusCode);
        foreach (var path in new[] { "/", "/children", "/account/sessions" })
        {
            var sent = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/account/two-factor/set-up", sent.Headers.Location!.OriginalString);
        }
        // A script's request is told 401, not sent to a page.
        using (var background = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative)))
        {
            background.Headers.Add("X-Requested-With", "fetch");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(background, Ct)).StatusCode);
        }

        // A wrong code is named, and nothing changes.
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/account/two-factor/set-up", UriKind.Relative), Ct));
        Assert.NotNull(page.QuerySelector("img[alt^='QR code']"));
        var wrong = await Html.ParseAsync(await TestApp.PostFormAsync(client, "/account/two-factor/set-up", new Dictionary<string, string>
        {
            ["ProtectedKey"] = page.QuerySelector("input[name=ProtectedKey]")!.GetAttribute("value")!,
            ["Code"] = "000000",
        }, formPage: "/account/two-factor/set-up"));
        Assert.Equal("Code", wrong.ErrorSummary().Single().Target);
        Assert.False(await app.HasTwoFactorAsync(email));

        await app.SetUpTwoFactorAsync(client, email);
        Assert.True(await app.HasTwoFactorAsync(email));
        Assert.True(await SignedInAsync(client));
        Assert.Equal(1, await CountAsync(app, AuditCode.TwoFactorSetUp));

        // The code typed to set up is used: it cannot sign in a second browser.
        var other = app.CreateBrowserLikeClient();
        await TestApp.SignInWithPasswordAsync(other, email, "plum kettle orbit garden");
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(other, app.CurrentAuthenticatorCode(email))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(other, await app.NextAuthenticatorCodeAsync(email))).StatusCode);

        // An administrator resets it (lost phone): signed out everywhere, and set up again at the next sign-in.
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(admin, $"/admin/users/{id}", new Dictionary<string, string>
        {
            ["Action"] = "reset-two-factor",
            ["Reason"] = "Lost phone; identity checked by video call with their manager",
        })).StatusCode);
        Assert.False(await SignedInAsync(client));
        Assert.False(await SignedInAsync(other));
        Assert.False(await app.HasTwoFactorAsync(email));
        Assert.Equal(0, await app.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == id, Ct)));
        Assert.Equal(1, await CountAsync(app, AuditCode.TwoFactorReset));
    }
}
