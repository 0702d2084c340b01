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

    public DateTimeOffset DecisionDueBy { get; init; }

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

    public required string WhatHappened { get; init; }

    public required string WhyWorried { get; init; }

    public bool ConcernsSexualHarmOrExploitation { get; init; }

    public FamilyAwareness FamilyAwareness { get; init; }

    public LawfulBasis LawfulBasis { get; init; }

    public List<ReferralMention> Mentions { get; } = [];

    public ReferralOutcome? Outcome { get; set; }

    public string? DecisionRationale { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>Bumped on every change so that an edit never silently overwrites another.</summary>
    public long Version { get; set; }
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
