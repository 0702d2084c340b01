using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Data;
using Lantern.Hosting;
using Lantern.Notifications;
using Lantern.Testing;
using Lantern.Tests.Foundation;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Security;

/// <summary>
/// The API probed as an attacker and as a careless agency system would: bodies of the wrong kind or size,
/// members sent twice, addresses no mail can go to, and failures after a referral is stored. Every API
/// endpoint that takes a body is taken from the authorization matrix, so a new one is covered (or fails here).
/// </summary>
public abstract class HostileApiInputScenarios
{
    private readonly TestApp _app;

    protected HostileApiInputScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>For each API write: a body that sends one member twice, and the member the answer must name.</summary>
    private static readonly Dictionary<string, (string Body, string Member)[]> SentTwice = new()
    {
        ["POST /api/v1/referrals"] =
        [
            ("""{ "mentions": [ { "kind": "person", "value": "Mo" } ], "mentions": [] }""", "mentions"),
            ("""{ "child": { "givenName": "Amira", "GivenName": "Sara" } }""", "child.GivenName"),
        ],
        ["POST /api/v1/language/check"] = [("""{ "text": "she chose to go", "Text": "" }""", "Text"), ("""{ "text": "a", "text": "b" }""", "text")],
        ["POST /api/v1/children/{id:guid}/events"] = [("""{ "summary": "Found at 02:00", "summary": "" }""", "summary")],
        ["POST /api/v1/children/{id:guid}/missing-episodes"] = [("""{ "kind": "missing", "KIND": "absent" }""", "KIND")],
        ["POST /api/v1/children/{id:guid}/missing-episodes/{reference}/return"] = [("""{ "foundWhere": "Canal Street", "foundWhere": "home" }""", "foundWhere")],
        ["POST /api/v1/identity/candidates"] = [("""{ "givenName": "Kate", "givenName": "Kat" }""", "givenName")],
        ["POST /api/v1/children/{id:guid}/crimes"] = [("""{ "offence": "Rape", "Offence": "Assault" }""", "Offence")],
        ["POST /api/v1/children/{id:guid}/crimes/{reference}/outcomes"] = [("""{ "reason": "None", "reason": "" }""", "reason")],
    };

    /// <summary>The records the sample paths name; crimes are recorded by the police, so their endpoints are called with the police's key.</summary>
    private sealed record Samples(string Child, string EpisodeReference, string CrimeReference, HttpClient Police);

