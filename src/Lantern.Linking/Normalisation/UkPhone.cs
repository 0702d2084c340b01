using System.Text;

namespace Lantern.Linking.Normalisation;

/// <summary>UK telephone numbers to E.164 (+44...). Numbers that cannot be a UK number are returned as null.</summary>
public static class UkPhone
{
    public static string? ToE164(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // "+44 (0)161 ..." carries a trunk zero that must not be dialled after the country code.
        var t = text.Replace("(0)", "", StringComparison.Ordinal);
        var plus = t.TrimStart().StartsWith('+');
        var digits = new StringBuilder(t.Length);
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (char.IsAsciiLetter(c))
            {
                return null; // extensions and words: not a plain number
            }
        }
        var d = digits.ToString();
        string national;
        if (plus)
        {
            if (!d.StartsWith("44", StringComparison.Ordinal))
            {
                return d.Length is >= 8 and <= 15 ? "+" + d : null; // a foreign number kept as given
            }
            national = d[2..];
        }
        else if (d.StartsWith("0044", StringComparison.Ordinal))
        {
            national = d[4..];
        }
        else if (d.StartsWith("44", StringComparison.Ordinal) && d.Length is 11 or 12)
        {
            national = d[2..];
        }
        else if (d.StartsWith('0'))
        {
            national = d[1..];
        }
        else
        {
            return null;
        }
        if (national.StartsWith('0'))
        {
            national = national[1..];
        }
        return national.Length is 9 or 10 && national[0] != '0' ? "+44" + national : null;
    }
}
