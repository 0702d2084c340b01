using System.Security.Cryptography;

namespace Lantern.Domain.Records;

/// <summary>
/// The references people quote on the phone and in mails (REF-7KQ2M9XD4A for a referral,
/// MIS-... for a missing episode): a prefix and ten random characters.
/// </summary>
public static class RecordReference
{
    // Crockford base32 without I, L, O, U: easy to read out on the phone.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The prefix, a hyphen and ten random characters (50 bits): unguessable and unique in practice; a unique index guards it.</summary>
    public static string New(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }
        return prefix + "-" + new string(chars);
    }
}
