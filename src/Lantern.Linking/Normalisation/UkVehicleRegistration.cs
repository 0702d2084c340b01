using System.Text;

namespace Lantern.Linking.Normalisation;

public enum RegistrationFormat
{
    Unknown,
    Current,
    Prefix,
    Suffix,
    Dateless,
}

/// <summary>A vehicle registration mark: the canonical form and a key that ignores O/0 and I/1 confusions.</summary>
public sealed record VehicleRegistration(string Value, string ConfusionKey, RegistrationFormat Format);

/// <summary>
/// UK registration marks in the four formats issued since 1903: current (AB12 CDE, 2001-), prefix
/// (A123 BCD, 1983-2001), suffix (ABC 123D, 1963-83) and dateless (ABC 123, 1234 AB). Where a format
/// fixes a position as letter or digit, 0 and O, and 1 and I, are read as the kind that fits.
/// </summary>
public static class UkVehicleRegistration
{
    // L = letter, D = digit, d = optional digit.
    private static readonly (RegistrationFormat Format, string Pattern)[] Patterns =
    [
        (RegistrationFormat.Current, "LLDDLLL"),
        (RegistrationFormat.Prefix, "LDLLL"), (RegistrationFormat.Prefix, "LDDLLL"), (RegistrationFormat.Prefix, "LDDDLLL"),
        (RegistrationFormat.Suffix, "LLLDL"), (RegistrationFormat.Suffix, "LLLDDL"), (RegistrationFormat.Suffix, "LLLDDDL"),
        (RegistrationFormat.Dateless, "LLLDDD"), (RegistrationFormat.Dateless, "LLLDD"), (RegistrationFormat.Dateless, "LLLD"),
        (RegistrationFormat.Dateless, "LLDDDD"), (RegistrationFormat.Dateless, "LLDDD"), (RegistrationFormat.Dateless, "LLDD"),
        (RegistrationFormat.Dateless, "LDDDD"), (RegistrationFormat.Dateless, "LDDD"), (RegistrationFormat.Dateless, "LDD"),
        (RegistrationFormat.Dateless, "DDDDLLL"), (RegistrationFormat.Dateless, "DDDLLL"), (RegistrationFormat.Dateless, "DDLLL"),
        (RegistrationFormat.Dateless, "DDDDLL"), (RegistrationFormat.Dateless, "DDDLL"), (RegistrationFormat.Dateless, "DDLL"),
        (RegistrationFormat.Dateless, "DDDDL"), (RegistrationFormat.Dateless, "DDDL"), (RegistrationFormat.Dateless, "DL"),
    ];

    public static VehicleRegistration? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
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
        if (compact.Length is < 2 or > 7)
        {
            return null;
        }
        // The exact reading wins over one that needs a confusion repaired.
        foreach (var (format, pattern) in Patterns)
        {
            if (pattern.Length == compact.Length && Fits(compact, pattern, repair: false))
            {
                return Make(compact, format, pattern);
            }
        }
        foreach (var (format, pattern) in Patterns)
        {
            if (pattern.Length == compact.Length && Fits(compact, pattern, repair: true))
            {
                return Make(Repair(compact, pattern), format, pattern);
            }
        }
        return new VehicleRegistration(compact, Key(compact), RegistrationFormat.Unknown);
    }

    private static VehicleRegistration Make(string value, RegistrationFormat format, string pattern)
    {
        // Display with the usual space: before the last three letters (current, prefix) or after the letters.
        var split = format switch
        {
            RegistrationFormat.Current => 4,
            RegistrationFormat.Prefix => value.Length - 3,
            RegistrationFormat.Suffix => 3,
            _ => pattern.IndexOf(pattern[0] == 'L' ? 'D' : 'L', StringComparison.Ordinal),
        };
        var display = split > 0 && split < value.Length ? $"{value[..split]} {value[split..]}" : value;
        return new VehicleRegistration(display, Key(value), format);
    }

    private static bool Fits(string s, string pattern, bool repair)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = pattern[i] == 'L'
                ? char.IsAsciiLetter(c) || (repair && c is '0' or '1')
                : char.IsAsciiDigit(c) || (repair && c is 'O' or 'I');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static string Repair(string s, string pattern)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (pattern[i], chars[i]) switch
            {
                ('L', '0') => 'O',
                ('L', '1') => 'I',
                ('D', 'O') => '0',
                ('D', 'I') => '1',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    private static string Key(string s) => s.Replace(" ", "", StringComparison.Ordinal).Replace('O', '0').Replace('I', '1');
}
