using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Domain.Mentions;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.FrontDoor;

/// <summary>An agency system raises referrals through the API; the same scenarios on SQLite and PostgreSQL.</summary>
public abstract class ReferralApiScenarios
{
    private readonly TestApp _app;

    protected ReferralApiScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string ValidReferral = TestReferrals.Valid;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Ct);
    }

    private Task<int> ReferralCountAsync() => _app.WithDbAsync(db => db.Referrals.CountAsync(Ct));

    [Fact]
    public async Task Raise_ValidReferral_201WithReferenceClockAndLocation_AndEverythingStored()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var response = await PostAsync(client, ValidReferral, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Matches("^REF-[0-9A-HJKMNP-TV-Z]{10}$", reference);
        Assert.Equal($"/api/v1/referrals/{reference}", response.Headers.Location!.OriginalString);
        Assert.Equal("awaitingDecision", receipt.GetProperty("status").GetString());

        var received = receipt.GetProperty("receivedAt").GetDateTimeOffset();
        var due = receipt.GetProperty("decisionDueBy").GetDateTimeOffset();
        var calendar = _app.Services.GetRequiredService<WorkingDayCalendar>();
        Assert.Equal(calendar.DecisionDue(received), due);

        var stored = await _app.WithDbAsync(db => db.Referrals.Include(r => r.Mentions).Include(r => r.SourceAgency).SingleAsync(r => r.Reference == reference, Ct));
        Assert.Equal("Castle Hill Academy", stored.SourceAgency!.Name);
        Assert.Equal("NB1 4AA", stored.ChildPostcode);
        Assert.Equal("4857773457", stored.ChildNhsNumber);
        Assert.Equal(4, stored.Mentions.Count);
        Assert.Contains(stored.Mentions, m => m.Kind == MentionKind.Vehicle && m.Value == "NB19 XKR" && m.Detail == "silver Vauxhall Astra");
        var audit = await _app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Code == (int)AuditCode.ReferralReceived && e.RecordId == reference, Ct));
        Assert.Equal("AgencySystem", audit.Role);
        Assert.Equal(stored.SourceAgencyId.ToString(), audit.AgencyId);
    }

    [Fact]
    public async Task Raise_ReferrerEmailGiven_AcknowledgedByMailWithReferenceAndNoChildDetails()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var response = await PostAsync(client, ValidReferral, Guid.NewGuid().ToString());
        var reference = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reference").GetString()!;
        var mails = Directory.GetFiles(Path.Combine(_app.DataDir, "mail-pickup"), "*.eml")
            .Select(File.ReadAllText).Where(m => m.Contains($"Subject: Referral {reference} received", StringComparison.Ordinal)).ToList();
        var mail = Assert.Single(mails);
        Assert.Contains("To: p.shah@castlehill.example", mail, StringComparison.Ordinal);
        Assert.Contains($"Subject: Referral {reference} received", mail, StringComparison.Ordinal);
        foreach (var childDetail in new[] { "Amira", "Khan", "Mimi", "Canal Street", "2011" })
        {
            Assert.DoesNotContain(childDetail, mail, StringComparison.Ordinal);
        }
        var subject = $"Referral {reference} received";
        var stored = await _app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Subject == subject, Ct));
        Assert.NotNull(stored.MailedAt);
    }

    [Fact]
    public async Task Raise_RetrySameKeyAndBody_ReturnsTheOriginalAndStoresNothingNew()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(client, ValidReferral, key);
        var before = await ReferralCountAsync();
        var retry = await PostAsync(client, ValidReferral, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Raise_SameKeyDifferentBody_Is422AndStoresNothing()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Youth Service"));
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, ValidReferral, key)).StatusCode);
        var before = await ReferralCountAsync();
        var other = await PostAsync(client, ValidReferral.Replace("Amira", "Aisha", StringComparison.Ordinal), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Raise_SameKeyFromAnotherAgencysSystem_IsANewReferral()
    {
        var key = Guid.NewGuid().ToString();
        var a = await PostAsync(_app.CreateApiClient(await _app.CreateApiKeyAsync("Riverside High School")), ValidReferral, key);
        var b = await PostAsync(_app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge NHS Foundation Trust")), ValidReferral, key);
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.NotEqual(a.Headers.Location, b.Headers.Location);
    }

    [Fact]
    public async Task Raise_WithoutIdempotencyKey_Is400NamingTheHeader()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await ReferralCountAsync();
        var response = await PostAsync(client, ValidReferral, key: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Raise_ConcurrentRetriesWithOneKey_StoreExactlyOneReferral()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Taxi Licensing"));
        var key = Guid.NewGuid().ToString();
        var before = await ReferralCountAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, ValidReferral, key)));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(before + 1, await ReferralCountAsync());
        var locations = responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location).Distinct().ToList();
        Assert.Single(locations);
    }

    [Fact]
    public async Task Raise_EmptyReferral_400NamesEveryRequiredFieldAndStoresNothing()
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await ReferralCountAsync();
        var response = await PostAsync(client, "{}", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected = ["child.givenName", "child.familyName", "child.dateOfBirth", "concern.whatHappened", "concern.whyWorried",
            "referrer.name", "referrer.phone", "familyAware", "lawfulBasis"];
        Assert.True(fields.SetEquals(expected), "fields: " + string.Join(", ", fields));
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Theory]
    [InlineData("\"dateOfBirth\": \"2011-05-14\"", "\"dateOfBirth\": \"31/02/2011\"", "child.dateOfBirth")]
    [InlineData("\"dateOfBirth\": \"2011-05-14\"", "\"dateOfBirth\": \"2001-05-14\"", "child.dateOfBirth")]
    [InlineData("\"nhsNumber\": \"485 777 3457\"", "\"nhsNumber\": \"485 777 3456\"", "child.nhsNumber")]
    [InlineData("\"kind\": \"vehicle\"", "\"kind\": \"boat\"", "mentions[1].kind")]
    [InlineData("\"familyAware\": \"notToldForSafety\"", "\"familyAware\": \"maybe\"", "familyAware")]
    [InlineData("\"email\": \"p.shah@castlehill.example\"", "\"email\": \"p.shah at castlehill\"", "referrer.email")]
    [InlineData("\"givenName\": \"Amira\"", "\"givenName\": \"Amira\", \"favouriteColour\": \"blue\"", "child.favouriteColour")]
    public async Task Raise_OneBadField_400NamesThatFieldAndStoresNothing(string good, string bad, string field)
    {
        var client = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var before = await ReferralCountAsync();
        var response = await PostAsync(client, ValidReferral.Replace(good, bad, StringComparison.Ordinal), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(before, await ReferralCountAsync());
    }

    [Fact]
    public async Task Raise_WithoutKeyOrWithRevokedKey_Is401()
    {
        var anonymous = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, ValidReferral, Guid.NewGuid().ToString())).StatusCode);
        var revoked = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy", revoked: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(revoked, ValidReferral, Guid.NewGuid().ToString())).StatusCode);
        var signedInPerson = await _app.SignInAsAsync(Domain.Partnership.Role.Referrer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(signedInPerson, ValidReferral, Guid.NewGuid().ToString())).StatusCode);
    }

    [Fact]
    public async Task Get_OwnAgencysReferral_200_AnotherAgencys_404()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var created = await PostAsync(school, ValidReferral, Guid.NewGuid().ToString());
        var location = created.Headers.Location!;
        var mine = await school.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));
        var theirs = await police.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteReferralApiScenarios(SqliteTestApp app) : ReferralApiScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresReferralApiScenarios(PostgresTestApp app) : ReferralApiScenarios(app), IClassFixture<PostgresTestApp>;

