using System.Collections.Concurrent;
using System.Collections.Immutable;
using Lantern.Linking.Normalisation;
using Lantern.Linking.Text;

namespace Lantern.Linking;

/// <summary>A record after normalisation, with the keys that comparison and blocking need computed once.</summary>
public sealed class PreparedRecord
{
    public required string Id { get; init; }

    /// <summary>0 for the left (or only) data set, 1 for the right.</summary>
    public int Source { get; init; }

    public required PersonName Name { get; init; }

    public required string Given { get; init; }

    public required string Family { get; init; }

    public required NameKeys GivenKeys { get; init; }

    public required NameKeys FamilyKeys { get; init; }

    /// <summary>The second given name that is more than an initial ("imran" in "Mohammed Imran"), or empty.</summary>
    public NameKeys SecondGivenKeys { get; init; } = NameKeys.Empty;

    /// <summary>The first given name is a Mohammed in any spelling: many brothers' first name, the second one tells them apart.</summary>
    public bool GivenIsGeneric { get; init; }

    /// <summary>'j' when a name says junior (Jnr, Jr), 's' when it says senior (Snr, Sr), else '\0'.</summary>
    public char Generation { get; init; }

    public DateOfBirth DateOfBirth { get; init; }

    public string DobCompact { get; init; } = "";

    /// <summary>'m', 'f' or '\0' when unknown.</summary>
    public char Sex { get; init; }

    public Postcode Postcode { get; init; } = Postcode.Missing;

    public string Address { get; init; } = "";

    public IReadOnlyList<string> AddressTokens { get; init; } = [];

    /// <summary>The address's character bigrams hashed into 256 bits, for a fast typo-tolerant similarity.</summary>
    public Bigrams AddressBigrams { get; init; }

    public string Locality { get; init; } = "";

    public string? Phone { get; init; }

    public string? Identifier { get; init; }

    public string? Email { get; init; }

    public VehicleRegistration? Vehicle { get; init; }
}

/// <summary>Precomputed keys of one name: phonetic codes and variant-group key.</summary>
public sealed record NameKeys(string Value, string Metaphone, string MetaphoneAlternate, string Nysiis, string GroupKey)
{
    public static readonly NameKeys Empty = new("", "", "", "", "");

    /// <summary>The variant groups the name belongs to, looked up once so comparing two names needs no hashing.</summary>
    public ImmutableArray<int> Groups { get; init; } = [];

    public static NameKeys For(string value, NameVariants variants)
    {
        if (value.Length == 0)
        {
            return Empty;
        }
        var (primary, alternate) = DoubleMetaphone.Encode(value);
        return new NameKeys(value, primary, alternate, Text.Nysiis.Encode(value), variants.GroupKey(value)) { Groups = [.. variants.GroupsOf(value)] };
    }
}

/// <summary>
/// Turns raw records into prepared ones. Safe to use from several threads. Names, dates and postcodes
/// repeat heavily in a population, so their normalised forms are cached by raw text; the caches grow
/// with the number of distinct values, not of records.
/// </summary>
public sealed class RecordPreparer(NameVariants variants, int referenceYear)
{
    private readonly ConcurrentDictionary<string, NameKeys> _nameKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateOfBirth> _dates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Postcode> _postcodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _nameTokens = new(StringComparer.Ordinal);

    public NameVariants Variants { get; } = variants;

    private readonly string _genericGivenKey = variants.GroupKey("muhammad");

    private IReadOnlyList<string> Tokens(string? field) => field is null ? [] : _nameTokens.GetOrAdd(field, NameText.Tokens);

    private NameKeys Keys(string name) => name.Length == 0 ? NameKeys.Empty : _nameKeys.GetOrAdd(name, n => NameKeys.For(n, Variants));

    public PreparedRecord Prepare(PersonRecord record, int source = 0)
    {
        ArgumentNullException.ThrowIfNull(record);
        var name = new PersonName(Tokens(record.Given), Tokens(record.Family));
        var dob = record.DateOfBirth is null ? Normalisation.DateOfBirth.Missing
            : _dates.GetOrAdd(record.DateOfBirth, d => Normalisation.DateOfBirth.Parse(d, referenceYear));
        var address = NoAddress(NameText.Fold(record.Address));
        var identifier = NameText.Fold(record.Identifier).Replace(" ", "", StringComparison.Ordinal);
        return new PreparedRecord
        {
            Id = record.Id,
            Source = source,
            Name = name,
            Given = name.Given,
            Family = name.Family,
            GivenKeys = Keys(name.Given),
            FamilyKeys = Keys(name.Family),
            SecondGivenKeys = Keys(SecondGiven(name.GivenTokens)),
            GivenIsGeneric = name.Given.Length > 0 && Keys(name.Given).GroupKey == _genericGivenKey,
            Generation = GenerationOf(record.Given) is var g and not '\0' ? g : GenerationOf(record.Family),
            DateOfBirth = dob,
            DobCompact = dob.Compact,
            Sex = ParseSex(record.Sex),
            Postcode = record.Postcode is null ? Postcode.Missing : _postcodes.GetOrAdd(record.Postcode, UkPostcode.Normalise),
            Address = address,
            AddressTokens = address.Length == 0 ? [] : address.Split(' '),
            AddressBigrams = Bigrams.Of(address),
            Locality = NameText.Fold(record.Locality),
            Phone = UkPhone.ToE164(record.Phone),
            Identifier = identifier.Length == 0 ? null : identifier,
            Email = Normalisation.Email.Normalise(record.Email),
            Vehicle = UkVehicleRegistration.Normalise(record.VehicleRegistration),
        };
    }

    /// <summary>
    /// Words written in the address field when there is no address: "No fixed abode", "NFA", "not known". They say
    /// nothing about where a person lives, so they are missing, never an address that disagrees with a real one
    /// (and two of them are not the same home).
    /// </summary>
    internal static string NoAddress(string folded) => folded switch
    {
        "nfa" or "n f a" or "no fixed abode" or "no fixed address" or "none" or "unknown" or "not known" or "nk" or "n k" => "",
        _ => folded,
    };

    private static string SecondGiven(IReadOnlyList<string> tokens)
    {
        var seenFirst = false;
        foreach (var t in tokens)
        {
            if (t.Length < 2)
            {
                continue;
            }
            if (seenFirst)
            {
                return t;
            }
            seenFirst = true;
        }
        return "";
    }

    private static char GenerationOf(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length < 3 || name.AsSpan().IndexOfAny('r', 'R') < 0)
        {
            return '\0';
        }
        foreach (var token in NameText.Fold(name).Split(' '))
        {
            switch (token)
            {
                case "jnr" or "jr":
                    return 'j';
                case "snr" or "sr":
                    return 's';
            }
        }
        return '\0';
    }

    private static char ParseSex(string? sex)
    {
        var s = NameText.Fold(sex);
        return s switch
        {
            "m" or "male" or "man" or "boy" => 'm',
            "f" or "female" or "woman" or "girl" => 'f',
            _ => '\0',
        };
    }
}
