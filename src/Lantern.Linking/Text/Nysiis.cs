using System.Text;

namespace Lantern.Linking.Text;

/// <summary>
/// NYSIIS (New York State Identification and Intelligence System, 1970) in its original form,
/// untruncated. A second phonetic key alongside Double Metaphone: it keeps vowel positions
/// (as 'A'), so it separates some names that Double Metaphone merges (Mohammed and Mahmood).
/// </summary>
public static class Nysiis
{
    public static string Encode(string? word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return "";
        }
        var letters = new StringBuilder(word.Length);
        foreach (var ch in word)
        {
            var c = char.ToUpperInvariant(ch);
            if (c is >= 'A' and <= 'Z')
            {
                letters.Append(c);
            }
        }
        if (letters.Length == 0)
        {
            return "";
        }
        var name = letters.ToString();
        name = name switch
        {
            _ when name.StartsWith("MAC", StringComparison.Ordinal) => "MCC" + name[3..],
            _ when name.StartsWith("KN", StringComparison.Ordinal) => "NN" + name[2..],
            _ when name.StartsWith('K') => "C" + name[1..],
            _ when name.StartsWith("PH", StringComparison.Ordinal) || name.StartsWith("PF", StringComparison.Ordinal) => "FF" + name[2..],
            _ when name.StartsWith("SCH", StringComparison.Ordinal) => "SSS" + name[3..],
            _ => name,
        };
        if (name.EndsWith("EE", StringComparison.Ordinal) || name.EndsWith("IE", StringComparison.Ordinal))
        {
            name = name[..^2] + "Y";
        }
        else if (name.Length >= 2 && name[^1..] == "T" && name[^2] is 'D' or 'R' or 'N')
        {
            name = name[..^2] + "D";
        }
        else if (name.Length >= 2 && name[^1] == 'D' && name[^2] is 'R' or 'N')
        {
            name = name[..^2] + "D";
        }

        var chars = name.ToCharArray();
        var key = new StringBuilder(chars.Length);
        key.Append(chars[0]);
        for (var i = 1; i < chars.Length; i++)
        {
            var c = chars[i];
            var next = i + 1 < chars.Length ? chars[i + 1] : '\0';
            if (c == 'E' && next == 'V')
            {
                chars[i] = 'A';
                chars[i + 1] = 'F';
            }
            else if (IsVowel(c))
            {
                chars[i] = 'A';
            }
            else if (c == 'Q')
            {
                chars[i] = 'G';
            }
            else if (c == 'Z')
            {
                chars[i] = 'S';
            }
            else if (c == 'M')
            {
                chars[i] = 'N';
            }
            else if (c == 'K')
            {
                chars[i] = next == 'N' ? 'N' : 'C';
            }
            else if (c == 'S' && next == 'C' && i + 2 < chars.Length && chars[i + 2] == 'H')
            {
                chars[i + 1] = 'S';
                chars[i + 2] = 'S';
            }
            else if (c == 'P' && next == 'H')
            {
                chars[i] = 'F';
                chars[i + 1] = 'F';
            }
            else if (c == 'H' && (!IsVowel(chars[i - 1]) || (next != '\0' && !IsVowel(next)) || next == '\0'))
            {
                chars[i] = chars[i - 1];
            }
            else if (c == 'W' && IsVowel(chars[i - 1]))
            {
                chars[i] = chars[i - 1];
            }
            if (chars[i] != key[^1])
            {
                key.Append(chars[i]);
            }
        }
        if (key.Length > 1 && key[^1] == 'S')
        {
            key.Length--;
        }
        if (key.Length > 2 && key[^2] == 'A' && key[^1] == 'Y')
        {
            key.Remove(key.Length - 2, 1);
        }
        if (key.Length > 1 && key[^1] == 'A')
        {
            key.Length--;
        }
        return key.ToString();
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
