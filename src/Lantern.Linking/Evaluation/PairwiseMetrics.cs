namespace Lantern.Linking.Evaluation;

/// <summary>Pairwise precision, recall and F1 of predicted links against true ones.</summary>
public sealed record PairwiseMetrics(long TruePositives, long FalsePositives, long FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Compares unordered id pairs; <paramref name="entityOf"/> gives each record's true entity.</summary>
    public static PairwiseMetrics Score(IEnumerable<(string Left, string Right)> predicted, IReadOnlyDictionary<string, string> entityOf, bool link, Func<string, int>? sourceOf = null)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(entityOf);
        var seen = new HashSet<(string, string)>();
        long tp = 0, fp = 0;
        foreach (var (l, r) in predicted)
        {
            var key = string.CompareOrdinal(l, r) <= 0 ? (l, r) : (r, l);
            if (!seen.Add(key))
            {
                continue;
            }
            if (entityOf[l] == entityOf[r])
            {
                tp++;
            }
            else
            {
                fp++;
            }
        }
        long truePairs = 0;
        foreach (var group in entityOf.GroupBy(kv => kv.Value))
        {
            if (link && sourceOf is not null)
            {
                long left = group.Count(kv => sourceOf(kv.Key) == 0);
                truePairs += left * (group.LongCount() - left);
            }
            else
            {
                long n = group.Count();
                truePairs += n * (n - 1) / 2;
            }
        }
        return new PairwiseMetrics(tp, fp, truePairs - tp);
    }

    public override string ToString() => $"precision {Precision:0.0000}, recall {Recall:0.0000}, F1 {F1:0.0000} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives})";
}
