using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// The return home interviews still owed for the children the person may see, soonest due first, each with its
/// clock; audited as a listing (2208).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class InterviewsModel(ReturnInterviewWorkList work, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public IReadOnlyList<InterviewDueRow> Due { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Due = await work.DueAsync(ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReturnInterviewsListed, null, null, $"{Due.Count} return home interviews owed"), ct);
        return Page();
    }
}
