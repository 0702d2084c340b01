using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.FrontDoor;

/// <summary>Deleting an unsent referral, after its owner confirms. Anyone else's draft, or a sent one, is not found.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DeleteDraftModel(ReferralDrafts drafts, WorkingDayCalendar calendar) : PageModel
{
    public ReferralDrafts.Unsent Draft { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await drafts.FindUnsentAsync(id, ct) is not { } draft)
        {
            return NotFound();
        }
        Draft = draft;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await drafts.DeleteAsync(id, ct))
        {
            return NotFound();
        }
        TempData["Success"] = "Unsent referral deleted";
        return Redirect("/referrals");
    }
}
