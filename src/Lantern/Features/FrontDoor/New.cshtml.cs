using System.Text.Json;
using Lantern.Common;
using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>The start page of "Raise a concern"; starting makes a draft that is saved at every step.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewModel(LanternDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == me.Id, ct);
        var answers = new ReferralRequest
        {
            Referrer = new ReferrerDetails { Name = user.DisplayName, Role = user.JobTitle, Email = user.Email, Phone = user.PhoneNumber },
        };
        var now = time.GetUtcNow();
        var draft = new ReferralDraft { OwnerId = me.Id, Data = JsonSerializer.Serialize(answers, ApiJson.Options), CreatedAt = now, UpdatedAt = now };
        db.ReferralDrafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return Redirect($"/referrals/drafts/{draft.Id}/child");
    }
}
