using Lantern.Domain.Partnership;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Security;

/// <summary>
/// Function-level access: every page and endpoint names one of these (or allows anonymous access
/// on purpose). Record-level access is the data scope's job (<see cref="DataScope"/>).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of the partnership.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Partnership administration: agencies, teams, accounts.</summary>
    public const string Administration = "Administration";

    /// <summary>Front-door work: triage and decisions on referrals (children's social care roles).</summary>
    public const string FrontDoor = "FrontDoor";

    /// <summary>
    /// Deciding whether two records are one child, and undoing a merge: the front door (whose exploitation team
    /// is of children's social care) and intelligence analysts, each within their data scope.
    /// </summary>
    public const string IdentityReview = "IdentityReview";

    /// <summary>
    /// The partnership's oversight of the front door: its own roles, and the service managers and
    /// heads of service of every agency, who answer for the partnership's overdue list.
    /// </summary>
    public const string PartnershipOversight = "PartnershipOversight";

    /// <summary>
    /// Managers of any agency (team managers, service managers, heads of service): the language guard's
    /// report, a training signal with no child's details. A team manager sees their own agency; service
    /// managers and heads of service, who lead for the partnership, see every agency.
    /// </summary>
    public const string LanguageReports = "LanguageReports";

    /// <summary>
    /// Flagging a person as of concern and ending the flag: intelligence analysts, police investigators, and
    /// children's social care's front door, each for the persons they may see.
    /// </summary>
    public const string PersonsOfConcern = "PersonsOfConcern";

    /// <summary>
    /// Opening a context of harm and recording its assessment and plan: children's social care's front door, which leads
    /// the safeguarding response to harm outside the home, and intelligence analysts; both see every record of the network.
    /// </summary>
    public const string Contexts = "Contexts";

    /// <summary>
    /// Adding a link between records of the network by hand, and withdrawing a link: intelligence analysts, police
    /// investigators and children's social care's front door (those who may flag a person of concern), each between
    /// records they may see.
    /// </summary>
    public const string NetworkLinks = "NetworkLinks";

    /// <summary>
    /// The network's alerts (an adult around several children, a hotspot) and the list of alerts: intelligence analysts
    /// and the front door (the exploitation team is part of it), who see the whole network.
    /// </summary>
    public const string NetworkAlerts = "NetworkAlerts";

    /// <summary>
    /// Opening a disruption plan about a person or context: those who work plans (ADR 0022): the police (every role of a
    /// force but its administrators and data protection officers), intelligence analysts and children's social care's front
    /// door. The plan's page itself admits any signed-in person and finds the plan through need to know, so that the owner of
    /// a tactic in another agency (licensing) can record its outcome.
    /// </summary>
    public const string Disruption = "Disruption";

    /// <summary>An agency system calling the API with its key.</summary>
    public const string AgencySystem = "AgencySystem";

    /// <summary>
    /// Any signed-in member of the partnership, or an agency system with its key: for services that
    /// read nothing stored, such as the language check.
    /// </summary>
    public const string SignedInOrAgencySystem = "SignedInOrAgencySystem";

    public static AuthorizationBuilder AddLanternPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        return builder
            .SetFallbackPolicy(signedIn)
            .SetDefaultPolicy(signedIn)
            .AddPolicy(SignedIn, signedIn)
            .AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.Administrator)))
            .AddPolicy(FrontDoor, p => p.RequireAuthenticatedUser()
                .RequireRole(Roles.FrontDoor.Select(r => r.ToString()))
                .RequireClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.ChildrensSocialCare)))
            .AddPolicy(IdentityReview, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.IsInRole(nameof(Role.IntelligenceAnalyst))
                || (ctx.User.HasClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.ChildrensSocialCare))
                    && Roles.FrontDoor.Any(r => ctx.User.IsInRole(r.ToString())))))
            .AddPolicy(PartnershipOversight, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.IsInRole(nameof(Role.ServiceManager)) || ctx.User.IsInRole(nameof(Role.HeadOfService))
                || (ctx.User.HasClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.ChildrensSocialCare))
                    && Roles.FrontDoor.Any(r => ctx.User.IsInRole(r.ToString())))))
            .AddPolicy(PersonsOfConcern, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => IsNetworkInvestigator(ctx.User)))
            .AddPolicy(NetworkLinks, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => IsNetworkInvestigator(ctx.User)))
            .AddPolicy(Contexts, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.IsInRole(nameof(Role.IntelligenceAnalyst)) || IsFrontDoor(ctx.User)))
            .AddPolicy(NetworkAlerts, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.IsInRole(nameof(Role.IntelligenceAnalyst)) || IsFrontDoor(ctx.User)))
            .AddPolicy(Disruption, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.IsInRole(nameof(Role.IntelligenceAnalyst)) || IsFrontDoor(ctx.User)
                || (ctx.User.HasClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.Police))
                    && !ctx.User.IsInRole(nameof(Role.Administrator)) && !ctx.User.IsInRole(nameof(Role.DataProtectionOfficer)))))
            .AddPolicy(LanguageReports, p => p.RequireAuthenticatedUser().RequireRole(Roles.Managers.Select(r => r.ToString())))
            .AddPolicy(AgencySystem, p => p.AddAuthenticationSchemes(ApiKeys.Scheme).RequireAuthenticatedUser().RequireRole(ApiKeys.AgencySystemRole))
            .AddPolicy(SignedInOrAgencySystem, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeys.Scheme).RequireAuthenticatedUser());
    }

    private static bool IsFrontDoor(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.ChildrensSocialCare)) && Roles.FrontDoor.Any(r => user.IsInRole(r.ToString()));

    /// <summary>Analysts, police investigators and the front door: those who work the network of persons, vehicles, phones and places.</summary>
    private static bool IsNetworkInvestigator(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.IntelligenceAnalyst)) || user.IsInRole(nameof(Role.PoliceInvestigator)) || IsFrontDoor(user);
}
