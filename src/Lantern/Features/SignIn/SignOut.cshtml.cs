using Lantern.Auditing;
using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.SignIn;

[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<LanternUser> signIn, UserManager<LanternUser> users, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Audit first, while the request still carries who is signing out.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.SignedOut, "User", CurrentUser.From(User)?.Id.ToString()), ct);
        // A new security stamp ends this session on the server too: the cookie, if kept or copied, no longer signs in.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/SignIn/SignIn", new { SignedOut = true });
    }
}
