using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Inbox;

/// <summary>A person's own messages: acknowledgements, outcomes, and later escalations.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class InboxModel(LanternDbContext db, CurrentUser me, TimeProvider time, WorkingDayCalendar calendar) : PageModel
{
    public IReadOnlyList<Notification> Messages { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientUserId == me.Id)
            .OrderByDescending(n => n.CreatedAt)
            .Take(200)
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientUserId == me.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
        return Redirect("/inbox");
    }
}
