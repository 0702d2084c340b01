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

    /// <summary>The duty's stable key (ReferralDecision, ReturnInterview...), as the duty declares it.</summary>
    public required string Duty { get; init; }

    /// <summary>The id of the duty's subject: the referral's, the challenge's, the episode's, the child's.</summary>
    public Guid SubjectId { get; init; }

    /// <summary>The subject's reference, for lists and audit.</summary>
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
