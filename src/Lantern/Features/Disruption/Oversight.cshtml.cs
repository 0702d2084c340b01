using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Disruption;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Disruption;

/// <summary>An overdue tactic as the oversight page lists it: no person's details, only references, the owner and the owning agency.</summary>
public sealed record OverdueTactic(Guid PlanId, string Plan, int Number, string Tactic, string Owner, string Agency, DateOnly DueOn);

/// <summary>
/// The partnership's oversight of disruption (<see cref="Policies.PartnershipOversight"/>: service managers and heads of
/// service of every agency, and children's social care's front door): plans closed for resources with their rationale and
/// who signed them off, tactics overdue by owning agency, and reviews overdue. References only, no one's details.
/// </summary>
[Authorize(Policy = Policies.PartnershipOversight)]
public sealed class OversightModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public IReadOnlyList<DisruptionPlan> ClosedForResources { get; private set; } = [];

    public IReadOnlyList<OverdueTactic> OverdueTactics { get; private set; } = [];

    public IReadOnlyList<DisruptionPlan> ReviewsOverdue { get; private set; } = [];

    /// <summary>Whether the reader works plans, and so may open them (a leader of another agency sees the list only).</summary>
    public bool MayOpen { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        MayOpen = DisruptionPlan.MayWork(await scope.ActorAsync(ct));
        var resources = ClosureReason.Resources;
        ClosedForResources = await db.DisruptionPlans.AsNoTracking().Include(p => p.Tactics)
            .Where(p => p.Status == PlanStatus.Closed && p.ClosureReason == resources)
            .OrderByDescending(p => p.ClosedAt).Take(200).ToListAsync(ct);
        var overdue = await db.DisruptionTactics.AsNoTracking()
            .Where(t => (t.Status == TacticStatus.Planned || t.Status == TacticStatus.InProgress) && t.DueBy <= now)
            .Join(db.DisruptionPlans.Where(p => p.Status != PlanStatus.Closed), t => t.PlanId, p => p.Id, (t, p) => new { t, p })
            .Join(db.Agencies, x => x.t.OwnerAgencyId, a => a.Id,
                (x, a) => new { PlanId = x.p.Id, Plan = x.p.Reference, x.t.Number, x.t.Tactic, x.t.OwnerName, Agency = a.Name, x.t.DueOn })
            .OrderBy(t => t.Agency).ThenBy(t => t.DueOn).Take(500).ToListAsync(ct);
        OverdueTactics = [.. overdue.Select(t => new OverdueTactic(t.PlanId, t.Plan, t.Number, t.Tactic, t.OwnerName, t.Agency, t.DueOn))];
        ReviewsOverdue = await db.DisruptionPlans.AsNoTracking()
            .Where(p => p.Status != PlanStatus.Closed && p.NextReviewDue <= now)
            .OrderBy(p => p.NextReviewDue).Take(500).ToListAsync(ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.DisruptionOversightViewed, DisruptionPlans.RecordType, null,
            $"{ClosedForResources.Count} closed for resources, {OverdueTactics.Count} tactics overdue, {ReviewsOverdue.Count} reviews overdue"), ct);
    }
}
