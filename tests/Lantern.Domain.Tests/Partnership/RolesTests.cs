using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Partnership;

public sealed class RolesTests
{
    [Fact]
    public void Managers_LowestFirst_TeamThenServiceThenHead()
    {
        Assert.Equal([Role.TeamManager, Role.ServiceManager, Role.HeadOfService], Roles.Managers);
    }

    [Fact]
    public void IsManager_EveryRole_TrueExactlyForTheManagers()
    {
        Assert.Equal(Roles.Managers, Roles.All.Where(r => r.IsManager()));
    }

    [Fact]
    public void IsSeniorManager_EveryRole_TrueOnlyAboveTheTeams()
    {
        Assert.Equal([Role.ServiceManager, Role.HeadOfService], Roles.All.Where(r => r.IsSeniorManager()));
    }

    [Fact]
    public void FrontDoor_Roles_PractitionerAndTheManagers()
    {
        Assert.Equal([Role.Practitioner, .. Roles.Managers], Roles.FrontDoor);
    }

    [Fact]
    public void DisplayNameAndPurpose_EveryRole_SaidInWords()
    {
        Assert.All(Roles.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.DisplayName()));
            Assert.False(string.IsNullOrWhiteSpace(r.Purpose()));
        });
        Assert.Equal("Team manager", Role.TeamManager.DisplayName());
    }
}
