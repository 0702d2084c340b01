using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lantern.Domain.Network;

/// <summary>
/// A registration as the records write it, folded so that the same plate matches however it was typed:
/// upper case, spaces and punctuation gone, and the letters most often misread for digits (O for 0, I for 1)
/// read as those digits. A plate written with a gap (?, *, _ or "...") for what the witness did not see is
/// partial; its key keeps the gap as '?' (one character) or '*' (any run).
/// </summary>
public static partial class VehicleRegistration
{
    public const int MaxLength = 20;

    /// <summary>The plate's key, or null when nothing in it can be a plate (no letter or digit).</summary>
    public static string? Key(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var text = written.Trim().Replace("...", "*", StringComparison.Ordinal).Replace("…", "*", StringComparison.Ordinal);
        var key = new StringBuilder(text.Length);
        var letters = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            switch (c)
            {
                case >= 'A' and <= 'Z':
                    key.Append(c switch { 'O' => '0', 'I' => '1', _ => c });
                    letters++;
                    break;
                case >= '0' and <= '9':
                    key.Append(c);
                    letters++;
                    break;
                case '?' or '_':
                    key.Append('?');
                    break;
                case '*':
                    if (key.Length == 0 || key[^1] != '*')
                    {
                        key.Append('*');
                    }
                    break;
                default:
                    break;
            }
        }
        return letters == 0 ? null : key.ToString();
    }

    /// <summary>Whether a key has gaps for characters not seen.</summary>
    public static bool IsPartial(string key) => key is not null && key.AsSpan().IndexOfAny('?', '*') >= 0;

    /// <summary>Whether a full plate's key fits a partial key ('?' one character, '*' any run, possibly none).</summary>
    public static bool Fits(string partialKey, string fullKey)
    {
        ArgumentNullException.ThrowIfNull(partialKey);
        ArgumentNullException.ThrowIfNull(fullKey);
        var pattern = "^" + string.Concat(partialKey.Select(c => c switch { '?' => ".", '*' => ".*", _ => Regex.Escape(c.ToString()) })) + "$";
        return Regex.IsMatch(fullKey, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The characters of a partial key before its first gap: what every plate it fits starts with.</summary>
    public static string KnownStart(string partialKey)
    {
        ArgumentNullException.ThrowIfNull(partialKey);
        var gap = partialKey.AsSpan().IndexOfAny('?', '*');
        return gap < 0 ? partialKey : partialKey[..gap];
    }
}

/// <summary>
/// A phone number as the records write it, read as one number however it was spaced or prefixed:
/// "07700 900123", "+44 7700 900123", "0044-7700-900-123" and "(07700) 900 123" are all +447700900123.
/// </summary>
public static class PhoneNumber
{
    public const int MaxLength = 40;

    /// <summary>
    /// The number in international form (+ and digits), UK numbers written nationally given +44; null when
    /// there are too few or too many digits for a phone number, or letters in it.
    /// </summary>
    public static string? Key(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var text = written.Trim();
        var digits = new StringBuilder(text.Length);
        var plus = false;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return null;
            }
        }
        var d = digits.ToString();
        if (!plus && d.StartsWith("00", StringComparison.Ordinal))
        {
            (plus, d) = (true, d[2..]);
        }
        if (plus)
        {
            // +44 (0)7700 900123: the national 0 written inside an international number.
            if (d.StartsWith("440", StringComparison.Ordinal) && d.Length == 13)
            {
                d = "44" + d[3..];
            }
            return d.Length is >= 7 and <= 15 ? "+" + d : null;
        }
        if (d.StartsWith('0') && d.Length is 10 or 11)
        {
            return "+44" + d[1..];
        }
        if (d.StartsWith("44", StringComparison.Ordinal) && d.Length == 12)
        {
            return "+" + d;
        }
        // A local number without its area code, or a short code: kept as digits so the same writing still meets.
        return d.Length is >= 6 and <= 15 ? d : null;
    }
}

