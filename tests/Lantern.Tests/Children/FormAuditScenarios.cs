using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Children;

/// <summary>
/// Forms that show a child's details are reads of the child's record and audited as such: the edit form, and the
/// new chronology entry, new involvement and new missing episode forms. SQLite and PostgreSQL.
/// </summary>
public abstract class FormAuditScenarios
{
    private readonly TestApp _app;

    protected FormAuditScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TheoryData<string, AuditCode> Forms = new()
    {
        { "edit", AuditCode.ChildEditFormOpened },
        { "entries/new", AuditCode.ChronologyEntryFormOpened },
        { "involvements/new", AuditCode.InvolvementFormOpened },
        { "missing-episodes/new", AuditCode.MissingEpisodeFormOpened },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task OpeningAFormThatShowsTheChild_WritesOneAuditEvent_NamingTheChildAndWhoOpenedIt(string form, AuditCode code)
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var child = await TestChildren.ReferredAsync(_app, school, TestReferrals.ForUniqueChild("Audra"), Ct);
        var practitioner = await _app.SignInAsAsync(Role.Practitioner);
        var practitionerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(Role.Practitioner).Email).Select(u => u.Id).SingleAsync(Ct));
        Task<int> EventsAsync() => _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)code && e.RecordId == child.ToString(), Ct));
        Assert.Equal(0, await EventsAsync());

        var response = await practitioner.GetAsync(new Uri($"/children/{child}/{form}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var opened = await _app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Code == (int)code && e.RecordId == child.ToString()).ToListAsync(Ct));
        var audited = Assert.Single(opened);
        Assert.Equal((practitionerId.ToString(), "Child", "allowed"), (audited.ActorId, audited.RecordType, audited.Outcome));

        // Someone with no reason to see the child is refused, audited as a record outside their scope, not as an opened form.
        var nurse = await _app.SignInAsAsync(Role.HealthPractitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync(new Uri($"/children/{child}/{form}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(1, await EventsAsync());
    }
}

public sealed class SqliteFormAuditScenarios(SqliteTestApp app) : FormAuditScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresFormAuditScenarios(PostgresTestApp app) : FormAuditScenarios(app), IClassFixture<PostgresTestApp>;
