using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Domain.Disruption;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Disruption;

/// <summary>The disruption plans the reader may see, open ones first, with overdue tactics and reviews shown.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(DisruptionPlans plans, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    /// <summary>Whether the reader may open the partnership's oversight page (<see cref="Policies.PartnershipOversight"/>).</summary>
    public bool SeesOversight { get; private set; }

    public IReadOnlyList<DisruptionPlan> Plans { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plans = await plans.ListAsync(null, ct);
        SeesOversight = (await authorization.AuthorizeAsync(User, Policies.PartnershipOversight)).Succeeded;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.DisruptionPlansListed, DisruptionPlans.RecordType, null, $"{Plans.Count} plans shown"), ct);
    }
}
