using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Partnership;

public sealed class AgencyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_NameAndKind_AgencyTrimmedWithNoTeams()
    {
        var agency = Agency.Create("  Northbridge Children's Services ", AgencyKind.ChildrensSocialCare, At).Value;

        Assert.Equal("Northbridge Children's Services", agency.Name);
        Assert.Equal(AgencyKind.ChildrensSocialCare, agency.Kind);
        Assert.Equal(At, agency.CreatedAt);
        Assert.Empty(agency.Teams);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_NoName_InvalidOnName(string? name)
    {
        var result = Agency.Create(name, AgencyKind.Police, At);

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.Validation, result.Failure!.Kind);
        Assert.Equal("Name", Assert.Single(result.Failure.Errors).Field);
    }

    [Fact]
    public void Create_NameLongerThanTheLimit_InvalidOnName()
    {
        Assert.True(Agency.Create(new string('a', Agency.NameMaxLength), AgencyKind.Police, At).Succeeded);

        var result = Agency.Create(new string('a', Agency.NameMaxLength + 1), AgencyKind.Police, At);

        Assert.Equal("Name", Assert.Single(result.Failure!.Errors).Field);
    }

    [Fact]
    public void Create_UnknownKind_InvalidOnKind()
    {
        var result = Agency.Create("Northbridge Police", (AgencyKind)99, At);

        Assert.Equal("Kind", Assert.Single(result.Failure!.Errors).Field);
    }

    [Fact]
    public void AddTeam_NewName_TeamOfThisAgencyAdded()
    {
        var agency = Agency.Create("Northbridge Children's Services", AgencyKind.ChildrensSocialCare, At).Value;

        var team = agency.AddTeam(" Front door ", At.AddDays(1)).Value;

        Assert.Equal("Front door", team.Name);
        Assert.Equal(agency.Id, team.AgencyId);
        Assert.Equal(At.AddDays(1), team.CreatedAt);
        Assert.Same(team, Assert.Single(agency.Teams));
    }

    [Fact]
    public void AddTeam_NameTheAgencyAlreadyHas_InvalidOnNameAndNotAdded()
    {
        var agency = Agency.Create("Northbridge Children's Services", AgencyKind.ChildrensSocialCare, At).Value;
        agency.AddTeam("Front door", At);

        var result = agency.AddTeam("  Front door  ", At);

        Assert.False(result.Succeeded);
        Assert.Equal("Name", Assert.Single(result.Failure!.Errors).Field);
        Assert.Single(agency.Teams);
    }

    [Fact]
    public void AddTeam_SameNameInAnotherAgency_Added()
    {
        var first = Agency.Create("Northbridge Children's Services", AgencyKind.ChildrensSocialCare, At).Value;
        var second = Agency.Create("Southvale Children's Services", AgencyKind.ChildrensSocialCare, At).Value;
        first.AddTeam("Front door", At);

        Assert.True(second.AddTeam("Front door", At).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AddTeam_NoName_InvalidOnName(string? name)
    {
        var agency = Agency.Create("Northbridge Police", AgencyKind.Police, At).Value;

        var result = agency.AddTeam(name, At);

        Assert.Equal("Name", Assert.Single(result.Failure!.Errors).Field);
        Assert.Empty(agency.Teams);
    }

    [Fact]
    public void AddTeam_NameLongerThanTheLimit_InvalidOnName()
    {
        var agency = Agency.Create("Northbridge Police", AgencyKind.Police, At).Value;

        var result = agency.AddTeam(new string('t', Agency.NameMaxLength + 1), At);

        Assert.Equal("Name", Assert.Single(result.Failure!.Errors).Field);
        Assert.Empty(agency.Teams);
    }
}
