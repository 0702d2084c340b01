using System.Net;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Foundation;

/// <summary>
/// What a new user does first: sign in, see their home page, sign out; what an administrator
/// does first: add an agency, a team and an account. The same scenarios run on SQLite and on PostgreSQL.
/// </summary>
public abstract class FoundationScenarios
{
    private readonly TestApp _app;

    protected FoundationScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Role> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task SignIn_DemoAccountOfEachRole_LandsOnHomePageSayingWhatTheRoleDoes(Role role)
    {
        var client = await _app.SignInAsAsync(role);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var doc = await Html.ParseAsync(home);
        Assert.Equal($"Welcome, {TestApp.DemoAccountFor(role).DisplayName}", doc.Heading());
        Assert.Contains(role.Purpose(), doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(role == Role.Administrator, doc.QuerySelector("a[href='/admin']") is not null);
    }

    [Fact]
    public async Task Home_Anonymous_RedirectsToSignInWithReturnUrl()
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmptyForm_NamesBothFieldsInErrorSummary()
    {
        var response = await _app.SignInAsync(_app.CreateBrowserLikeClient(), "", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Html.ParseAsync(response);
        Assert.Equal(
            [("Enter your email address", "Input_Email"), ("Enter your password", "Input_Password")],
            doc.ErrorSummary());
        Assert.StartsWith("Error:", doc.Title, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("#Input_Email[aria-describedby='Input_Email-error']"));
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownAccount_SameMessageAndBothAudited()
    {
        var before = await CountAsync(AuditCode.SignInFailed);
        var wrong = await Html.ParseAsync(await _app.SignInAsync(_app.CreateBrowserLikeClient(), TestApp.DemoAccountFor(Role.Practitioner).Email, "not-the-password-at-all"));
        var unknown = await Html.ParseAsync(await _app.SignInAsync(_app.CreateBrowserLikeClient(), "nobody@northbridge.example", "not-the-password-at-all"));
        Assert.Equal(wrong.ErrorSummary(), unknown.ErrorSummary());
        Assert.Equal("The email address or password is not right", wrong.ErrorSummary().Single().Message);
        Assert.Equal(before + 2, await CountAsync(AuditCode.SignInFailed));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenAgainstTheRightOne()
    {
        var email = TestApp.DemoAccountFor(Role.HealthPractitioner).Email;
        for (var i = 0; i < 5; i++)
        {
            await _app.SignInAsync(_app.CreateBrowserLikeClient(), email, "wrong-password-" + i);
        }
        var response = await _app.SignInAsync(_app.CreateBrowserLikeClient(), email, DemoSeed.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Html.ParseAsync(response);
        Assert.Contains("locked", doc.ErrorSummary().Single().Message, StringComparison.Ordinal);
        Assert.True(await CountAsync(AuditCode.SignInLockedOut) >= 1);

        // The lock lasts 15 minutes by the app's clock, not the wall clock.
        _app.Time.Advance(TimeSpan.FromMinutes(16));
        var later = await _app.SignInAsync(_app.CreateBrowserLikeClient(), email, DemoSeed.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task SignIn_AnOutsidersWrongPasswords_LockOnlyTheirAddress_TheAccountLocksAfterManyAddresses_NoAccountAlike()
    {
        var email = TestApp.DemoAccountFor(Role.TeamManager).Email;
        var nobody = $"nobody.{Guid.NewGuid():N}@northbridge.example";
        var live = await _app.SignInAsAsync(Role.TeamManager);
        async Task<string> TryAsync(string from, string address, string password) =>
            (await Html.ParseAsync(await _app.SignInAsync(_app.CreateBrowserLikeClientFrom(from), address, password))).ErrorSummary().SingleOrDefault().Message ?? "signed in";

        // Five wrong passwords from one address lock that address out, for a real account and for none alike...
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("The email address or password is not right", await TryAsync("10.0.0.1", email, "wrong-password-" + i));
            Assert.Equal("The email address or password is not right", await TryAsync("10.0.0.1", nobody, "wrong-password-" + i));
        }
        var hereLocked = await TryAsync("10.0.0.1", email, DemoSeed.DemoPassword);
        Assert.StartsWith("Signing in with this email address is locked here", hereLocked, StringComparison.Ordinal);
        Assert.Equal(hereLocked, await TryAsync("10.0.0.1", nobody, "any-password-at-all"));
        // ...but the account's owner, elsewhere, still signs in.
        Assert.Equal("signed in", await TryAsync("10.0.0.9", email, DemoSeed.DemoPassword));

        // Twenty failures from four addresses lock the account itself, end its open sessions, and read the same for no account.
        foreach (var from in new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5" })
        {
            for (var i = 0; i < 5; i++)
            {
                await TryAsync(from, email, "wrong-password-" + i);
                await TryAsync(from, nobody, "wrong-password-" + i);
            }
        }
        var accountLocked = await TryAsync("10.0.0.9", email, DemoSeed.DemoPassword);
        Assert.StartsWith("This account is locked", accountLocked, StringComparison.Ordinal);
        Assert.Equal(accountLocked, await TryAsync("10.0.0.9", nobody, "any-password-at-all"));
        var afterLock = await live.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, afterLock.StatusCode);
        Assert.Contains("/sign-in", afterLock.Headers.Location!.OriginalString, StringComparison.Ordinal);

        _app.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal("signed in", await TryAsync("10.0.0.9", email, DemoSeed.DemoPassword));
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        var client = _app.CreateBrowserLikeClient();
        var response = await TestApp.PostFormAsync(client, "/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = TestApp.DemoAccountFor(Role.Referrer).Email,
            ["Input.Password"] = DemoSeed.DemoPassword,
        }, formPage: "/sign-in");
        // The password step passes home on to the code step, not the other site.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in/code?ReturnUrl=%2F", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndIsAudited()
    {
        var client = await _app.SignInAsAsync(Role.Referrer);
        var before = await CountAsync(AuditCode.SignedOut);
        var response = await TestApp.PostFormAsync(client, "/sign-out", new Dictionary<string, string>(), formPage: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(before + 1, await CountAsync(AuditCode.SignedOut));
    }

    [Fact]
    public async Task SignOut_TheCookieKeptOrCopied_NoLongerSignsIn()
    {
        var browser = _app.CreateBrowserLikeClient();
        var signedIn = await _app.SignInAsync(browser, TestApp.DemoAccountFor(Role.Referrer).Email, DemoSeed.DemoPassword);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("Lantern.SignIn=", StringComparison.Ordinal)).Split(';')[0];
        var replay = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<HttpResponseMessage> ReplayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            return await replay.SendAsync(request, Ct);
        }
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync()).StatusCode);

        await TestApp.PostFormAsync(browser, "/sign-out", new Dictionary<string, string>(), formPage: "/");

        var after = await ReplayAsync();
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_DisablesEnablesUnlocksAndResetsAnAccount_SessionsEndAndEachIsAudited()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var agency = await _app.WithDbAsync(db => db.Agencies.FirstAsync(Ct));
        var email = $"account.{Guid.NewGuid():N}@northbridge.example";
        await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Rowan Account",
            ["Input.Email"] = email,
            ["Input.Role"] = nameof(Role.Practitioner),
            ["Input.Agency"] = agency.Id.ToString(),
            ["Input.Password"] = "plum kettle orbit garden",
        });
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        var page = $"/admin/users/{id}";
        async Task<HttpClient?> SignInAsync(string password)
        {
            var client = _app.CreateBrowserLikeClient();
            var response = await _app.SignInAsync(client, email, password);
            return response.StatusCode == HttpStatusCode.Redirect ? client : null;
        }
        async Task<bool> StillSignedInAsync(HttpClient client) => (await client.GetAsync(new Uri("/", UriKind.Relative), Ct)).StatusCode == HttpStatusCode.OK;
        async Task<HttpResponseMessage> ActAsync(string action, string reason = "", string password = "") =>
            await TestApp.PostFormAsync(admin, page, new Dictionary<string, string> { ["Action"] = action, ["Reason"] = reason, ["NewPassword"] = password });

        var session = (await SignInAsync("plum kettle orbit garden"))!;
        // Disabling needs a reason, and is refused for one's own account.
        var noReason = await Html.ParseAsync(await ActAsync("disable"));
        Assert.Equal([("Say why the account is being disabled", "Reason")], noReason.ErrorSummary());
        Assert.True(await StillSignedInAsync(session));

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync("disable", "Left the partnership")).StatusCode);
        Assert.False(await StillSignedInAsync(session));
        Assert.Null(await SignInAsync("plum kettle orbit garden"));
        Assert.Equal("Disabled: cannot sign in", (await Html.ParseAsync(await admin.GetAsync(new Uri(page, UriKind.Relative), Ct))).QuerySelector("#status")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync("enable", "Came back")).StatusCode);
        session = (await SignInAsync("plum kettle orbit garden"))!;
        Assert.NotNull(session);

        // A weak new password is refused with the reason; a good one ends the sessions and replaces the old password.
        var weak = await Html.ParseAsync(await ActAsync("reset", password: "password1234"));
        Assert.Equal("NewPassword", weak.ErrorSummary().Single().Target);
        Assert.Contains("most used", weak.ErrorSummary().Single().Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync("reset", "Forgot it", "heron lantern copper tide")).StatusCode);
        Assert.False(await StillSignedInAsync(session));
        Assert.Null(await SignInAsync("plum kettle orbit garden"));
        Assert.NotNull(await SignInAsync("heron lantern copper tide"));

        // Locked after many failures: an administrator unlocks it.
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id, Ct);
            user.LockoutEnd = _app.Time.GetUtcNow().AddMinutes(15);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Null(await SignInAsync("heron lantern copper tide"));
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync("unlock")).StatusCode);
        Assert.NotNull(await SignInAsync("heron lantern copper tide"));

        var codes = await _app.WithDbAsync(db => db.AuditEvents.Where(e => e.RecordId == id.ToString()).Select(e => e.Code).ToListAsync(Ct));
        Assert.Contains((int)AuditCode.UserDisabled, codes);
        Assert.Contains((int)AuditCode.UserEnabled, codes);
        Assert.Contains((int)AuditCode.UserPasswordReset, codes);
        Assert.Contains((int)AuditCode.UserUnlocked, codes);
    }

    [Fact]
    public async Task Administrator_CannotDisableTheirOwnAccount()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var me = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Administrator).Email).Select(u => u.Id).SingleAsync(Ct));
        var refused = await Html.ParseAsync(await TestApp.PostFormAsync(admin, $"/admin/users/{me}", new Dictionary<string, string> { ["Action"] = "disable", ["Reason"] = "test" }));
        Assert.Contains("cannot disable your own account", refused.ErrorSummary().Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_AddsAgencyTeamAndAccount_NewPersonSignsIn()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var agencyName = "Northbridge Fire Service " + Guid.NewGuid().ToString("N")[..6];
        var created = await TestApp.PostFormAsync(admin, "/admin/agencies/new", new Dictionary<string, string>
        {
            ["Input.Name"] = agencyName,
            ["Input.Kind"] = nameof(AgencyKind.Other),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var agencyPage = created.Headers.Location!.OriginalString;
        var team = await TestApp.PostFormAsync(admin, agencyPage, new Dictionary<string, string> { ["Input.Name"] = "Community Safety" });
        Assert.Equal(HttpStatusCode.Redirect, team.StatusCode);
        var page = await Html.ParseAsync(await admin.GetAsync(new Uri(agencyPage, UriKind.Relative), Ct));
        Assert.Equal(agencyName, page.Heading());
        Assert.Contains("Community Safety", page.QuerySelector("ul.govuk-list")!.TextContent, StringComparison.Ordinal);

        var agencyId = agencyPage.Split('/')[^1];
        var email = $"watch.{Guid.NewGuid():N}@fire.example";
        var account = await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Lee Watch",
            ["Input.Email"] = email,
            ["Input.Role"] = nameof(Role.Referrer),
            ["Input.Agency"] = agencyId,
            ["Input.Password"] = "a long enough pass phrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);

        var newcomer = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await _app.SignInAsync(newcomer, email, "a long enough pass phrase")).StatusCode);
        var home = await Html.ParseAsync(await newcomer.GetAsync(new Uri("/", UriKind.Relative), Ct));
        Assert.Equal("Welcome, Lee Watch", home.Heading());
        Assert.True(await CountAsync(AuditCode.AgencyCreated) >= 1);
        Assert.True(await CountAsync(AuditCode.TeamCreated) >= 1);
    }

    [Fact]
    public async Task Administrator_CreatesAccountWithBadInput_EveryFieldNamedAndNothingSaved()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var before = await _app.WithDbAsync(db => db.Users.CountAsync(Ct));
        var response = await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "not-an-email",
            ["Input.Role"] = "Superuser",
            ["Input.Agency"] = "",
            ["Input.Password"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var targets = (await Html.ParseAsync(response)).ErrorSummary().Select(e => e.Target).ToList();
        Assert.Equal(["Input_DisplayName", "Input_Email", "Input_Role", "Input_Agency"], targets);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("password1234", "most used")]
    [InlineData("aaaaaaaaaaaa", "repeats")]
    public async Task Administrator_EasyPassword_IsNamedAndNothingSaved(string password, string reason)
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var agency = await _app.WithDbAsync(db => db.Agencies.FirstAsync(Ct));
        var before = await _app.WithDbAsync(db => db.Users.CountAsync(Ct));
        var response = await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Easy Password",
            ["Input.Email"] = "easy.password@northbridge.example",
            ["Input.Role"] = nameof(Role.Practitioner),
            ["Input.Agency"] = agency.Id.ToString(),
            ["Input.Password"] = password,
        });
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal("Input_Password", errors.Single().Target);
        Assert.Contains(reason, errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task Administrator_ShortPassword_IsNamedAndNothingSaved()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        var agency = await _app.WithDbAsync(db => db.Agencies.FirstAsync(Ct));
        var before = await _app.WithDbAsync(db => db.Users.CountAsync(Ct));
        var response = await TestApp.PostFormAsync(admin, "/admin/users/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Short Password",
            ["Input.Email"] = "short.password@northbridge.example",
            ["Input.Role"] = nameof(Role.Practitioner),
            ["Input.Agency"] = agency.Id.ToString(),
            ["Input.Password"] = "short",
        });
        var errors = (await Html.ParseAsync(response)).ErrorSummary();
        Assert.Equal("Input_Password", errors.Single().Target);
        Assert.Contains("12 characters", errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task Colleagues_ShowsOnlyOwnAgency_AndAnotherAgencysPersonIsNotFound()
    {
        var police = await _app.SignInAsAsync(Role.PoliceInvestigator);
        var directory = await Html.ParseAsync(await police.GetAsync(new Uri("/practitioners", UriKind.Relative), Ct));
        var names = directory.QuerySelectorAll("tbody th").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("Ruth Feld", names);
        Assert.DoesNotContain("Tom Walsh", names);

        var socialWorkerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        var deniedBefore = await CountAsync(AuditCode.RecordNotInScope);
        var response = await police.GetAsync(new Uri($"/practitioners/{socialWorkerId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await Html.ParseAsync(response)).Heading());
        Assert.Equal(deniedBefore + 1, await CountAsync(AuditCode.RecordNotInScope));

        var colleague = await _app.SignInAsAsync(Role.TeamManager);
        var allowed = await colleague.GetAsync(new Uri($"/practitioners/{socialWorkerId}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("Tom Walsh", (await Html.ParseAsync(allowed)).Heading());
    }

    [Fact]
    public async Task AdminPage_NonAdministrator_GetsForbiddenPageAndTheRefusalIsAudited()
    {
        var client = await _app.SignInAsAsync(Role.HeadOfService);
        var before = await CountAsync(AuditCode.AccessDenied);
        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have permission to see this page", (await Html.ParseAsync(response)).Heading());
        Assert.Equal(before + 1, await CountAsync(AuditCode.AccessDenied));
    }

    [Fact]
    public async Task AuditTrail_AfterReadsWritesAndRefusals_IsAnIntactChainNamingActors()
    {
        var admin = await _app.SignInAsAsync(Role.Administrator);
        await admin.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
        var referrer = await _app.SignInAsAsync(Role.Referrer);
        await referrer.GetAsync(new Uri("/admin", UriKind.Relative), Ct);

        await using var scope = _app.Services.CreateAsyncScope();
        var result = scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify();
        Assert.True(result.IsIntact, result.Problem);
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var read = await db.AuditEvents.Where(e => e.Code == (int)AuditCode.UserListViewed).OrderBy(e => e.Sequence).LastAsync(Ct);
        Assert.Equal(TestApp.DemoAccountFor(Role.Administrator).Email, read.ActorName);
        Assert.Equal(nameof(Role.Administrator), read.Role);
        Assert.NotNull(read.AgencyId);
        Assert.Equal(AuditOutcome.Allowed, read.Outcome);
        var denied = await db.AuditEvents.Where(e => e.Code == (int)AuditCode.AccessDenied).OrderBy(e => e.Sequence).LastAsync(Ct);
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
        Assert.Equal("GET /admin", denied.RecordId);
    }

    [Fact]
    public async Task AuditTime_ComesFromTheAppClock()
    {
        _app.Time.Advance(TimeSpan.FromDays(3));
        var expected = _app.Time.GetUtcNow();
        var client = await _app.SignInAsAsync(Role.DataProtectionOfficer);
        var signedIn = await _app.WithDbAsync(db => db.AuditEvents.Where(e => e.Code == (int)AuditCode.SignedIn).OrderBy(e => e.Sequence).LastAsync(Ct));
        Assert.Equal(expected.UtcTicks / 10, signedIn.OccurredAt.UtcTicks / 10);
        Assert.NotNull(client);
    }

    [Fact]
    public async Task Health_ReadyAndLive_AnswerWithoutSignIn()
    {
        var client = _app.CreateBrowserLikeClient();
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await ready.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_UnknownPath_AnswersProblemDetailsNotAPage()
    {
        var client = await _app.SignInAsAsync(Role.Practitioner);
        var response = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_Anonymous_Gets401ProblemDetailsNotARedirect()
    {
        var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PasswordHash_IsPbkdf2Sha512WithAtLeast210000Iterations()
    {
        var hash = await _app.WithDbAsync(db => db.Users.Select(u => u.PasswordHash).FirstAsync(Ct));
        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal(0x01, bytes[0]);
        var prf = (bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4];
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.Equal(2, prf); // KeyDerivationPrf.HMACSHA512
        Assert.True(iterations >= 210_000, $"iterations {iterations}");
    }

    [Fact]
    public async Task DemoData_SecondStart_IsNotSeededAgain()
    {
        var agencies = await _app.WithDbAsync(db => db.Agencies.CountAsync(Ct));
        await using var scope = _app.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeed>().SeedIfEmptyAsync(Ct);
        Assert.False(seeded);
        Assert.Equal(agencies, await _app.WithDbAsync(db => db.Agencies.CountAsync(Ct)));
        // Other tests in this class add accounts of their own; only the demo accounts' count is the seed's.
        var demoEmails = DemoSeed.Accounts.Select(a => a.Email).ToList();
        Assert.Equal(DemoSeed.Accounts.Count, await _app.WithDbAsync(db => db.Users.CountAsync(u => demoEmails.Contains(u.Email!), Ct)));
    }

    private Task<int> CountAsync(AuditCode code) =>
        _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));
}

public sealed class SqliteFoundationScenarios(SqliteTestApp app) : FoundationScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresFoundationScenarios(PostgresTestApp app) : FoundationScenarios(app), IClassFixture<PostgresTestApp>;
