using System.Globalization;
using Lantern.Linking.Text;

namespace Lantern.Linking.Model;

/// <summary>One field's part in a pair's score.</summary>
public sealed record FieldContribution(Field Field, string LevelCode, string LevelWords, double Bits, string Detail)
{
    /// <summary>For example "family name: variant spelling (Hussain/Husain), +6.1".</summary>
    public override string ToString() =>
        $"{Comparisons.FieldWords[(int)Field]}: {LevelWords}{(Detail.Length > 0 ? $" ({Detail})" : "")}, {Bits.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}";
}

/// <summary>A pair's weight of evidence in bits, and the rule (if any) that keeps it from an automatic link.</summary>
public readonly record struct PairScore(double Weight, HoldBack HoldBack)
{
    public double Probability => ModelParameters.ToProbability(Weight);
}

/// <summary>
/// Why a pair scored as it did: the prior, then each field's contribution, summing to the weight; and the
/// rule that holds it back from an automatic link, if any.
/// </summary>
public sealed record PairExplanation(double PriorBits, IReadOnlyList<FieldContribution> Fields, bool NamesSwapped, double Weight, double Probability,
    HoldBack HoldBack = HoldBack.None, double? HouseholdMatchRate = null)
{
    public IEnumerable<string> Lines()
    {
        yield return HouseholdMatchRate is { } rate
            ? $"starting point (the records share an address or phone; {(rate * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of such pairs are the same person): {PriorBits.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}"
            : $"starting point (chance two records are the same person): {PriorBits.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}";
        if (NamesSwapped)
        {
            yield return "given and family names are swapped on one record; compared crosswise";
        }
        foreach (var f in Fields)
        {
            yield return f.ToString();
        }
        yield return $"total {Weight.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} bits, probability {Probability.ToString("0.000", CultureInfo.InvariantCulture)}";
        if (HoldBack != HoldBack.None)
        {
            yield return $"never linked automatically: {HoldBackRules.Words[HoldBack]}";
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines());
}

/// <summary>
/// Scores pairs with a Fellegi-Sunter model: the prior weight plus, per field, log2(m/u) of the level
/// the pair reached, with a term-frequency adjustment on exact agreement of names, postcode and locality.
/// </summary>
public sealed class Scorer(ModelParameters model, TermFrequencies frequencies, NameVariants variants)
{
    /// <summary>Floor on a value's frequency so a unique value cannot add unbounded weight.</summary>
    public const double MinimumFrequency = 1e-6;

    public ModelParameters Model { get; } = model;

    // Read per field per pair: an array, not a set lookup. Fields disabled after this scorer was made are not seen.
    private readonly bool[] _disabled = [.. Enum.GetValues<Field>().Select(model.Disabled.Contains)];

    public TermFrequencies Frequencies { get; } = frequencies;

    /// <summary>
    /// Shrink every value's share towards the model's rate, not only the date of birth's: for a service that
    /// starts with a handful of records, where "2 of 2 records share it" would make a rare family name count for nothing.
    /// </summary>
    public bool ShrinkAllFrequencies { get; init; }

    public NameVariants Variants { get; } = variants;

    public double Weight(PreparedRecord a, PreparedRecord b) => Score(a, b).Weight;

    /// <summary>The pair's weight and the rule, if any, that holds it back from an automatic link.</summary>
    public PairScore Score(PreparedRecord a, PreparedRecord b)
    {
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        Span<double> bits = stackalloc double[Comparisons.FieldCount];
        var swapped = Comparisons.Compare(a, b, Variants, levels);
        var household = Household(levels);
        double weight;
        if (household is not null)
        {
            weight = household.PriorWeight;
            for (var f = 0; f < Comparisons.FieldCount; f++)
            {
                if (HouseholdModel.IsPersonField((Field)f))
                {
                    weight += FieldBits(a, b, (Field)f, levels[f], swapped);
                }
            }
        }
        else
        {
            weight = Model.PriorWeight;
            for (var f = 0; f < Comparisons.FieldCount; f++)
            {
                bits[f] = FieldBits(a, b, (Field)f, levels[f], swapped);
                weight += bits[f];
            }
            weight -= MovedTogether(levels, out _);
            weight -= HouseholdExcess(bits, out _);
        }
        return new PairScore(weight, HoldBackRules.Check(a, b, levels, swapped, Variants, Model.HasHouseholds, household is not null));
    }

    /// <summary>
    /// The household model when the pair shares a household (the same postcode and nearly the same address,
    /// or the same phone) and the model has one; else null.
    /// </summary>
    private HouseholdModel? Household(ReadOnlySpan<byte> levels) =>
        Model.Household is { } household && HouseholdModel.SharesHousehold(levels, _disabled[(int)Field.Address], _disabled[(int)Field.Phone])
            ? household : null;

    /// <summary>
    /// A brother and sister, or a mother and daughter, agree on address, postcode and phone together, because
    /// these describe the household. Counting them as independent evidence about the person (as
    /// Fellegi-Sunter does) lets four household agreements outweigh a different given name and date of birth.
    /// So only the strongest household agreement counts; returns the bits of the others (to take away) and
    /// the strongest field.
    /// </summary>
    private static double HouseholdExcess(ReadOnlySpan<double> bits, out Field strongest)
    {
        double total = 0, best = 0;
        strongest = Field.Postcode;
        foreach (var field in HouseholdModel.HouseholdFields)
        {
            var b = bits[(int)field];
            if (b > 0)
            {
                total += b;
                if (b > best)
                {
                    best = b;
                    strongest = field;
                }
            }
        }
        return total - best;
    }

    /// <summary>The fields a move changes together: where someone lives, written three ways.</summary>
    private static readonly Field[] MoveFields = [Field.Postcode, Field.Address, Field.Locality];

    /// <summary>
    /// A move changes postcode, address and (to another town) locality together, so when two or more of them
    /// disagree they are one piece of evidence, not several: only the strongest penalty counts. Counting each
    /// would break the model's assumption that fields disagree independently and push true matches who moved
    /// below the threshold. Returns the penalties to take back (negative bits; 0 when the rule does not apply)
    /// and the fields whose penalty is dropped, as a bit mask over <see cref="Field"/>.
    /// </summary>
    private double MovedTogether(ReadOnlySpan<byte> levels, out int droppedFields)
    {
        droppedFields = 0;
        double total = 0, strongest = 0;
        var strongestField = -1;
        var counting = 0;
        foreach (var field in MoveFields)
        {
            var level = levels[(int)field];
            if (level == Comparisons.Missing || _disabled[(int)field])
            {
                continue;
            }
            // Any level that counts against the match (a new postcode in the same district and the same street
            // with another house number is still one move).
            var bits = Model.Weights[(int)field][level];
            if (bits >= 0)
            {
                continue;
            }
            counting++;
            total += bits;
            droppedFields |= 1 << (int)field;
            if (bits < strongest)
            {
                strongest = bits;
                strongestField = (int)field;
            }
        }
        if (counting < 2)
        {
            droppedFields = 0;
            return 0;
        }
        droppedFields &= ~(1 << strongestField);
        return total - strongest;
    }

    public double Probability(PreparedRecord a, PreparedRecord b) => Score(a, b).Probability;

    private double FieldBits(PreparedRecord a, PreparedRecord b, Field field, byte level, bool swapped)
    {
        if (level == Comparisons.Missing || _disabled[(int)field])
        {
            return 0;
        }
        var bits = Model.Weights[(int)field][level];
        if (level == 1 && TermFrequencies.IsAdjusted(field) && TfValue(a, b, field, swapped) is { } value)
        {
            // Swapped names: "Parmar" written as a given name is rare only because it is a family name, so
            // a swapped value counts at its frequency in whichever role makes it more common.
            // A date of birth has some 30,000 values, so its share means little until the population is
            // large: it is shrunk towards the model's rate (an index of one record would otherwise make
            // every date look as common as can be).
            var u = Model.U[(int)field][1];
            var frequency = field == Field.DateOfBirth || (ShrinkAllFrequencies && !swapped) ? Frequencies.Frequency(field, value, u)
                : swapped && field is Field.Given or Field.Family
                ? ShrinkAllFrequencies
                    ? Math.Max(Frequencies.Frequency(Field.Given, value, Model.U[(int)Field.Given][1]), Frequencies.Frequency(Field.Family, value, Model.U[(int)Field.Family][1]))
                    : Math.Max(Frequencies.Frequency(Field.Given, value), Frequencies.Frequency(Field.Family, value))
                : Frequencies.Frequency(field, value);
            var tf = Math.Max(frequency, MinimumFrequency);
            bits += Math.Log2(u / tf);
        }
        return bits;
    }

    private string? TfValue(PreparedRecord a, PreparedRecord b, Field field, bool swapped) => (field, swapped) switch
    {
        (Field.Given, true) => a.Given,
        (Field.Family, true) => a.Family,
        (Field.Given, false) when SameNameAfterMohammed(a, b) => a.SecondGivenKeys.Value,
        _ => TermFrequencies.ValueOf(a, field),
    };

    /// <summary>
    /// Both records' first given name is a Mohammed (the same spelling) and the name after it is the same: that
    /// second name is the one the person goes by and tells brothers apart, so it is the name whose frequency says
    /// how telling the agreement is ("Mohammed Irfan" agrees as an Irfan, not as one of thousands of Mohammeds).
    /// </summary>
    private bool SameNameAfterMohammed(PreparedRecord a, PreparedRecord b) =>
        a.GivenIsGeneric && a.SecondGivenKeys.Value.Length > 0 && a.SecondGivenKeys.Value == b.SecondGivenKeys.Value
        && Frequencies.Count(Field.Given, a.SecondGivenKeys.Value) > 0;

    public PairExplanation Explain(PreparedRecord a, PreparedRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        Span<double> bits = stackalloc double[Comparisons.FieldCount];
        var swapped = Comparisons.Compare(a, b, Variants, levels);
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            bits[f] = FieldBits(a, b, (Field)f, levels[f], swapped);
        }
        var sharedHousehold = Household(levels);
        var household = sharedHousehold is null && HouseholdExcess(bits, out var strongest) > 0 ? strongest : (Field?)null;
        var weight = sharedHousehold?.PriorWeight ?? Model.PriorWeight;
        var fields = new List<FieldContribution>();
        var moved = 0;
        if (sharedHousehold is null)
        {
            MovedTogether(levels, out moved);
        }
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            var field = (Field)f;
            var level = levels[f];
            if (level == Comparisons.Missing || Model.Disabled.Contains(field))
            {
                continue;
            }
            var fieldBits = bits[f];
            var detail = Detail(a, b, field, level, swapped);
            if (sharedHousehold is not null && !HouseholdModel.IsPersonField(field))
            {
                fieldBits = 0;
                detail = $"{(detail.Length > 0 ? detail + "; " : "")}counted in the starting point: a household shares it";
            }
            else if ((moved & (1 << f)) != 0)
            {
                fieldBits = 0;
                detail = $"{(detail.Length > 0 ? detail + "; " : "")}counted once with the other address fields: a move changes them together";
            }
            else if (household is { } kept && kept != field && fieldBits > 0 && HouseholdModel.HouseholdFields.Contains(field))
            {
                fieldBits = 0;
                detail = $"{(detail.Length > 0 ? detail + "; " : "")}counted once with {Comparisons.FieldWords[(int)kept]}: the household shares it";
            }
            weight += fieldBits;
            var info = Comparisons.Levels[f][level];
            fields.Add(new FieldContribution(field, info.Code, info.Words, fieldBits, detail));
        }
        return new PairExplanation(sharedHousehold?.PriorWeight ?? Model.PriorWeight, fields, swapped, weight, ModelParameters.ToProbability(weight),
            HoldBackRules.Check(a, b, levels, swapped, Variants, Model.HasHouseholds, sharedHousehold is not null), sharedHousehold?.MatchRate);
    }

    private string Detail(PreparedRecord a, PreparedRecord b, Field field, byte level, bool swapped)
    {
        string Pair(string x, string y) => x == y ? Display(x) : $"{Display(x)}/{Display(y)}";
        var common = level == 1 && TermFrequencies.IsAdjusted(field) && TfValue(a, b, field, swapped) is { } v
            ? $", {Frequencies.Count(field, v).ToString(CultureInfo.InvariantCulture)} records share it" : "";
        return field switch
        {
            Field.Given => Pair(a.Given, swapped ? b.Family : b.Given) + common,
            Field.Family => Pair(a.Family, swapped ? b.Given : b.Family) + common,
            Field.DateOfBirth => Pair(a.DateOfBirth.ToString(), b.DateOfBirth.ToString()) + common,
            Field.Postcode => Pair(a.Postcode.Value, b.Postcode.Value) + common,
            Field.Locality => Pair(a.Locality, b.Locality) + common,
            _ => "",
        };
    }

    private static string Display(string s) => s.Length == 0 ? s : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s);
}