    private async Task<(HttpClient Client, Samples Samples)> AgencySystemAsync()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var referral = await TestReferrals.RaiseAsync(client, ct: Ct);
        var child = await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == referral).Select(r => r.ChildId!.Value).SingleAsync(Ct));
        var episode = await TestMissingEpisodes.RecordAsync(client, child.Value, _app.Time.GetUtcNow(), ct: Ct);
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var crime = await TestCrimes.RecordAsync(police, child.Value, _app.Time.GetUtcNow(), Ct);
        return (client, new Samples(child.Value.ToString(), episode, crime, police));
    }

    private static string PathOf(AuthorizationMatrix.Row row, Samples samples) =>
        row.Sample.Replace("{child}", samples.Child, StringComparison.Ordinal).Replace("{episode-reference}", samples.EpisodeReference, StringComparison.Ordinal)
            .Replace("{crime-reference}", samples.CrimeReference, StringComparison.Ordinal);

    /// <summary>The key that may write through the row's endpoint: the police's for crimes, the school's for the rest.</summary>
    private static HttpClient Caller(AuthorizationMatrix.Row row, HttpClient school, Samples samples) =>
        row.Endpoint.Contains("/crimes", StringComparison.Ordinal) ? samples.Police : school;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static ByteArrayContent Json(string json, string? contentType = "application/json; charset=utf-8", string? encoding = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        if (contentType is not null)
        {
            Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        }
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }
        return content;
    }

    /// <summary>Each way a body can be of the wrong kind, whatever it holds.</summary>
    public static TheoryData<string> WrongKinds() =>
    [
        "no Content-Type", "text/plain", "application/xml", "a form", "application/json, text/plain", "two Content-Type headers",
        "application/json; charset=iso-8859-1", "application/merge-patch+json", "Content-Encoding: gzip", "Content-Encoding: br",
    ];

    private static ByteArrayContent WrongKind(string kind) => kind switch
    {
        "no Content-Type" => Json("{}", contentType: null),
        "a form" => new FormUrlEncodedContent([new("text", "she chose to go")]),
        "two Content-Type headers" => TwoTypes(),
        "Content-Encoding: gzip" => Json("{}", encoding: "gzip"),
        "Content-Encoding: br" => Json("{}", encoding: "br"),
        _ => Json("{}", contentType: kind),
    };

    private static ByteArrayContent TwoTypes()
    {
        var content = Json("{}", contentType: null);
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", ["application/json", "text/plain"]));
        return content;
    }

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public async Task EveryApiWrite_BodyOfTheWrongKind_415NeverA401(string kind)
    {
        var (client, samples) = await AgencySystemAsync();
        var wrongKey = _app.CreateApiClient("lk_not-a-key");
        var anonymous = _app.CreateApiClient("");
        var writes = AuthorizationMatrix.ApiWrites();
        Assert.NotEmpty(writes);
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        foreach (var row in writes)
        {
            foreach (var (who, caller) in new[] { ("its key", Caller(row, client, samples)), ("a wrong key", wrongKey), ("no key", anonymous) })
            {
                var response = await SendAsync(caller, PathOf(row, samples), WrongKind(kind));
                Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{row.Endpoint} with {kind} and {who}: {(int)response.StatusCode}");
                var problem = await ProblemAsync(response);
                Assert.Equal(415, problem.GetProperty("status").GetInt32());
                Assert.Contains("Content-", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
        Assert.Equal(before, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    public async Task EveryApiWrite_JsonAsDocumented_IsReadAndAnsweredOnItsMerits(string contentType)
    {
        var (client, samples) = await AgencySystemAsync();
        foreach (var row in AuthorizationMatrix.JsonApiWrites())
        {
            // An empty object is read, then refused for what it lacks: 400 naming a field.
            var response = await SendAsync(Caller(row, client, samples), PathOf(row, samples), Json("{}", contentType, encoding: "identity"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{row.Endpoint} with {contentType}: {(int)response.StatusCode}");
            Assert.True((await ProblemAsync(response)).TryGetProperty("errors", out _));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryApiWrite_BodyOverTheLimit_413AndNothingStored(bool lengthGiven)
    {
        var (client, samples) = await AgencySystemAsync();
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        // Valid JSON, one byte too many: a referral whose account of what happened is padded with spaces.
        var padding = ApiRequestRules.MaximumBodyBytes + 1 - Encoding.UTF8.GetByteCount(TestReferrals.Valid);
        var body = Encoding.UTF8.GetBytes(TestReferrals.Valid.Replace("\"concern\"", new string(' ', padding) + "\"concern\"", StringComparison.Ordinal));
        Assert.Equal(ApiRequestRules.MaximumBodyBytes + 1, body.Length);
        foreach (var row in AuthorizationMatrix.JsonApiWrites())
        {
            HttpContent content = lengthGiven ? new ByteArrayContent(body) : new ChunkedContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await SendAsync(Caller(row, client, samples), PathOf(row, samples), content);
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{row.Endpoint} (length {(lengthGiven ? "given" : "not given")}): {(int)response.StatusCode}");
            Assert.Equal(413, (await ProblemAsync(response)).GetProperty("status").GetInt32());
        }
        Assert.Equal(before, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));

        // At the limit exactly, a referral is read and stored.
        var atLimit = Encoding.UTF8.GetBytes(TestReferrals.Valid.Replace("\"concern\"", new string(' ', padding - 1) + "\"concern\"", StringComparison.Ordinal));
        HttpContent fits = lengthGiven ? new ByteArrayContent(atLimit) : new ChunkedContent(atLimit);
        fits.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, "/api/v1/referrals", fits)).StatusCode);
    }

    [Fact]
    public async Task EveryApiWrite_MemberSentTwiceOrDifferingOnlyInCase_400NamingIt()
    {
        var (client, samples) = await AgencySystemAsync();
        var writes = AuthorizationMatrix.JsonApiWrites();
        Assert.Empty(writes.Select(w => w.Endpoint).Except(SentTwice.Keys));
        foreach (var row in writes)
        {
            foreach (var (body, member) in SentTwice[row.Endpoint])
            {
                var response = await SendAsync(Caller(row, client, samples), PathOf(row, samples), Json(body));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{row.Endpoint} with {body}: {(int)response.StatusCode}");
                var errors = (await ProblemAsync(response)).GetProperty("errors");
                Assert.True(errors.TryGetProperty(member, out var messages), $"{row.Endpoint}: errors should name {member}: {errors}");
                Assert.Contains("more than once", messages[0].GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Raise_MentionsSentTwiceTheLastEmpty_400AndNoReferralWithoutItsMentions()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        var body = TestReferrals.Valid.Replace("\"familyAware\"", "\"mentions\": [], \"familyAware\"", StringComparison.Ordinal);
        var response = await SendAsync(client, "/api/v1/referrals", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("mentions", out _));
        Assert.Equal(before, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task Raise_MembersInAnotherCaseOnce_StillRead()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var body = TestReferrals.Valid.Replace("\"familyAware\"", "\"FamilyAware\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, "/api/v1/referrals", Json(body))).StatusCode);
    }

    [Theory]
    [InlineData("sarah jones@example.org")]
    [InlineData("a@x.org, b@y.org")]
    [InlineData("a@x.org; b@y.org")]
    [InlineData("Priya Shah <p.shah@castlehill.example>")]
    [InlineData("p.shah@castlehill.example\r\nBcc: someone@else.example")]
    public async Task Raise_ReferrerEmailNoMailCanGoTo_400NamingTheField_ThreeTriesStoreNothing(string email)
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        var body = TestReferrals.Valid.Replace("\"p.shah@castlehill.example\"", JsonSerializer.Serialize(email), StringComparison.Ordinal);
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative)) { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await ProblemAsync(response)).GetProperty("errors");
            // A line break is refused by the text rule first, with its own words; either way the field is named.
            var message = errors.GetProperty("referrer.email")[0].GetString();
            Assert.True(message == MailAddresses.Problem || (email.Contains('\n', StringComparison.Ordinal) && message!.Contains("one line", StringComparison.Ordinal)), message);
        }
        Assert.Equal(before, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task Raise_WhileAnUnsendableMailIsDue_ThreeTriesOneReferral_ItsMailGoes_TheBadOneIsMarkedFailed()
    {
        // A mail to an address stored before addresses were checked, due now.
        var poisoned = await _app.WithDbAsync(async db =>
        {
            var row = new Notification { RecipientEmail = "sarah jones@example.org", Subject = "Referral REF-OLD received", Body = "Received.", CreatedAt = _app.Time.GetUtcNow().AddMinutes(-10) };
            db.Notifications.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        });
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        var before = await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        var key = Guid.NewGuid().ToString();
        var references = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative)) { Content = Json(TestReferrals.Valid) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            references.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!);
        }
        Assert.Single(references.Distinct());
        Assert.Equal(before + 1, await _app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
        var acknowledgement = await _app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Subject == $"Referral {references[0]} received", Ct));
        Assert.NotNull(acknowledgement.MailedAt);

        var bad = await _app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == poisoned, Ct));
        Assert.Null(bad.MailedAt);
        Assert.NotNull(bad.MailFailedAt);
        Assert.Equal("ParseException", bad.LastMailError);
        Assert.Equal(1, bad.MailAttempts);

        // Given up for good: later runs leave it alone.
        _app.Time.Advance(TimeSpan.FromHours(2));
        await _app.RunScheduledWorkAsync();
        Assert.Equal(1, await _app.WithDbAsync(db => db.Notifications.Where(n => n.Id == poisoned).Select(n => n.MailAttempts).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Raise_SomethingFailsAfterTheSave_ThreeTriesOneKey_OneReferralAnsweredAsStored()
    {
        await using var app = new FailingAfterCommitApp(_app.Database);
        await app.InitializeAsync();
        Assert.SkipUnless(app.IsAvailable, "no PostgreSQL");
        var client = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await app.WithDbAsync(db => db.Referrals.CountAsync(Ct));
        app.Failure.FailNextCommitOf<Domain.Referrals.Referral>();
        var key = Guid.NewGuid().ToString();
        var answers = new List<(HttpStatusCode Status, string Reference, string? Location)>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative)) { Content = Json(TestReferrals.Valid) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request, Ct);
            answers.Add((response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!,
                response.Headers.Location?.OriginalString));
        }
        Assert.True(app.Failure.Failed, "the failure after the commit should have happened");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Reference).Distinct());
        Assert.Equal($"/api/v1/referrals/{answers[0].Reference}", answers[0].Location);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task OpenApi_EveryApiWrite_Describes413And415()
    {
        var document = await _app.CreateBrowserLikeClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths");
        foreach (var row in AuthorizationMatrix.ApiWrites())
        {
            var path = row.Pattern.Replace(":guid", "", StringComparison.Ordinal);
            var responses = paths.GetProperty(path).GetProperty(row.Method.ToLowerInvariant()).GetProperty("responses");
            Assert.True(responses.TryGetProperty("413", out _), $"{row.Endpoint} should describe 413");
            Assert.True(responses.TryGetProperty("415", out _), $"{row.Endpoint} should describe 415");
        }
    }

    /// <summary>A body whose length is not said in advance, as a client streaming it in chunks sends it.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

public sealed class SqliteHostileApiInputScenarios(SqliteTestApp app) : HostileApiInputScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresHostileApiInputScenarios(PostgresTestApp app) : HostileApiInputScenarios(app), IClassFixture<PostgresTestApp>;
