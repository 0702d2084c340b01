using System.Security.Claims;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

public static class LanternClaimTypes
{
    public const string Agency = "lantern:agency";
    public const string DisplayName = "lantern:name";
    public const string AgencyKind = "lantern:agency-kind";

    /// <summary>The server-side session this sign-in belongs to (<see cref="UserSessions"/>).</summary>
    public const string Session = "lantern:session";

    /// <summary>How the person signed in: Identity writes <c>pwd</c> for a password alone, <c>mfa</c> with a second factor.</summary>
    public const string AuthenticationMethod = "amr";
}

/// <summary>Puts the account's one role and its agency into the sign-in cookie.</summary>
public sealed class LanternClaimsPrincipalFactory(UserManager<LanternUser> users, IOptions<IdentityOptions> options, LanternDbContext db)
    : UserClaimsPrincipalFactory<LanternUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(LanternClaimTypes.Agency, user.AgencyId.ToString()));
        identity.AddClaim(new Claim(LanternClaimTypes.DisplayName, user.DisplayName));
        var kind = await db.Agencies.Where(a => a.Id == user.AgencyId).Select(a => a.Kind).SingleAsync();
        identity.AddClaim(new Claim(LanternClaimTypes.AgencyKind, kind.ToString()));
        return identity;
    }
}

/// <summary>The signed-in person as the rest of the code needs them.</summary>
public sealed record CurrentUser(Guid Id, string UserName, string DisplayName, Role Role, AgencyId AgencyId, AgencyKind? AgencyKind)
{
    /// <summary>Children's social care's front door (<see cref="Roles.IsFrontDoor"/>).</summary>
    public bool IsFrontDoor => AgencyKind is { } kind && Role.IsFrontDoor(kind);

    public static CurrentUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        var agency = principal.FindFirstValue(LanternClaimTypes.Agency);
        if (!Guid.TryParse(id, out var userId) || !Enum.TryParse<Role>(role, out var r) || !Guid.TryParse(agency, out var agencyId))
        {
            return null;
        }
        AgencyKind? kind = Enum.TryParse<AgencyKind>(principal.FindFirstValue(LanternClaimTypes.AgencyKind), out var k) ? k : null;
        return new CurrentUser(userId, principal.FindFirstValue(ClaimTypes.Name) ?? "",
            principal.FindFirstValue(LanternClaimTypes.DisplayName) ?? "", r, new AgencyId(agencyId), kind);
    }
}
