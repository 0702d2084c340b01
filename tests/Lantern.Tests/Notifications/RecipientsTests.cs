using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Notifications;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Tests.Notifications;

/// <summary>
/// "Who is told" is answered in one place, with one active-account rule: where people are chosen for
/// their role or team, an account locked now is left out and one whose lock has passed (Identity keeps its
/// old end on the account) is told again; a person told by name is told whatever their lock.
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
    public async Task TheTeamManagerLockedNow_LeftOutWhereverChosenForRoleOrTeam_ButToldByName()
    {
        await LockAsync(lockedNow: Email(Role.TeamManager), lockPassed: Email(Role.Referrer));
        var csc = Where.ChildrensSocialCare;
        var frontDoor = await _app.WithDbAsync(db => db.Teams.SingleAsync(t => t.Name == "Front Door (MASH)", Ct));
        var manager = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == Email(Role.TeamManager), Ct));
        Assert.Equal(frontDoor.Id, manager.TeamId);

        var byRoleOrTeam = new[]
        {
            await AskAsync(r => r.HoldersAsync(Role.TeamManager, csc, Ct)),
            await AskAsync(r => r.ManagementLineAsync(EscalationLevel.TeamManager, new LineStart(csc, Team: frontDoor.Id), Ct)),
            await AskAsync(r => r.FirstManagersAsync(new LineStart(csc, Team: frontDoor.Id), Ct)),
            await AskAsync(r => r.TeamAsync(frontDoor.Id, Ct)),
            await AskAsync(r => r.TeamNamedAsync(frontDoor.Name, csc, Ct)),
        };
        var byName = await AskAsync(r => r.PeopleAsync([manager.Id], Ct));

        Assert.All(byRoleOrTeam, told => Assert.DoesNotContain(told, r => r.UserId == manager.Id));
        Assert.Contains(await AskAsync(r => r.TeamAsync(frontDoor.Id, Ct)), r => r.Email == Email(Role.Practitioner));
        Assert.Equal([manager.Id], byName.Select(r => r.UserId));
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
        var child = await TestChildren.ReferredAsync(_app, _app.CreateApiClient(await _app.CreateApiKeyAsync("Castle Hill Academy")), ct: Ct);
        await TestChildren.InvolveAsync(_app, child, Email(Role.Practitioner), "Allocated social worker", Ct);
        await LockAsync(lockedNow: TestApp.ExploitationWorker.Email, lockPassed: Email(Role.Practitioner));
        var police = _app.CreateApiClient(await _app.CreateApiKeyAsync("Northbridge Police"));

        await TestMissingEpisodes.RecordMissingAsync(police, child, Monday, [60, 30, 1], Ct);

        async Task<int> RepeatMissingMessagesAsync(string email) => await _app.WithDbAsync(db => db.Notifications
            .CountAsync(n => n.Subject.StartsWith("Repeat missing") && db.Users.Any(u => u.Id == n.RecipientUserId && u.Email == email), Ct));
        Assert.Equal(1, await RepeatMissingMessagesAsync(Email(Role.Practitioner)));
        Assert.Equal(0, await RepeatMissingMessagesAsync(TestApp.ExploitationWorker.Email));
    }
}
