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

    public static readonly Role[] FrontDoorRoles = [Role.Practitioner, Role.TeamManager, Role.ServiceManager, Role.HeadOfService];

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
                .RequireRole(FrontDoorRoles.Select(r => r.ToString()))
                .RequireClaim(LanternClaimTypes.AgencyKind, nameof(AgencyKind.ChildrensSocialCare)))
            .AddPolicy(AgencySystem, p => p.AddAuthenticationSchemes(ApiKeys.Scheme).RequireAuthenticatedUser().RequireRole(ApiKeys.AgencySystemRole))
            .AddPolicy(SignedInOrAgencySystem, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeys.Scheme).RequireAuthenticatedUser());
    }
}
