using Lantern.Domain.Partnership;

namespace Lantern.Data;

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
