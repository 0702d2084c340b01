using System.Diagnostics;
using Lantern.Linking.Evaluation;
using Lantern.Linking.Index;
using Lantern.Linking.Model;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Bench;

/// <summary>Speed on a synthetic town: batch deduplication, and one-record lookups against a large index.</summary>
internal static class SyntheticBench
{
    public static void Batch(int count, TextWriter output)
    {
        var population = new SyntheticPeople(NameVariants.Default, seed: 1).Generate(count, 0.2);
        GC.Collect();
        var sw = Stopwatch.StartNew();
        var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(population.Records, new Progress(sw, output));
        var seconds = sw.Elapsed.TotalSeconds;
        var predicted = run.Matches.Select(p => (run.Records[p.Left].Id, run.Records[p.Right].Id));
        var pairs = PairwiseMetrics.Score(predicted, population.EntityOf, link: false);
        var clusterPairs = PairwiseMetrics.Score(ClusterPairs(run), population.EntityOf, link: false);
        output.WriteLine($"batch {count:N0} records (20% duplicates): {seconds:0.0} s wall, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB, "
            + $"{run.CandidatePairs:N0} candidate pairs ({run.CandidatePairs / seconds:N0} pairs/s), {run.Blocking.CappedBlocks:N0} blocks over the cap");
        output.WriteLine($"  pairs by rule: {string.Join("; ", run.Blocking.PairsByRule.Select((c, i) => $"{Blocking.BlockingRules.Names[i]} {c:N0}"))}");
        output.WriteLine($"  pairs:    {pairs}");
        output.WriteLine($"  clusters: {clusterPairs}; bridges {run.Clusters.Bridges.Count:N0}, cut {run.Clusters.Bridges.Count(b => b.Cut):N0}");
    }

    internal static IEnumerable<(string, string)> ClusterPairs(LinkRun run)
    {
        var groups = Enumerable.Range(0, run.Records.Count).GroupBy(i => run.Clusters.ClusterOf[i]).Where(g => g.Count() > 1);
        foreach (var g in groups)
        {
            var members = g.ToArray();
            for (var a = 0; a < members.Length; a++)
            {
                for (var b = a + 1; b < members.Length; b++)
                {
                    yield return (run.Records[members[a]].Id, run.Records[members[b]].Id);
                }
            }
        }
    }

    public static void Lookup(int count, int queries, TextWriter output)
    {
        // A town of families (the hard case for "who might this be?"); probes are further corrupted copies.
        var generator = new SyntheticPeople(NameVariants.Default, seed: 2);
        var population = new SyntheticHouseholds(NameVariants.Default, seed: 2).Generate(count, 0.2);
        var sw = Stopwatch.StartNew();
        // Parameters are learned once, without labels, from a sample of the population.
        var preparer = new RecordPreparer(NameVariants.Default, 2000);
        var sample = population.Records.Take(100_000).Select(r => preparer.Prepare(r)).ToArray();
        var model = Trainer.Train(sample, link: false, NameVariants.Default, new TrainingOptions());
        output.WriteLine($"trained on {sample.Length:N0} records in {sw.Elapsed.TotalSeconds:0.0} s");
        sw.Restart();
        var index = new PersonIndex(model, NameVariants.Default);
        foreach (var r in population.Records)
        {
            index.Add(r);
        }
        output.WriteLine($"indexed {index.Count:N0} records in {sw.Elapsed.TotalSeconds:0.0} s ({index.Count / sw.Elapsed.TotalSeconds:N0}/s); working set {Environment.WorkingSet / 1048576.0:N0} MB");

        var random = new Random(3);
        var probes = Enumerable.Range(0, queries).Select(q =>
        {
            var original = population.Records[random.Next(population.Records.Count)];
            return (Query: generator.Corrupt(original) with { Id = $"probe{q}" }, Entity: population.EntityOf[original.Id]);
        }).ToArray();
        foreach (var (query, _) in probes.Take(200))
        {
            index.Query(query); // warm-up: JIT and caches
        }
        var latencies = new double[probes.Length];
        var found = 0;
        for (var q = 0; q < probes.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var matches = index.Query(probes[q].Query, maxResults: 10, minimumProbability: 0.5);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (matches.Any(m => population.EntityOf[m.Id] == probes[q].Entity))
            {
                found++;
            }
        }
        Array.Sort(latencies);
        double P(double q) => latencies[(int)Math.Min(latencies.Length - 1, q * latencies.Length)];
        output.WriteLine($"lookup against {index.Count:N0}: p50 {P(0.5):0.000} ms, p90 {P(0.9):0.000} ms, p99 {P(0.99):0.000} ms, max {latencies[^1]:0.000} ms; "
            + $"true person among results for {found * 100.0 / probes.Length:0.0}% of {probes.Length:N0} corrupted probes");

        sw.Restart();
        for (var q = 0; q < 1000; q++)
        {
            index.Remove(population.Records[q].Id);
        }
        for (var q = 0; q < 1000; q++)
        {
            index.Add(population.Records[q]);
        }
        output.WriteLine($"1,000 removals and 1,000 additions: {sw.Elapsed.TotalMilliseconds:0.0} ms");
    }
}

