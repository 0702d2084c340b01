using Lantern.Auditing;
using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.SignIn;

[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<LanternUser> signIn, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Audit first, while the request still carries who is signing out.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.SignedOut, "User", CurrentUser.From(User)?.Id.ToString()), ct);
        // Ends this session on the server too (UserSessions): the cookie, if kept or copied, no longer signs in. The
        // person's other sessions go on.
        await signIn.SignOutAsync();
        return RedirectToPage("/SignIn/SignIn", new { SignedOut = true });
    }
}
