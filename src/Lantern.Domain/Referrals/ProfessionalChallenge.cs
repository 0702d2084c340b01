using Lantern.Domain.Partnership;

namespace Lantern.Domain.Referrals;

public enum ChallengeStatus
{
    Open = 1,
    Answered = 2,
}

public enum ChallengeResponse
{
    /// <summary>The service manager agrees with the front door; the decision stands.</summary>
    DecisionStands = 1,

    /// <summary>The decision is set aside and the front door decides again on a fresh clock.</summary>
    Reconsider = 2,

    /// <summary>There was no decision in time; the service manager has made sure one is being made.</summary>
    DecisionExpedited = 3,
}

/// <summary>
/// A referrer's formal disagreement with the front door (or complaint that no decision came in
/// time). It has its own clock and goes to the service managers; when not answered in time the
/// head of service is told.
/// </summary>
public sealed class ProfessionalChallenge : IVersioned
{
    public const int TextMaxLength = 10_000;

    private ProfessionalChallenge()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public ReferralId ReferralId { get; private init; }

    public Referral? Referral { get; private init; }

    public Guid RaisedBy { get; private init; }

    public DateTimeOffset RaisedAt { get; private init; }

    /// <summary>Whether the referral had a decision when challenged (otherwise the challenge is about the delay).</summary>
    public bool AboutDecision { get; private init; }

    public string Reason { get; private init; } = "";

    public DateTimeOffset DueBy { get; private init; }

    public ChallengeStatus Status { get; private set; } = ChallengeStatus.Open;

    public ChallengeResponse? Response { get; private set; }

    public string? ResponseNote { get; private set; }

    public Guid? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>
    /// Whether <paramref name="by"/> may challenge the referral now: only its referrer, once the decision
    /// is made or overdue, and never while an earlier challenge waits for an answer.
    /// </summary>
    public static bool CanRaise(Referral referral, Guid by, IEnumerable<ProfessionalChallenge> existing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(existing);
        return referral.ReferrerUserId == by
               && existing.All(c => c.Status != ChallengeStatus.Open)
               && (referral.Status == ReferralStatus.Decided || now > referral.DecisionDueBy);
    }

    /// <summary>Who may answer a challenge: a service manager or head of service of the front door.</summary>
    public static bool CanAnswer(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return by.IsFrontDoorSeniorManager;
    }

    /// <summary>The referrer raises a challenge, due an answer by <paramref name="dueBy"/>; or the problem keyed by field.</summary>
    public static Result<ProfessionalChallenge> Raise(Referral referral, Guid by, string? reason, IReadOnlyList<ProfessionalChallenge> existing,
        DateTimeOffset now, DateTimeOffset dueBy)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(existing);
        if (!CanRaise(referral, by, existing, now))
        {
            return Failure.Invalid("Reason", existing.Any(c => c.Status == ChallengeStatus.Open)
                ? "You have already challenged this referral; the challenge is waiting for an answer"
                : "You can challenge a decision once it is made, or the delay once the decision is overdue");
        }
        if (StorableText.Check(reason, "The reason", TextShape.MultiLine, "Say why you are challenging " + (referral.Status == ReferralStatus.Decided ? "the decision" : "the delay")) is { } reasonProblem)
        {
            return Failure.Invalid("Reason", reasonProblem);
        }
        if (reason!.Length > TextMaxLength)
        {
            return Failure.Invalid("Reason", $"The reason must be {TextMaxLength:N0} characters or fewer");
        }
        return new ProfessionalChallenge
        {
            ReferralId = referral.Id,
            RaisedBy = by,
            RaisedAt = now,
            AboutDecision = referral.Status == ReferralStatus.Decided,
            Reason = reason.Trim(),
            DueBy = dueBy,
        };
    }

    /// <summary>A service manager (or head of service) answers the challenge; the problem keyed by field, or null.</summary>
    public Failure? Answer(Actor by, ChallengeResponse? response, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!CanAnswer(by))
        {
            return Failure.Forbidden("Only a service manager or head of service can answer a professional challenge");
        }
        if (Status != ChallengeStatus.Open)
        {
            return Failure.Conflict("This challenge has already been answered", "Response");
        }
        if (response is not { } answer || !Enum.IsDefined(answer))
        {
            return Failure.Invalid("Response", "Select your answer to the challenge");
        }
        if (answer == ChallengeResponse.Reconsider && !AboutDecision)
        {
            return Failure.Invalid("Response", "There is no decision to reconsider yet; choose that a decision is being made");
        }
        if (answer == ChallengeResponse.DecisionStands && !AboutDecision)
        {
            return Failure.Invalid("Response", "There is no decision to stand yet; choose that a decision is being made");
        }
        if (answer == ChallengeResponse.DecisionExpedited && AboutDecision)
        {
            return Failure.Invalid("Response", "This challenge is about a decision; say whether it stands or is to be reconsidered");
        }
        if (StorableText.Check(note, "The answer", TextShape.MultiLine, "Explain your answer to the referrer") is { } noteProblem)
        {
            return Failure.Invalid("Note", noteProblem);
        }
        if (note!.Length > TextMaxLength)
        {
            return Failure.Invalid("Note", $"The answer must be {TextMaxLength:N0} characters or fewer");
        }
        Status = ChallengeStatus.Answered;
        Response = answer;
        ResponseNote = note.Trim();
        AnsweredBy = by.Id;
        AnsweredAt = at;
        return null;
    }

    public static string Describe(ChallengeResponse response) => response switch
    {
        ChallengeResponse.DecisionStands => "the decision stands",
        ChallengeResponse.Reconsider => "the referral will be decided again",
        ChallengeResponse.DecisionExpedited => "a decision is being made now",
        _ => throw new ArgumentOutOfRangeException(nameof(response), response, null),
    };
}