/// <summary>The decision clock seen through the API at moments that matter: clock changes and bank holidays.</summary>
public sealed class ReferralClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    // Friday 27 March 2026, 16:00 GMT; clocks go forward on Sunday 29th: due Monday 30th 17:00 BST = 16:00 UTC.
    [InlineData("2026-03-27T16:00:00Z", "2026-03-30T16:00:00Z")]
    // Friday 28 August 2026, 16:00 BST; Monday 31st is the summer bank holiday: due Tuesday 1 September 17:00 BST.
    [InlineData("2026-08-28T15:00:00Z", "2026-09-01T16:00:00Z")]
    // Friday 23 October 2026, 16:00 BST; clocks go back on Sunday 25th: due Monday 26th 17:00 GMT = 17:00 UTC.
    [InlineData("2026-10-23T15:00:00Z", "2026-10-26T17:00:00Z")]
    public async Task Raise_AtAMomentThatMatters_DecisionDueAtFivePmUkTimeOfTheNextWorkingDay(string receivedUtc, string dueUtc)
    {
        await using var app = new TestApp(start: DateTimeOffset.Parse(receivedUtc, System.Globalization.CultureInfo.InvariantCulture));
        await app.InitializeAsync();
        var client = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/referrals", UriKind.Relative))
        {
            Content = new StringContent(ReferralApiScenarios.ValidReferral, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "clock-test");
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(DateTimeOffset.Parse(dueUtc, System.Globalization.CultureInfo.InvariantCulture), receipt.GetProperty("decisionDueBy").GetDateTimeOffset());
    }
}
