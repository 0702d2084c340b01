using System.Globalization;
using System.Text;

namespace Lantern.Linking.Model;

/// <summary>
/// Fellegi-Sunter parameters: for each field and level, m = P(level | same person) and
/// u = P(level | different people), over pairs where the field is present on both sides; and the prior
/// probability that two records picked at random are the same person.
/// </summary>
public sealed class ModelParameters
{
    public ModelParameters(double[][] m, double[][] u, double prior)
    {
        M = m;
        U = u;
        Prior = prior;
        Weights = new double[m.Length][];
        for (var f = 0; f < m.Length; f++)
        {
            Weights[f] = new double[m[f].Length];
            for (var l = 1; l < m[f].Length; l++)
            {
                Weights[f][l] = Math.Log2(m[f][l] / u[f][l]);
            }
        }
        PriorWeight = Math.Log2(prior / (1 - prior));
    }

    public double[][] M { get; }

    public double[][] U { get; }

    public double Prior { get; }

    /// <summary>log2(m/u) per field and level, in bits; level 0 (missing) is always 0.</summary>
    public double[][] Weights { get; }

    public double PriorWeight { get; }

    /// <summary>
    /// How pairs that share a household (an address or a phone) are scored, learned from the data; null when
    /// the data had too few such pairs to learn from.
    /// </summary>
    public HouseholdModel? Household { get; init; }

    /// <summary>
    /// True when sharing an address is more often two people than one (a population of families, not of
    /// lone duplicates): then the rules that hold back household pairs apply.
    /// </summary>
    public bool HasHouseholds => Household is { MatchRate: < 0.5 };

    /// <summary>Fields left out of scoring (for example an identifier the domain must not rely on).</summary>
    public ISet<Field> Disabled { get; } = new HashSet<Field>();

    public static double ToProbability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    public static double ToWeight(double probability) => Math.Log2(probability / (1 - probability));

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"prior {Prior:G4} ({PriorWeight:+0.00;-0.00} bits)");
        for (var f = 0; f < M.Length; f++)
        {
            var levels = Comparisons.Levels[f];
            for (var l = 1; l < levels.Count; l++)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"{Comparisons.FieldWords[f],-14} {levels[l].Code,-10} m={M[f][l]:0.0000} u={U[f][l]:0.000000} weight={Weights[f][l]:+0.00;-0.00}");
            }
        }
        if (Household is { } h)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"household pairs: {h.Pairs:N0}, same person {h.MatchRate:0.0000} ({h.PriorWeight:+0.00;-0.00} bits)");
        }
        return sb.ToString();
    }
}

/// <summary>
/// The model for pairs that share an address or a phone. Two people of one household agree on address,
/// postcode, phone, locality and usually family name as a matter of course, so among such pairs those
/// fields say nothing about which of the household's people a record is: they count once, as the starting
/// point, which is the share of household pairs that are the same person (learned from the data by
/// expectation-maximisation over pairs sharing a postcode and address, with the person fields' m and u
/// held at the main model's values). Only the person's own fields (given name, date of birth, sex,
/// identifiers) add to it.
/// </summary>
public sealed class HouseholdModel(double matchRate, double pairs)
{
    /// <summary>The share of pairs sharing a household that are the same person.</summary>
    public double MatchRate { get; } = matchRate;

    /// <summary>How many pairs sharing a postcode and address the rate was learned from.</summary>
    public double Pairs { get; } = pairs;

    public double PriorWeight { get; } = Math.Log2(matchRate / (1 - matchRate));

    /// <summary>Address, postcode, phone and locality: what a household shares.</summary>
    public static readonly IReadOnlyList<Field> HouseholdFields = [Field.Postcode, Field.Address, Field.Phone, Field.Locality];

    /// <summary>The fields that describe the person rather than the household they live in (which also shares a family name).</summary>
    public static bool IsPersonField(Field field) => field != Field.Family && !HouseholdFields.Contains(field);

    /// <summary>
    /// True when a pair's comparison levels say the records share a household: the same (or one-character
    /// different) postcode and the same or nearly the same address, or the same phone. A field left out of
    /// scoring does not count.
    /// </summary>
    public static bool SharesHousehold(ReadOnlySpan<byte> levels, bool addressDisabled = false, bool phoneDisabled = false)
    {
        var sameAddress = levels[(int)Field.Postcode] is >= 1 and <= 2 && levels[(int)Field.Address] is >= 1 and <= 2 && !addressDisabled;
        var samePhone = levels[(int)Field.Phone] == 1 && !phoneDisabled;
        return sameAddress || samePhone;
    }
}
