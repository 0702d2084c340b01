using System.Net;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Security;

/// <summary>
/// Sessions on the server, on both databases: people see where they are signed in and end any session, whose cookie
/// then no longer works; sessions end after the idle time-out, at their maximum lifetime, and when the role changes.
/// </summary>
public sealed class SessionScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 15, TimeSpan.Zero);

    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static async Task<HttpClient> SignInFromAsync(TestApp app, Role role, string userAgent)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(client, TestApp.DemoAccountFor(role).Email, DemoSeed.DemoPassword)).StatusCode);
        return client;
    }

    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK || response.Headers.Location?.OriginalString.Contains("/sign-in", StringComparison.Ordinal) == true,
            $"Expected the home page or the sign-in page, got {(int)response.StatusCode} {response.Headers.Location}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static Task<int> CountAsync(TestApp app, AuditCode code) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code, Ct));

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Sessions_ListedWithBrowserAndTimes_EndingOneEndsItsCookie_OthersCannotBeEnded(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var desk = await SignInFromAsync(app, Role.Practitioner, Chrome);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var laptop = await SignInFromAsync(app, Role.Practitioner, Firefox);
        var spare = await SignInFromAsync(app, Role.Practitioner, Firefox);
        var colleague = await SignInFromAsync(app, Role.TeamManager, Chrome);

        var list = await Html.ParseAsync(await desk.GetAsync(new Uri("/account/sessions", UriKind.Relative), Ct));
        var rows = list.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows.Count(r => r[0] == "Firefox on Linux"));
        Assert.Single(rows, r => r[0].StartsWith("Chrome on Windows", StringComparison.Ordinal) && r[0].EndsWith("This session", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[1] == "Mon 2 Mar 2026, 10:00am");
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains("Team", StringComparison.Ordinal)));

        // Ending the laptop's session: its cookie no longer signs in, the others go on.
        var ids = list.QuerySelectorAll("input[name=SessionId]").Select(i => i.GetAttribute("value")!).ToList();
        var laptopId = await app.WithDbAsync(db => db.UserSessions.Where(s => s.Device == "Firefox on Linux").OrderBy(s => s.StartedAt).Select(s => s.Id).FirstAsync(Ct));
        Assert.Contains(laptopId.ToString(), ids);
        var ended = await TestApp.PostFormAsync(desk, "/account/sessions?handler=End", new Dictionary<string, string> { ["SessionId"] = laptopId.ToString() }, formPage: "/account/sessions");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.False(await SignedInAsync(laptop));
        Assert.True(await SignedInAsync(desk));
        Assert.True(await SignedInAsync(spare));
        Assert.Equal(1, await CountAsync(app, AuditCode.SessionEnded));

        // Someone else's session is not found, and goes on.
        var theirs = await app.WithDbAsync(db => db.UserSessions.Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Id, u.Email })
            .Where(x => x.Email == TestApp.DemoAccountFor(Role.TeamManager).Email).Select(x => x.Id).SingleAsync(Ct));
        var refused = await TestApp.PostFormAsync(desk, "/account/sessions?handler=End", new Dictionary<string, string> { ["SessionId"] = theirs.ToString() }, formPage: "/account/sessions");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await SignedInAsync(colleague));

        // Ending every other session leaves this one.
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(desk, "/account/sessions?handler=EndOthers", new Dictionary<string, string>(), formPage: "/account/sessions")).StatusCode);
        Assert.False(await SignedInAsync(spare));
        Assert.True(await SignedInAsync(desk));
        Assert.Equal(1, await CountAsync(app, AuditCode.OtherSessionsEnded));

        // Signing out ends only this session, on the server: the cookie, if copied, does not sign in again.
        await TestApp.PostFormAsync(desk, "/sign-out", new Dictionary<string, string>(), formPage: "/");
        Assert.Equal(SessionEnd.SignedOut, await app.WithDbAsync(db => db.UserSessions.Where(s => s.Device == "Chrome on Windows" && s.UserId != db.Users.Single(u => u.Email == TestApp.DemoAccountFor(Role.TeamManager).Email).Id)
            .Select(s => s.EndReason).SingleAsync(Ct)));
        Assert.True(await SignedInAsync(colleague));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task IdleTimeout_UseKeepsTheSessionOpen_MoreThanTheTimeOutWithoutUseEndsIt_ADraftIsKept(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var client = await SignInFromAsync(app, Role.Practitioner, Chrome);
        for (var i = 0; i < 4; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(29));
            Assert.True(await SignedInAsync(client));
        }
        app.Time.Advance(TimeSpan.FromMinutes(31));
        // A script saving a draft learns that the sign-in has gone (401), so it keeps what was typed.
        using (var background = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative)))
        {
            background.Headers.Add("X-Requested-With", "fetch");
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(background, Ct)).StatusCode);
        }
        Assert.False(await SignedInAsync(client));
        Assert.Equal(SessionEnd.IdleTimeout, await app.WithDbAsync(db => db.UserSessions.Select(s => s.EndReason).SingleAsync(Ct)));
        Assert.Equal(1, await CountAsync(app, AuditCode.SessionTimedOut));
        // It stays ended.
        Assert.False(await SignedInAsync(client));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task MaximumLifetime_EvenABusySessionEnds(TestDatabase database)
    {
        var app = new TestApp(database, Start);
        app.Settings["Lantern:Security:MaximumSessionHours"] = "1";
        await app.InitializeAsync();
        await using var _ = app;
        if (!app.IsAvailable)
        {
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        var client = await SignInFromAsync(app, Role.Practitioner, Chrome);
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await SignedInAsync(client));
        }
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await SignedInAsync(client));
        Assert.Equal(SessionEnd.MaximumLifetime, await app.WithDbAsync(db => db.UserSessions.Select(s => s.EndReason).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task RoleChange_EndsTheAccountsSessions(TestDatabase database)
    {
        await using var app = await Scenarios.StartAsync(database, Start);
        var client = await SignInFromAsync(app, Role.Practitioner, Chrome);
        Assert.True(await SignedInAsync(client));
        var email = TestApp.DemoAccountFor(Role.Practitioner).Email;
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            user.Role = Role.TeamManager;
            return await db.SaveChangesAsync(Ct);
        });
        Assert.False(await SignedInAsync(client));
        Assert.Equal(SessionEnd.AccountChanged, await app.WithDbAsync(db => db.UserSessions.Select(s => s.EndReason).SingleAsync(Ct)));
        Assert.Equal(1, await CountAsync(app, AuditCode.SessionEndedByAccountChange));
        // Signing in again gives the new role.
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(app.CreateBrowserLikeClient(), email, DemoSeed.DemoPassword)).StatusCode);
    }
}
