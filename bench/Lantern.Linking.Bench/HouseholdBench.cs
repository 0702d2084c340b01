using System.Diagnostics;
using Lantern.Linking.Evaluation;
using Lantern.Linking.Model;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Bench;

/// <summary>
/// Deduplication of a town of families (`scripts/bench linking households N`): pairwise quality, false links
/// by how the two people are related, true pairs missed by what held them back, speed and memory.
/// </summary>
internal static class HouseholdBench
{
    public static void Run(int count, int seed, TextWriter output)
    {
        var sw = Stopwatch.StartNew();
        var population = new SyntheticHouseholds(NameVariants.Default, seed).Generate(count, 0.2);
        output.WriteLine($"generated {population.Records.Count:N0} records of {population.EntityOf.Values.Distinct().Count():N0} people in {sw.Elapsed.TotalSeconds:0.0} s (seed {seed})");
        GC.Collect();
        sw.Restart();
        var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(population.Records);
        var seconds = sw.Elapsed.TotalSeconds;
        output.WriteLine($"households {count:N0} records: {seconds:0.0} s wall, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB, "
            + $"{run.CandidatePairs:N0} candidate pairs, {run.Blocking.CappedBlocks:N0} blocks over the cap");
        if (run.Scorer.Model.Household is { } h)
        {
            output.WriteLine($"  household model: {h.MatchRate:P1} of {h.Pairs:N0} pairs sharing a postcode and address are one person; family rules {(run.Scorer.Model.HasHouseholds ? "on" : "off")}");
        }
        var ids = run.Records.Select(r => r.Id).ToArray();
        var predicted = run.Matches.Select(p => (ids[p.Left], ids[p.Right])).ToList();
        output.WriteLine($"  pairs:    {PairwiseMetrics.Score(predicted, population.EntityOf, link: false)}");
        output.WriteLine($"  clusters: {PairwiseMetrics.Score(SyntheticBench.ClusterPairs(run), population.EntityOf, link: false)}");

        var falseLinks = run.Matches.Select(p => population.RelationshipOf(ids[p.Left], ids[p.Right]))
            .Where(r => r != PairRelationship.SamePerson).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("  false links by relationship: " + string.Join(", ",
            Enum.GetValues<PairRelationship>().Where(r => r != PairRelationship.SamePerson).Select(r => $"{r} {falseLinks.GetValueOrDefault(r)}")));

        var review = run.Suggestions.Select(p => (p, Same: population.EntityOf[ids[p.Left]] == population.EntityOf[ids[p.Right]])).ToList();
        output.WriteLine($"  for review: {review.Count:N0} pairs ({review.Count(x => x.Same):N0} the same person)");
        output.WriteLine("  true pairs held back by rule: " + string.Join(", ", review.Where(x => x.Same && x.p.HoldBack != HoldBack.None)
            .GroupBy(x => x.p.HoldBack).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));
        output.WriteLine("  other people held back by rule: " + string.Join(", ", review.Where(x => !x.Same && x.p.HoldBack != HoldBack.None)
            .GroupBy(x => x.p.HoldBack).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));
        MissedPairs.Report(run, population, new LinkerOptions().Threshold, output);
        if (Environment.GetEnvironmentVariable("LANTERN_BENCH_VERBOSE") == "1")
        {
            output.WriteLine(run.Scorer.Model.Describe());
            var relationship = Environment.GetEnvironmentVariable("LANTERN_BENCH_RELATIONSHIP");
            foreach (var p in run.Matches.Where(p => population.EntityOf[ids[p.Left]] != population.EntityOf[ids[p.Right]]
                && (relationship is null || population.RelationshipOf(ids[p.Left], ids[p.Right]).ToString() == relationship)).Take(12))
            {
                output.WriteLine($"FALSE ({population.RelationshipOf(ids[p.Left], ids[p.Right])}): {Show(run.Records[p.Left])} | {Show(run.Records[p.Right])}");
                foreach (var line in run.Scorer.Explain(run.Records[p.Left], run.Records[p.Right]).Lines())
                {
                    output.WriteLine("    " + line);
                }
            }
            foreach (var group in review.Where(x => x.Same).GroupBy(x => x.p.HoldBack))
            {
                foreach (var (p, _) in group.Take(6))
                {
                    output.WriteLine($"HELD {p.HoldBack} {p.Probability:0.000} ({population.SourceOf[ids[p.Left]]}/{population.SourceOf[ids[p.Right]]}): {Show(run.Records[p.Left])} | {Show(run.Records[p.Right])}");
                }
            }
        }
    }

    private static string Show(PreparedRecord r) =>
        $"{string.Join(' ', r.Name.GivenTokens)} {r.Family} {r.DateOfBirth} {r.Sex} {r.Postcode.Value} {r.Address} {r.Phone} {r.Identifier}";
}
