using Lantern.Linking.Text;

namespace Lantern.Linking.Model;

/// <summary>The fields compared; the order is the order of a comparison vector.</summary>
public enum Field
{
    Given,
    Family,
    DateOfBirth,
    Sex,
    Postcode,
    Address,
    Locality,
    Phone,
    Identifier,
    Email,
    Vehicle,
}

/// <summary>One comparison level: a short code and the words a practitioner reads.</summary>
public sealed record LevelInfo(string Code, string Words);

/// <summary>
/// Comparison levels per field, ordered from strongest agreement to disagreement; the first level whose
/// condition holds is the pair's level. Level 0 of every field means "missing on one side" and carries no weight.
/// </summary>
public static class Comparisons
{
    public const int FieldCount = 11;

    public const byte Missing = 0;

    public static readonly IReadOnlyList<IReadOnlyList<LevelInfo>> Levels =
    [
        // Given
        [L("missing", "missing"), L("exact", "same"), L("variant", "variant spelling"), L("nickname", "nickname"), L("jw92", "near-identical spelling"),
            L("similar", "similar spelling or sound"), L("initial", "initial or middle name agrees"), L("different", "different")],
        // Family
        [L("missing", "missing"), L("exact", "same"), L("variant", "variant spelling"), L("jw92", "near-identical spelling"),
            L("similar", "similar spelling or sound"), L("part", "one part of a compound name agrees"), L("different", "different")],
        // DateOfBirth
        [L("missing", "missing"), L("exact", "same"), L("swap", "day and month swapped"), L("typo", "one digit different"),
            L("month", "same year and month"), L("year", "same year"), L("near", "estimated date within a year"), L("different", "different")],
        // Sex
        [L("missing", "missing"), L("exact", "same"), L("different", "different")],
        // Postcode
        [L("missing", "missing"), L("exact", "same"), L("typo", "one character different"), L("sector", "same postcode sector"),
            L("district", "same postcode district"), L("different", "different")],
        // Address
        [L("missing", "missing"), L("exact", "same"), L("close", "nearly the same"), L("similar", "partly the same"), L("different", "different")],
        // Locality
        [L("missing", "missing"), L("exact", "same"), L("similar", "similar spelling"), L("different", "different")],
        // Phone
        [L("missing", "missing"), L("exact", "same"), L("different", "different")],
        // Identifier
        [L("missing", "missing"), L("exact", "same"), L("typo", "one character different"), L("different", "different")],
        // Email
        [L("missing", "missing"), L("exact", "same"), L("similar", "nearly the same"), L("different", "different")],
        // Vehicle
        [L("missing", "missing"), L("exact", "same (allowing O/0 and I/1)"), L("different", "different")],
    ];

    public static readonly IReadOnlyList<string> FieldWords =
        ["given name", "family name", "date of birth", "sex", "postcode", "address", "locality", "phone", "identifier", "email", "vehicle"];

    private static LevelInfo L(string code, string words) => new(code, words);

    public static int LevelCount(Field field) => Levels[(int)field].Count;

