using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// A referrer who disagrees with the front door's decision, or who has no decision in time, raises
/// a professional challenge. It goes to the service managers of children's social care with its own
/// clock (2 working days by default); when it is not answered in time the head of service is told
/// (<see cref="ProfessionalChallengeDuty"/>).
/// </summary>
public sealed class ProfessionalChallenges(LanternDbContext db, IOptions<EscalationOptions> options, WorkingDayCalendar calendar, Notifier notifier,
    Recipients recipients, AuditTrail audit, TimeProvider time)
{
    public int WorkingDays => options.Value.ChallengeWorkingDays;

    /// <summary>Raises a challenge; null when it was raised and the service managers told, else the problem keyed by field.</summary>
    public async Task<Failure?> RaiseAsync(Referral referral, Actor by, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var existing = await db.ProfessionalChallenges.Where(c => c.ReferralId == referral.Id).ToListAsync(ct);
        var raised = ProfessionalChallenge.Raise(referral, by.Id, reason, existing, now, calendar.DueAfter(now, WorkingDays));
        if (raised.Failure is { } problem)
        {
            return problem;
        }
        var challenge = raised.Value;
        db.ProfessionalChallenges.Add(challenge);
        notifier.Tell(await recipients.HoldersAsync(Role.ServiceManager, Where.ChildrensSocialCare, ct), $"Professional challenge: referral {referral.Reference}",
            $"{by.Name} has challenged {(challenge.AboutDecision ? "the decision on" : "the delay in deciding")} referral {referral.Reference}. Answer by {calendar.UkTime(challenge.DueBy)}.",
            ReferralPages.PagePath(referral.Reference));
        notifier.Tell(await recipients.PeopleAsync([by.Id], ct), $"Challenge received: referral {referral.Reference}",
            $"Your professional challenge about referral {referral.Reference} has gone to the service manager, who must answer by {calendar.UkTime(challenge.DueBy)}.",
            ReferralPages.PagePath(referral.Reference));
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChallengeRaised, "Referral", referral.Reference, $"due {challenge.DueBy:O}"), ct);
        await notifier.SendAfterCommitAsync(ct);
        return null;
    }

    /// <summary>A service manager answers; upholding a challenge to a decision reopens the referral on a fresh clock.</summary>
    public async Task<Failure?> AnswerAsync(Referral referral, Actor by, ChallengeResponse? response, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(by);
        if (!ProfessionalChallenge.CanAnswer(by))
        {
            return Failure.Forbidden("Only a service manager or head of service can answer a professional challenge");
        }
        var challenge = await db.ProfessionalChallenges.Where(c => c.ReferralId == referral.Id && c.Status == ChallengeStatus.Open).FirstOrDefaultAsync(ct);
        if (challenge is null)
        {
            return Failure.Conflict("There is no open challenge on this referral", "Response");
        }
        var now = time.GetUtcNow();
        if (challenge.Answer(by, response, note, now) is { } problem)
        {
            return problem;
        }
        if (challenge.Response == ChallengeResponse.Reconsider)
        {
            var dueBy = calendar.DecisionDue(now);
            if (referral.Reconsider(by.Id, $"Professional challenge upheld by {by.Name}: {challenge.ResponseNote}", now, dueBy) is { } p)
            {
                return p;
            }
            notifier.Tell(await recipients.HoldersAsync(Role.TeamManager, Where.ChildrensSocialCare, ct), $"Referral {referral.Reference} to be decided again",
                $"A professional challenge was upheld: referral {referral.Reference} needs a fresh decision by {calendar.UkTime(dueBy)}.",
                ReferralPages.PagePath(referral.Reference));
        }
        notifier.Tell(await recipients.PeopleAsync([challenge.RaisedBy], ct), $"Answer to your challenge: referral {referral.Reference}",
            $"The service manager has answered your professional challenge about referral {referral.Reference}: {ProfessionalChallenge.Describe(challenge.Response!.Value)}.",
            ReferralPages.PagePath(referral.Reference));
        if (await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ChallengeAnswered, "Referral", referral.Reference, challenge.Response.ToString())],
                Failure.ChangedMeanwhile("Someone else answered this challenge or changed the referral at the same moment; look at it again.", "Response"), ct) is { } conflict)
        {
            return conflict;
        }
        await notifier.SendAfterCommitAsync(ct);
        return null;
    }
}
