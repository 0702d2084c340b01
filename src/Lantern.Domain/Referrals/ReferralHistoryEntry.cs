namespace Lantern.Domain.Referrals;

/// <summary>What happened to a referral's decision at one moment of its history.</summary>
public enum ReferralHistoryKind
{
    /// <summary>A decision that needed no sign-off, final at once.</summary>
    Decided = 1,

    /// <summary>A decision recorded that waits for a manager's sign-off.</summary>
    ProposedForSignOff = 2,

    /// <summary>A manager agreed with the decision waiting for sign-off, which became final.</summary>
    SignedOff = 3,

    /// <summary>A manager sent the decision waiting for sign-off back, with a reason.</summary>
    SentBack = 4,

    /// <summary>A professional challenge was upheld and the decision set aside, with the reason.</summary>
    SetAside = 5,
}

/// <summary>
/// One step of a referral's decision, kept for ever in the order it happened: who did what, when, and
/// why. A later decision never overwrites an earlier one here, so a send-back's reason and the decision
/// it sent back stay readable after the referral is decided again.
/// </summary>
public sealed class ReferralHistoryEntry
{
    private ReferralHistoryEntry()
    {
    }

    internal ReferralHistoryEntry(ReferralHistoryKind kind, DateTimeOffset at, Guid? by, ReferralOutcome? outcome, string? text)
    {
        Kind = kind;
        At = at;
        By = by;
        Outcome = outcome;
        Text = text;
    }

    public long Id { get; private init; }

    public ReferralId ReferralId { get; private init; }

    public ReferralHistoryKind Kind { get; private init; }

    public DateTimeOffset At { get; private init; }

    /// <summary>The account that acted; null when the step was the system's (a challenge upheld is recorded with the person in its text).</summary>
    public Guid? By { get; private init; }

    /// <summary>The outcome decided or proposed, for <see cref="ReferralHistoryKind.Decided"/> and <see cref="ReferralHistoryKind.ProposedForSignOff"/>.</summary>
    public ReferralOutcome? Outcome { get; private init; }

    /// <summary>The rationale of a decision, or the reason for a send-back or for setting the decision aside.</summary>
    public string? Text { get; private init; }
}

public static class ReferralHistoryKinds
{
    /// <summary>What happened, in words that follow the name of whoever did it ("Sam Patel sent the decision back").</summary>
    public static string Describe(this ReferralHistoryKind kind) => kind switch
    {
        ReferralHistoryKind.Decided => "decided",
        ReferralHistoryKind.ProposedForSignOff => "recorded a decision for a manager's sign-off",
        ReferralHistoryKind.SignedOff => "signed off the decision",
        ReferralHistoryKind.SentBack => "sent the decision back",
        ReferralHistoryKind.SetAside => "set the decision aside after a professional challenge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown step of a referral's history"),
    };
}
