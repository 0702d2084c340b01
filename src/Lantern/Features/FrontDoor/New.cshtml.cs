using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.FrontDoor;

/// <summary>The start page of "Raise a concern"; starting opens a draft that is saved at every step (an empty one already started, else a new one).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewModel(ReferralDrafts drafts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        Redirect($"/referrals/drafts/{await drafts.StartAsync(ct)}/child");
}
