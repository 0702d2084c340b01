using Lantern.Domain.Mentions;
using Lantern.Domain.Referrals;

namespace Lantern.Features.FrontDoor;

/// <summary>A referral as an agency system sends it to <c>POST /api/v1/referrals</c>.</summary>
public sealed record ReferralRequest
{
    public ChildDetails? Child { get; init; }

    public ConcernDetails? Concern { get; init; }

    public IReadOnlyList<MentionDetails>? Mentions { get; init; }

    public ReferrerDetails? Referrer { get; init; }

    /// <summary>Whether the family knows about the referral.</summary>
    public FamilyAwareness? FamilyAware { get; init; }

    /// <summary>Why the referrer may share this information.</summary>
    public LawfulBasis? LawfulBasis { get; init; }
}

public sealed record ChildDetails
{
    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    /// <summary>Names the child is known by, including nicknames.</summary>
    public string? KnownAs { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    /// <summary>When the date of birth is not known.</summary>
    public int? ApproximateAge { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public string? School { get; init; }

    public string? NhsNumber { get; init; }

    public string? UniquePupilNumber { get; init; }

    public string? PoliceReference { get; init; }
}

public sealed record ConcernDetails
{
    public string? WhatHappened { get; init; }

    public string? WhyWorried { get; init; }

    /// <summary>The concern is about sexual harm or exploitation (sexual or criminal).</summary>
    public bool SexualHarmOrExploitation { get; init; }
}

public sealed record MentionDetails
{
    public MentionKind? Kind { get; init; }

    /// <summary>A person's or place's name, a phone number or a vehicle registration.</summary>
    public string? Value { get; init; }

    /// <summary>Nickname, vehicle make and colour, or how the place is known.</summary>
    public string? Detail { get; init; }
}

public sealed record ReferrerDetails
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }
}

/// <summary>
/// What the front door acknowledges: the reference and when a decision is due, and the child's record
/// the referral joined (its id is how an agency system adds events to the child's chronology).
/// </summary>
public sealed record ReferralReceipt(
    string Reference,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DecisionDueBy,
    ReferralStatus Status,
    Guid? ChildId = null);