    /// <summary>
    /// Compares two records field by field into <paramref name="levels"/> (length <see cref="FieldCount"/>).
    /// Returns true when given and family names were compared crosswise because one record has them swapped.
    /// </summary>
    public static bool Compare(PreparedRecord a, PreparedRecord b, NameVariants variants, Span<byte> levels)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(variants);
        var swapped = CompareNames(a, b, variants, levels);
        levels[(int)Field.DateOfBirth] = CompareDob(a, b);
        levels[(int)Field.Sex] = a.Sex == '\0' || b.Sex == '\0' ? Missing : a.Sex == b.Sex ? (byte)1 : (byte)2;
        levels[(int)Field.Postcode] = ComparePostcode(a, b);
        levels[(int)Field.Address] = CompareAddress(a, b);
        levels[(int)Field.Locality] = a.Locality.Length == 0 || b.Locality.Length == 0 ? Missing
            : a.Locality == b.Locality ? (byte)1 : StringSimilarity.JaroWinkler(a.Locality, b.Locality) >= 0.9 ? (byte)2 : (byte)3;
        levels[(int)Field.Phone] = a.Phone is null || b.Phone is null ? Missing : a.Phone == b.Phone ? (byte)1 : (byte)2;
        levels[(int)Field.Identifier] = a.Identifier is null || b.Identifier is null ? Missing
            : a.Identifier == b.Identifier ? (byte)1 : StringSimilarity.WithinOneEdit(a.Identifier, b.Identifier) ? (byte)2 : (byte)3;
        levels[(int)Field.Email] = CompareEmail(a.Email, b.Email);
        levels[(int)Field.Vehicle] = a.Vehicle is null || b.Vehicle is null ? Missing
            : a.Vehicle.ConfusionKey == b.Vehicle.ConfusionKey ? (byte)1 : (byte)2;
        return swapped;
    }

    private static bool CompareNames(PreparedRecord a, PreparedRecord b, NameVariants variants, Span<byte> levels)
    {
        var given = CompareGiven(a.GivenKeys, b.GivenKeys, a.Name.GivenTokens, b.Name.GivenTokens, a.Sex, b.Sex, variants);
        var family = CompareFamily(a.FamilyKeys, b.FamilyKeys, a.Name.FamilyTokens, b.Name.FamilyTokens, variants);
        levels[(int)Field.Given] = given;
        levels[(int)Field.Family] = family;
        if (a.Given.Length == 0 || a.Family.Length == 0 || b.Given.Length == 0 || b.Family.Length == 0
            || (given == 1 && family == 1))
        {
            return false;
        }
        // A crosswise reading needs one crosswise name to be the same or a variant; test that cheaply first.
        if (!(a.Given == b.Family || a.Family == b.Given || NameVariants.ShareGroup(a.GivenKeys.Groups, b.FamilyKeys.Groups) || NameVariants.ShareGroup(a.FamilyKeys.Groups, b.GivenKeys.Groups)))
        {
            return false;
        }
        // Swapped given and family names: compare crosswise and keep that reading if it is clearly better.
        var crossGiven = CompareGiven(a.GivenKeys, b.FamilyKeys, a.Name.GivenTokens, b.Name.FamilyTokens, '\0', '\0', variants);
        var crossFamily = CompareFamily(a.FamilyKeys, b.GivenKeys, a.Name.FamilyTokens, b.Name.GivenTokens, variants);
        var direct = Quality(given, 7) + Quality(family, 6);
        var cross = Quality(crossGiven, 7) + Quality(crossFamily, 6);
        // Both crosswise names must be close (up to near-identical spelling) and one must be exact or a variant.
        if (crossGiven <= 4 && crossFamily <= 3 && Math.Min(crossGiven, crossFamily) <= 2 && cross > direct + 1)
        {
            levels[(int)Field.Given] = crossGiven;
            levels[(int)Field.Family] = crossFamily;
            return true;
        }
        return false;
    }

    private static int Quality(byte level, int count) => level == Missing ? 0 : count - level;

    internal static byte CompareGiven(NameKeys a, NameKeys b, IReadOnlyList<string> aTokens, IReadOnlyList<string> bTokens,
        char aSex, char bSex, NameVariants variants)
    {
        if (a.Value.Length == 0 || b.Value.Length == 0)
        {
            return Missing;
        }
        if (a.Value == b.Value)
        {
            return 1;
        }
        if (a.Value.Length == 1 || b.Value.Length == 1)
        {
            return a.Value[0] == b.Value[0] ? (byte)6 : (byte)7;
        }
        if (NameVariants.ShareGroup(a.Groups, b.Groups))
        {
            return 2;
        }
        // Nicknames are gender-blind in the source list ("ali" -> "alison"), so they only count
        // when the records do not disagree on sex.
        if ((aSex == '\0' || bSex == '\0' || aSex == bSex) && variants.AreNicknames(a.Value, b.Value))
        {
            return 3;
        }
        // One typing slip (a letter added, dropped, changed or two swapped) is near-identical whatever
        // Jaro-Winkler makes of it: "Amy/Aym" scores about 0.6 but is one swap.
        var jw = StringSimilarity.JaroWinkler(a.Value, b.Value);
        if (jw >= 0.92 || (a.Value.Length > 2 && b.Value.Length > 2 && StringSimilarity.WithinOneEdit(a.Value, b.Value)))
        {
            return 4;
        }
        if (jw >= 0.85 || SameSound(a, b))
        {
            return 5;
        }
        return SharesToken(aTokens, bTokens, nearly: true) ? (byte)6 : (byte)7;
    }

    internal static byte CompareFamily(NameKeys a, NameKeys b, IReadOnlyList<string> aTokens, IReadOnlyList<string> bTokens, NameVariants variants)
    {
        if (a.Value.Length == 0 || b.Value.Length == 0)
        {
            return Missing;
        }
        if (a.Value == b.Value)
        {
            return 1;
        }
        if (NameVariants.ShareGroup(a.Groups, b.Groups))
        {
            return 2;
        }
        // One typing slip (a letter added, dropped, changed or two swapped) is near-identical whatever
        // Jaro-Winkler makes of it: "Amy/Aym" scores about 0.6 but is one swap.
        var jw = StringSimilarity.JaroWinkler(a.Value, b.Value);
        if (jw >= 0.92 || (a.Value.Length > 2 && b.Value.Length > 2 && StringSimilarity.WithinOneEdit(a.Value, b.Value)))
        {
            return 3;
        }
        if (jw >= 0.85 || SameSound(a, b))
        {
            return 4;
        }
        return SharesToken(aTokens, bTokens, nearly: false) ? (byte)5 : (byte)6;
    }

    private static bool SameSound(NameKeys a, NameKeys b) =>
        (a.Metaphone.Length > 0 && (a.Metaphone == b.Metaphone || a.Metaphone == b.MetaphoneAlternate || a.MetaphoneAlternate == b.Metaphone))
        || (a.Nysiis.Length > 1 && a.Nysiis == b.Nysiis);

    /// <summary>
    /// True when a name of one list is in the other (more than an initial); <paramref name="nearly"/> also
    /// takes one typing slip in names of four letters or more ("Imran Khan" written "Mohammed Iman Khan").
    /// </summary>
    private static bool SharesToken(IReadOnlyList<string> a, IReadOnlyList<string> b, bool nearly)
    {
        foreach (var x in a)
        {
            if (x.Length < 2)
            {
                continue;
            }
            foreach (var y in b)
            {
                if (x == y || (nearly && x.Length >= 4 && y.Length >= 4 && StringSimilarity.WithinOneEdit(x, y)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    internal static byte CompareDob(PreparedRecord a, PreparedRecord b)
    {
        var x = a.DateOfBirth;
        var y = b.DateOfBirth;
        if (x.IsMissing || y.IsMissing || x.Year is null || y.Year is null)
        {
            return Missing;
        }
        if (x.IsComplete && y.IsComplete)
        {
            if (x == y)
            {
                return 1;
            }
            if (x.Year == y.Year && x.Month == y.Day && x.Day == y.Month)
            {
                return 2;
            }
            if (StringSimilarity.WithinOneEdit(a.DobCompact, b.DobCompact))
            {
                return 3;
            }
        }
        if (x.Year != y.Year)
        {
            // 1 January is the usual placeholder when only the age is known; such a date, or a year-only
            // date, one year out is an estimate, not a contradiction.
            var estimated = IsPlaceholder(x) || IsPlaceholder(y) || x.Month is null || y.Month is null;
            return estimated && Math.Abs(x.Year.Value - y.Year.Value) <= 1 ? (byte)6 : (byte)7;
        }
        if (x.Month is not null && y.Month is not null)
        {
            if (x.Month != y.Month)
            {
                return 5;
            }
            return 4;
        }
        return 5;
    }

    private static bool IsPlaceholder(Normalisation.DateOfBirth d) => d.Month == 1 && d.Day == 1;

    private static byte ComparePostcode(PreparedRecord a, PreparedRecord b)
    {
        var x = a.Postcode;
        var y = b.Postcode;
        if (x.IsMissing || y.IsMissing)
        {
            return Missing;
        }
        if (x.Value == y.Value)
        {
            return 1;
        }
        if (StringSimilarity.WithinOneEdit(x.Value, y.Value))
        {
            return 2;
        }
        if (x.Sector is not null && x.Sector == y.Sector)
        {
            return 3;
        }
        return x.Outward is not null && x.Outward == y.Outward ? (byte)4 : (byte)5;
    }

    private static byte CompareAddress(PreparedRecord a, PreparedRecord b)
    {
        if (a.Address.Length == 0 || b.Address.Length == 0)
        {
            return Missing;
        }
        if (a.Address == b.Address)
        {
            return 1;
        }
        var similarity = a.AddressBigrams.Jaccard(b.AddressBigrams);
        return similarity >= 0.7 ? (byte)2 : similarity >= 0.45 ? (byte)3 : (byte)4;
    }

    /// <summary>
    /// Symmetric Monge-Elkan similarity: each token's best Jaro-Winkler match in the other list,
    /// averaged both ways, so that word order and one misspelt word cost little.
    /// </summary>
    internal static double TokenSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        return (Directed(a, b) + Directed(b, a)) / 2.0;

        static double Directed(IReadOnlyList<string> x, IReadOnlyList<string> y)
        {
            var total = 0.0;
            foreach (var s in x)
            {
                var best = 0.0;
                foreach (var t in y)
                {
                    var v = s == t ? 1.0 : StringSimilarity.JaroWinkler(s, t);
                    if (v > best)
                    {
                        best = v;
                    }
                }
                total += best;
            }
            return total / x.Count;
        }
    }

    private static byte CompareEmail(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return Missing;
        }
        if (a == b)
        {
            return 1;
        }
        var la = a[..a.IndexOf('@', StringComparison.Ordinal)];
        var lb = b[..b.IndexOf('@', StringComparison.Ordinal)];
        return la == lb || StringSimilarity.DamerauLevenshtein(a, b, 2) <= 2 ? (byte)2 : (byte)3;
    }

    /// <summary>Packs a comparison vector into 4 bits per field so identical vectors can be counted together.</summary>
    public static ulong Pack(ReadOnlySpan<byte> levels)
    {
        ulong key = 0;
        for (var f = 0; f < levels.Length; f++)
        {
            key |= (ulong)levels[f] << (4 * f);
        }
        return key;
    }

    public static void Unpack(ulong key, Span<byte> levels)
    {
        for (var f = 0; f < levels.Length; f++)
        {
            levels[f] = (byte)((key >> (4 * f)) & 0xF);
        }
    }
}
