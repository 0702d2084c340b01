using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>Every undecided referral, what is due first at the top, overdue ones marked.</summary>
[Authorize(Policy = Policies.FrontDoor)]
public sealed class QueueModel(LanternDbContext db, FrontDoorWork queue, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public sealed record Row(string Reference, string Child, string From, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, TimeSpan Left, bool SexualHarm, string? AllocatedTo, bool RepeatedConcern, EscalationLevel? EscalatedTo = null)
    {
        public bool Overdue => Left < TimeSpan.Zero;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The part of the queue shown: <c>?show=mine</c>, <c>due-today</c>, <c>overdue</c> or <c>sign-off</c>; the whole queue otherwise.</summary>
    public QueueView View { get; private set; }

    public async Task OnGetAsync(string? show, CancellationToken ct)
    {
        View = QueueViews.Parse(show);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.FrontDoorQueueViewed, "Referral", reason: View == QueueView.All ? null : View.Key()), ct);
        var now = time.GetUtcNow();
        var open = await (await queue.WaitingAsync(View, now, ct))
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
