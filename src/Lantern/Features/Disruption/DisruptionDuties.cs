using Lantern.Data;
using Lantern.Domain.Disruption;
using Lantern.Domain.Escalation;
using Lantern.Duties;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Disruption;

/// <summary>
/// A tactic of a plan not closed that is past its due day without an outcome: the management line of the tactic's
/// owner, in the owning agency (the owner's team managers, the named senior officer; then the agency's service
/// managers and heads of service), is told until the tactic has its outcome or the plan is closed.
/// </summary>
public sealed class DisruptionTacticDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "DisruptionTactic";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var overdue = await db.DisruptionTactics.AsNoTracking()
            .Where(t => (t.Status == TacticStatus.Planned || t.Status == TacticStatus.InProgress) && t.DueBy <= now)
            .Join(db.DisruptionPlans.AsNoTracking().Where(p => p.Status != PlanStatus.Closed), t => t.PlanId, p => p.Id,
                (t, p) => new { t.Id, t.Number, t.DueBy, t.OwnerAgencyId, t.OwnerUserId, PlanId = p.Id, p.Reference })
            .ToListAsync(ct);
        return [.. overdue.Select(t => new OverdueDuty(t.Id, DisruptionPlans.TacticReference(t.Reference, t.Number), t.DueBy,
            new LineStart(Where.InAgency(t.OwnerAgencyId), Worker: t.OwnerUserId), DisruptionPlans.TacticRecordType, DisruptionPlans.PagePath(t.PlanId)))];
    }

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        const string Why = "Disruption of an alleged offender is followed through: each tactic has an owner, a due day and senior oversight.";
        return level switch
        {
            EscalationLevel.TeamManager => new($"Disruption tactic overdue: {duty.Reference}",
                $"Tactic {duty.Reference} of a disruption plan was due by {due} and has no outcome. {Why} Make sure its owner records where it stands and what came of it."),
            EscalationLevel.ServiceManager => new($"Escalated to you: disruption tactic {duty.Reference}",
                $"Tactic {duty.Reference} was due by {due} and still has no outcome after the team managers were told. {Why} As service manager, make sure it is done or a decision is recorded."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: disruption tactic {duty.Reference}",
                $"Tactic {duty.Reference} was due by {due} and still has no outcome after the service manager was told. {Why}"),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}

/// <summary>
/// A plan not closed whose review is due: the management line of the plan's lead, in the lead's agency, is told until
/// the review is recorded (which sets the next one).
/// </summary>
public sealed class DisruptionReviewDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "DisruptionPlanReview";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.DisruptionPlans.AsNoTracking()
            .Where(p => p.Status != PlanStatus.Closed && p.NextReviewDue <= now)
            .Select(p => new { p.Id, p.Reference, p.NextReviewDue, p.LeadAgencyId, p.LeadUserId })
            .ToListAsync(ct);
        return [.. due.Select(p => new OverdueDuty(p.Id, p.Reference, p.NextReviewDue, new LineStart(Where.InAgency(p.LeadAgencyId), Worker: p.LeadUserId),
            DisruptionPlans.RecordType, DisruptionPlans.PagePath(p.Id)))];
    }

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        const string Why = "A disruption plan is reviewed at a set interval, so that tactics that stall are seen by someone senior.";
        return level switch
        {
            EscalationLevel.TeamManager => new($"Disruption plan review overdue: {duty.Reference}",
                $"The review of disruption plan {duty.Reference} was due by {due} and has not been recorded. {Why} Record the review now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: review of disruption plan {duty.Reference}",
                $"The review of disruption plan {duty.Reference} was due by {due} and is still not recorded after the team managers were told. {Why} As service manager, make sure it is done."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: review of disruption plan {duty.Reference}",
                $"The review of disruption plan {duty.Reference} was due by {due} and is still not recorded after the service manager was told. {Why}"),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
