using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Children;

public sealed class InvolvementTests
{
    private static readonly DateTimeOffset StartedAt = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset EndedAt = new(2027, 2, 1, 15, 0, 0, TimeSpan.Zero);

    private static readonly ChildId Child = ChildId.New();

    private static readonly Guid Starter = Guid.NewGuid();

    /// <summary>The police exploitation liaison officer, with the police team.</summary>
    private static Involvement PoliceInvolvement(Guid? practitioner = null) =>
        Involvement.Start(Child, Staff.Police, Staff.PoliceTeam, practitioner ?? Guid.NewGuid(), "Exploitation liaison officer", null, null, Starter, StartedAt).Value;

    [Fact]
    public void Start_NamedPractitioner_ActiveWithContactsTrimmed()
    {
        var practitioner = Guid.NewGuid();

        var involvement = Involvement.Start(Child, Staff.SocialCare, Staff.ExploitationTeam, practitioner, "  Allocated social worker ", " 01632 960001 ", " sw@northbridge.example ", Starter, StartedAt).Value;

        Assert.True(involvement.IsActive);
        Assert.Equal(Child, involvement.ChildId);
        Assert.Equal(Staff.SocialCare, involvement.AgencyId);
        Assert.Equal(Staff.ExploitationTeam, involvement.TeamId);
        Assert.Equal(practitioner, involvement.PractitionerId);
        Assert.Equal("Allocated social worker", involvement.Role);
        Assert.Equal("01632 960001", involvement.ContactPhone);
        Assert.Equal("sw@northbridge.example", involvement.ContactEmail);
        Assert.Equal(Starter, involvement.StartedBy);
        Assert.Equal(StartedAt, involvement.StartedAt);
        Assert.Null(involvement.EndedAt);
    }

    [Fact]
    public void Start_TeamWithNobodyNamedYet_StartedWithBlankContactsDropped()
    {
        var involvement = Involvement.Start(Child, Staff.SocialCare, Staff.ExploitationTeam, null, "Exploitation team", " ", "", Starter, StartedAt).Value;

        Assert.Null(involvement.PractitionerId);
        Assert.Null(involvement.ContactPhone);
        Assert.Null(involvement.ContactEmail);
        Assert.True(involvement.IsActive);
    }

    [Fact]
    public void Start_NeitherPractitionerNorTeamNorRole_NamesBoth()
    {
        var result = Involvement.Start(Child, Staff.SocialCare, null, null, " ", null, null, Starter, StartedAt);

        Assert.Equal(FailureKind.Validation, result.Failure?.Kind);
        Assert.Equal(["Practitioner", "Role"], result.Failure!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Start_RoleTooLong_InvalidOnRole()
    {
        var result = Involvement.Start(Child, Staff.SocialCare, Staff.ExploitationTeam, null, new string('r', Involvement.RoleMaxLength + 1), null, null, Starter, StartedAt);

        Assert.Equal("Role", Assert.Single(result.Failure!.Errors).Field);
    }

    [Fact]
    public void Start_PhoneTooLongAndEmailWithoutAt_NamesBoth()
    {
        var result = Involvement.Start(Child, Staff.SocialCare, Staff.ExploitationTeam, null, "Social worker", new string('0', 41), "sw.northbridge.example", Starter, StartedAt);

        Assert.Equal(["Phone", "Email"], result.Failure!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void End_ByTheInvolvedAgency_EndedWithReason()
    {
        var involvement = PoliceInvolvement();
        var officer = Staff.PoliceStaff(Role.PoliceInvestigator);

        Assert.Null(involvement.End(officer, "  Investigation closed.  ", EndedAt));

        Assert.False(involvement.IsActive);
        Assert.Equal(EndedAt, involvement.EndedAt);
        Assert.Equal(officer.Id, involvement.EndedBy);
        Assert.Equal("Investigation closed.", involvement.EndReason);
    }

    [Fact]
    public void End_ByTheFrontDoor_Ended()
    {
        var involvement = PoliceInvolvement();

        Assert.Null(involvement.End(Staff.FrontDoorPractitioner(), "Case closed to children's social care.", EndedAt));

        Assert.False(involvement.IsActive);
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.Practitioner)]
    public void End_ByAnotherAgency_ForbiddenAndStillActive(Role role)
    {
        var involvement = PoliceInvolvement();

        var problem = involvement.End(Staff.SchoolStaff(role), "Not needed.", EndedAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.True(involvement.IsActive);
    }

    [Fact]
    public void End_BySocialCareOutsideTheFrontDoor_Forbidden()
    {
        var involvement = PoliceInvolvement();

        Assert.Equal(FailureKind.Forbidden, involvement.End(Staff.SocialCareStaff(Role.Referrer), "Not needed.", EndedAt)?.Kind);
        Assert.True(involvement.IsActive);
    }

    [Fact]
    public void End_AlreadyEnded_ConflictOnEndReasonAndFirstEndKept()
    {
        var involvement = PoliceInvolvement();
        var first = Staff.PoliceStaff(Role.PoliceInvestigator);
        Assert.Null(involvement.End(first, "Investigation closed.", EndedAt));

        var problem = involvement.End(Staff.FrontDoorPractitioner(), "Closing.", EndedAt.AddDays(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("EndReason", Assert.Single(problem!.Errors).Field);
        Assert.Equal(first.Id, involvement.EndedBy);
        Assert.Equal(EndedAt, involvement.EndedAt);
        Assert.Equal("Investigation closed.", involvement.EndReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void End_NoReason_InvalidOnEndReasonAndStillActive(string? reason)
    {
        var involvement = PoliceInvolvement();

        var problem = involvement.End(Staff.PoliceStaff(Role.PoliceInvestigator), reason, EndedAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("EndReason", Assert.Single(problem!.Errors).Field);
        Assert.True(involvement.IsActive);
    }

    [Fact]
    public void End_ReasonTooLong_InvalidOnEndReason()
    {
        var involvement = PoliceInvolvement();

        var problem = involvement.End(Staff.PoliceStaff(Role.PoliceInvestigator), new string('r', 1001), EndedAt);

        Assert.Equal("EndReason", Assert.Single(problem!.Errors).Field);
        Assert.True(involvement.IsActive);
    }
}
