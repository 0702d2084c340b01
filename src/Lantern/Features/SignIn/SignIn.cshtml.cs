using System.ComponentModel.DataAnnotations;
using Lantern.Auditing;
using Lantern.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.SignIn;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<LanternUser> signIn, UserManager<LanternUser> users, AuditTrail audit, SignInLockouts lockouts) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email!.Trim();
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (lockouts.IsClientLocked(client, email))
        {
            // This device has had its five tries with this address; the account's owner elsewhere is not stopped.
            SpendAPasswordCheck();
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInLockedOut, "User", null, "too many failures from this address"), ct);
            ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Email),
                "Signing in with this email address is locked here after too many failed attempts. Try again in 15 minutes");
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Same message, the same work and the same lockouts as a wrong password: no hint that the account does not exist.
            SpendAPasswordCheck();
            if (lockouts.IsUnknownAccountLocked(email))
            {
                await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInLockedOut, "User", null, "unknown account, locked out"), ct);
                return Locked();
            }
            lockouts.Failed(client, email, accountExists: false);
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInFailed, "User", null, "unknown account"), ct);
            return Failed();
        }
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without checking the password: check one anyway, so the time taken
            // does not tell a locked account from an address with none.
            SpendAPasswordCheck();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        var actor = new AuditActor(user.Id.ToString(), user.UserName, user.AgencyId.ToString(), user.Role.ToString());
        if (result.Succeeded)
        {
            lockouts.Succeeded(client, email);
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.SignedIn, "User", user.Id.ToString()) with { Actor = actor }, ct);
            return LocalRedirect(SafeReturnUrl());
        }
        if (result.RequiresTwoFactor)
        {
            // The password was right; the sign-in waits for the authenticator code (a short-lived cookie names the account).
            lockouts.Succeeded(client, email);
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.SignInAwaitingSecondFactor, "User", user.Id.ToString()) with { Actor = actor }, ct);
            return RedirectToPage("/SignIn/SignInCode", new { ReturnUrl = SafeReturnUrl() });
        }
        if (result.IsLockedOut)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInLockedOut, "User", user.Id.ToString(), "locked out") with { Actor = actor }, ct);
            return Locked();
        }
        lockouts.Failed(client, email, accountExists: true);
        await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInFailed, "User", user.Id.ToString(), "wrong password") with { Actor = actor }, ct);
        return Failed();
    }

    public const string LockedMessage = "This account is locked after too many failed sign-ins. Try again in 15 minutes, or ask your administrator to unlock it";

    private PageResult Locked()
    {
        ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Email), LockedMessage);
        return Page();
    }

    private void SpendAPasswordCheck()
    {
        var nobody = new LanternUser { DisplayName = "" };
        _dummyHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(nobody, _dummyHash, Input.Password!);
    }

    private PageResult Failed()
    {
        ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Email), "The email address or password is not right");
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    // Hashed with the app's own hasher (210,000 iterations), so an unknown account costs what a wrong password does.
    private static string? _dummyHash;
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [StringLength(256, ErrorMessage = "Email address must be 256 characters or fewer")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password")]
    [StringLength(1024, ErrorMessage = "Password must be 1,024 characters or fewer")]
    public string? Password { get; set; }
}
