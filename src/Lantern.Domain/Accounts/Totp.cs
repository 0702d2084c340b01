using System.Security.Cryptography;
using System.Text;

namespace Lantern.Domain.Accounts;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps counted from the Unix
/// epoch, six digits, as authenticator apps compute them. A code is accepted for the step it names and the
/// steps either side (a phone's clock may be a little out); the caller refuses any step at or before the last
/// one it accepted, so a code is used once.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>Steps either side of now that are still accepted.</summary>
    public const int Tolerance = 1;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The 30-second step that <paramref name="instant"/> falls in.</summary>
    public static long TimeStep(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The start of <paramref name="step"/>.</summary>
    public static DateTimeOffset StartOf(long step) => DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds);

    /// <summary>The code of <paramref name="step"/> for <paramref name="key"/>, with <paramref name="digits"/> digits (RFC 4226 section 5.3).</summary>
    public static string Compute(ReadOnlySpan<byte> key, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its use here as a PRF is not broken.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code <paramref name="code"/> is, among the steps within <see cref="Tolerance"/> of
    /// <paramref name="now"/>; null when it is none of them. Every candidate is compared in fixed time.
    /// </summary>
    public static long? MatchingStep(ReadOnlySpan<byte> key, string? code, DateTimeOffset now)
    {
        var typed = Normalise(code);
        if (typed is null)
        {
            return null;
        }
        var current = TimeStep(now);
        long? found = null;
        for (var step = current - Tolerance; step <= current + Tolerance; step++)
        {
            var expected = Encoding.ASCII.GetBytes(Compute(key, step));
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(typed)) && found is null)
            {
                found = step;
            }
        }
        return found;
    }

    /// <summary>The six digits typed, without the spaces and hyphens people put in; null when it is not six digits.</summary>
    public static string? Normalise(string? code)
    {
        if (code is null)
        {
            return null;
        }
        var digits = new StringBuilder(Digits);
        foreach (var c in code)
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            if (c is < '0' or > '9' || digits.Length == Digits)
            {
                return null;
            }
            digits.Append(c);
        }
        return digits.Length == Digits ? digits.ToString() : null;
    }

    /// <summary>A new secret of 20 random bytes (160 bits, as RFC 4226 recommends), in base32 as authenticator apps take it.</summary>
    public static string NewKey() => ToBase32(RandomNumberGenerator.GetBytes(20));

    /// <summary>RFC 4648 base32 without padding.</summary>
    public static string ToBase32(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0)
        {
            text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }

    /// <summary>Reads RFC 4648 base32, ignoring case, spaces, hyphens and padding; null when it is not base32.</summary>
    public static byte[]? FromBase32(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '=')
            {
                continue;
            }
            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return bytes.Count == 0 ? null : [.. bytes];
    }
}
