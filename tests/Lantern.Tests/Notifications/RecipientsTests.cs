using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Notifications;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Notifications;

/// <summary>
/// "Who is told" is answered in one place, with one active-account rule: an account locked now is
/// left out; one whose lock has passed (Identity keeps its old end on the account) is told again. Every
/// question the resolver answers follows it, and so does each path that tells people.
/// </summary>
public sealed class RecipientsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly TestApp _app = new(TestDatabase.Sqlite, Monday);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Locks one account until after now and gives another a lock that has passed.</summary>
    private Task<int> LockAsync(string lockedNow, string lockPassed) => _app.WithDbAsync(async db =>
    {
        (await db.Users.SingleAsync(u => u.Email == lockedNow, Ct)).LockoutEnd = Monday.AddMinutes(10);
        (await db.Users.SingleAsync(u => u.Email == lockPassed, Ct)).LockoutEnd = Monday.AddMinutes(-10);
        return await db.SaveChangesAsync(Ct);
    });

    private async Task<T> AskAsync<T>(Func<Recipients, Task<T>> ask)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<Recipients>());
    }

    private static string Email(Role role) => TestApp.DemoAccountFor(role).Email;

    [Fact]
    public async Task EveryQuestion_LeavesOutAnAccountLockedNow_AndTellsOneWhoseLockHasPassed()
    {
        await LockAsync(lockedNow: Email(Role.ServiceManager), lockPassed: Email(Role.TeamManager));
        var csc = Where.ChildrensSocialCare;

        var teamManagers = await AskAsync(r => r.HoldersAsync(Role.TeamManager, csc, Ct));
        var serviceManagers = await AskAsync(r => r.HoldersAsync(Role.ServiceManager, csc, Ct));
        var line = await AskAsync(r => r.ManagementLineAsync(EscalationLevel.TeamManager, new LineStart(csc), Ct));
        var serviceLine = await AskAsync(r => r.ManagementLineAsync(EscalationLevel.ServiceManager, new LineStart(csc), Ct));
        var frontDoor = await _app.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Front Door (MASH)", Ct));
        var team = await AskAsync(r => r.TeamAsync(frontDoor.Id, Ct));
        var reviewers = await AskAsync(r => r.FirstManagersAsync(new LineStart(Where.InAgency(frontDoor.AgencyId), Team: frontDoor.Id), Ct));

        Assert.Contains(teamManagers, r => r.Email == Email(Role.TeamManager));
        Assert.Empty(serviceManagers);
        Assert.Contains(line, r => r.Email == Email(Role.TeamManager));
        Assert.DoesNotContain(serviceLine, r => r.Email == Email(Role.ServiceManager));
        Assert.Contains(team, r => r.Email == Email(Role.TeamManager));
        Assert.Contains(reviewers, r => r.Email == Email(Role.TeamManager));
    }

    [Fact]
    public async Task FirstManagers_NoActiveTeamManager_TheServiceManagersThenTheHeadsOfService()
    {
        var frontDoor = await _app.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Front Door (MASH)", Ct));
        var start = new LineStart(Where.InAgency(frontDoor.AgencyId), Team: frontDoor.Id);
        await LockAsync(lockedNow: Email(Role.TeamManager), lockPassed: Email(Role.Referrer));

        Assert.Equal([Email(Role.ServiceManager)], (await AskAsync(r => r.FirstManagersAsync(start, Ct))).Select(r => r.Email));

        await LockAsync(lockedNow: Email(Role.ServiceManager), lockPassed: Email(Role.Referrer));
        Assert.Equal([Email(Role.HeadOfService)], (await AskAsync(r => r.FirstManagersAsync(start, Ct))).Select(r => r.Email));
    }

    [Fact]
    public async Task RepeatMissing_TheSocialWorkerWhoseLockHasPassed_IsTold_TheExploitationWorkerLockedNow_IsNot()
    {
        var school = _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy"));
        var referral = await TestReferrals.RaiseAsync(school, ct: Ct);
        var child = await _app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == referral).Select(r => r.ChildId!.Value).SingleAsync(Ct));
        await _app.WithDbAsync(async db =>
        {
            var worker = await db.Users.SingleAsync(u => u.Email == Email(Role.Practitioner), Ct);
            db.Involvements.Add(Involvement.Start(child, worker.AgencyId, worker.TeamId, worker.Id, "Allocated social worker", null, null, worker.Id, Monday).Value);
            return await db.SaveChangesAsync(Ct);
        });
        await LockAsync(lockedNow: TestApp.ExploitationWorker.Email, lockPassed: Email(Role.Practitioner));
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));

        foreach (var daysAgo in (int[])[60, 30, 1])
        {
            await TestMissingEpisodes.RecordAsync(police, child.Value, Monday, TestMissingEpisodes.Body(Monday.AddDays(-daysAgo)), Ct);
        }

        async Task<int> RepeatMissingMessagesAsync(string email) => await _app.WithDbAsync(db => db.Notifications
            .CountAsync(n => n.Subject.StartsWith("Repeat missing") && db.Users.Any(u => u.Id == n.RecipientUserId && u.Email == email), Ct));
        Assert.Equal(1, await RepeatMissingMessagesAsync(Email(Role.Practitioner)));
        Assert.Equal(0, await RepeatMissingMessagesAsync(TestApp.ExploitationWorker.Email));
    }
}
