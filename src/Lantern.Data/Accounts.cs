namespace Lantern.Data;

/// <summary>Why a session ended.</summary>
public enum SessionEnd
{
    /// <summary>Its owner signed out in it.</summary>
    SignedOut = 1,

    /// <summary>Its owner ended it from their list of sessions.</summary>
    EndedByOwner = 2,

    /// <summary>Nothing was done in it for longer than the idle time-out.</summary>
    IdleTimeout = 3,

    /// <summary>It reached the longest a session may last.</summary>
    MaximumLifetime = 4,

    /// <summary>Its owner set up two-factor sign-in in it, which began a new session.</summary>
    Replaced = 5,

    /// <summary>The account was disabled, locked, reset or given another role.</summary>
    AccountChanged = 6,
}

/// <summary>
/// One signed-in session: a browser that signed in, until it signs out, is ended by its owner, or times out.
/// The sign-in cookie names it, and every request checks it, so ending it here ends it on every node.
/// </summary>
public sealed class UserSession
{
    public const int DeviceMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    /// <summary>The browser and system, in words ("Chrome on Windows"), from the User-Agent at sign-in.</summary>
    public required string Device { get; init; }

    /// <summary>Whether the second factor was given at sign-in (or set up in this session).</summary>
    public bool TwoFactor { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The last request, to the nearest minute (it is written at most once a minute).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public SessionEnd? EndReason { get; set; }
}

/// <summary>
/// A recovery code for two-factor sign-in, kept only as its SHA-256 hash: each is 120 random bits, too many to
/// guess from the hash, and is used once.
/// </summary>
public sealed class RecoveryCode
{
    public long Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>SHA-256 of the code as normalised (lower case, no spaces or hyphens), hex.</summary>
    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }
}