/// <summary>Where the synthetic run loses true pairs: not candidates, or scored below the threshold.</summary>
internal static class SyntheticDiagnostics
{
    public static void Run(int count, TextWriter output)
    {
        var population = new SyntheticPeople(NameVariants.Default, seed: 1).Generate(count, 0.2);
        var run = new Linker(NameVariants.Default, new LinkerOptions { Threshold = 0.0001 }).Deduplicate(population.Records);
        var found = run.Matches.ToDictionary(p => (p.Left, p.Right), p => p.Probability);
        var byEntity = Enumerable.Range(0, run.Records.Count).GroupBy(i => population.EntityOf[run.Records[i].Id]).Where(g => g.Count() > 1);
        int missingCandidate = 0, low = 0, shown = 0;
        foreach (var g in byEntity)
        {
            var m = g.ToArray();
            for (var a = 0; a < m.Length; a++)
            {
                for (var b = a + 1; b < m.Length; b++)
                {
                    var key = (Math.Min(m[a], m[b]), Math.Max(m[a], m[b]));
                    if (!found.TryGetValue(key, out var p))
                    {
                        missingCandidate++;
                        if (shown++ < 8)
                        {
                            output.WriteLine("NOT FOUND " + Show(run.Records[key.Item1]) + " | " + Show(run.Records[key.Item2]));
                        }
                    }
                    else if (p < 0.9)
                    {
                        low++;
                        if (low <= 6)
                        {
                            output.WriteLine($"LOW {p:0.000}: " + Show(run.Records[key.Item1]) + " | " + Show(run.Records[key.Item2]));
                            foreach (var line in run.Scorer.Explain(run.Records[key.Item1], run.Records[key.Item2]).Lines())
                            {
                                output.WriteLine("    " + line);
                            }
                        }
                    }
                }
            }
        }
        var falsePositives = 0;
        foreach (var ((left, right), p) in found)
        {
            if (p >= 0.9 && population.EntityOf[run.Records[left].Id] != population.EntityOf[run.Records[right].Id] && falsePositives++ < 6)
            {
                output.WriteLine($"FALSE {p:0.000}: " + Show(run.Records[left]) + " | " + Show(run.Records[right]));
                foreach (var line in run.Scorer.Explain(run.Records[left], run.Records[right]).Lines())
                {
                    output.WriteLine("    " + line);
                }
            }
        }
        output.WriteLine($"true pairs not candidates or scored below 0.0001: {missingCandidate}; scored 0.0001 to 0.9: {low}; false pairs at 0.9 or above: {falsePositives}");
    }

    private static string Show(PreparedRecord r) => $"{r.Given} {r.Family} {r.DateOfBirth} {r.Postcode.Value} {r.Address} {r.Phone}";
}

/// <summary>Prints the explanation of one pair scored by a model learned from a synthetic town (for the documentation).</summary>
internal static class ExplainExample
{
    public static void Run(TextWriter output)
    {
        var population = new SyntheticPeople(NameVariants.Default, seed: 1).Generate(100_000, 0.2);
        var extra = new List<PersonRecord>(population.Records)
        {
            new("police-1") { Given = "Imran", Family = "Hussain", DateOfBirth = "14/07/1988", Postcode = "BD8 7DX", Address = "12 Lumb Lane", Sex = "M" },
            new("school-9") { Given = "IMRAN", Family = "Husain", DateOfBirth = "1988-07-14", Postcode = "bd87dx", Address = "12 Lumb Lane" },
        };
        var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(extra);
        var a = run.Records.Single(r => r.Id == "police-1");
        var b = run.Records.Single(r => r.Id == "school-9");
        foreach (var line in run.Scorer.Explain(a, b).Lines())
        {
            output.WriteLine(line);
        }
    }
}

/// <summary>Nanoseconds per candidate pair for scoring alone, on one thread, to compare scorer changes.</summary>
internal static class ScoringSpeed
{
    public static void Run(int count, TextWriter output)
    {
        var population = new SyntheticPeople(NameVariants.Default, seed: 1).Generate(count, 0.2);
        var preparer = new RecordPreparer(NameVariants.Default, 2000);
        var records = population.Records.Select(r => preparer.Prepare(r)).ToArray();
        var frequencies = new TermFrequencies();
        foreach (var r in records)
        {
            frequencies.Add(r);
        }
        var model = Trainer.Train(records, link: false, NameVariants.Default, new TrainingOptions());
        var scorer = new Scorer(model, frequencies, NameVariants.Default);
        var pairs = Blocking.CandidatePairs.Generate(records, false, 100, out _);
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            var sum = 0.0;
            foreach (var p in pairs)
            {
                var (i, j) = Blocking.CandidatePairs.Unpack(p);
                sum += scorer.Weight(records[i], records[j]);
            }
            output.WriteLine($"scoring {pairs.Length:N0} pairs: {sw.Elapsed.TotalMilliseconds * 1e6 / pairs.Length:0} ns per pair (checksum {sum:0})");
        }
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var p in pairs)
            {
                var (i, j) = Blocking.CandidatePairs.Unpack(p);
                Comparisons.Compare(records[i], records[j], NameVariants.Default, levels);
            }
            var compare = sw.Elapsed.TotalMilliseconds * 1e6 / pairs.Length;
            sw.Restart();
            foreach (var p in pairs)
            {
                var (i, j) = Blocking.CandidatePairs.Unpack(p);
                Comparisons.CompareGiven(records[i].GivenKeys, records[j].GivenKeys, records[i].Name.GivenTokens, records[j].Name.GivenTokens, records[i].Sex, records[j].Sex, NameVariants.Default);
                Comparisons.CompareFamily(records[i].FamilyKeys, records[j].FamilyKeys, records[i].Name.FamilyTokens, records[j].Name.FamilyTokens, NameVariants.Default);
            }
            output.WriteLine($"compare only {compare:0} ns per pair; given and family only {sw.Elapsed.TotalMilliseconds * 1e6 / pairs.Length:0} ns");
        }
    }
}
