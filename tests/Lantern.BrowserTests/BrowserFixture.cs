using System.Text.Json;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lantern.BrowserTests;

/// <summary>The app on real Kestrel (a loopback port of its own) and Debian's Chromium, headless.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly KestrelApp _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public TestApp App => _app;

    public string AxeSource { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js"));

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Every Content-Security-Policy violation any page of this fixture reported, as "directive blocked-URI (page)".</summary>
    public IReadOnlyCollection<string> CspViolations => _cspViolations;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        // A blocked script or style would break a page quietly: every violation is kept for the tests to see.
        await context.ExposeFunctionAsync("__lanternCspViolation", (string violation) => _cspViolations.Enqueue(violation));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              window.__lanternCspViolation(`${e.effectiveDirective} ${e.blockedURI} (${location.pathname})`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _cspViolations.Enqueue(message.Text);
            }
        };
        return page;
    }

    /// <summary>A new page, signed in as the demo account that has <paramref name="role"/>, on the home page.</summary>
    public async Task<IPage> SignedInAsync(Role role)
    {
        var page = await NewPageAsync();
        var signIn = new SignInPage(page, App);
        await signIn.GotoAsync();
        await signIn.SignInAsync(TestApp.DemoAccountFor(role).Email, DemoSeed.DemoPassword);
        await Assertions.Expect(new HomePage(page).Heading).ToContainTextAsync("Welcome");
        return page;
    }

    /// <summary>Runs axe-core (from npm) in the page and returns its serious and critical violations.</summary>
    public async Task<IEnumerable<string>> AxeAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Evaluated through the browser's debugging protocol, not added as an inline script, which the pages'
        // Content-Security-Policy rightly blocks.
        await page.EvaluateAsync(AxeSource);
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var violations = result.GetProperty("violations").EnumerateArray().ToList();
        Assert.Equal("axe-core", result.GetProperty("testEngine").GetProperty("name").GetString());
        return violations
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{name}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) {v.GetProperty("help").GetString()} at " +
                string.Join("; ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("target").ToString() + " " + n.GetProperty("failureSummary").GetString())));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The app on a real port. Its clock starts at the machine's time, not in the working day: the browser's scripts
    /// (a clock counting down, "saved at") read the machine's clock, and the two must agree.
    /// </summary>
    private sealed class KestrelApp() : TestApp(TestDatabase.Sqlite, TimeProvider.System.GetUtcNow())
    {
        protected override void Start()
        {
            UseKestrel(0);
            StartServer();
        }
    }
}
