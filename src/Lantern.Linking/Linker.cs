using Lantern.Linking.Blocking;
using Lantern.Linking.Clustering;
using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking;

/// <summary>Settings of a linking run.</summary>
public sealed record LinkerOptions
{
    /// <summary>Pairs at or above this match probability are reported and clustered.</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>
    /// Pairs at or above this probability that are not linked automatically (below the threshold, or held back
    /// by a rule) are returned as suggestions for a person to review.
    /// </summary>
    public double ReviewThreshold { get; init; } = 0.5;

    /// <summary>Blocks with more records than this are not expanded into pairs.</summary>
    public int BlockCap { get; init; } = 100;

    /// <summary>Year used to place two-digit birth years in a century.</summary>
    public int ReferenceYear { get; init; } = 2000;

    /// <summary>A bridge between two groups of records is kept only at or above this probability.</summary>
    public double BridgeKeepProbability { get; init; } = 0.999;

    /// <summary>Fields not to score, for example <see cref="Field.Identifier"/> to measure without it.</summary>
    public IReadOnlySet<Field> DisabledFields { get; init; } = new HashSet<Field>();

    public TrainingOptions Training { get; init; } = new();
}

/// <summary>What a run is doing, for progress reports.</summary>
public sealed record LinkProgress(string Stage, long Done, long Total);

/// <summary>
/// The outcome of deduplicating or linking: prepared records, model, automatic links (<see cref="Matches"/>),
/// pairs for a person to review (<see cref="Suggestions"/>: uncertain, or held back by a rule, which each
/// pair names) and clusters.
/// </summary>
public sealed record LinkRun(
    IReadOnlyList<PreparedRecord> Records,
    Scorer Scorer,
    long CandidatePairs,
    CandidatePairs.Stats Blocking,
    IReadOnlyList<ScoredPair> Matches,
    IReadOnlyList<ScoredPair> Suggestions,
    ClusterResult Clusters);

/// <summary>
/// Batch identity resolution: normalise, block, learn parameters without labels, score candidate pairs,
/// keep those at or above the threshold and cluster them.
/// </summary>
public sealed class Linker(NameVariants variants, LinkerOptions options)
{
    public LinkerOptions Options { get; } = options;

    public LinkRun Deduplicate(IReadOnlyList<PersonRecord> records, IProgress<LinkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var preparer = new RecordPreparer(variants, Options.ReferenceYear);
        var prepared = Prepare(records.Select(r => (r, 0)).ToList(), preparer, progress);
        return Run(prepared, link: false, progress);
    }

