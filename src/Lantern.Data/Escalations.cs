using Lantern.Domain.Escalation;

namespace Lantern.Data;

/// <summary>
/// One escalation step performed: a duty was not done in time and someone more senior was told.
/// The unique key (duty, subject, deadline, level) is what makes each step happen exactly once
/// however many nodes look for it; a fresh deadline (a reopened referral) starts a fresh ladder.
/// </summary>
public sealed class EscalationStep
{
    public long Id { get; init; }

    public DutyKind Duty { get; init; }

    /// <summary>The referral's or the challenge's id.</summary>
    public Guid SubjectId { get; init; }

    /// <summary>The referral's reference, for lists and audit.</summary>
    public required string Reference { get; init; }

    /// <summary>The deadline that was missed.</summary>
    public DateTimeOffset DutyDueBy { get; init; }

    public EscalationLevel Level { get; init; }

    /// <summary>When the step fell due by the ladder.</summary>
    public DateTimeOffset StepDueAt { get; init; }

    /// <summary>When it was performed (a node that was down performs missed steps when it can).</summary>
    public DateTimeOffset PerformedAt { get; init; }

    /// <summary>Who was told, by name, as shown on the referral; empty when nobody holds the role.</summary>
    public required string Told { get; init; }
}

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
public sealed class ProfessionalChallenge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ReferralId ReferralId { get; init; }

    public Referral? Referral { get; init; }

    public Guid RaisedBy { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Whether the referral had a decision when challenged (otherwise the challenge is about the delay).</summary>
    public bool AboutDecision { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset DueBy { get; init; }

    public ChallengeStatus Status { get; private set; } = ChallengeStatus.Open;

    public ChallengeResponse? Response { get; private set; }

    public string? ResponseNote { get; private set; }

    public Guid? AnsweredBy { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>
    /// A service manager (or head of service) answers the challenge. Returns the problem, keyed by
    /// the field to fix, or null when the answer was recorded.
    /// </summary>
    public (string Field, string Message)? Answer(ChallengeResponse response, string? note, Guid by, bool bySeniorManager, DateTimeOffset at)
    {
        if (Status != ChallengeStatus.Open)
        {
            return ("Response", "This challenge has already been answered");
        }
        if (!bySeniorManager)
        {
            return ("Response", "Only a service manager or head of service can answer a professional challenge");
        }
        if (!Enum.IsDefined(response))
        {
            return ("Response", "Select your answer to the challenge");
        }
        if (response == ChallengeResponse.Reconsider && !AboutDecision)
        {
            return ("Response", "There is no decision to reconsider yet; choose that a decision is being made");
        }
        if (response == ChallengeResponse.DecisionExpedited && AboutDecision)
        {
            return ("Response", "This challenge is about a decision; say whether it stands or is to be reconsidered");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return ("Note", "Explain your answer to the referrer");
        }
        if (note.Length > 10_000)
        {
            return ("Note", "The answer must be 10,000 characters or fewer");
        }
        Status = ChallengeStatus.Answered;
        Response = response;
        ResponseNote = note.Trim();
        AnsweredBy = by;
        AnsweredAt = at;
        return null;
    }
}
