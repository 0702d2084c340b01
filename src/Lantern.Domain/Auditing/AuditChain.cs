using System.Security.Cryptography;
using System.Text;

namespace Lantern.Domain.Auditing;

/// <summary>
/// The fields of one audit event that its hash commits to. The canonical form is fixed:
/// changing it breaks every chain already written, so a new field needs a new version number.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset OccurredAt,
    int Code,
    string Action,
    string Outcome,
    string? ActorId,
    string? ActorName,
    string? AgencyId,
    string? Role,
    string? RecordType,
    string? RecordId,
    string? Reason,
    string? CorrelationId);

/// <summary>
/// Hash chain over audit events (Schneier and Kelsey): h(n) = SHA-256(0x00 || h(n-1) || canonical(e(n))).
/// The leading 0x00 separates event hashes from any later checkpoint hashes (as RFC 6962 does).
/// </summary>
public static class AuditChain
{
    public const int FormatVersion = 1;

    /// <summary>The hash that the first event chains from.</summary>
    public static string Genesis { get; } = new('0', 64);

    public static string Hash(string previousHash, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(record);
        var canonical = Canonical(record);
        var bytes = new byte[1 + 32 + Encoding.UTF8.GetByteCount(canonical)];
        bytes[0] = 0x00;
        Convert.FromHexString(previousHash).CopyTo(bytes, 1);
        Encoding.UTF8.GetBytes(canonical, bytes.AsSpan(33));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// One line per field, each as name=length:value, so no value can be crafted to look like
    /// another field (no delimiter injection) and a missing value differs from an empty one.
    /// </summary>
    public static string Canonical(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sb = new StringBuilder(256);
        Append(sb, "v", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(sb, "seq", record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(sb, "at", record.OccurredAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(sb, "code", record.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(sb, "action", record.Action);
        Append(sb, "outcome", record.Outcome);
        Append(sb, "actor", record.ActorId);
        Append(sb, "actorName", record.ActorName);
        Append(sb, "agency", record.AgencyId);
        Append(sb, "role", record.Role);
        Append(sb, "recordType", record.RecordType);
        Append(sb, "recordId", record.RecordId);
        Append(sb, "reason", record.Reason);
        Append(sb, "correlation", record.CorrelationId);
        return sb.ToString();
    }

    internal static void Append(StringBuilder sb, string name, string? value)
    {
        sb.Append(name).Append('=');
        if (value is null)
        {
            sb.Append('-');
        }
        else
        {
            sb.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);
        }
        sb.Append('\n');
    }

    /// <summary>
    /// Walks events in stored order and reports the first one that breaks the chain: a gap or
    /// repeat in the sequence (removed, inserted or reordered), a wrong previous hash, or a hash
    /// that does not match the event's content (altered).
    /// </summary>
    public static AuditVerification Verify(IEnumerable<(AuditRecord Record, string PreviousHash, string Hash)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var expectedPrevious = Genesis;
        long expectedSequence = 1;
        long count = 0;
        foreach (var (record, previousHash, hash) in events)
        {
            if (record.Sequence != expectedSequence)
            {
                return AuditVerification.Broken(count, record.Sequence,
                    $"sequence {record.Sequence} found where {expectedSequence} was expected (an event was removed, inserted or reordered)");
            }
            if (!string.Equals(previousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(count, record.Sequence,
                    "its previous-hash does not match the hash of the event before it (an event was removed, inserted or reordered)");
            }
            var recomputed = Hash(previousHash, record);
            if (!string.Equals(recomputed, hash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(count, record.Sequence,
                    "its content does not match its hash (the event was altered)");
            }
            expectedPrevious = hash;
            expectedSequence++;
            count++;
        }
        return AuditVerification.Intact(count, expectedPrevious);
    }
}

public sealed record AuditVerification(bool IsIntact, long EventsVerified, long? FirstBadSequence, string? Problem, string? HeadHash)
{
    public static AuditVerification Intact(long count, string head) => new(true, count, null, null, head);

    public static AuditVerification Broken(long verified, long sequence, string problem) => new(false, verified, sequence, problem, null);
}
