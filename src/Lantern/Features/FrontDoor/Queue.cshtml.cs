using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>Every undecided referral, what is due first at the top, overdue ones marked.</summary>
[Authorize(Policy = Policies.FrontDoor)]
public sealed class QueueModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public sealed record Row(string Reference, string Child, string From, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, TimeSpan Left, bool SexualHarm, string? AllocatedTo, bool RepeatedConcern, EscalationLevel? EscalatedTo = null)
    {
        public bool Overdue => Left < TimeSpan.Zero;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.FrontDoorQueueViewed, "Referral"), ct);
        var now = time.GetUtcNow();
        var open = await scope.Referrals(db.Referrals.AsNoTracking())
            .Where(r => r.Status != ReferralStatus.Decided)
            .OrderBy(r => r.DecisionDueBy)
            .Select(r => new
            {
                r.Reference,
                r.ChildGivenName,
                r.ChildFamilyName,
                Agency = r.SourceAgency!.Name,
                r.ReceivedAt,
                r.DecisionDueBy,
                r.ConcernsSexualHarmOrExploitation,
                r.RepeatedConcern,
                AllocatedTo = db.Users.Where(u => u.Id == r.AllocatedTo).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var references = open.Select(r => r.Reference).ToList();
        var steps = (await db.EscalationSteps.AsNoTracking()
                .Where(s => s.Duty == ReferralDecisionDuty.DutyKey && references.Contains(s.Reference))
                .Select(s => new { s.Reference, s.DutyDueBy, s.Level })
                .ToListAsync(ct))
            .ToLookup(s => s.Reference);
        Rows = [.. open.Select(r => new Row(r.Reference, $"{r.ChildGivenName} {r.ChildFamilyName}", r.Agency, r.ReceivedAt, r.DecisionDueBy,
            r.DecisionDueBy - now, r.ConcernsSexualHarmOrExploitation, r.AllocatedTo, r.RepeatedConcern,
            steps[r.Reference].Where(s => s.DutyDueBy == r.DecisionDueBy).Select(s => (EscalationLevel?)s.Level).Max()))];
    }
}
