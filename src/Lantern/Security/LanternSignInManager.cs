using System.Security.Claims;
using Lantern.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

/// <summary>
/// Identity's sign-in, with a session of its own for every sign-in (named in the cookie, so that it can be listed,
/// ended and timed out on the server), ended again by signing out.
/// </summary>
public sealed class LanternSignInManager(
    UserManager<LanternUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<LanternUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<LanternUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<LanternUser> confirmation,
    UserSessions sessions)
    : SignInManager<LanternUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(LanternUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = additionalClaims.ToList();
        var twoFactor = claims.Any(c => c.Type == LanternClaimTypes.AuthenticationMethod && c.Value == "mfa");
        var ct = Context.RequestAborted;
        // A new session every time: one that set up two-factor sign-in replaces the password-only one it began as.
        if (UserSessions.IdOf(Context.User) is { } previous)
        {
            await sessions.EndAsync(user.Id, previous, SessionEnd.Replaced, ct);
        }
        var id = await sessions.StartAsync(user.Id, twoFactor, Context.Request.Headers.UserAgent, ct);
        claims.Add(new Claim(LanternClaimTypes.Session, id.ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task SignOutAsync()
    {
        if (UserSessions.IdOf(Context.User) is { } id && CurrentUser.From(Context.User) is { } user)
        {
            await sessions.EndAsync(user.Id, id, SessionEnd.SignedOut, Context.RequestAborted);
        }
        await base.SignOutAsync();
    }
}
