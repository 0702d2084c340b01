using Lantern.Domain.Referrals;

namespace Lantern.Data;

public readonly record struct ReferralId(Guid Value)
{
    public static ReferralId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// A concern about a child raised by a practitioner of any agency. Never deleted: once
/// acknowledged it stays, with its clock, until decided and afterwards.
/// </summary>
public sealed class Referral
{
    public ReferralId Id { get; init; } = ReferralId.New();

    /// <summary>What people quote on the phone and in mail, for example REF-7KQ2M9XD4A.</summary>
    public required string Reference { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    private DateTimeOffset _decisionDueBy;

    /// <summary>When the front door's decision is due; a fresh clock starts when a challenge reopens it.</summary>
    public DateTimeOffset DecisionDueBy { get => _decisionDueBy; init => _decisionDueBy = value; }

    public ReferralStatus Status { get; set; } = ReferralStatus.AwaitingDecision;

    public AgencyId SourceAgencyId { get; init; }

    public Agency? SourceAgency { get; init; }

    /// <summary>The signed-in referrer, when raised through the pages.</summary>
    public Guid? ReferrerUserId { get; init; }

    /// <summary>The agency system's key, when raised through the API.</summary>
    public Guid? ApiKeyId { get; init; }

    public required string ReferrerName { get; init; }

    public string? ReferrerRole { get; init; }

    public string? ReferrerPhone { get; init; }

    public string? ReferrerEmail { get; init; }

    public bool FromProfessional { get; init; } = true;

    public required string ChildGivenName { get; init; }

    public required string ChildFamilyName { get; init; }

    public string? ChildKnownAs { get; init; }

    public DateOnly? ChildDateOfBirth { get; init; }

    public int? ChildApproximateAge { get; init; }

    public string? ChildAddress { get; init; }

    public string? ChildPostcode { get; init; }

    public string? ChildSchool { get; init; }

    public string? ChildNhsNumber { get; init; }

    public string? ChildUniquePupilNumber { get; init; }

    public string? ChildPoliceReference { get; init; }

    /// <summary>The child's record this referral is about, found or opened when it was received.</summary>
    public ChildId? ChildId { get; set; }

    public required string WhatHappened { get; init; }

    public required string WhyWorried { get; init; }

    public bool ConcernsSexualHarmOrExploitation { get; init; }

    public FamilyAwareness FamilyAwareness { get; init; }

    public LawfulBasis LawfulBasis { get; init; }

    public List<ReferralMention> Mentions { get; } = [];

    /// <summary>
    /// Set when this referral made a repeated concern: the same child referred by two or more
    /// agencies within 30 days, or three or more times within 90 days.
    /// </summary>
    public bool RepeatedConcern { get; set; }

    public ReferralOutcome? Outcome { get; set; }

    public string? DecisionRationale { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>The front-door worker who owns the referral until it is decided.</summary>
    public Guid? AllocatedTo { get; private set; }

    public DateTimeOffset? AllocatedAt { get; private set; }

    public Guid? SignedOffBy { get; private set; }

    public DateTimeOffset? SignedOffAt { get; private set; }

    /// <summary>Why a manager sent a decision back, shown to the practitioner.</summary>
    public string? ReturnedReason { get; private set; }

    /// <summary>Bumped on every change so that an edit never silently overwrites another.</summary>
    public long Version { get; set; }

    /// <summary>The child's age on a date, from the date of birth or, failing that, the approximate age given.</summary>
    public int? ChildAgeOn(DateOnly date)
    {
        if (ChildDateOfBirth is { } dob)
        {
            var age = date.Year - dob.Year;
            return dob.AddYears(age) > date ? age - 1 : age;
        }
        return ChildApproximateAge;
    }

    /// <summary>
    /// Records the front door's decision. A decision that needs a manager's sign-off waits for it;
    /// "consent", "choice" or "lifestyle" cannot be the reason to close a referral about a child.
    /// Returns the problem, keyed by the field to fix, or null when the decision was recorded.
    /// </summary>
    public (string Field, string Message)? Decide(ReferralOutcome outcome, string? rationale, Guid by, DateTimeOffset at, DateOnly today)
    {
        if (Status != ReferralStatus.AwaitingDecision)
        {
            return ("Outcome", "This referral already has a decision" + (Status == ReferralStatus.AwaitingSignOff ? " waiting for a manager's sign-off" : ""));
        }
        if (!Enum.IsDefined(outcome))
        {
            return ("Outcome", "Select what happens next");
        }
        if (string.IsNullOrWhiteSpace(rationale))
        {
            return ("Rationale", "Explain why you made this decision");
        }
        if (rationale.Length > 10_000)
        {
            return ("Rationale", "The rationale must be 10,000 characters or fewer");
        }
        if (ReferralRules.RefuseConsentAsReasonToClose(outcome, ChildAgeOn(today), rationale) is { } refusal)
        {
            return ("Rationale", refusal);
        }
        Outcome = outcome;
        DecisionRationale = rationale.Trim();
        DecidedBy = by;
        DecidedAt = at;
        ReturnedReason = null;
        Status = ReferralRules.NeedsSignOff(outcome, FromProfessional, ConcernsSexualHarmOrExploitation)
            ? ReferralStatus.AwaitingSignOff
            : ReferralStatus.Decided;
        Version++;
        return null;
    }

    /// <summary>
    /// A service manager upholds a professional challenge to a decision: the decision is set aside and
    /// the referral goes back to the front door with the reason and a fresh clock.
    /// </summary>
    public (string Field, string Message)? Reconsider(string reason, DateTimeOffset dueBy)
    {
        if (Status != ReferralStatus.Decided)
        {
            return ("Outcome", "Only a decided referral can be reconsidered");
        }
        Status = ReferralStatus.AwaitingDecision;
        ReturnedReason = reason;
        Outcome = null;
        DecisionRationale = null;
        DecidedAt = null;
        DecidedBy = null;
        SignedOffAt = null;
        SignedOffBy = null;
        _decisionDueBy = dueBy;
        Version++;
        return null;
    }

    /// <summary>A manager gives an undecided referral to a front-door worker, who then owns it.</summary>
    public (string Field, string Message)? Allocate(Guid to, bool byIsManager, DateTimeOffset at)
    {
        if (Status == ReferralStatus.Decided)
        {
            return ("AllocateTo", "This referral is already decided");
        }
        if (!byIsManager)
        {
            return ("AllocateTo", "Only a team manager or a more senior manager can allocate referrals");
        }
        AllocatedTo = to;
        AllocatedAt = at;
        Version++;
        return null;
    }

    /// <summary>
    /// A manager agrees with a decision waiting for sign-off (it becomes final) or sends it back
    /// with a reason. The person who decided cannot sign off their own decision.
    /// </summary>
    public (string Field, string Message)? SignOff(bool agree, string? reason, Guid by, bool byIsManager, DateTimeOffset at)
    {
        if (Status != ReferralStatus.AwaitingSignOff)
        {
            return ("Agree", "This referral has no decision waiting for sign-off");
        }
        if (!byIsManager)
        {
            return ("Agree", "Only a team manager or a more senior manager can sign off this decision");
        }
        if (by == DecidedBy)
        {
            return ("Agree", "You made this decision, so another manager must sign it off");
        }
        if (!agree && string.IsNullOrWhiteSpace(reason))
        {
            return ("Reason", "Say why you are sending the decision back");
        }
        if (agree)
        {
            Status = ReferralStatus.Decided;
            SignedOffBy = by;
            SignedOffAt = at;
        }
        else
        {
            Status = ReferralStatus.AwaitingDecision;
            ReturnedReason = reason!.Trim();
            Outcome = null;
            DecidedAt = null;
            DecidedBy = null;
        }
        Version++;
        return null;
    }
}

public enum MentionKind
{
    Person = 1,
    Vehicle = 2,
    Phone = 3,
    Place = 4,
}

/// <summary>A person, vehicle, phone or place the referral mentions, as the referrer gave it.</summary>
public sealed class ReferralMention
{
    public long Id { get; init; }

    public ReferralId ReferralId { get; init; }

    public MentionKind Kind { get; init; }

    /// <summary>Name of a person or place, or a phone number, or a vehicle registration.</summary>
    public required string Value { get; init; }

    /// <summary>Nickname, vehicle make and colour, or how the place is known.</summary>
    public string? Detail { get; init; }
}

/// <summary>An agency system's credential for the API; only its SHA-256 is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public AgencyId AgencyId { get; init; }

    public Agency? Agency { get; init; }

    public required string Label { get; init; }

    /// <summary>The first characters of the key, so an administrator can tell keys apart.</summary>
    public required string Prefix { get; init; }

    public required string KeyHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One Idempotency-Key of one caller: while the first request runs it is in flight; afterwards
/// it holds the response so that a retry gets the same answer and stores nothing new.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; init; }

    /// <summary>Whose key space: an API key's id or a user's id.</summary>
    public required string Caller { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int? ResponseStatus { get; set; }

    public string? ResponseBody { get; set; }

    public string? ResponseLocation { get; set; }
}

/// <summary>
/// A referral being written in the pages, saved at every step so that nothing typed is lost when a
/// sign-in expires or the browser closes. Only its owner sees it.
/// </summary>
public sealed class ReferralDraft
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OwnerId { get; init; }

    /// <summary>The referral so far, as the API's JSON.</summary>
    public string Data { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when sent; a sent draft cannot be sent again.</summary>
    public string? SubmittedReference { get; set; }
}
