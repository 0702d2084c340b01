using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Inbox;

/// <summary>A person's own messages: acknowledgements, outcomes, and later escalations.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class InboxModel(InboxMessages inbox, CurrentUser me, TimeProvider time, WorkingDayCalendar calendar) : PageModel
{
    public IReadOnlyList<Notification> Messages { get; private set; } = [];

    /// <summary>Every unread message, shown or not.</summary>
    public int Unread { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Messages = await inbox.NewestAsync(me.Id, ct);
        Unread = await inbox.UnreadCountAsync(me.Id, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await inbox.MarkAllReadAsync(me.Id, time.GetUtcNow(), ct);
        return Redirect(InboxMessages.PagePath);
    }
}
