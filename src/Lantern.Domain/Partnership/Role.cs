namespace Lantern.Domain.Partnership;

/// <summary>
/// What a person does in the partnership. Each account has exactly one role; a person who
/// needs two (a team manager who also refers) holds the higher one, because every role that
/// works with children can raise a concern.
/// </summary>
public enum Role
{
    Referrer = 1,
    Practitioner = 2,
    TeamManager = 3,
    ServiceManager = 4,
    HeadOfService = 5,
    PoliceInvestigator = 6,
    IntelligenceAnalyst = 7,
    HealthPractitioner = 8,
    DataProtectionOfficer = 9,
    Administrator = 10,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>The management line, lowest first: who signs off, reviews and is told when a clock runs out.</summary>
    public static IReadOnlyList<Role> Managers { get; } = [Role.TeamManager, Role.ServiceManager, Role.HeadOfService];

    /// <summary>The roles of children's social care that work the front door (triage, decisions, sign-off).</summary>
    public static IReadOnlyList<Role> FrontDoor { get; } = [Role.Practitioner, Role.TeamManager, Role.ServiceManager, Role.HeadOfService];

    /// <summary>Whether a role in an agency of this kind works children's social care's front door: the one rule.</summary>
    public static bool IsFrontDoor(this Role role, AgencyKind kind) => kind == AgencyKind.ChildrensSocialCare && FrontDoor.Contains(role);

    /// <summary>A team manager, service manager or head of service.</summary>
    public static bool IsManager(this Role role) => role is Role.TeamManager or Role.ServiceManager or Role.HeadOfService;

    /// <summary>A service manager or head of service: above the teams.</summary>
    public static bool IsSeniorManager(this Role role) => role is Role.ServiceManager or Role.HeadOfService;

    /// <summary>Words a practitioner would use for the role.</summary>
    public static string DisplayName(this Role role) => role switch
    {
        Role.Referrer => "Referrer",
        Role.Practitioner => "Practitioner",
        Role.TeamManager => "Team manager",
        Role.ServiceManager => "Service manager",
        Role.HeadOfService => "Head of service",
        Role.PoliceInvestigator => "Police investigator",
        Role.IntelligenceAnalyst => "Intelligence analyst",
        Role.HealthPractitioner => "Health practitioner",
        Role.DataProtectionOfficer => "Data protection officer",
        Role.Administrator => "Administrator",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role"),
    };

    /// <summary>What the role does, shown on the home page after sign-in.</summary>
    public static string Purpose(this Role role) => role switch
    {
        Role.Referrer => "Raise a concern about a child, see that it was received and what was decided.",
        Role.Practitioner => "Triage referrals inside the decision clock, screen risk and record what you decided and why.",
        Role.TeamManager => "Allocate referrals, sign off decisions that need a manager, and act on escalations from your team.",
        Role.ServiceManager => "See overdue work and escalations across your teams and step in when a clock runs out.",
        Role.HeadOfService => "Answer for the service: escalations that reach you, performance and reviews.",
        Role.PoliceInvestigator => "Work with partners on children at risk, suspects, crimes and disruption.",
        Role.IntelligenceAnalyst => "Find the people, vehicles and places that connect children, and raise alerts.",
        Role.HealthPractitioner => "Share health concerns about children and see who else is working with them.",
        Role.DataProtectionOfficer => "See who looked at what and why, verify the audit trail, and answer subject access requests.",
        Role.Administrator => "Manage agencies, teams and user accounts for the partnership.",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role"),
    };
}