/// <summary>
/// Names of places and people folded for matching: lower case, accents and punctuation gone, spaces
/// collapsed, and (for places) a leading "the" dropped, so "The Star Grill" meets "star grill".
/// </summary>
public static partial class NameKey
{
    public static string? Place(string? written)
    {
        var key = Fold(written);
        if (key is null)
        {
            return null;
        }
        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }
        return key.Length == 0 ? null : key;
    }

    /// <summary>A person's name or nickname folded; quotation marks around a nickname ("'Boss'") do not count.</summary>
    public static string? Person(string? written) => Fold(written);

    /// <summary>A UK postcode found in an address, upper case without spaces (M11 4AB → M114AB), or null.</summary>
    public static string? Postcode(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var match = PostcodePattern().Match(address.ToUpperInvariant());
        return match.Success ? match.Groups[1].Value + match.Groups[2].Value : null;
    }

    private static string? Fold(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        // What cannot be read (a noncharacter, half a surrogate pair, an unassigned code point) is not part of a name
        // and would make normalisation throw: a search may be typed with anything in it.
        var readable = new StringBuilder(written.Length);
        foreach (var rune in Readable(written))
        {
            readable.Append(rune.ToString());
        }
        var decomposed = readable.ToString().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘' or '"' or '“' or '”')
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (space && key.Length > 0)
                {
                    key.Append(' ');
                }
                key.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return key.Length == 0 ? null : key.ToString();
    }

    private static IEnumerable<Rune> Readable(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done
                && !StorableText.IsNoncharacter(rune.Value) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherNotAssigned)
            {
                yield return rune;
            }
            i += Math.Max(used, 1);
        }
    }

    [GeneratedRegex(@"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex PostcodePattern();
}

/// <summary>
/// An age as a record wrote it ("about 40", "late 30s", "25-30", "40") read as the youngest and oldest the
/// person could be when it was written; null when the words say no age. A decade alone ("30s") is 30 to 39.
/// </summary>
public static partial class WrittenAge
{
    public const int MaxLength = 60;

    public static (int Youngest, int Oldest)? Read(string? written)
    {
        if (string.IsNullOrWhiteSpace(written))
        {
            return null;
        }
        var text = written.Trim().ToLowerInvariant();
        if (Range().Match(text) is { Success: true } range)
        {
            var (a, b) = (Number(range.Groups[1]), Number(range.Groups[2]));
            return Sane(Math.Min(a, b), Math.Max(a, b));
        }
        if (Decade().Match(text) is { Success: true } decade)
        {
            var tens = Number(decade.Groups[2]) * 10;
            return decade.Groups[1].Value switch
            {
                "early" => Sane(tens, tens + 3),
                "mid" or "mid-" => Sane(tens + 3, tens + 6),
                "late" => Sane(tens + 6, tens + 9),
                _ => Sane(tens, tens + 9),
            };
        }
        if (Single().Match(text) is { Success: true } single)
        {
            var years = Number(single.Groups[2]);
            return single.Groups[1].Success && single.Groups[1].Value.Length > 0 ? Sane(years - 3, years + 3) : Sane(years, years);
        }
        return null;
    }

    /// <summary>Whether two written ages could be the same person's, allowing for the years between the writings.</summary>
    public static bool Compatible((int Youngest, int Oldest)? a, DateOnly aOn, (int Youngest, int Oldest)? b, DateOnly bOn)
    {
        if (a is not { } x || b is not { } y)
        {
            return true;
        }
        var years = (bOn.DayNumber - aOn.DayNumber) / 365.25;
        var shift = (int)Math.Round(years);
        return x.Youngest + shift - 1 <= y.Oldest && y.Youngest <= x.Oldest + shift + 1;
    }

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static (int, int)? Sane(int youngest, int oldest) =>
        youngest < 0 || oldest > 120 || youngest > oldest ? null : (Math.Max(0, youngest), oldest);

    [GeneratedRegex(@"\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(early|mid-?|late)?\s*(\d)0'?s\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Decade();

    [GeneratedRegex(@"\b(about|around|approx(?:imately)?\.?|roughly|c\.?|circa)?\s*(\d{1,3})\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Single();
}
