using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Domain.Language;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lantern.Tests.Language;

/// <summary>The language check as other systems and signed-in users call it.</summary>
public sealed class LanguageCheckScenarios(LanguageCheckScenarios.App app) : IClassFixture<LanguageCheckScenarios.App>
{
    /// <summary>The app with every log line kept, at every level, so a test can look for personal data in them.</summary>
    public sealed class App : TestApp
    {
        public ConcurrentQueue<string> Logs { get; } = new();

        protected override void ConfigureTestServices(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> CheckAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/api/v1/language/check", UriKind.Relative), content, Ct);
    }

    private static string Body(string text) => JsonSerializer.Serialize(new { text });

    [Fact]
    public async Task Check_SignedInUser_GetsEachPhraseWithPositionReasonAlternativesAndSeverity()
    {
        var client = await app.SignInAsAsync(Role.Referrer);
        const string text = "NFA. She is making her own choices and has an older boyfriend.";
        var response = await CheckAsync(client, Body(text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var findings = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        var first = findings[0];
        Assert.Equal("making her own choices", first.GetProperty("phrase").GetString());
        Assert.Equal(text.IndexOf("making", StringComparison.Ordinal), first.GetProperty("start").GetInt32());
        Assert.Equal("making her own choices".Length, first.GetProperty("length").GetInt32());
        Assert.Equal("own-choices", first.GetProperty("entryId").GetString());
        Assert.Equal("serious", first.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reason").GetString()));
        Assert.NotEmpty(first.GetProperty("alternatives").EnumerateArray());
        Assert.Equal("older boyfriend", findings[1].GetProperty("phrase").GetString());
    }

    [Fact]
    public async Task Check_AgencySystemWithItsKey_Allowed()
    {
        var client = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var response = await CheckAsync(client, Body("He is putting himself at risk."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var finding = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findings").EnumerateArray());
        Assert.Equal("putting-self-at-risk", finding.GetProperty("entryId").GetString());
    }

    [Fact]
    public async Task Check_NoCredentialsOrARevokedKey_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync(app.CreateBrowserLikeClient(), Body("text"))).StatusCode);
        var revoked = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy", revoked: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckAsync(revoked, Body("text"))).StatusCode);
    }

    [Fact]
    public async Task Check_NegationAndTheChildsQuotedWords_AnEmptyListOfFindings()
    {
        var client = await app.SignInAsAsync(Role.Practitioner);
        var response = await CheckAsync(client, Body("She did not consent. She said, \"I'm making my own choices.\""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("{}", "text")]
    [InlineData("{\"text\": null}", "text")]
    [InlineData("{\"text\": 12}", "text")]
    [InlineData("{\"text\": \"x\", \"txet\": \"y\"}", "txet")]
    [InlineData("not json", "$")]
    public async Task Check_BadRequest_400NamingTheField(string body, string field)
    {
        var client = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var response = await CheckAsync(client, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
    }

    [Fact]
    public async Task Check_TextOverTheLimit_400NamingText_AtTheLimitAllowed()
    {
        var client = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var atLimit = await CheckAsync(client, Body(new string('a', 20_000)));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        var over = await CheckAsync(client, Body(new string('a', 20_001)));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.True((await over.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("text", out _));
        var huge = await CheckAsync(client, Body(new string('\u201C', 100_000)));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
    }

    [Fact]
    public async Task Check_TheTextNeverReachesTheLogs()
    {
        var client = await app.SignInAsAsync(Role.TeamManager);
        const string marker = "Zephyrine Quillfeather";
        var response = await CheckAsync(client, Body(marker + " is making her own choices."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logs = app.Logs.ToArray();
        Assert.Contains(logs, l => l.Contains("Language check of", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("Zephyrine", StringComparison.Ordinal) || l.Contains("her own choices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_DescribesTheCheck()
    {
        var document = await app.CreateBrowserLikeClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var root = JsonDocument.Parse(document).RootElement;
        var post = root.GetProperty("paths").GetProperty("/api/v1/language/check").GetProperty("post");
        Assert.Equal("CheckLanguage", post.GetProperty("operationId").GetString());
        Assert.True(post.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty("LanguageCheckResponse", out _));
    }

    [Fact]
    public void ShippedListBesideTheApp_IsTheOneBuiltIntoTheDomain()
    {
        Assert.Equal(LanguageGuard.ShippedJson(), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "language-guard.json")));
    }

    [Fact]
    public async Task Serve_BadPhraseList_StopsWithOneLineNamingTheFileAndField()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lantern-language-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "phrases.json");
            await File.WriteAllTextAsync(file, """{ "entries": [ { "id": "own-choices", "severity": "serious", "patterns": ["{nope} choice"], "reason": "r", "alternatives": ["a"] } ] }""", Ct);
            var result = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__LanguageGuard__File"] = file });
            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Lantern could not start: The language guard's phrase list " + file, line, StringComparison.Ordinal);
            Assert.Contains("entries[0].patterns[0]", line, StringComparison.Ordinal);

            var missing = await LanternProcess.RunAsync(["serve", "--data-dir", folder, "--urls", "http://127.0.0.1:0"],
                environment: new Dictionary<string, string> { ["Lantern__LanguageGuard__File"] = Path.Combine(folder, "none.json") });
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("Lantern:LanguageGuard:File", missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The message and every structured value, so personal data cannot hide in a property.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
