using Lantern.Auditing;
using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Users;

/// <summary>
/// One account, for an administrator: whether it can sign in, and disabling, enabling, unlocking it and resetting
/// its password. Disabling and resetting end every session of the account at once (a new security stamp).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class AccountModel(LanternDbContext db, DataScope scope, LanternUserManager users, AuditTrail audit, TimeProvider time) : PageModel
{
    public const int ReasonMaxLength = 500;

    public LanternUser Account { get; private set; } = default!;

    public string AgencyName { get; private set; } = "";

    /// <summary>"Disabled", "Locked until …" or "Active".</summary>
    public string Status { get; private set; } = "";

    public bool Disabled { get; private set; }

    public bool Locked { get; private set; }

    public bool TwoFactor { get; private set; }

    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.UserViewed, "User", id.ToString()), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var reason = Domain.StorableText.IsBlank(Reason) ? null : Reason!.Trim();
        if (reason?.Length > ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(Reason), $"The reason must be {ReasonMaxLength} characters or fewer");
            return Page();
        }
        if (Domain.StorableText.Check(reason, "Reason", Domain.TextShape.MultiLine) is { } problem)
        {
            ModelState.AddModelError(nameof(Reason), problem);
            return Page();
        }
        switch (Action)
        {
            case "disable":
                if (Account.Id == CurrentUser.From(User)?.Id)
                {
                    ModelState.AddModelError(nameof(Reason), "You cannot disable your own account: ask another administrator");
                    return Page();
                }
                if (reason is null)
                {
                    ModelState.AddModelError(nameof(Reason), "Say why the account is being disabled");
                    return Page();
                }
                Account.LockoutEnabled = true;
                await users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue);
                await users.UpdateSecurityStampAsync(Account);
                await users.EndSessionsAsync(Account);
                await audit.SaveAsync(AuditEntry.Allowed(AuditCode.UserDisabled, "User", Account.Id.ToString(), reason), ct);
                TempData["Success"] = $"{Account.DisplayName}'s account is disabled: they are signed out everywhere and cannot sign in";
                break;
            case "enable":
            case "unlock":
                await users.SetLockoutEndDateAsync(Account, null);
                await users.ResetAccessFailedCountAsync(Account);
                await audit.SaveAsync(AuditEntry.Allowed(Action == "enable" ? AuditCode.UserEnabled : AuditCode.UserUnlocked, "User", Account.Id.ToString(), reason), ct);
                TempData["Success"] = Action == "enable" ? $"{Account.DisplayName}'s account is enabled again" : $"{Account.DisplayName}'s account is unlocked";
                break;
            case "reset":
                if (string.IsNullOrEmpty(NewPassword))
                {
                    ModelState.AddModelError(nameof(NewPassword), "Enter a new password");
                    return Page();
                }
                foreach (var validator in users.PasswordValidators)
                {
                    var checkedPassword = await validator.ValidateAsync(users, Account, NewPassword);
                    if (!checkedPassword.Succeeded)
                    {
                        ModelState.AddModelError(nameof(NewPassword), checkedPassword.Errors.First().Code == nameof(IdentityErrorDescriber.PasswordTooShort)
                            ? "Password must be 12 characters or more (a few words together make a good one)"
                            : checkedPassword.Errors.First().Description);
                        return Page();
                    }
                }
                // One save: the new hash, no failed sign-ins counted, and a new security stamp that ends every session.
                Account.PasswordHash = users.PasswordHasher.HashPassword(Account, NewPassword);
                Account.AccessFailedCount = 0;
                await users.UpdateSecurityStampAsync(Account);
                await users.EndSessionsAsync(Account);
                await audit.SaveAsync(AuditEntry.Allowed(AuditCode.UserPasswordReset, "User", Account.Id.ToString(), reason), ct);
                TempData["Success"] = $"{Account.DisplayName}'s password is reset: they are signed out everywhere; give them the new password in person or by phone";
                break;
            case "reset-two-factor":
                if (reason is null)
                {
                    ModelState.AddModelError(nameof(Reason), "Say why two-factor sign-in is being reset, and how you checked who asked");
                    return Page();
                }
                // The person lost their phone and their recovery codes: they sign in with their password and set up
                // again, so the administrator must first be sure who they are (ASVS 6.4.4).
                await users.RemoveTwoFactorAsync(Account);
                await users.EndSessionsAsync(Account);
                await audit.SaveAsync(AuditEntry.Allowed(AuditCode.TwoFactorReset, "User", Account.Id.ToString(), reason), ct);
                TempData["Success"] = $"{Account.DisplayName}'s two-factor sign-in is reset: they are signed out everywhere and set it up again at their next sign-in";
                break;
            default:
                ModelState.AddModelError(nameof(Action), "Choose what to do with the account");
                return Page();
        }
        return Redirect($"/admin/users/{Account.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // Authorize twice: an administrator manages the accounts the data scope lets them see.
        var account = await scope.Practitioners(db.Users).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "User", id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        Account = account;
        AgencyName = await db.Agencies.Where(a => a.Id == account.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var end = account.LockoutEnd;
        Disabled = end == DateTimeOffset.MaxValue;
        TwoFactor = account.TwoFactorEnabled;
        Locked = !Disabled && end is { } until && until > time.GetUtcNow();
        Status = Disabled ? "Disabled: cannot sign in"
            : Locked ? $"Locked after failed sign-ins until {end!.Value.ToUniversalTime():HH:mm} UTC"
            : "Active";
        return true;
    }
}
