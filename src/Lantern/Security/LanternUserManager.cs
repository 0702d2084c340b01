using System.Security.Cryptography;
using System.Text;
using Lantern.Data;
using Lantern.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Security;

/// <summary>
/// Identity's UserManager reads the wall clock for lockouts; this one reads the app's TimeProvider,
/// so a lockout's start and end agree with the audit trail and can be tested with a fake clock.
/// It also keeps recovery codes hashed, in a table of their own, each used once (Identity keeps them as
/// they are, in one row).
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
    TimeProvider time,
    LanternDbContext db)
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
            await EndSessionsAsync(user);
        }
        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// Marks every open session of the account ended, when its security stamp has changed under them (disabled,
    /// locked, reset): they already cannot be used, and this keeps the account's list of sessions true.
    /// </summary>
    public async Task EndSessionsAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        await db.UserSessions.Where(s => s.UserId == user.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, SessionEnd.AccountChanged), CancellationToken);
    }

    /// <summary>How many recovery codes a person is given at a time.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// Makes <paramref name="key"/> the account's authenticator, once a code of it was accepted at
    /// <paramref name="acceptedStep"/> (that code is used up), and turns two-factor sign-in on. The account gets a new
    /// security stamp, so every other session ends.
    /// </summary>
    public async Task<IdentityResult> SetAuthenticatorAsync(LanternUser user, string key, long? acceptedStep)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Store is not IUserAuthenticatorKeyStore<LanternUser> keys)
        {
            throw new NotSupportedException("The user store does not keep authenticator keys.");
        }
        await keys.SetAuthenticatorKeyAsync(user, key, CancellationToken);
        user.AuthenticatorLastTimeStep = acceptedStep;
        return await SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>New recovery codes, replacing any the account had; only their hashes are kept.</summary>
    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(LanternUser user, int number)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, number).Select(_ => NewRecoveryCode()).ToList();
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(CancellationToken);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = user.Id, Hash = HashRecoveryCode(c)!, CreatedAt = now }));
        await db.SaveChangesAsync(CancellationToken);
        return codes;
    }

    /// <summary>Uses a recovery code: it succeeds once, whichever node is asked, however many ask at once.</summary>
    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(LanternUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var hash = HashRecoveryCode(code);
        var now = time.GetUtcNow();
        var used = hash is null ? 0 : await db.RecoveryCodes
            .Where(c => c.UserId == user.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), CancellationToken);
        return used == 1 ? IdentityResult.Success : IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
    }

    public override Task<int> CountRecoveryCodesAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, CancellationToken);
    }

    /// <summary>Removes the account's authenticator and recovery codes: it signs in with a password and sets up again.</summary>
    public async Task<IdentityResult> RemoveTwoFactorAsync(LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(CancellationToken);
        if (Store is IUserAuthenticatorKeyStore<LanternUser> keys)
        {
            await keys.SetAuthenticatorKeyAsync(user, "", CancellationToken);
        }
        user.AuthenticatorLastTimeStep = null;
        // Turning two-factor sign-in off gives the account a new security stamp: every session ends.
        return await SetTwoFactorEnabledAsync(user, false);
    }

    /// <summary>24 base32 letters and digits (120 bits), written in six groups of four.</summary>
    private static string NewRecoveryCode()
    {
        var text = Totp.ToBase32(RandomNumberGenerator.GetBytes(15)).ToLowerInvariant();
        return string.Join('-', Enumerable.Range(0, text.Length / 4).Select(i => text.Substring(i * 4, 4)));
    }

    /// <summary>SHA-256 of the code as typed, ignoring case, spaces and hyphens; null when nothing was typed.</summary>
    public static string? HashRecoveryCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var normalised = new string([.. code.Where(c => c is not (' ' or '-')).Select(char.ToLowerInvariant)]);
        return normalised.Length is 0 or > 64 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
