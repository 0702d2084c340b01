using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Partnership;

/// <summary>
/// A small partnership to act in: children's social care with its front door and an exploitation team,
/// a police force and a school. Each call makes a new person, so two calls are never the same actor.
/// </summary>
internal static class Staff
{
    public static AgencyId SocialCare { get; } = AgencyId.New();

    public static TeamId FrontDoorTeam { get; } = TeamId.New();

    public static TeamId ExploitationTeam { get; } = TeamId.New();

    public static AgencyId Police { get; } = AgencyId.New();

    public static TeamId PoliceTeam { get; } = TeamId.New();

    public static AgencyId School { get; } = AgencyId.New();

    public static TeamId SchoolTeam { get; } = TeamId.New();

    /// <summary>Someone in children's social care, in the front door team unless another is named.</summary>
    public static Actor SocialCareStaff(Role role, TeamId? team = null, string name = "Jo Front") =>
        new(Guid.NewGuid(), name, role, SocialCare, AgencyKind.ChildrensSocialCare, team ?? FrontDoorTeam);

    /// <summary>Someone in the exploitation team of children's social care.</summary>
    public static Actor ExploitationTeamStaff(Role role, string name = "Ade Exploitation") =>
        new(Guid.NewGuid(), name, role, SocialCare, AgencyKind.ChildrensSocialCare, ExploitationTeam);

    public static Actor PoliceStaff(Role role, string name = "Pat Police") =>
        new(Guid.NewGuid(), name, role, Police, AgencyKind.Police, PoliceTeam);

    public static Actor SchoolStaff(Role role, string name = "Sam School") =>
        new(Guid.NewGuid(), name, role, School, AgencyKind.School, SchoolTeam);

    /// <summary>Someone with <paramref name="role"/> in the partnership's agency of <paramref name="kind"/> (social care, police or a school).</summary>
    public static Actor In(AgencyKind kind, Role role) => kind switch
    {
        AgencyKind.ChildrensSocialCare => SocialCareStaff(role),
        AgencyKind.Police => PoliceStaff(role),
        AgencyKind.School => SchoolStaff(role),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The test partnership has no such agency"),
    };

    public static Actor FrontDoorPractitioner() => SocialCareStaff(Role.Practitioner, name: "Priya Practitioner");

    public static Actor FrontDoorManager() => SocialCareStaff(Role.TeamManager, name: "Morgan Manager");
}
