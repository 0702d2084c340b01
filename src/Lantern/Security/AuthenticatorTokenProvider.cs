using Lantern.Data;
using Lantern.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Security;

/// <summary>
/// Authenticator codes (RFC 6238: 30-second steps, six digits, one step either side) that each sign in once.
/// Identity's own provider accepts a code again for as long as it is valid, and for 90 seconds either side; this
/// one records the step of the last code accepted with the account, in the database, and refuses any code of
/// that step or an earlier one. The record is moved forward by one conditional UPDATE, so two nodes given the
/// same code at the same moment cannot both accept it.
/// </summary>
public sealed class AuthenticatorTokenProvider(LanternDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<LanternUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<LanternUser> manager, LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>The code is the authenticator app's to make; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<LanternUser> manager, LanternUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<LanternUser> manager, LanternUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = Totp.FromBase32(await manager.GetAuthenticatorKeyAsync(user));
        if (key is null || Totp.MatchingStep(key, token, time.GetUtcNow()) is not { } step)
        {
            return false;
        }
        var accepted = await db.Users
            .Where(u => u.Id == user.Id && (u.AuthenticatorLastTimeStep == null || u.AuthenticatorLastTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorLastTimeStep, step));
        if (accepted == 0)
        {
            return false;
        }
        // The tracked account agrees with the row, and a later save of it does not write the step back.
        user.AuthenticatorLastTimeStep = step;
        if (db.Entry(user) is { State: EntityState.Unchanged or EntityState.Modified } entry)
        {
            entry.Property(u => u.AuthenticatorLastTimeStep).OriginalValue = step;
            entry.Property(u => u.AuthenticatorLastTimeStep).IsModified = false;
        }
        return true;
    }
}
