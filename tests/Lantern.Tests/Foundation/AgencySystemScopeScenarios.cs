using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Domain.Children;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Foundation;

/// <summary>
/// One agency's system against another agency's records, with requests that would succeed on its own:
/// it reads none of them back, and changes none (a return on another agency's missing episode, a
/// correction of another agency's chronology entry). Each refusal answers as if the record were not
/// there, stores nothing, and is audited. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class AgencySystemScopeScenarios
{
    protected abstract TestDatabase Database { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestApp App, HttpClient Police, HttpClient Health, Guid Child, string Referral, string Episode, Guid PoliceEntry);

    /// <summary>A school's referral opens the child; the police record an episode (not returned yet) and an event.</summary>
    private async Task<World> StartAsync()
    {
        var app = new TestApp(Database, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await app.InitializeAsync();
        if (!app.IsAvailable)
        {
            await app.DisposeAsync();
            Assert.Skip($"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
        }
        var school = app.CreateApiClient(await app.CreateApiKeyAsync("Castle Hill Academy"));
        var police = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge Police"));
        var health = app.CreateApiClient(await app.CreateApiKeyAsync("Northbridge NHS Foundation Trust"));
        var referral = await TestReferrals.RaiseAsync(school, ct: Ct);
        var child = await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == referral).Select(r => r.ChildId!.Value.Value).SingleAsync(Ct));
        var now = app.Time.GetUtcNow();
        var episode = await TestMissingEpisodes.RecordAsync(police, child, now, TestMissingEpisodes.Body(now.AddDays(-1)), Ct);
        var posted = await PostAsync(police, $"/api/v1/children/{child}/events",
            new { occurredAt = now.AddDays(-1), type = "policeIncident", significance = "routine", summary = "Stopped with a 17-year-old.", author = "PC Hale" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var entry = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        return new World(app, police, health, child, referral, episode, entry);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request, Ct);
    }

    private static object Return(DateTimeOffset at) => new { returnedAt = at, foundWhere = "Northbridge bus station", recordedBy = "Nurse Bello" };

    [Fact]
    public async Task Return_OnAnotherAgencysEpisode_NotFound_NothingChanged_Audited_EvenOnRetry()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var path = $"/api/v1/children/{w.Child}/missing-episodes/{w.Episode}/return";

        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(w.Health, path, Return(app.Time.GetUtcNow()), key);
        var retry = await PostAsync(w.Health, path, Return(app.Time.GetUtcNow()), key);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (first.StatusCode, retry.StatusCode));
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        var episode = await app.WithDbAsync(db => db.MissingEpisodes.SingleAsync(m => m.Reference == w.Episode, Ct));
        Assert.Equal((ReturnInterviewStatus.NotReturned, (DateTimeOffset?)null, 0L), (episode.InterviewStatus, episode.ReturnedAt, episode.Version));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == w.Episode, Ct)));

        // Its own agency's system records the return.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(w.Police, path, Return(app.Time.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task Correction_OfAnotherAgencysEntry_RefusedNamingTheField_TheEntryStaysUncorrected()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var correction = new
        {
            occurredAt = app.Time.GetUtcNow().AddDays(-1),
            type = "healthAttendance",
            significance = "significant",
            summary = "She was not there.",
            author = "Nurse Bello",
            supersedes = w.PoliceEntry,
            correctionReason = "Wrong child.",
        };

        var key = Guid.NewGuid().ToString();
        var refused = await PostAsync(w.Health, $"/api/v1/children/{w.Child}/events", correction, key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("supersedes", Assert.Single(errors.EnumerateObject()).Name);
        Assert.Null(await app.WithDbAsync(db => db.ChronologyEntries.Where(e => e.Id == w.PoliceEntry).Select(e => e.SupersededById).SingleAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ChronologyEntries.CountAsync(e => e.Summary == "She was not there.", Ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.RecordNotInScope && e.RecordId == w.PoliceEntry.ToString(), Ct)));

        // Nothing was stored under the key: the health system's own event can use it.
        var own = new { occurredAt = app.Time.GetUtcNow().AddDays(-1), type = "healthAttendance", significance = "routine", summary = "Seen at the walk-in centre.", author = "Nurse Bello" };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(w.Health, $"/api/v1/children/{w.Child}/events", own, key)).StatusCode);

        // The police correct their own entry.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(w.Police, $"/api/v1/children/{w.Child}/events", correction)).StatusCode);
    }

    [Fact]
    public async Task Reads_OfAnotherAgencysReferralAndEpisode_NotFound_AndAudited()
    {
        var w = await StartAsync();
        await using var app = w.App;

        var referral = await w.Health.GetAsync(new Uri($"/api/v1/referrals/{w.Referral}", UriKind.Relative), Ct);
        var episode = await w.Health.GetAsync(new Uri($"/api/v1/children/{w.Child}/missing-episodes/{w.Episode}", UriKind.Relative), Ct);
        var screenings = await w.Health.GetAsync(new Uri($"/api/v1/children/{w.Child}/screenings", UriKind.Relative), Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [referral.StatusCode, episode.StatusCode, screenings.StatusCode]);
        var denied = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Code == (int)AuditCode.RecordNotInScope).Select(e => e.RecordId).ToListAsync(Ct));
        Assert.Contains(w.Referral, denied);
        Assert.Contains(w.Episode, denied);
        Assert.Contains(w.Child.ToString(), denied);
        // The agency that recorded the episode reads it.
        Assert.Equal(HttpStatusCode.OK, (await w.Police.GetAsync(new Uri($"/api/v1/children/{w.Child}/missing-episodes/{w.Episode}", UriKind.Relative), Ct)).StatusCode);
    }
}

public sealed class SqliteAgencySystemScopeScenarios : AgencySystemScopeScenarios
{
    protected override TestDatabase Database => TestDatabase.Sqlite;
}

public sealed class PostgresAgencySystemScopeScenarios : AgencySystemScopeScenarios
{
    protected override TestDatabase Database => TestDatabase.Postgres;
}
