using Lantern.Auditing;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Account;

/// <summary>The person's own two-factor sign-in: whether it is set up, how many recovery codes are left, new codes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TwoFactorModel(LanternUserManager users, AuditTrail audit) : PageModel
{
    public const string PagePath = "/account/two-factor";

    public bool SetUp { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New codes, shown once after asking for them.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        SetUp = user.TwoFactorEnabled;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    /// <summary>New recovery codes: the old ones stop working.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        SetUp = user.TwoFactorEnabled;
        if (!SetUp)
        {
            return Redirect(TwoFactorSetUpModel.PagePath);
        }
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, LanternUserManager.RecoveryCodeCount) ?? []];
        RecoveryCodesLeft = RecoveryCodes.Count;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.RecoveryCodesIssued, "User", user.Id.ToString(), "new codes asked for"), ct);
        return Page();
    }
}
