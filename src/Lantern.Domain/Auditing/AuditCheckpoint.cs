using System.Globalization;
using System.Text;

namespace Lantern.Domain.Auditing;

/// <summary>
/// A signed statement, kept outside the database, that when <see cref="At"/> came the trail's event
/// <see cref="Sequence"/> had the hash <see cref="Head"/>. A node numbers its checkpoints 1, 2, 3... in
/// <see cref="Number"/>, so a checkpoint removed from between others leaves a gap. The signature is over
/// <see cref="Payload()"/> with the key named by <see cref="KeyId"/>, which the database never holds.
/// </summary>
public sealed record AuditCheckpoint(string Node, long Number, long Sequence, string Head, DateTimeOffset At, string KeyId, string Signature)
{
    public const int FormatVersion = 1;

    /// <summary>How the trail and the stores name it: the node and its number, such as <c>web-1#12</c>.</summary>
    public string Id => IdOf(Node, Number);

    public static string IdOf(string node, long number) => node + "#" + number.ToString(CultureInfo.InvariantCulture);

    public byte[] Payload() => Payload(Node, Number, Sequence, Head, At, KeyId);

    /// <summary>
    /// The bytes that are signed: 0x01 (event hashes begin with 0x00, so a checkpoint can never be
    /// taken for an event) and the fields in the trail's canonical form.
    /// </summary>
    public static byte[] Payload(string node, long number, long sequence, string head, DateTimeOffset at, string keyId)
    {
        var sb = new StringBuilder(256);
        AuditChain.Append(sb, "checkpoint", "lantern-audit");
        AuditChain.Append(sb, "v", FormatVersion.ToString(CultureInfo.InvariantCulture));
        AuditChain.Append(sb, "node", node);
        AuditChain.Append(sb, "n", number.ToString(CultureInfo.InvariantCulture));
        AuditChain.Append(sb, "seq", sequence.ToString(CultureInfo.InvariantCulture));
        AuditChain.Append(sb, "head", head);
        AuditChain.Append(sb, "at", at.UtcTicks.ToString(CultureInfo.InvariantCulture));
        AuditChain.Append(sb, "key", keyId);
        var text = sb.ToString();
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(text)];
        bytes[0] = 0x01;
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return bytes;
    }
}
