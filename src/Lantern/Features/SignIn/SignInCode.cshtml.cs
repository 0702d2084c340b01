using Lantern.Auditing;
using Lantern.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.SignIn;

/// <summary>
/// The second step of signing in: the code the person's authenticator app shows, or one of their recovery codes.
/// A wrong code counts toward the account's lockout as a wrong password does; a code already used is refused.
/// </summary>
[AllowAnonymous]
public sealed class SignInCodeModel(SignInManager<LanternUser> signIn, UserManager<LanternUser> users, AuditTrail audit) : PageModel
{
    public const string PagePath = "/sign-in/code";

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>True to give a recovery code instead of the authenticator's.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            // No password given in the last five minutes (or it was for another browser): start again.
            return RedirectToPage("/SignIn/SignIn", new { ReturnUrl = SafeReturnUrl() });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/SignIn/SignIn", new { ReturnUrl = SafeReturnUrl() });
        }
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), Recovery ? "Enter a recovery code" : "Enter the code from your authenticator app");
            return Page();
        }
        var actor = new AuditActor(user.Id.ToString(), user.UserName, user.AgencyId.ToString(), user.Role.ToString());
        var code = Code.Trim();
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (Recovery)
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            if (!result.Succeeded && !result.IsLockedOut)
            {
                // Identity does not count a wrong recovery code; here it counts as a wrong password does.
                await users.AccessFailedAsync(user);
            }
        }
        else
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        }
        if (result.Succeeded)
        {
            await audit.SaveAsync(AuditEntry.Allowed(Recovery ? AuditCode.SignedInWithRecoveryCode : AuditCode.SignedIn, "User", user.Id.ToString(),
                Recovery ? "recovery code" : "authenticator code") with
            { Actor = actor }, ct);
            if (Recovery)
            {
                // To the account's two-factor page, which says how many codes are left and gives new ones.
                TempData["Success"] = $"You signed in with a recovery code. You have {await users.CountRecoveryCodesAsync(user)} left";
                return Redirect(Account.TwoFactorModel.PagePath);
            }
            return LocalRedirect(SafeReturnUrl());
        }
        if (result.IsLockedOut || await users.IsLockedOutAsync(user))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.SignInLockedOut, "User", user.Id.ToString(), "locked out") with { Actor = actor }, ct);
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            ModelState.AddModelError(nameof(Code), SignInModel.LockedMessage);
            return Page();
        }
        await audit.SaveAsync(AuditEntry.Denied(Recovery ? AuditCode.RecoveryCodeRefused : AuditCode.TwoFactorCodeRefused, "User", user.Id.ToString(),
            Recovery ? "wrong or used recovery code" : "wrong or used authenticator code") with
        { Actor = actor }, ct);
        ModelState.AddModelError(nameof(Code), Recovery
            ? "The recovery code is not right, or has been used. Each recovery code works once"
            : "The code is not right, or has been used. Wait for your app to show a new code and enter that");
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
