using System.Net;
using Lantern.Auditing;
using Lantern.Domain.Partnership;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.FrontDoor;

/// <summary>
/// Unsent referrals are listed for the person who started them and can be deleted after a confirmation; "Start now"
/// leaves no trail of empty drafts. Nobody else can see or delete someone's draft.
/// </summary>
public abstract class ReferralDraftScenarios
{
    private readonly TestApp _app;

    protected ReferralDraftScenarios(TestApp app)
    {
        _app = app;
        Assert.SkipUnless(app.IsAvailable, $"{TestApp.PostgresVariable} is not set; scripts/test starts PostgreSQL and sets it.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>"Start now": the draft it opens, by its id.</summary>
    private static async Task<Guid> StartNowAsync(HttpClient client)
    {
        var started = await TestApp.PostFormAsync(client, "/referrals/new", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.EndsWith("/child", location, StringComparison.Ordinal);
        return Guid.Parse(location.Split('/')[3]);
    }

    private Task<Guid> OwnerAsync(Role role) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Email == TestApp.DemoAccountFor(role).Email).Select(u => u.Id).SingleAsync(Ct));

    private async Task<List<Guid>> UnsentDraftsAsync(Role role)
    {
        var owner = await OwnerAsync(role);
        return await _app.WithDbAsync(db => db.ReferralDrafts.Where(d => d.OwnerId == owner && d.SubmittedReference == null).Select(d => d.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task StartNow_TwiceWithNothingTyped_OneDraft_ThenOnceSomethingIsTypedANewOne()
    {
        // The health practitioner raises no referral in any other scenario of this class, so their drafts are this test's.
        var nurse = await _app.SignInAsAsync(Role.HealthPractitioner);
        var first = await StartNowAsync(nurse);
        Assert.Equal(first, await StartNowAsync(nurse));
        // An empty "Save and continue" writes nothing about the child either: still the same draft.
        await TestApp.PostFormAsync(nurse, $"/referrals/drafts/{first}/child", new Dictionary<string, string>());
        Assert.Equal(first, await StartNowAsync(nurse));
        Assert.Equal([first], await UnsentDraftsAsync(Role.HealthPractitioner));

        var typed = await TestApp.PostFormInBackgroundAsync(nurse, $"/referrals/drafts/{first}/child?handler=Autosave",
            new Dictionary<string, string> { ["Input.GivenName"] = "Leah" }, $"/referrals/drafts/{first}/child");
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        var second = await StartNowAsync(nurse);
        Assert.NotEqual(first, second);
        Assert.Equal(second, await StartNowAsync(nurse));
        Assert.Equal([first, second], (await UnsentDraftsAsync(Role.HealthPractitioner)).Order());
    }

    [Fact]
    public async Task Drafts_ListedForTheirOwner_DeletedAfterConfirmation_AndNobodyElseCanSeeOrDeleteThem()
    {
        var referrer = await _app.SignInAsAsync(Role.Referrer);
        var draft = await StartNowAsync(referrer);
        var saved = await TestApp.PostFormAsync(referrer, $"/referrals/drafts/{draft}/child", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Ruby",
            ["Input.FamilyName"] = "Quartermaine",
            ["Input.ApproximateAge"] = "14",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var mine = await Html.ParseAsync(await referrer.GetAsync(new Uri("/referrals", UriKind.Relative), Ct));
        var unsent = mine.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == "Not sent yet");
        var row = unsent.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Ruby Quartermaine", StringComparison.Ordinal));
        Assert.Equal("Referral about Ruby Quartermaine", row.QuerySelector("th a")!.TextContent.Trim());
        var delete = row.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Delete", StringComparison.Ordinal));
        Assert.Equal($"/referrals/drafts/{draft}/delete", delete.GetAttribute("href"));

        var confirm = await Html.ParseAsync(await referrer.GetAsync(new Uri($"/referrals/drafts/{draft}/delete", UriKind.Relative), Ct));
        Assert.Equal("Are you sure you want to delete the unsent referral about Ruby Quartermaine?", confirm.QuerySelector("h1")!.TextContent.Trim());

        // Someone else's draft is simply not found, to read or to delete.
        var other = await _app.SignInAsAsync(Role.Practitioner);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/referrals/drafts/{draft}/delete", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestApp.PostFormAsync(other, $"/referrals/drafts/{draft}/delete", new Dictionary<string, string>(),
            formPage: "/referrals/new")).StatusCode);
        Assert.Contains(draft, await UnsentDraftsAsync(Role.Referrer));

        var deleted = await TestApp.PostFormAsync(referrer, $"/referrals/drafts/{draft}/delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/referrals", deleted.Headers.Location!.OriginalString);
        Assert.DoesNotContain(draft, await UnsentDraftsAsync(Role.Referrer));
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Code == (int)AuditCode.ReferralDraftDeleted && e.RecordId == draft.ToString(), Ct)));
        var after = await Html.ParseAsync(await referrer.GetAsync(new Uri("/referrals", UriKind.Relative), Ct));
        Assert.Contains("Unsent referral deleted", after.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ruby Quartermaine", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await referrer.GetAsync(new Uri($"/referrals/drafts/{draft}/delete", UriKind.Relative), Ct)).StatusCode);
    }
}

public sealed class SqliteReferralDraftScenarios(SqliteTestApp app) : ReferralDraftScenarios(app), IClassFixture<SqliteTestApp>;

public sealed class PostgresReferralDraftScenarios(PostgresTestApp app) : ReferralDraftScenarios(app), IClassFixture<PostgresTestApp>;
