using Lantern.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

/// <summary>
/// Identity's UserManager reads the wall clock for lockouts; this one reads the app's TimeProvider,
/// so a lockout's start and end agree with the audit trail and can be tested with a fake clock.
/// </summary>
public sealed class LanternUserManager(
    IUserStore<LanternUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<LanternUser> passwordHasher,
    IEnumerable<IUserValidator<LanternUser>> userValidators,
    IEnumerable<IPasswordValidator<LanternUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<LanternUser>> logger,
    TimeProvider time)
    : UserManager<LanternUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await GetLockoutEnabledAsync(user))
        {
            return false;
        }
        var end = await GetLockoutEndDateAsync(user);
        return end is { } e && e >= time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Store is not IUserLockoutStore<LanternUser> lockouts)
        {
            throw new NotSupportedException("The user store does not support lockout.");
        }
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
            // A locked account's open sessions end too (the sign-in cookie is checked against the stamp on every request).
            if (Store is IUserSecurityStampStore<LanternUser> stamps)
            {
                await stamps.SetSecurityStampAsync(user, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)), CancellationToken);
            }
        }
        return await UpdateUserAsync(user);
    }
}
