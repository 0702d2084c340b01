using System.Globalization;
using System.Text;

namespace Lantern.Linking.Text;

/// <summary>A name split into given and family parts after normalisation.</summary>
public sealed record PersonName(IReadOnlyList<string> GivenTokens, IReadOnlyList<string> FamilyTokens)
{
    public static readonly PersonName Empty = new([], []);

    /// <summary>The first given name that is more than an initial, else the first initial, else "".</summary>
    public string Given => GivenTokens.FirstOrDefault(t => t.Length > 1) ?? (GivenTokens.Count > 0 ? GivenTokens[0] : "");

    /// <summary>The family name with its parts joined, so "smith jones" and "smith-jones" agree.</summary>
    public string Family => string.Concat(FamilyTokens);

    public bool GivenIsInitial => Given.Length == 1;
}

/// <summary>
/// Name normalisation: case, accents, punctuation, titles, hyphens, particles and initials. Rules are
/// conservative: they remove what agencies add inconsistently (titles, "al-", apostrophes) and join
/// what agencies split inconsistently ("Abdul Rahman" / "Abdulrahman", "Van der Berg" / "Vanderberg").
/// </summary>
public static class NameText
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "revd", "fr",
        "master", "hon", "sheikh", "shaikh", "haji", "hajji", "hajj", "hafiz", "maulana", "mufti", "imam",
        "jr", "jnr", "sr", "snr", "ii", "iii", "iv", "esq", "phd",
    };

    // Articles and connectors dropped outright: "al-Hussain" and "Hussain" are written for one person.
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "al", "el", "bin", "bint", "binti", "ibn", "ben" };

    // Prefixes joined to the next token: "abdul rahman" -> "abdulrahman", "van der berg" -> "vanderberg".
    private static readonly HashSet<string> JoinNext = new(StringComparer.Ordinal)
    {
        "abd", "abdul", "abdel", "abdal", "abdur", "abdu", "abu", "van", "von", "der", "den", "de", "da", "di", "du", "le", "la", "st", "mc", "mac",
    };

    // Suffix particles joined to the previous token: "zia ul haq" -> "ziaulhaq", "nur ud din" -> "nuruddin".
    private static readonly HashSet<string> JoinPrevious = new(StringComparer.Ordinal) { "ul", "ud", "ur", "us", "un" };

    /// <summary>
    /// Lower-case, strip accents and keep only ASCII letters, digits and single spaces. Hyphens,
    /// apostrophes and dots become nothing (O'Brien -> obrien) or a space (Smith-Jones -> smith jones).
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        // Most names are plain ASCII; decomposing them would only cost time.
        var decomposed = Ascii.IsValid(text) ? text : Decompose(text);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var c = char.ToLowerInvariant(raw);
            string? mapped = c switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'đ' or 'ð' => "d",
                'ł' => "l",
                'ı' => "i",
                'þ' => "th",
                _ => null,
            };
            if (mapped is not null)
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }
                pendingSpace = false;
                sb.Append(mapped);
                continue;
            }
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }
                pendingSpace = false;
                sb.Append(c);
            }
            else if (c is '\'' or '’' or '‘' or '`' or '.')
            {
                // Apostrophes and dots join: O'Brien -> obrien; "J." -> j.
            }
            else
            {
                pendingSpace = true;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The text in Unicode's decomposed form. Normalising throws on text that is not valid Unicode (half a surrogate
    /// pair) and on some code points that are not characters (U+FFFE); such text can be stored by an older version or
    /// typed into a search, and must never stop a search. What cannot be a letter separates words instead.
    /// </summary>
    private static string Decompose(string text)
    {
        var sb = new StringBuilder(text.Length);
        Span<char> pair = stackalloc char[2];
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            rest = rest[used..];
            var category = Rune.GetUnicodeCategory(rune);
            if (status != System.Buffers.OperationStatus.Done || (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF
                || category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(pair[..rune.EncodeToUtf16(pair)]);
            }
        }
        try
        {
            return sb.ToString().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // A code point this runtime's Unicode tables cannot normalise: fold what is there without decomposing it.
            return sb.ToString();
        }
    }

    /// <summary>Normalised tokens of one name field, with titles dropped and particles handled.</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        var folded = Fold(InitialsWithDots(text));
        if (folded.Length == 0)
        {
            return [];
        }
        var raw = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var t = raw[i];
            if (Titles.Contains(t) && raw.Length > 1)
            {
                continue;
            }
            if (Dropped.Contains(t) && i < raw.Length - 1)
            {
                continue;
            }
            if (JoinPrevious.Contains(t) && result.Count > 0 && i < raw.Length - 1)
            {
                result[^1] = result[^1] + t + raw[i + 1];
                i++;
                continue;
            }
            if (JoinNext.Contains(t) && i < raw.Length - 1)
            {
                // Chains join too: "van der berg" -> "vanderberg"; "abd al rahman" skips the article.
                var joined = CanonicalPrefix(t);
                while (i < raw.Length - 2 && (JoinNext.Contains(raw[i + 1]) || Dropped.Contains(raw[i + 1])))
                {
                    i++;
                    if (!Dropped.Contains(raw[i]))
                    {
                        joined += raw[i];
                    }
                }
                result.Add(CanonicalJoined(joined + raw[i + 1]));
                i++;
                continue;
            }
            result.Add(CanonicalJoined(t));
        }
        return result;
    }

    /// <summary>Parses given and family fields into a <see cref="PersonName"/>.</summary>
    public static PersonName Parse(string? given, string? family) => new(Tokens(given), Tokens(family));

    // "J.R." should become two initials, not "jr".
    private static string? InitialsWithDots(string? text) =>
        text is null || !text.Contains('.', StringComparison.Ordinal) ? text : text.Replace(".", ". ", StringComparison.Ordinal);

    private static string CanonicalPrefix(string prefix) => prefix switch
    {
        "abd" or "abdel" or "abdal" or "abdur" or "abdu" => "abdul",
        "mac" => "mac",
        _ => prefix,
    };

    // Joined spellings of the same prefixes: "abdelrahman", "abdurrahman" and "abdrahman" -> "abdulrahman";
    // "alhussain" -> "hussain" when what follows is still a name.
    private static string CanonicalJoined(string token)
    {
        foreach (var p in (ReadOnlySpan<string>)["abdel", "abdal", "abdur", "abdul", "abd"])
        {
            if (token.Length > p.Length + 2 && token.StartsWith(p, StringComparison.Ordinal))
            {
                var rest = token[p.Length..];
                if (p == "abdur" && !rest.StartsWith('r'))
                {
                    rest = "r" + rest;
                }
                if (p == "abdul" && rest.StartsWith('l') && rest.Length > 3)
                {
                    return token;
                }
                return "abdul" + rest;
            }
        }
        if (token.Length >= 6 && (token.StartsWith("al", StringComparison.Ordinal) || token.StartsWith("el", StringComparison.Ordinal))
            && token[2] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'l' or 'v' or 'x') && KnownArticleJoined(token))
        {
            return token[2..];
        }
        return token;
    }

    // Only strip a joined article when it is written with a hyphen elsewhere; a word list stops
    // "alfred", "albert" and "elgar" losing their first letters.
    private static bool KnownArticleJoined(string token) => token[2..] is "hussain" or "hussein" or "hassan" or "rashid" or "qureshi"
        or "khatib" or "masri" or "amin" or "najjar" or "haddad" or "sayed" or "said" or "shami" or "zahrani" or "ghamdi" or "harbi"
        or "hashimi" or "hashemi" or "bakri" or "jabari" or "habib" or "hakim" or "tamimi" or "faisal" or "farsi" or "mahdi";
}
