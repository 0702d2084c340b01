using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Partnership;

public sealed class ActorTests
{
    [Theory]
    [InlineData(Role.Practitioner)]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void IsFrontDoor_SocialCareFrontDoorRole_True(Role role)
    {
        Assert.True(Staff.SocialCareStaff(role).IsFrontDoor);
    }

    [Theory]
    [InlineData(Role.Referrer)]
    [InlineData(Role.IntelligenceAnalyst)]
    [InlineData(Role.DataProtectionOfficer)]
    [InlineData(Role.Administrator)]
    public void IsFrontDoor_SocialCareRoleOutsideTheFrontDoor_False(Role role)
    {
        Assert.False(Staff.SocialCareStaff(role).IsFrontDoor);
    }

    [Theory]
    [InlineData(Role.Practitioner)]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.HeadOfService)]
    public void IsFrontDoor_SameRoleInAnotherAgency_False(Role role)
    {
        Assert.False(Staff.PoliceStaff(role).IsFrontDoor);
        Assert.False(Staff.SchoolStaff(role).IsFrontDoor);
    }

    [Theory]
    [InlineData(Role.TeamManager, true)]
    [InlineData(Role.ServiceManager, true)]
    [InlineData(Role.HeadOfService, true)]
    [InlineData(Role.Practitioner, false)]
    [InlineData(Role.Referrer, false)]
    public void IsFrontDoorManager_SocialCare_OnlyManagersOfTheFrontDoor(Role role, bool expected)
    {
        Assert.Equal(expected, Staff.SocialCareStaff(role).IsFrontDoorManager);
    }

    [Fact]
    public void IsFrontDoorManager_PoliceTeamManager_False()
    {
        Assert.False(Staff.PoliceStaff(Role.TeamManager).IsFrontDoorManager);
    }

    [Theory]
    [InlineData(Role.ServiceManager, true)]
    [InlineData(Role.HeadOfService, true)]
    [InlineData(Role.TeamManager, false)]
    [InlineData(Role.Practitioner, false)]
    public void IsFrontDoorSeniorManager_SocialCare_OnlyAboveTheTeams(Role role, bool expected)
    {
        Assert.Equal(expected, Staff.SocialCareStaff(role).IsFrontDoorSeniorManager);
    }

    [Fact]
    public void Covers_TeamManagerOfTheTeam_True()
    {
        var manager = Staff.ExploitationTeamStaff(Role.TeamManager);

        Assert.True(ManagementLine.Covers(manager, Staff.SocialCare, Staff.ExploitationTeam));
    }

    [Fact]
    public void Covers_TeamManagerOfAnotherTeam_False()
    {
        var manager = Staff.SocialCareStaff(Role.TeamManager, Staff.FrontDoorTeam);

        Assert.False(ManagementLine.Covers(manager, Staff.SocialCare, Staff.ExploitationTeam));
    }

    [Fact]
    public void Covers_TeamManagerAndWorkDoneOutsideAnyTeam_True()
    {
        var manager = Staff.SocialCareStaff(Role.TeamManager, Staff.FrontDoorTeam);

        Assert.True(ManagementLine.Covers(manager, Staff.SocialCare, team: null));
    }

    [Theory]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void Covers_SeniorManagerOfTheAgency_TrueForAnyTeam(Role role)
    {
        var manager = Staff.SocialCareStaff(role, Staff.FrontDoorTeam);

        Assert.True(ManagementLine.Covers(manager, Staff.SocialCare, Staff.ExploitationTeam));
        Assert.True(ManagementLine.Covers(manager, Staff.SocialCare, team: null));
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void Covers_ManagerOfAnotherAgency_False(Role role)
    {
        // Same team id too: a manager's line stops at their own agency.
        var manager = new Actor(Guid.NewGuid(), "Pat Police", role, Staff.Police, AgencyKind.Police, Staff.ExploitationTeam);

        Assert.False(ManagementLine.Covers(manager, Staff.SocialCare, Staff.ExploitationTeam));
    }

    [Theory]
    [InlineData(Role.Referrer)]
    [InlineData(Role.Practitioner)]
    [InlineData(Role.PoliceInvestigator)]
    [InlineData(Role.IntelligenceAnalyst)]
    [InlineData(Role.HealthPractitioner)]
    [InlineData(Role.DataProtectionOfficer)]
    [InlineData(Role.Administrator)]
    public void Covers_NotAManager_FalseEvenInTheSameTeam(Role role)
    {
        var colleague = Staff.ExploitationTeamStaff(role);

        Assert.False(ManagementLine.Covers(colleague, Staff.SocialCare, Staff.ExploitationTeam));
    }

    [Fact]
    public void Covers_UnknownRole_Throws()
    {
        var odd = Staff.ExploitationTeamStaff((Role)99);

        Assert.Throws<ArgumentOutOfRangeException>(() => ManagementLine.Covers(odd, Staff.SocialCare, Staff.ExploitationTeam));
    }
}
