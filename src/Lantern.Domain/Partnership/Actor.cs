namespace Lantern.Domain.Partnership;

/// <summary>
/// A member of staff doing something: who they are, what role they hold, and in which agency and team.
/// State transitions take the actor and decide for themselves whether the actor may act, so that no
/// caller can pass a yes it worked out on its own.
/// </summary>
public sealed record Actor(Guid Id, string Name, Role Role, AgencyId Agency, AgencyKind AgencyKind, TeamId? Team)
{
    /// <summary>Children's social care's front door: it triages and decides on every referral.</summary>
    public bool IsFrontDoor => Role.IsFrontDoor(AgencyKind);

    /// <summary>A manager of the front door: allocates referrals and signs off decisions.</summary>
    public bool IsFrontDoorManager => IsFrontDoor && Role.IsManager();

    /// <summary>A service manager or head of service of children's social care: answers professional challenges.</summary>
    public bool IsFrontDoorSeniorManager => IsFrontDoor && Role.IsSeniorManager();
}

/// <summary>
/// Who manages whom. The management line of work done in an agency's team is that team's managers,
/// then the agency's service managers and heads of service; with no team, every manager of the agency.
/// </summary>
public static class ManagementLine
{
    /// <summary>Whether <paramref name="manager"/> is in the management line of work done in <paramref name="agency"/> and <paramref name="team"/>.</summary>
    public static bool Covers(Actor manager, AgencyId agency, TeamId? team)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return manager.Agency == agency && manager.Role switch
        {
            Role.TeamManager => team is null || manager.Team == team,
            Role.ServiceManager or Role.HeadOfService => true,
            Role.Referrer or Role.Practitioner or Role.PoliceInvestigator or Role.IntelligenceAnalyst or Role.HealthPractitioner
                or Role.DataProtectionOfficer or Role.Administrator => false,
            _ => throw new ArgumentOutOfRangeException(nameof(manager), manager.Role, "Unknown role"),
        };
    }
}
