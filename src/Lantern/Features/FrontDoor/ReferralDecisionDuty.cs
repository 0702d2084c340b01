using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Duties;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// The front door's decision on a referral, due one working day after receipt (or after a challenge
/// reopened it). Told first: the team manager of the worker it is allocated to, else every front-door
/// team manager; then the service managers and heads of service of children's social care.
/// </summary>
public sealed class ReferralDecisionDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "ReferralDecision";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        [.. (await db.Referrals.AsNoTracking()
                .Where(r => r.Status != ReferralStatus.Decided && r.DecisionDueBy <= now)
                .Select(r => new { r.Id, r.Reference, r.DecisionDueBy, r.AllocatedTo })
                .ToListAsync(ct))
            .Select(r => ReferralPages.Overdue(r.Id, r.Reference, r.DecisionDueBy, r.AllocatedTo))];

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return level switch
        {
            EscalationLevel.TeamManager => new($"Decision overdue: referral {duty.Reference}",
                $"Referral {duty.Reference} has no decision and was due {due}. As team manager, make sure it is decided now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: referral {duty.Reference}",
                $"Referral {duty.Reference} was due {due} and is still undecided after the team manager was told. As service manager, make sure it is decided."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: referral {duty.Reference}",
                $"Referral {duty.Reference} was due {due} and is still undecided after the service manager was told. It is now on the partnership's overdue list."),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
