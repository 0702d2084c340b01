using Lantern.Linking.Text;

namespace Lantern.Linking.Model;

/// <summary>
/// Why a pair is never linked automatically, whatever its probability: the records describe two people
/// (or may), so a practitioner decides. A held-back pair may still be suggested for review.
/// </summary>
public enum HoldBack : byte
{
    /// <summary>Nothing holds the pair back.</summary>
    None,

    /// <summary>The given names are clearly different: not a variant, nickname, typing slip, sound-alike or middle name.</summary>
    GivenNamesDiffer,

    /// <summary>The dates of birth are years apart (not a typing slip, a swap or an estimate): a parent and child, or siblings.</summary>
    BornYearsApart,

    /// <summary>The same date of birth with given names that differ beyond a typing slip: the signature of twins.</summary>
    PossibleTwins,

    /// <summary>The first given names agree but the second ones clearly differ ("Mohammed Imran" and "Mohammed Asif").</summary>
    SecondNamesDiffer,

    /// <summary>One record is a junior and the other a senior.</summary>
    JuniorAndSenior,

    /// <summary>The recorded sexes differ and the given names are not the same.</summary>
    SexesDiffer,

    /// <summary>Both records carry an identifier (the NHS number) and they differ beyond one character.</summary>
    IdentifiersDiffer,

    /// <summary>
    /// Nothing about the person agrees, only about where they live: no identifier, and not both a given
    /// name and a date of birth. A parent and a child of the same name at one address look like this.
    /// </summary>
    NoPersonEvidence,

    /// <summary>The link would put two records that another rule holds apart into one person's cluster.</summary>
    WouldJoinRecordsHeldApart,
}

/// <summary>
/// The rules that keep household evidence from standing in for person evidence. Address, postcode, phone
/// and family name describe a household; a brother and sister, a mother and daughter or twins agree on all
/// of them. So an automatic link needs the person to agree (a given name and a date of birth, or an
/// identifier), and a clear conflict on the person (different given names, dates of birth years apart,
/// same birthday with different names, different NHS numbers) holds a pair back whatever it scores.
/// </summary>
public static class HoldBackRules
{
    public static readonly IReadOnlyDictionary<HoldBack, string> Words = new Dictionary<HoldBack, string>
    {
        [HoldBack.None] = "",
        [HoldBack.GivenNamesDiffer] = "the given names are different",
        [HoldBack.BornYearsApart] = "the dates of birth are years apart",
        [HoldBack.PossibleTwins] = "same date of birth but different given names: could be twins",
        [HoldBack.SecondNamesDiffer] = "the first given names agree but the second given names are different",
        [HoldBack.JuniorAndSenior] = "one record is a junior and the other a senior",
        [HoldBack.SexesDiffer] = "the recorded sexes differ",
        [HoldBack.IdentifiersDiffer] = "the NHS numbers are different",
        [HoldBack.NoPersonEvidence] = "only the household agrees: no identifier, and not both a given name and a date of birth",
        [HoldBack.WouldJoinRecordsHeldApart] = "linking it would join records held apart as two people",
    };

    /// <summary>True for a rule that says the records are (probably) two people, as opposed to too little evidence to say.</summary>
    public static bool SaysTwoPeople(HoldBack reason) => reason is not (HoldBack.None or HoldBack.NoPersonEvidence or HoldBack.WouldJoinRecordsHeldApart);

