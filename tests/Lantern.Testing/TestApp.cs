using System.Net;
using System.Text.RegularExpressions;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace Lantern.Testing;

public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app over real HTTP (WebApplicationFactory), on a database of its own: a fresh SQLite
/// file, or a fresh database on the PostgreSQL that scripts/test starts. Time is a fake clock.
/// </summary>
public partial class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "LANTERN_TEST_POSTGRES";
    public const string RequirePostgresVariable = "LANTERN_REQUIRE_POSTGRES";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "lantern-test-" + Guid.NewGuid().ToString("N"));
    private readonly TestApp? _sharedWith;
    private string? _postgresDatabase;

    static TestApp()
    {
        // Each host watches its settings files and static files for changes, one inotify instance each. The hosts of a
        // whole test run, two test assemblies at once, use up the machine's instances (128 by default), and a page with
        // a versioned stylesheet link then fails with 500 in whichever test comes next. Polling watchers use none.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public TestApp(TestDatabase database = TestDatabase.Sqlite, DateTimeOffset? start = null)
    {
        Database = database;
        Time = new FakeTimeProvider(start ?? DaytimeStart(TimeProvider.System.GetUtcNow()));
    }

    /// <summary>
    /// Now, or 07:00 UK time when now is between 18:00 and 07:00 (the next morning's, in the evening). Scenarios
    /// move the clock on by minutes and hours and then expect the same day ("saved at 10:32am", due today);
    /// a run started just before midnight would otherwise cross into tomorrow halfway through one.
    /// </summary>
    public static DateTimeOffset DaytimeStart(DateTimeOffset now)
    {
        var uk = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = TimeZoneInfo.ConvertTime(now, uk);
        if (local.Hour is >= 7 and < 18)
        {
            return now;
        }
        var morning = local.Date.AddDays(local.Hour >= 18 ? 1 : 0).AddHours(7);
        return new DateTimeOffset(morning, uk.GetUtcOffset(morning)).ToUniversalTime();
    }

    /// <summary>
    /// A second node of the same deployment: its own process state and clock (set to the first
    /// node's time), the same database and data folder. Start the first node before this one.
    /// </summary>
    public TestApp(TestApp sharedWith)
    {
        ArgumentNullException.ThrowIfNull(sharedWith);
        _sharedWith = sharedWith;
        Database = sharedWith.Database;
        Time = new FakeTimeProvider(sharedWith.Time.GetUtcNow());
        _dataDir = sharedWith._dataDir;
        _postgresDatabase = sharedWith._postgresDatabase;
        IsAvailable = sharedWith.IsAvailable;
        ScheduledWork = sharedWith.ScheduledWork;
    }

    /// <summary>
    /// Whether the app runs its scheduled work (escalation, mail retry) on its own. Off by default so
    /// that a scenario decides when the work runs (<see cref="RunScheduledWorkAsync"/>).
    /// </summary>
    public bool ScheduledWork { get; init; }

    /// <summary>Extra configuration for a scenario, such as local escalation intervals.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public TestDatabase Database { get; }

    /// <summary>Starts at the real present so cookies and keys behave; tests move it forward.</summary>
    public FakeTimeProvider Time { get; }

    public string DataDir => _dataDir;

    /// <summary>Where this deployment's audit checkpoints are written (a scenario may set a second store in <see cref="Settings"/>).</summary>
    public string CheckpointDirectory => Path.Combine(_dataDir, "audit-checkpoints");

    /// <summary>False when this is a PostgreSQL app and no server was given; the tests skip.</summary>
    public bool IsAvailable { get; private set; } = true;

    public static string? PostgresAdminConnection => Environment.GetEnvironmentVariable(PostgresVariable);

    public virtual async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        if (_sharedWith is not null)
        {
            if (IsAvailable)
            {
                Start();
            }
            return;
        }
        if (Database == TestDatabase.Postgres)
        {
            if (string.IsNullOrWhiteSpace(PostgresAdminConnection))
            {
                if (Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
                {
                    throw new InvalidOperationException($"{PostgresVariable} is not set but {RequirePostgresVariable}=1: scripts/test should have started PostgreSQL.");
                }
                IsAvailable = false;
                return;
            }
            _postgresDatabase = "lantern_t_" + Guid.NewGuid().ToString("N")[..16];
            await using var admin = new NpgsqlConnection(PostgresAdminConnection);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        // Starting the server runs migrations and seeds the demo partnership.
        Start();
    }

    /// <summary>A started app on <paramref name="database"/> whose clock reads <paramref name="start"/>; a test skips when <see cref="IsAvailable"/> is false.</summary>
    public static async Task<TestApp> StartedAsync(TestDatabase database, DateTimeOffset start)
    {
        var app = new TestApp(database, start);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>Starts the in-memory test server; a browser test starts Kestrel instead.</summary>
    protected virtual void Start() => _ = Server;

    public string? ConnectionString => Database switch
    {
        TestDatabase.Sqlite => null,
        TestDatabase.Postgres => _postgresDatabase is null ? null
            : new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = _postgresDatabase }.ToString(),
        _ => throw new InvalidOperationException(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting(DataFolderOptions.Key, _dataDir);
        builder.UseSetting("Lantern:Database:SeedDemoData", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Lantern:Jobs:Enabled", ScheduledWork ? "true" : "false");
        // Checkpoints of the audit trail stay inside the test's own folder, which is removed with it.
        builder.UseSetting("Lantern:Audit:Checkpoints:Directory", CheckpointDirectory);
        // Every test client comes from one address and signs in often: limits are off unless a scenario sets them.
        builder.UseSetting("Lantern:RateLimits:SignInPerMinute", "0");
        builder.UseSetting("Lantern:RateLimits:ApiPerMinute", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Database == TestDatabase.Postgres)
        {
            builder.UseSetting("Lantern:Database:Provider", "Postgres");
            builder.UseSetting("Lantern:Database:ConnectionString", ConnectionString);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter>(new ClientAddressFilter());
        });
        ConfigureTestServices(builder);
    }

    /// <summary>The header a test sets to make a request come from a network address of its choosing (the in-memory server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>A client whose requests come from <paramref name="address"/>, with cookies, not following redirects.</summary>
    public HttpClient CreateBrowserLikeClientFrom(string address)
    {
        var client = CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A subclass may replace services for a scenario.</summary>
    protected virtual void ConfigureTestServices(IWebHostBuilder builder)
    {
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sharedWith is not null)
        {
            // The first node owns the database and the folder.
            GC.SuppressFinalize(this);
            return;
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresAdminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each step.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The first demo account of the role (a practitioner is the front door's social worker, not the exploitation team's).</summary>
    public static DemoSeed.DemoAccount DemoAccountFor(Role role) => DemoSeed.Accounts.First(a => a.Role == role);

    /// <summary>The demo social worker of the exploitation team, told about repeat missing children.</summary>
    public static DemoSeed.DemoAccount ExploitationWorker => DemoSeed.Accounts.Single(a => a.Team == "Exploitation Team");

    /// <summary>Signs in through the real sign-in pages as the demo account of that role, with its authenticator code.</summary>
    public async Task<HttpClient> SignInAsAsync(Role role)
    {
        var client = CreateBrowserLikeClient();
        var response = await SignInAsync(client, DemoAccountFor(role).Email, DemoSeed.DemoPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed with {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>GETs the page to obtain its antiforgery token, then POSTs the form as a browser would.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IDictionary<string, string> fields, string? formPage = null) =>
        PostWithTokenAsync(client, path, fields, formPage, background: false);

    /// <summary>
    /// POSTs the form as the page's own script does in the background (autosave): with the page's
    /// antiforgery token, and headers that say it is a script, not a navigation.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormInBackgroundAsync(HttpClient client, string path, IDictionary<string, string> fields, string formPage) =>
        PostWithTokenAsync(client, path, fields, formPage, background: true);

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string path, IDictionary<string, string> fields, string? formPage, bool background)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(new Uri(formPage ?? path, UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? path}");
        }
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (background)
        {
            request.Headers.Add("X-Requested-With", "fetch");
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await client.SendAsync(request);
    }

    /// <summary>One pass of the scheduled work, as a node's runner does it: escalations, mail, expired drafts. Returns the escalation steps this node performed.</summary>
    public async Task<int> RunScheduledWorkAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await Lantern.Jobs.JobRunner.RunWorkAsync(scope.ServiceProvider, CancellationToken.None);
    }

    /// <summary>What the account of <paramref name="email"/> was told, oldest first.</summary>
    public Task<List<Notification>> InboxAsync(string email, CancellationToken ct = default) =>
        WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, ct);
            return await db.Notifications.Where(n => n.RecipientUserId == user.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        });

    /// <summary>Runs code against the app's own database in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<LanternDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LanternDbContext>());
    }

    /// <summary>Creates an API key for an agency's system, as `lantern apikey create` does, and returns the key.</summary>
    public async Task<string> CreateApiKeyAsync(string agencyName, bool revoked = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LanternDbContext>();
        var (record, key) = (await Lantern.Security.ApiKeys.CreateAsync(db, agencyName, "test system", Time, default))!.Value;
        if (revoked)
        {
            record.RevokedAt = Time.GetUtcNow();
        }
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>A client for an agency system: its API key on every request.</summary>
    public HttpClient CreateApiClient(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(Lantern.Security.ApiKeys.Header, key);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class SqliteTestApp : TestApp
{
    public SqliteTestApp()
        : base(TestDatabase.Sqlite)
    {
    }
}

public sealed class PostgresTestApp : TestApp
{
    public PostgresTestApp()
        : base(TestDatabase.Postgres)
    {
    }
}
