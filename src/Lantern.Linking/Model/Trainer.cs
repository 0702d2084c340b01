using Lantern.Linking.Text;

namespace Lantern.Linking.Model;

/// <summary>Settings of unsupervised training.</summary>
public sealed record TrainingOptions
{
    public int RandomPairs { get; init; } = 500_000;

    public int MaxTrainingPairs { get; init; } = 400_000;

    public int EmIterations { get; init; } = 30;

    public int Seed { get; init; } = 20_261_128;
}

/// <summary>
/// Learns Fellegi-Sunter parameters without labels, as Splink does: u from random pairs; m and the match
/// rate by expectation-maximisation over pairs from a training blocking rule, with u held fixed. A field
/// used by a training rule cannot be learned from that rule's pairs, so two training runs are made (same date of
/// birth; same family-name sound and given initial) and each field takes m from the run(s) that did not block on it.
/// </summary>
public static class Trainer
{
    private delegate string? TrainingKey(PreparedRecord record);

    public static ModelParameters Train(IReadOnlyList<PreparedRecord> records, bool link, NameVariants variants, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var u = EstimateU(records, link, variants, options.RandomPairs, random);

        var dobRun = Em(records, link, variants, u, r => r.DobCompact.Length > 0 ? r.DobCompact : null,
            [Field.DateOfBirth], options, random);
        var nameRun = Em(records, link, variants, u,
            r => r.FamilyKeys.Metaphone.Length > 0 && r.Given.Length > 0 ? r.FamilyKeys.Metaphone + "|" + r.Given[0] : null,
            [Field.Given, Field.Family], options, random);

        var m = new double[Comparisons.FieldCount][];
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            var field = (Field)f;
            var sources = new List<double[]>();
            if (dobRun.Estimated.Contains(field))
            {
                sources.Add(dobRun.M[f]);
            }
            if (nameRun.Estimated.Contains(field))
            {
                sources.Add(nameRun.M[f]);
            }
            m[f] = new double[u[f].Length];
            for (var l = 1; l < m[f].Length; l++)
            {
                m[f][l] = sources.Count == 0 ? Default(u[f].Length, l) : sources.Average(s => s[l]);
            }
        }

        NoPartialAgreementBelowDisagreement(m, u);

