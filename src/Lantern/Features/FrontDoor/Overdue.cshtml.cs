using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// The partnership's overdue list: referrals still undecided after the head of service was told.
/// Leaders of every agency see it, so it shows references and agencies, never a child's details.
/// </summary>
[Authorize(Policy = Policies.PartnershipOversight)]
public sealed class OverdueModel(FrontDoorWork queue, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public IReadOnlyList<FrontDoorWork.OverdueRow> Rows { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>Only the front door can open a referral; others see the list to hold it to account.</summary>
    public bool CanOpen => scope.IsFrontDoor;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.OverdueListViewed, "Referral"), ct);
        Rows = await queue.PartnershipOverdueAsync(ct);
    }
}
