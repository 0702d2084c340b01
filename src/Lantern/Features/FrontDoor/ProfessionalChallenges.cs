using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.Notifications;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// A referrer who disagrees with the front door's decision, or who has no decision in time, raises
/// a professional challenge. It goes to the service managers of children's social care with its own
/// clock (2 working days by default); when it is not answered in time the head of service is told.
/// </summary>
public sealed class ProfessionalChallenges(LanternDbContext db, EscalationLadder ladder, WorkingDayCalendar calendar, Notifier notifier, AuditTrail audit, TimeProvider time)
{
    /// <summary>Whether the signed-in user may challenge this referral now, and if not, null.</summary>
    public static bool CanRaise(Referral referral, CurrentUser user, IReadOnlyList<ProfessionalChallenge> challenges, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(challenges);
        return referral.ReferrerUserId == user.Id
               && challenges.All(c => c.Status != ChallengeStatus.Open)
               && (referral.Status == ReferralStatus.Decided || now > referral.DecisionDueBy);
    }

    public static bool CanAnswer(CurrentUser user, bool isFrontDoor)
    {
        ArgumentNullException.ThrowIfNull(user);
        return isFrontDoor && user.Role is Role.ServiceManager or Role.HeadOfService;
    }

    /// <summary>Raises a challenge; returns the problem keyed by field, or null when it was raised and the service managers told.</summary>
    public async Task<(string Field, string Message)?> RaiseAsync(Referral referral, CurrentUser by, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var existing = await db.ProfessionalChallenges.Where(c => c.ReferralId == referral.Id).ToListAsync(ct);
        if (!CanRaise(referral, by, existing, now))
        {
            return ("Reason", existing.Any(c => c.Status == ChallengeStatus.Open)
                ? "You have already challenged this referral; the challenge is waiting for an answer"
                : "You can challenge a decision once it is made, or the delay once the decision is overdue");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ("Reason", "Say why you are challenging " + (referral.Status == ReferralStatus.Decided ? "the decision" : "the delay"));
        }
        if (reason.Length > 10_000)
        {
            return ("Reason", "The reason must be 10,000 characters or fewer");
        }
        var challenge = new ProfessionalChallenge
        {
            ReferralId = referral.Id,
            RaisedBy = by.Id,
            RaisedAt = now,
            AboutDecision = referral.Status == ReferralStatus.Decided,
            Reason = reason.Trim(),
            DueBy = ladder.ChallengeDue(now),
        };
        db.ProfessionalChallenges.Add(challenge);
        await notifier.AddForChildrensSocialCareAsync(Role.ServiceManager, $"Professional challenge: referral {referral.Reference}",
            $"{by.DisplayName} has challenged {(challenge.AboutDecision ? "the decision on" : "the delay in deciding")} referral {referral.Reference}. Answer by {calendar.UkTime(challenge.DueBy)}.",
            $"/referrals/{referral.Reference}", ct);
        notifier.Add(by.Id, await EmailOfAsync(by.Id, ct), $"Challenge received: referral {referral.Reference}",
            $"Your professional challenge about referral {referral.Reference} has gone to the service manager, who must answer by {calendar.UkTime(challenge.DueBy)}.",
            $"/referrals/{referral.Reference}");
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChallengeRaised, "Referral", referral.Reference, $"due {challenge.DueBy:O}"), ct);
        return null;
    }

    /// <summary>A service manager answers; upholding a challenge to a decision reopens the referral on a fresh clock.</summary>
    public async Task<(string Field, string Message)?> AnswerAsync(Referral referral, CurrentUser by, bool isFrontDoor, string? response, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(by);
        var challenge = await db.ProfessionalChallenges.Where(c => c.ReferralId == referral.Id && c.Status == ChallengeStatus.Open).FirstOrDefaultAsync(ct);
        if (challenge is null)
        {
            return ("Response", "There is no open challenge on this referral");
        }
        ChallengeResponse? parsed = Enum.TryParse<ChallengeResponse>(response, out var r) && Enum.IsDefined(r) ? r : null;
        if (parsed is null)
        {
            return ("Response", "Select your answer to the challenge");
        }
        var now = time.GetUtcNow();
        if (challenge.Answer(parsed.Value, note, by.Id, CanAnswer(by, isFrontDoor), now) is { } problem)
        {
            return problem;
        }
        if (parsed == ChallengeResponse.Reconsider)
        {
            var dueBy = calendar.DecisionDue(now);
            if (referral.Reconsider($"Professional challenge upheld by {by.DisplayName}: {challenge.ResponseNote}", dueBy) is { } p)
            {
                return ("Response", p.Message);
            }
            await notifier.AddForChildrensSocialCareAsync(Role.TeamManager, $"Referral {referral.Reference} to be decided again",
                $"A professional challenge was upheld: referral {referral.Reference} needs a fresh decision by {calendar.UkTime(dueBy)}.",
                $"/referrals/{referral.Reference}", ct);
        }
        notifier.Add(challenge.RaisedBy, await EmailOfAsync(challenge.RaisedBy, ct), $"Answer to your challenge: referral {referral.Reference}",
            $"The service manager has answered your professional challenge about referral {referral.Reference}: {Describe(parsed.Value)}.",
            $"/referrals/{referral.Reference}");
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChallengeAnswered, "Referral", referral.Reference, parsed.Value.ToString()), ct);
        return null;
    }

    public static string Describe(ChallengeResponse response) => response switch
    {
        ChallengeResponse.DecisionStands => "the decision stands",
        ChallengeResponse.Reconsider => "the referral will be decided again",
        ChallengeResponse.DecisionExpedited => "a decision is being made now",
        _ => throw new ArgumentOutOfRangeException(nameof(response), response, null),
    };

    private Task<string?> EmailOfAsync(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
}
