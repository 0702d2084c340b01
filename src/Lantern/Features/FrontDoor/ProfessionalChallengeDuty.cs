using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Referrals;
using Lantern.Duties;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// A service manager's answer to a referrer's professional challenge, due in two working days. The
/// challenge is already with the service managers, so when it is not answered in time the head of
/// service is told.
/// </summary>
public sealed class ProfessionalChallengeDuty(LanternDbContext db) : IDuty
{
    public const string DutyKey = "ProfessionalChallenge";

    public string Key => DutyKey;

    public IReadOnlyList<LadderStep> DefaultLadder(EscalationOptions options) => [new() { Tell = EscalationLevel.HeadOfService }];

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        [.. (await db.ProfessionalChallenges.AsNoTracking()
                .Where(c => c.Status == ChallengeStatus.Open && c.DueBy <= now)
                .Select(c => new { c.Id, c.Referral!.Reference, c.DueBy })
                .ToListAsync(ct))
            .Select(c => new OverdueDuty(c.Id, c.Reference, c.DueBy, new LineStart(Where.ChildrensSocialCare), "Referral", ReferralPages.PagePath(c.Reference)))];

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return new($"Professional challenge not answered: referral {duty.Reference}",
            $"A professional challenge about referral {duty.Reference} was due an answer by {due} and has none. As {level.DisplayName().ToLowerInvariant()}, make sure it is answered.");
    }
}
