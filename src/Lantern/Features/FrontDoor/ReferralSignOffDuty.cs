using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Duties;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// A manager's sign-off of a decision recorded for it, due <see cref="EscalationOptions.SignOffWorkingTime"/> after the
/// decision was recorded (docs/adr/0023). Told first: the team managers of whoever recorded the decision (else every
/// front-door team manager); then the service managers and heads of service of children's social care. The decision's
/// own clock (<see cref="ReferralDecisionDuty"/>) keeps running beside it until the decision is final.
/// </summary>
public sealed class ReferralSignOffDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "ReferralSignOff";

    public string Key => DutyKey;

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        [.. (await db.Referrals.AsNoTracking()
                .Where(r => r.Status == ReferralStatus.AwaitingSignOff && r.SignOffDueBy <= now)
                .Select(r => new { r.Id, r.Reference, r.SignOffDueBy, r.DecidedBy })
                .ToListAsync(ct))
            .Select(r => ReferralPages.Overdue(r.Id, r.Reference, r.SignOffDueBy!.Value, r.DecidedBy))];

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return level switch
        {
            EscalationLevel.TeamManager => new($"Sign-off overdue: referral {duty.Reference}",
                $"A decision on referral {duty.Reference} is waiting for a manager's sign-off, which was due {due}. As team manager, sign it off or send it back now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: sign-off of referral {duty.Reference}",
                $"A decision on referral {duty.Reference} was due a manager's sign-off {due} and still has none after the team manager was told. As service manager, make sure it is signed off or sent back."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: sign-off of referral {duty.Reference}",
                $"A decision on referral {duty.Reference} was due a manager's sign-off {due} and still has none after the service manager was told. As head of service, make sure it is signed off or sent back."),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}