    /// <summary>
    /// The first rule that holds the pair back, given its comparison levels, or <see cref="HoldBack.None"/>.
    /// A junior and a senior are always held apart. The other rules apply where the model learned that an
    /// address is more often shared by two people than by one record of the same person (a population of
    /// families: <see cref="ModelParameters.HasHouseholds"/>); the person-evidence rule applies to pairs
    /// that share an address or phone. An identifier that agrees exactly outweighs a conflicting name,
    /// date of birth or sex (the identifier is the person's; the conflict may be a recording error).
    /// </summary>
    public static HoldBack Check(PreparedRecord a, PreparedRecord b, ReadOnlySpan<byte> levels, bool swapped, NameVariants variants,
        bool householdsInData, bool sharesHousehold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Generation != '\0' && b.Generation != '\0' && a.Generation != b.Generation)
        {
            return HoldBack.JuniorAndSenior;
        }
        if (!householdsInData)
        {
            return HoldBack.None;
        }
        var given = levels[(int)Field.Given];
        var dob = levels[(int)Field.DateOfBirth];
        var identifier = levels[(int)Field.Identifier];
        if (identifier == IdentifierDifferent)
        {
            return HoldBack.IdentifiersDiffer;
        }
        if (identifier != IdentifierExact)
        {
            if (dob == DobDifferent && YearsApart(a, b) >= 2)
            {
                return HoldBack.BornYearsApart;
            }
            if (given == GivenDifferent)
            {
                return HoldBack.GivenNamesDiffer;
            }
            // Same birthday with sound-alike names (Hassan and Hussain), or at one address with only a middle
            // name in common (Samuel Oliver and Oliver), unless the name left out is a Mohammed, which men
            // commonly drop.
            if (dob == DobExact && (given == GivenSimilar
                || (given == GivenMiddle && sharesHousehold && !a.GivenIsGeneric && !b.GivenIsGeneric)))
            {
                return HoldBack.PossibleTwins;
            }
            if (levels[(int)Field.Sex] == SexDifferent && given is not (GivenExact or GivenVariant))
            {
                return HoldBack.SexesDiffer;
            }
        }
        if (!swapped && given is GivenExact or GivenVariant && SecondNamesDiffer(a, b, variants))
        {
            return HoldBack.SecondNamesDiffer;
        }
        var personAgrees = identifier is IdentifierExact or IdentifierTypo
            || (GivenAgrees(a, b, given, dob, sharesHousehold, variants) && (dob is >= DobExact and <= DobMonth or DobEstimate
                || (dob == DobYear && (IsFirstOfJanuary(a) || IsFirstOfJanuary(b)))));
        return personAgrees ? HoldBack.None : HoldBack.NoPersonEvidence;
    }

    // Level numbers, as in Comparisons.Levels.
    private const byte GivenExact = 1;
    private const byte GivenVariant = 2;
    private const byte FamilyNearly = 3;
    private const byte GivenNearly = 4;
    private const byte GivenSimilar = 5;
    private const byte GivenMiddle = 6;
    private const byte GivenDifferent = 7;
    private const byte DobExact = 1;
    private const byte DobMonth = 4;
    private const byte DobYear = 5;
    private const byte DobEstimate = 6;
    private const byte DobDifferent = 7;
    private const byte SexDifferent = 2;
    private const byte IdentifierExact = 1;
    private const byte IdentifierTypo = 2;
    private const byte IdentifierDifferent = 3;

    /// <summary>
    /// A given name agrees when it is the same, a variant, a nickname or a near spelling, or when a full
    /// middle name agrees (not an initial). A Mohammed is many brothers' (and twins') first name: it agrees
    /// only with the same second name after it, or, away from a shared household, with the same date of birth.
    /// </summary>
    private static bool GivenAgrees(PreparedRecord a, PreparedRecord b, byte given, byte dob, bool sharesHousehold, NameVariants variants)
    {
        if (given is GivenExact or GivenVariant && (dob != DobExact || sharesHousehold) && a.GivenIsGeneric)
        {
            var x = a.SecondGivenKeys;
            var y = b.SecondGivenKeys;
            return x.Value.Length > 0 && y.Value.Length > 0
                && Comparisons.CompareGiven(x, y, [], [], '\0', '\0', variants) is >= GivenExact and <= GivenNearly;
        }
        return given is >= GivenExact and <= GivenSimilar || (given == GivenMiddle && a.Given.Length > 1 && b.Given.Length > 1);
    }

    /// <summary>
    /// The given and family names are the same or variant spellings of each other; with <paramref name="allowSlip"/>,
    /// the family name may also be near-identical (one typing slip: "Wojcik/Wocjik"). A given name one letter from
    /// another is not allowed: "Samina" and "Amina" are two women.
    /// </summary>
    public static bool SameName(PreparedRecord a, PreparedRecord b, NameVariants variants, bool allowSlip = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var given = Comparisons.CompareGiven(a.GivenKeys, b.GivenKeys, [], [], a.Sex, b.Sex, variants);
        var family = Comparisons.CompareFamily(a.FamilyKeys, b.FamilyKeys, [], [], variants);
        var givenSame = given is GivenExact or GivenVariant;
        var familySame = family is 1 or 2;
        return (givenSame && familySame)
            || (allowSlip && givenSame && family == FamilyNearly);
    }

    /// <summary>
    /// The dates of birth are the same, or one record has none, or one has only a year or an estimate (1 January)
    /// that fits the other: nothing about the dates says two people. Two full dates a digit or months apart are
    /// what a brother's look like.
    /// </summary>
    public static bool DatesSameOrOneMissing(PreparedRecord a, PreparedRecord b) => Comparisons.CompareDob(a, b) switch
    {
        Comparisons.Missing or DobExact => true,
        DobMonth or DobYear or DobEstimate => !a.DateOfBirth.IsComplete || !b.DateOfBirth.IsComplete || IsFirstOfJanuary(a) || IsFirstOfJanuary(b),
        _ => false,
    };

    /// <summary>1 January: the usual placeholder for a birthday known only by the year.</summary>
    private static bool IsFirstOfJanuary(PreparedRecord r) => r.DateOfBirth is { Month: 1, Day: 1 };

    private static int YearsApart(PreparedRecord a, PreparedRecord b) =>
        a.DateOfBirth.Year is { } x && b.DateOfBirth.Year is { } y ? Math.Abs(x - y) : 0;

    /// <summary>
    /// Both records have a second given name after an agreeing first one, and the second names are
    /// clearly different (not the same, a variant, near-identical or sound-alike), and neither appears
    /// among the other record's names.
    /// </summary>
    internal static bool SecondNamesDiffer(PreparedRecord a, PreparedRecord b, NameVariants variants)
    {
        var x = a.SecondGivenKeys;
        var y = b.SecondGivenKeys;
        if (x.Value.Length == 0 || y.Value.Length == 0 || x.Value == y.Value)
        {
            return false;
        }
        if (b.Name.GivenTokens.Contains(x.Value) || a.Name.GivenTokens.Contains(y.Value))
        {
            return false;
        }
        return Comparisons.CompareGiven(x, y, [], [], '\0', '\0', variants) == GivenDifferent;
    }
}
