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

/// <summary>
/// The partnership's overdue list: referrals still undecided after the head of service was told.
/// Leaders of every agency see it, so it shows references and agencies, never a child's details.
/// </summary>
[Authorize(Policy = Policies.PartnershipOversight)]
public sealed class OverdueModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public sealed record Row(string Reference, string From, DateTimeOffset ReceivedAt, DateTimeOffset DueBy, TimeSpan Overdue, DateTimeOffset EscalatedAt, string? AllocatedTo);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>Only the front door can open a referral; others see the list to hold it to account.</summary>
    public bool CanOpen => scope.IsFrontDoor;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.OverdueListViewed, "Referral"), ct);
        var now = time.GetUtcNow();
        var atHead = (await db.EscalationSteps.AsNoTracking()
                .Where(s => s.Duty == ReferralDecisionDuty.DutyKey && s.Level == EscalationLevel.HeadOfService)
                .Select(s => new { s.Reference, s.DutyDueBy, s.PerformedAt })
                .ToListAsync(ct))
            .ToLookup(s => s.Reference);
        var references = atHead.Select(g => g.Key).ToList();
        var open = await db.Referrals.AsNoTracking()
            .Where(r => r.Status != ReferralStatus.Decided && references.Contains(r.Reference))
            .Select(r => new
            {
                r.Reference,
                Agency = r.SourceAgency!.Name,
                r.ReceivedAt,
                r.DecisionDueBy,
                AllocatedTo = db.Users.Where(u => u.Id == r.AllocatedTo).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Rows = [.. open
            .Select(r => (r, step: atHead[r.Reference].FirstOrDefault(s => s.DutyDueBy == r.DecisionDueBy)))
            .Where(x => x.step is not null)
            .Select(x => new Row(x.r.Reference, x.r.Agency, x.r.ReceivedAt, x.r.DecisionDueBy, now - x.r.DecisionDueBy, x.step!.PerformedAt, x.r.AllocatedTo))
            .OrderBy(r => r.DueBy)];
    }
}