        // The prior: matches expected among date-of-birth pairs, divided by the share of true matches that
        // agree on a complete date of birth, over all possible pairs.
        var totalPairs = TotalPairs(records, link);
        var withDob = records.Count(r => r.DobCompact.Length > 0) / (double)Math.Max(1, records.Count);
        var dobRecall = m[(int)Field.DateOfBirth][1] * withDob * withDob;
        var expectedMatches = dobRun.Pairs > 0 ? dobRun.Lambda * dobRun.Pairs / Math.Max(dobRecall, 0.05) : records.Count * 0.1;
        var prior = Math.Clamp(expectedMatches / Math.Max(1, totalPairs), 1e-12, 0.5);
        return new ModelParameters(m, u, prior) { Household = TrainHousehold(records, link, variants, m, u, options, random) };
    }

    /// <summary>
    /// A level between the strongest agreement and "different" (a date one digit out, an estimate within a year,
    /// the same month) is a partial agreement: it cannot be stronger evidence against one person than complete
    /// disagreement. EM, with few such pairs to learn from, can set its m near zero (one town's run gave "one digit
    /// different" -4.3 bits and "different" -1.0), which turns a typing slip into a stronger objection than a date
    /// thirty years away. So each such level's m is raised, where needed, to weigh as much as "different", and the
    /// field's m renormalised.
    /// </summary>
    internal static void NoPartialAgreementBelowDisagreement(double[][] m, double[][] u)
    {
        for (var f = 0; f < m.Length; f++)
        {
            var last = m[f].Length - 1;
            if (last < 3)
            {
                continue;
            }
            var ratio = m[f][last] / u[f][last];
            var raised = false;
            for (var l = 2; l < last; l++)
            {
                if (m[f][l] / u[f][l] < ratio)
                {
                    m[f][l] = u[f][l] * ratio;
                    raised = true;
                }
            }
            if (raised)
            {
                var total = m[f].Skip(1).Sum();
                for (var l = 1; l <= last; l++)
                {
                    m[f][l] /= total;
                }
            }
        }
    }

    /// <summary>Pairs with at least this many sharing an address are needed to learn the household model.</summary>
    private const int MinimumHouseholdPairs = 50;

    /// <summary>
    /// The household model: the share of pairs with the same postcode and address that are the same person,
    /// by EM over the match rate alone, with m and u of the person fields held at the main model's values.
    /// </summary>
    private static HouseholdModel? TrainHousehold(IReadOnlyList<PreparedRecord> records, bool link, NameVariants variants, double[][] m, double[][] u,
        TrainingOptions options, Random random)
    {
        var (patterns, totalPairs) = SamplePatterns(records, link, variants,
            r => r.Postcode.IsMissing || r.Address.Length == 0 ? null : r.Postcode.Value + "|" + r.Address, options.MaxTrainingPairs, random);
        if (patterns.Values.Sum() < MinimumHouseholdPairs)
        {
            return null;
        }
        var person = Enumerable.Range(0, Comparisons.FieldCount).Where(f => HouseholdModel.IsPersonField((Field)f)).ToArray();
        var levels = new byte[Comparisons.FieldCount];
        var evidence = new List<(double Bits, double Count)>(patterns.Count);
        foreach (var (key, count) in patterns)
        {
            Comparisons.Unpack(key, levels);
            var bits = 0.0;
            foreach (var f in person)
            {
                if (levels[f] != 0)
                {
                    bits += Math.Log2(m[f][levels[f]] / u[f][levels[f]]);
                }
            }
            evidence.Add((bits, count));
        }
        var lambda = 0.5;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var prior = Math.Log2(lambda / (1 - lambda));
            double matches = 0, total = 0;
            foreach (var (bits, count) in evidence)
            {
                matches += ModelParameters.ToProbability(prior + bits) * count;
                total += count;
            }
            var next = Math.Clamp(matches / total, 1e-4, 1 - 1e-4);
            var done = Math.Abs(next - lambda) < 1e-7;
            lambda = next;
            if (done)
            {
                break;
            }
        }
        return new HouseholdModel(lambda, totalPairs);
    }

    private static double TotalPairs(IReadOnlyList<PreparedRecord> records, bool link)
    {
        if (!link)
        {
            return records.Count * (records.Count - 1.0) / 2.0;
        }
        double left = records.Count(r => r.Source == 0);
        return left * (records.Count - left);
    }

    // Initial m: strongest agreement most likely among matches, then halving level by level.
    private static double Default(int levelCount, int level)
    {
        var total = 0.0;
        for (var l = 1; l < levelCount; l++)
        {
            total += Math.Pow(2, levelCount - 1 - l);
        }
        return Math.Pow(2, levelCount - 1 - level) / total;
    }

    internal static double[][] EstimateU(IReadOnlyList<PreparedRecord> records, bool link, NameVariants variants, int samples, Random random)
    {
        var counts = new double[Comparisons.FieldCount][];
        for (var f = 0; f < counts.Length; f++)
        {
            counts[f] = new double[Comparisons.LevelCount((Field)f)];
        }
        var left = link ? records.Where(r => r.Source == 0).ToArray() : [.. records];
        var right = link ? records.Where(r => r.Source == 1).ToArray() : left;
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        if (left.Length > 0 && right.Length > 0 && (link || left.Length > 1))
        {
            for (var s = 0; s < samples; s++)
            {
                var a = left[random.Next(left.Length)];
                var b = right[random.Next(right.Length)];
                if (ReferenceEquals(a, b))
                {
                    continue;
                }
                Comparisons.Compare(a, b, variants, levels);
                for (var f = 0; f < levels.Length; f++)
                {
                    counts[f][levels[f]]++;
                }
            }
        }
        var u = new double[Comparisons.FieldCount][];
        for (var f = 0; f < counts.Length; f++)
        {
            u[f] = new double[counts[f].Length];
            var present = counts[f].Skip(1).Sum();
            // Half a pair of pseudo-count per level keeps unseen agreement levels finite.
            for (var l = 1; l < u[f].Length; l++)
            {
                u[f][l] = (counts[f][l] + 0.5) / (present + (0.5 * (u[f].Length - 1)));
            }
        }
        return u;
    }

    private sealed record TrainingRun(double[][] M, double Lambda, double Pairs, ISet<Field> Estimated);

    private static TrainingRun Em(IReadOnlyList<PreparedRecord> records, bool link, NameVariants variants, double[][] u,
        TrainingKey key, Field[] excluded, TrainingOptions options, Random random)
    {
        var estimated = new HashSet<Field>(Enum.GetValues<Field>().Except(excluded));
        var (patterns, totalPairs) = SamplePatterns(records, link, variants, key, options.MaxTrainingPairs, random);
        var m = new double[Comparisons.FieldCount][];
        for (var f = 0; f < m.Length; f++)
        {
            m[f] = new double[u[f].Length];
            for (var l = 1; l < m[f].Length; l++)
            {
                m[f][l] = Default(m[f].Length, l);
            }
        }
        var lambda = 0.1;
        if (patterns.Count == 0)
        {
            return new TrainingRun(m, lambda, 0, estimated);
        }
        var keys = patterns.Keys.ToArray();
        var weights = patterns.Values.ToArray();
        var unpacked = new byte[keys.Length][];
        for (var k = 0; k < keys.Length; k++)
        {
            unpacked[k] = new byte[Comparisons.FieldCount];
            Comparisons.Unpack(keys[k], unpacked[k]);
        }
        var included = estimated.Select(f => (int)f).Order().ToArray();
        for (var iteration = 0; iteration < options.EmIterations; iteration++)
        {
            var sums = m.Select(a => new double[a.Length]).ToArray();
            double matchTotal = 0, total = 0;
            var prior = Math.Log2(lambda / (1 - lambda));
            for (var k = 0; k < keys.Length; k++)
            {
                var w = prior;
                var lv = unpacked[k];
                foreach (var f in included)
                {
                    if (lv[f] != 0)
                    {
                        w += Math.Log2(m[f][lv[f]] / u[f][lv[f]]);
                    }
                }
                var p = ModelParameters.ToProbability(w) * weights[k];
                matchTotal += p;
                total += weights[k];
                foreach (var f in included)
                {
                    sums[f][lv[f]] += p;
                }
            }
            var change = 0.0;
            foreach (var f in included)
            {
                var present = sums[f].Skip(1).Sum();
                for (var l = 1; l < m[f].Length; l++)
                {
                    var next = (sums[f][l] + 0.01) / (present + (0.01 * (m[f].Length - 1)));
                    change = Math.Max(change, Math.Abs(next - m[f][l]));
                    m[f][l] = next;
                }
            }
            lambda = Math.Clamp(matchTotal / total, 1e-9, 1 - 1e-9);
            if (change < 1e-6)
            {
                break;
            }
        }
        return new TrainingRun(m, lambda, totalPairs, estimated);
    }

    /// <summary>
    /// Comparison vectors of the pairs that share a training key, counted by pattern. When there are more
    /// pairs than the limit, each is kept with the same probability, so proportions are unchanged.
    /// </summary>
    private static (Dictionary<ulong, double> Patterns, double TotalPairs) SamplePatterns(IReadOnlyList<PreparedRecord> records,
        bool link, NameVariants variants, TrainingKey key, int maxPairs, Random random)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            if (key(records[i]) is { } k)
            {
                if (!blocks.TryGetValue(k, out var list))
                {
                    list = [];
                    blocks[k] = list;
                }
                list.Add(i);
            }
        }
        double total = 0;
        var ordered = blocks.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value).ToList();
        foreach (var b in ordered)
        {
            total += link ? (double)b.Count(i => records[i].Source == 0) * b.Count(i => records[i].Source == 1) : b.Count * (b.Count - 1.0) / 2.0;
        }
        var keep = total <= maxPairs ? 1.0 : maxPairs / total;
        var patterns = new Dictionary<ulong, double>();
        var levels = new byte[Comparisons.FieldCount];
        void Count(PreparedRecord x, PreparedRecord y)
        {
            Comparisons.Compare(x, y, variants, levels);
            var packed = Comparisons.Pack(levels);
            patterns[packed] = patterns.GetValueOrDefault(packed) + 1;
        }
        foreach (var b in ordered)
        {
            var lefts = link ? b.Where(i => records[i].Source == 0).ToArray() : [.. b];
            var rights = link ? b.Where(i => records[i].Source == 1).ToArray() : lefts;
            double blockPairs = link ? (double)lefts.Length * rights.Length : b.Count * (b.Count - 1.0) / 2.0;
            if (blockPairs == 0)
            {
                continue;
            }
            if (keep >= 1.0)
            {
                for (var p = 0; p < lefts.Length; p++)
                {
                    for (var q = link ? 0 : p + 1; q < rights.Length; q++)
                    {
                        Count(records[lefts[p]], records[rights[q]]);
                    }
                }
                continue;
            }
            // Sampling: draw the block's share of pairs at random (stochastic rounding keeps the expected
            // count exact) instead of visiting every pair of a large block.
            var draws = (int)Math.Floor((keep * blockPairs) + random.NextDouble());
            for (var d = 0; d < draws; d++)
            {
                var x = lefts[random.Next(lefts.Length)];
                var y = rights[random.Next(rights.Length)];
                if (x == y)
                {
                    d--;
                    continue;
                }
                Count(records[x], records[y]);
            }
        }
        return (patterns, total);
    }
}
