using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;
using Lantern.Domain.People;

namespace Lantern.Domain.Referrals;

public readonly record struct ReferralId(Guid Value)
{
    public static ReferralId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>What a referral says, checked and trimmed, as the front door receives it from any door.</summary>
public sealed record ReferralDetails
{
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

    public required string WhatHappened { get; init; }

    public required string WhyWorried { get; init; }

    public bool ConcernsSexualHarmOrExploitation { get; init; }

    public FamilyAwareness FamilyAwareness { get; init; }

    public LawfulBasis LawfulBasis { get; init; }

    public IReadOnlyList<MentionText> Mentions { get; init; } = [];
}

/// <summary>
/// A concern about a child raised by a practitioner of any agency. Never deleted: once
/// acknowledged it stays, with its clock, until decided and afterwards. Its state changes only
/// through the methods below, each of which checks who is acting and whether the change is allowed now.
/// </summary>
public sealed class Referral : IVersioned
{
    public const int RationaleMaxLength = 10_000;

    private readonly List<Mention> _mentions = [];

    private readonly List<ReferralHistoryEntry> _history = [];

    private Referral()
    {
    }

    public ReferralId Id { get; private init; } = ReferralId.New();

    /// <summary>What people quote on the phone and in mail, for example REF-7KQ2M9XD4A.</summary>
    public string Reference { get; private init; } = "";

    public DateTimeOffset ReceivedAt { get; private init; }

    /// <summary>When the front door's decision is due; a fresh clock starts when a challenge reopens it.</summary>
    public DateTimeOffset DecisionDueBy { get; private set; }

    public ReferralStatus Status { get; private set; } = ReferralStatus.AwaitingDecision;

    public AgencyId SourceAgencyId { get; private init; }

    public Agency? SourceAgency { get; private init; }

    /// <summary>The signed-in referrer, when raised through the pages.</summary>
    public Guid? ReferrerUserId { get; private init; }

    /// <summary>The agency system's key, when raised through the API.</summary>
    public Guid? ApiKeyId { get; private init; }

    public string ReferrerName { get; private init; } = "";

    public string? ReferrerRole { get; private init; }

    public string? ReferrerPhone { get; private init; }

    public string? ReferrerEmail { get; private init; }

    public bool FromProfessional { get; private init; } = true;

    public string ChildGivenName { get; private init; } = "";

    public string ChildFamilyName { get; private init; } = "";

    public string? ChildKnownAs { get; private init; }

    public DateOnly? ChildDateOfBirth { get; private init; }

    public int? ChildApproximateAge { get; private init; }

    public string? ChildAddress { get; private init; }

    public string? ChildPostcode { get; private init; }

    public string? ChildSchool { get; private init; }

    public string? ChildNhsNumber { get; private init; }

    public string? ChildUniquePupilNumber { get; private init; }

    public string? ChildPoliceReference { get; private init; }

    /// <summary>The child's record this referral is about, found or opened when it was received.</summary>
    public ChildId? ChildId { get; private set; }

    public string WhatHappened { get; private init; } = "";

    public string WhyWorried { get; private init; } = "";

    public bool ConcernsSexualHarmOrExploitation { get; private init; }

    public FamilyAwareness FamilyAwareness { get; private init; }

    public LawfulBasis LawfulBasis { get; private init; }

    public IReadOnlyList<Mention> Mentions => _mentions;

    /// <summary>Every decision recorded, signed off, sent back or set aside, in the order it happened (loaded when asked for).</summary>
    public IReadOnlyList<ReferralHistoryEntry> History => _history;

    /// <summary>
    /// Set when this referral made a repeated concern: the same child referred by two or more
    /// agencies within 30 days, or three or more times within 90 days.
    /// </summary>
    public bool RepeatedConcern { get; private set; }

    public ReferralOutcome? Outcome { get; private set; }

    public string? DecisionRationale { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    /// <summary>Who decided, in words, for a decision taken before Lantern (from an agency's extract); null for a decision made in Lantern.</summary>
    public string? DecidedByName { get; private set; }

    public const int NameMaxLength = 200;

    /// <summary>The front-door worker who owns the referral until it is decided.</summary>
    public Guid? AllocatedTo { get; private set; }

    public DateTimeOffset? AllocatedAt { get; private set; }

    public Guid? SignedOffBy { get; private set; }

    public DateTimeOffset? SignedOffAt { get; private set; }

    /// <summary>When the manager's sign-off of the decision waiting for it is due: its own clock, started when the decision was recorded.</summary>
    public DateTimeOffset? SignOffDueBy { get; private set; }

    /// <summary>Who recorded the decision a manager sent back, and so must decide again; null once decided again.</summary>
    public Guid? ReturnedTo { get; private set; }

    /// <summary>Why a manager sent a decision back, or why a challenge reopened it, shown to the practitioner.</summary>
    public string? ReturnedReason { get; private set; }

    /// <summary>Bumped by the database layer on every saved change so that an edit never silently overwrites another.</summary>
    public long Version { get; private set; }

    /// <summary>A referral received now, waiting for the front door's decision by <paramref name="decisionDueBy"/>.</summary>
    public static Referral Receive(string reference, ReferralDetails details, AgencyId source, Guid? referrerUserId, Guid? apiKeyId,
        DateTimeOffset receivedAt, DateTimeOffset decisionDueBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(details);
        var referral = new Referral
        {
            Reference = reference,
            ReceivedAt = receivedAt,
            DecisionDueBy = decisionDueBy,
            SourceAgencyId = source,
            ReferrerUserId = referrerUserId,
            ApiKeyId = apiKeyId,
            ReferrerName = details.ReferrerName,
            ReferrerRole = details.ReferrerRole,
            ReferrerPhone = details.ReferrerPhone,
            ReferrerEmail = details.ReferrerEmail,
            FromProfessional = details.FromProfessional,
            ChildGivenName = details.ChildGivenName,
            ChildFamilyName = details.ChildFamilyName,
            ChildKnownAs = details.ChildKnownAs,
            ChildDateOfBirth = details.ChildDateOfBirth,
            ChildApproximateAge = details.ChildDateOfBirth is null ? details.ChildApproximateAge : null,
            ChildAddress = details.ChildAddress,
            ChildPostcode = details.ChildPostcode,
            ChildSchool = details.ChildSchool,
            ChildNhsNumber = details.ChildNhsNumber,
            ChildUniquePupilNumber = details.ChildUniquePupilNumber,
            ChildPoliceReference = details.ChildPoliceReference,
            WhatHappened = details.WhatHappened,
            WhyWorried = details.WhyWorried,
            ConcernsSexualHarmOrExploitation = details.ConcernsSexualHarmOrExploitation,
            FamilyAwareness = details.FamilyAwareness,
            LawfulBasis = details.LawfulBasis,
        };
        referral._mentions.AddRange(details.Mentions.Select(m => new Mention(m)));
        return referral;
    }

    /// <summary>
    /// A referral from an agency's history, received at its own time and, where the history says so, decided at its
    /// own time by the person it names: the decision is kept as it was made, not judged again by today's rules, so
    /// that a referral decided late in 2008 stands as decided late. With no decision it waits for one, on the clock
    /// its receipt started.
    /// </summary>
    public static Referral FromHistory(string reference, ReferralDetails details, AgencyId source, DateTimeOffset receivedAt, DateTimeOffset decisionDueBy,
        ReferralOutcome? outcome, string? rationale, DateTimeOffset? decidedAt, string? decidedByName)
    {
        var referral = Receive(reference, details, source, referrerUserId: null, apiKeyId: null, receivedAt, decisionDueBy);
        if (outcome is { } decided && decidedAt is { } at)
        {
            if (at < receivedAt)
            {
                throw new ArgumentException("A decision cannot come before the referral was received.", nameof(decidedAt));
            }
            referral.Outcome = decided;
            referral.DecisionRationale = string.IsNullOrWhiteSpace(rationale) ? null : rationale.Trim();
            referral.DecidedAt = at;
            referral.DecidedByName = string.IsNullOrWhiteSpace(decidedByName) ? null : decidedByName.Trim();
            referral.Status = ReferralStatus.Decided;
        }
        return referral;
    }

    /// <summary>The child's age on a date, from the date of birth or, failing that, the approximate age given on receipt.</summary>
    public int? ChildAgeOn(DateOnly date) => Age.On(date, ChildDateOfBirth, ChildApproximateAge, ChildApproximateAge is null ? null : DateOnly.FromDateTime(ReceivedAt.UtcDateTime));

    public string ChildName => $"{ChildGivenName} {ChildFamilyName}";

    /// <summary>Joins the referral to the child's record it is about; once joined, it stays.</summary>
    public void JoinChild(ChildId child)
    {
        if (ChildId is { } joined && joined != child)
        {
            throw new InvalidOperationException($"Referral {Reference} is already about child {joined}.");
        }
        ChildId = child;
    }

    /// <summary>Marks that this referral made a repeated concern about the child.</summary>
    public void MarkRepeatedConcern() => RepeatedConcern = true;

    /// <summary>
    /// Whether the front door may record this decision now, with every problem found: the same checks
    /// <see cref="Decide"/> makes, so that a page can show them beside other findings before saving.
    /// "Consent", "choice" or "lifestyle" cannot be the reason to close a referral about a child.
    /// </summary>
    public Failure? CheckDecision(Actor by, ReferralOutcome? outcome, string? rationale, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsFrontDoor)
        {
            return Failure.Forbidden("Only the front door of children's social care decides on referrals");
        }
        if (Status != ReferralStatus.AwaitingDecision)
        {
            return Failure.Conflict("This referral already has a decision" + (Status == ReferralStatus.AwaitingSignOff ? " waiting for a manager's sign-off" : ""), "Outcome");
        }
        var errors = new List<FieldError>();
        if (outcome is not { } chosen || !Enum.IsDefined(chosen))
        {
            errors.Add(new("Outcome", "Select what happens next"));
        }
        if (StorableText.Check(rationale, "The rationale", TextShape.MultiLine, "Explain why you made this decision") is { } rationaleProblem)
        {
            errors.Add(new("Rationale", rationaleProblem));
        }
        else if (rationale!.Length > RationaleMaxLength)
        {
            errors.Add(new("Rationale", $"The rationale must be {RationaleMaxLength:N0} characters or fewer"));
        }
        else if (RefusalToClose(outcome, rationale, today) is { } refusal)
        {
            errors.Add(new("Rationale", refusal));
        }
        return errors.Count == 0 ? null : Failure.Invalid(errors);
    }

    /// <summary>Why this rationale cannot close the referral (it rests on the child's consent or choice), or null.</summary>
    public string? RefusalToClose(ReferralOutcome? outcome, string? rationale, DateOnly today) =>
        outcome is { } chosen && Enum.IsDefined(chosen) && !string.IsNullOrWhiteSpace(rationale)
            ? ReferralRules.RefuseConsentAsReasonToClose(chosen, ChildAgeOn(today), rationale)
            : null;

    /// <summary>
    /// Records the front door's decision. A decision that needs a manager's sign-off waits for it
    /// (<see cref="ReferralRules.NeedsSignOff"/>) on its own clock, due by <paramref name="signOffDueBy"/>;
    /// any other is final at once. Either way the decision joins the referral's history.
    /// </summary>
    public Failure? Decide(Actor by, ReferralOutcome? outcome, string? rationale, DateTimeOffset at, DateOnly today, DateTimeOffset signOffDueBy)
    {
        if (CheckDecision(by, outcome, rationale, today) is { } problem)
        {
            return problem;
        }
        Outcome = outcome!.Value;
        DecisionRationale = rationale!.Trim();
        DecidedBy = by.Id;
        DecidedAt = at;
        ReturnedReason = null;
        ReturnedTo = null;
        var needsSignOff = ReferralRules.NeedsSignOff(Outcome.Value, FromProfessional, ConcernsSexualHarmOrExploitation);
        Status = needsSignOff ? ReferralStatus.AwaitingSignOff : ReferralStatus.Decided;
        SignOffDueBy = needsSignOff ? signOffDueBy : null;
        _history.Add(new(needsSignOff ? ReferralHistoryKind.ProposedForSignOff : ReferralHistoryKind.Decided, at, by.Id, Outcome, DecisionRationale));
        return null;
    }

    /// <summary>A front-door manager gives an undecided referral to a front-door worker, who then owns it.</summary>
    public Failure? Allocate(Actor by, Actor? to, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsFrontDoor)
        {
            return Failure.Forbidden("Only the front door of children's social care allocates referrals");
        }
        if (!by.IsFrontDoorManager)
        {
            return Failure.Invalid("AllocateTo", "Only a team manager or a more senior manager can allocate referrals");
        }
        if (Status == ReferralStatus.Decided)
        {
            return Failure.Conflict("This referral is already decided", "AllocateTo");
        }
        if (to is null || !to.IsFrontDoor)
        {
            return Failure.Invalid("AllocateTo", "Select who will work on this referral");
        }
        AllocatedTo = to.Id;
        AllocatedAt = at;
        return null;
    }

    /// <summary>
    /// A front-door manager agrees with a decision waiting for sign-off, which becomes final. The person
    /// who decided cannot sign off their own decision.
    /// </summary>
    public Failure? SignOff(Actor by, DateTimeOffset at)
    {
        if (CheckSignOff(by) is { } problem)
        {
            return problem;
        }
        Status = ReferralStatus.Decided;
        SignedOffBy = by.Id;
        SignedOffAt = at;
        _history.Add(new(ReferralHistoryKind.SignedOff, at, by.Id, Outcome, null));
        return null;
    }

    /// <summary>
    /// A front-door manager sends a decision waiting for sign-off back to the front door with a reason;
    /// the referral waits for a fresh decision on the same clock, from whoever recorded the one sent back.
    /// The reason stays in the history, beside the decision it sent back.
    /// </summary>
    public Failure? SendBack(Actor by, string? reason, DateTimeOffset at)
    {
        if (CheckSignOff(by) is { } problem)
        {
            return problem;
        }
        if (StorableText.Check(reason, "The reason", TextShape.MultiLine, "Say why you are sending the decision back") is { } reasonProblem)
        {
            return Failure.Invalid("Reason", reasonProblem);
        }
        if (reason!.Length > RationaleMaxLength)
        {
            return Failure.Invalid("Reason", $"The reason must be {RationaleMaxLength:N0} characters or fewer");
        }
        Status = ReferralStatus.AwaitingDecision;
        ReturnedReason = reason.Trim();
        ReturnedTo = DecidedBy;
        SignOffDueBy = null;
        _history.Add(new(ReferralHistoryKind.SentBack, at, by.Id, null, ReturnedReason));
        Outcome = null;
        DecisionRationale = null;
        DecidedAt = null;
        DecidedBy = null;
        return null;
    }

    /// <summary>Whether <paramref name="by"/> may sign off (or send back) the decision waiting on this referral now.</summary>
    public bool MayBeSignedOffBy(Actor by) => CheckSignOff(by) is null;

    private Failure? CheckSignOff(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsFrontDoor)
        {
            return Failure.Forbidden("Only the front door of children's social care signs off decisions");
        }
        if (!by.IsFrontDoorManager)
        {
            return Failure.Invalid("Agree", "Only a team manager or a more senior manager can sign off this decision");
        }
        if (Status != ReferralStatus.AwaitingSignOff)
        {
            return Failure.Conflict("This referral has no decision waiting for sign-off", "Agree");
        }
        if (by.Id == DecidedBy)
        {
            return Failure.Invalid("Agree", "You made this decision, so another manager must sign it off");
        }
        return null;
    }

    /// <summary>
    /// A professional challenge to the decision was upheld: the decision is set aside and the referral
    /// goes back to the front door with the reason and a fresh clock. <paramref name="by"/> is the service manager who upheld it.
    /// </summary>
    public Failure? Reconsider(Guid by, string reason, DateTimeOffset at, DateTimeOffset dueBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status != ReferralStatus.Decided)
        {
            return Failure.Conflict("Only a decided referral can be reconsidered", "Response");
        }
        Status = ReferralStatus.AwaitingDecision;
        ReturnedReason = reason;
        ReturnedTo = null;
        SignOffDueBy = null;
        _history.Add(new(ReferralHistoryKind.SetAside, at, by, null, reason));
        Outcome = null;
        DecisionRationale = null;
        DecidedAt = null;
        DecidedBy = null;
        SignedOffAt = null;
        SignedOffBy = null;
        DecisionDueBy = dueBy;
        return null;
    }
}
