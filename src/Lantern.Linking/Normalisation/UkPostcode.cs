using System.Text;

namespace Lantern.Linking.Normalisation;

/// <summary>A postcode normalised for comparison. For a UK postcode the outward code and sector are set.</summary>
public sealed record Postcode(string Value, string? Outward, string? Sector, bool IsUk)
{
    public static readonly Postcode Missing = new("", null, null, false);

    public bool IsMissing => Value.Length == 0;
}

/// <summary>UK postcode normalisation: "m11aa", " M1  1AA " -> "M1 1AA", outward "M1", sector "M1 1".</summary>
public static class UkPostcode
{
    public static Postcode Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Postcode.Missing;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        var compact = sb.ToString();
        if (compact.Length == 0)
        {
            return Postcode.Missing;
        }
        if (compact.Length is >= 5 and <= 7)
        {
            var outward = compact[..^3];
            var inward = FixInward(compact[^3..]);
            if (inward is not null && IsOutward(outward))
            {
                return new Postcode($"{outward} {inward}", outward, $"{outward} {inward[0]}", true);
            }
        }
        return new Postcode(compact, null, null, false);
    }

    // The inward code is digit-letter-letter; a letter O typed for a zero is common.
    private static string? FixInward(string inward)
    {
        var d = inward[0] == 'O' ? '0' : inward[0];
        return char.IsAsciiDigit(d) && char.IsAsciiLetter(inward[1]) && char.IsAsciiLetter(inward[2]) ? $"{d}{inward[1..]}" : null;
    }

    // Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
    private static bool IsOutward(string o) => o.Length switch
    {
        2 => char.IsAsciiLetter(o[0]) && char.IsAsciiDigit(o[1]),
        3 => char.IsAsciiLetter(o[0]) && ((char.IsAsciiDigit(o[1]) && char.IsAsciiLetterOrDigit(o[2])) || (char.IsAsciiLetter(o[1]) && char.IsAsciiDigit(o[2]))),
        4 => char.IsAsciiLetter(o[0]) && char.IsAsciiLetter(o[1]) && char.IsAsciiDigit(o[2]) && char.IsAsciiLetterOrDigit(o[3]),
        _ => false,
    };
}
