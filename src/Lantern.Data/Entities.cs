using Lantern.Domain.Partnership;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Data;

/// <summary>A person who signs in: a practitioner of one agency with one role.</summary>
public sealed class LanternUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public Role Role { get; set; }

    public AgencyId AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public TeamId? TeamId { get; set; }

    public Team? Team { get; set; }

    public string? JobTitle { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The 30-second step of the last authenticator code accepted: a code of this step or an earlier one is refused,
    /// so each code signs in once, on whichever node it is typed.
    /// </summary>
    public long? AuthenticatorLastTimeStep { get; set; }
}

/// <summary>
/// One row of the append-only audit trail. Rows are only ever inserted; the hash chain makes
/// any later change, removal, insertion or reordering detectable by <c>lantern audit verify</c>.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public int Code { get; init; }

    public required string Action { get; init; }

    public required string Outcome { get; init; }

    public string? ActorId { get; init; }

    public string? ActorName { get; init; }

    public string? AgencyId { get; init; }

    public string? Role { get; init; }

    public string? RecordType { get; init; }

    public string? RecordId { get; init; }

    public string? Reason { get; init; }

    public string? CorrelationId { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }
}

/// <summary>
/// A message in a person's in-app inbox. Mails carry the same subject and link, never a child's
/// details: the inbox (behind sign-in) is where the detail is.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid? RecipientUserId { get; init; }

    /// <summary>Where the mail goes: the user's address, or a referrer's address given through the API.</summary>
    public string? RecipientEmail { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>A path in Lantern, such as /referrals/REF-7KQ2M9XD4A.</summary>
    public string? Link { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When the mail was handed to the mail system; null until then (a sender retries).</summary>
    public DateTimeOffset? MailedAt { get; set; }

    /// <summary>Failed attempts to send the mail so far.</summary>
    public int MailAttempts { get; set; }

    /// <summary>
    /// Not before this instant may a sender try the mail (again): set as a short claim while one node
    /// sends, so no other node sends it too, and further out after each failure.
    /// </summary>
    public DateTimeOffset? NextMailAttemptAt { get; set; }

    /// <summary>The kind of the last failure (never its message, which may hold an address).</summary>
    public string? LastMailError { get; set; }

    /// <summary>
    /// When sending was given up: the address cannot be sent to, or every attempt failed. Never tried again
    /// unless an operator puts it back; the inbox message is unaffected.
    /// </summary>
    public DateTimeOffset? MailFailedAt { get; set; }
}
