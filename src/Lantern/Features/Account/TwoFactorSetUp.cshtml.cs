using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Accounts;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Lantern.Features.Account;

/// <summary>
/// Setting up two-factor sign-in, or moving it to a new phone: a new secret is shown as a QR code and as text, and
/// becomes the account's only when a code from it is entered. Until then it travels in the form, encrypted, so an
/// abandoned set-up leaves the authenticator the person already has working.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TwoFactorSetUpModel(LanternUserManager users, SignInManager<LanternUser> signIn, UserSessions sessions,
    AuditTrail audit, TimeProvider time, IDataProtectionProvider protection) : PageModel
{
    public const string PagePath = "/account/two-factor/set-up";
    private const string Issuer = "Lantern";

    /// <summary>The new secret, encrypted for the form.</summary>
    [BindProperty]
    public string? ProtectedKey { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The secret in groups of four, to type into an app that cannot scan.</summary>
    public string KeyForPeople { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public bool AlreadySetUp { get; private set; }

    /// <summary>Shown once, just after set-up.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    private IDataProtector Protector => protection.CreateProtector("Lantern.TwoFactorSetUp");

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        AlreadySetUp = user.TwoFactorEnabled;
        Show(user, Totp.NewKey());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        AlreadySetUp = user.TwoFactorEnabled;
        var key = Unprotect(ProtectedKey);
        if (key is null)
        {
            // A form from another session or a tampered one: start again with a new secret.
            Show(user, Totp.NewKey());
            ModelState.AddModelError(nameof(Code), "The set-up had expired. Scan the new QR code, or type the new key, and enter the code it gives");
            return Page();
        }
        if (Totp.MatchingStep(Totp.FromBase32(key), Code, time.GetUtcNow()) is not { } step)
        {
            Show(user, key);
            ModelState.AddModelError(nameof(Code), string.IsNullOrWhiteSpace(Code)
                ? "Enter the 6-digit code your authenticator app shows"
                : "The code is not right. Check the app shows Lantern and enter the code it shows now");
            return Page();
        }
        var result = await users.SetAuthenticatorAsync(user, key, step);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Two-factor sign-in could not be turned on: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, LanternUserManager.RecoveryCodeCount) ?? []];
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.TwoFactorSetUp, "User", user.Id.ToString(), AlreadySetUp ? "new authenticator" : null), ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.RecoveryCodesIssued, "User", user.Id.ToString()), ct);
        // The account's other sessions ended with its new security stamp; this one goes on, now with two factors.
        await sessions.EndAllAsync(user.Id, SessionEnd.AccountChanged, keep: UserSessions.IdOf(User), ct);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(LanternClaimTypes.AuthenticationMethod, "mfa")]);
        return Page();
    }

    private void Show(LanternUser user, string key)
    {
        ProtectedKey = Protector.Protect(user.Id + ":" + key);
        KeyForPeople = string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}"
            + $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits={Totp.Digits}&period={Totp.StepSeconds}&algorithm=SHA1";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The secret the form carries, only when it was made for this account.</summary>
    private string? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value) || users.GetUserId(User) is not { } id)
        {
            return null;
        }
        try
        {
            var parts = Protector.Unprotect(value).Split(':', 2);
            return parts.Length == 2 && parts[0] == id && Totp.FromBase32(parts[1]) is not null ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