    public LinkRun Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, IProgress<LinkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var preparer = new RecordPreparer(variants, Options.ReferenceYear);
        var prepared = Prepare(left.Select(r => (r, 0)).Concat(right.Select(r => (r, 1))).ToList(), preparer, progress);
        return Run(prepared, link: true, progress);
    }

    private static PreparedRecord[] Prepare(List<(PersonRecord Record, int Source)> input, RecordPreparer preparer, IProgress<LinkProgress>? progress)
    {
        var prepared = new PreparedRecord[input.Count];
        Parallel.For(0, input.Count, i => prepared[i] = preparer.Prepare(input[i].Record, input[i].Source));
        progress?.Report(new LinkProgress("prepared", input.Count, input.Count));
        return prepared;
    }

    private LinkRun Run(PreparedRecord[] records, bool link, IProgress<LinkProgress>? progress)
    {
        var frequencies = new TermFrequencies();
        foreach (var r in records)
        {
            frequencies.Add(r);
        }
        var model = Trainer.Train(records, link, variants, Options.Training);
        foreach (var field in Options.DisabledFields)
        {
            model.Disabled.Add(field);
        }
        progress?.Report(new LinkProgress("trained", 1, 1));
        var scorer = new Scorer(model, frequencies, variants);
        var pairs = CandidatePairs.Generate(records, link, Options.BlockCap, out var stats);
        progress?.Report(new LinkProgress("blocked", pairs.LongLength, pairs.LongLength));
        var scored = ScoreAll(records, pairs, scorer, Math.Min(Options.ReviewThreshold, Options.Threshold), progress);
        var apart = scored.Where(p => HoldBackRules.SaysTwoPeople(p.HoldBack)).Select(p => (p.Left, p.Right)).ToList();
        scored = LinkWhereNoOneElseFits(records, scored, apart, Options.Threshold, variants);
        var links = scored.Where(p => p.Probability >= Options.Threshold && p.HoldBack == HoldBack.None).ToList();
        var clusters = Clusterer.Cluster(records.Length, links, Options.Threshold, Options.BridgeKeepProbability, apart);
        var refused = clusters.HeldApart.Select(p => (p.Left, p.Right)).ToHashSet();
        var matches = refused.Count == 0 ? links : links.Where(p => !refused.Contains((p.Left, p.Right))).ToList();
        var suggestions = scored.Where(p => p.Probability < Options.Threshold || p.HoldBack != HoldBack.None)
            .Concat(clusters.HeldApart.Select(p => p with { HoldBack = HoldBack.WouldJoinRecordsHeldApart }))
            .OrderBy(p => p.Left).ThenBy(p => p.Right).ToList();
        return new LinkRun(records, scorer, pairs.LongLength, stats, matches, suggestions, clusters);
    }

    /// <summary>
    /// A pair held back only for want of person evidence (no date of birth or identifier agrees) is linked
    /// when the given and family names are the same (or variant spellings), the dates of birth are the same or one is
    /// missing, and it is unambiguous: of the candidates (at the review threshold) that
    /// each record could be, none is held apart by a rule from another, its partner included. "Courtney Wright" without a date of birth at the address of a Courtney
    /// Wright born in 1990 is that woman, unless a Courtney Wright born in 2012 is also there, in which
    /// case a person decides.
    /// </summary>
    internal static List<ScoredPair> LinkWhereNoOneElseFits(PreparedRecord[] records, List<ScoredPair> scored, List<(int Left, int Right)> apart,
        double threshold, NameVariants variants)
    {
        var weak = scored.Where(p => p.HoldBack == HoldBack.NoPersonEvidence && p.Probability >= threshold
            && HoldBackRules.SameName(records[p.Left], records[p.Right], variants, allowSlip: true)
            && HoldBackRules.DatesSameOrOneMissing(records[p.Left], records[p.Right])).ToList();
        if (weak.Count == 0)
        {
            return scored;
        }
        var heldApart = new HashSet<(int, int)>(apart.Select(p => Key(p.Left, p.Right)));
        var partners = new Dictionary<int, List<int>>();
        foreach (var p in scored)
        {
            Add(p.Left, p.Right);
            Add(p.Right, p.Left);
        }
        var promoted = weak.Where(p => !Ambiguous(p.Left, p.Right) && !Ambiguous(p.Right, p.Left)).Select(p => (p.Left, p.Right)).ToHashSet();
        return [.. scored.Select(p => promoted.Contains((p.Left, p.Right)) ? p with { HoldBack = HoldBack.None } : p)];

        // x is ambiguous when two of the records it could be (its candidates, y among them, that no rule holds
        // apart from x) are held apart from each other: x is one of two people. A candidate held apart from x
        // itself is someone x is not, and leaves the others the only fit.
        bool Ambiguous(int x, int y)
        {
            // A bare Mohammed may be any of the brothers (twins too, when their other records are missing): any
            // candidate held apart from the partner makes it ambiguous, even one held apart from x itself.
            if (records[x].GivenIsGeneric && partners[x].Any(z => z != y && heldApart.Contains(Key(y, z))))
            {
                return true;
            }
            var could = partners[x].Where(z => !heldApart.Contains(Key(x, z))).ToList();
            if (!could.Contains(y))
            {
                could.Add(y);
            }
            for (var i = 0; i < could.Count; i++)
            {
                for (var j = i + 1; j < could.Count; j++)
                {
                    if (heldApart.Contains(Key(could[i], could[j])))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        void Add(int from, int to)
        {
            if (!partners.TryGetValue(from, out var list))
            {
                list = [];
                partners[from] = list;
            }
            list.Add(to);
        }

        static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
    }

    /// <summary>Scores every candidate pair in parallel chunks and keeps those at or above <paramref name="threshold"/>, in the (sorted) pair order.</summary>
    private static List<ScoredPair> ScoreAll(PreparedRecord[] records, long[] pairs, Scorer scorer, double threshold, IProgress<LinkProgress>? progress)
    {
        const int ChunkSize = 65_536;
        var chunks = (int)((pairs.LongLength + ChunkSize - 1) / ChunkSize);
        var found = new List<ScoredPair>[chunks];
        long done = 0;
        var minimumWeight = ModelParameters.ToWeight(threshold);
        Parallel.For(0, chunks, c =>
        {
            var list = new List<ScoredPair>();
            var end = Math.Min(pairs.LongLength, ((long)c + 1) * ChunkSize);
            for (var p = (long)c * ChunkSize; p < end; p++)
            {
                var (i, j) = CandidatePairs.Unpack(pairs[p]);
                var score = scorer.Score(records[i], records[j]);
                if (score.Weight >= minimumWeight)
                {
                    list.Add(new ScoredPair(i, j, score.Weight, score.Probability, score.HoldBack));
                }
            }
            found[c] = list;
            var total = Interlocked.Add(ref done, end - ((long)c * ChunkSize));
            progress?.Report(new LinkProgress("scored", total, pairs.LongLength));
        });
        return [.. found.SelectMany(l => l)];
    }
}
