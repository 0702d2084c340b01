using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Identity;

/// <summary>
/// The pairs of records that may be one child, awaiting a person's decision: the front door, the exploitation
/// team and analysts work through them, oldest first.
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class ReviewModel(IdentityReviewQueries queries, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public IReadOnlyList<PairRow> Pairs { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pairs = await queries.AwaitingAsync(ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.IdentityReviewViewed, "IdentityMatch", reason: $"{Pairs.Count} awaiting"), ct);
    }
}
