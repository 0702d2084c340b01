using System.Globalization;
using Lantern.Linking.Bench;

// The linking quality and speed harness (see docs/linking.md), and the network graph's (see docs/network.md).
// Usage: Lantern.Linking.Bench <shared-data-dir> [febrl|batch|households|lookup|all|diag|micro|synth-diag|score-speed|explain|score-pairs <pairs.csv>] [records] [seed]
//        Lantern.Linking.Bench graph [nodes] [links] [seed] [iterations]
if (args.Length > 0 && args[0] == "graph")
{
    int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    return GraphBench.Run(Arg(1, 1_000_000), Arg(2, 5_000_000), Arg(3, 1), Arg(4, 2), Console.Out);
}
if (args.Length == 5 && args[0] == "graph-run")
{
    // The timed Lantern side of `graph`, started by it in a process of its own: <edges> <seed> <iterations> <membership-out>.
    return GraphBench.RunLantern(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4], Console.Out);
}
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Lantern.Linking.Bench <shared-data-dir> [febrl|batch|households|lookup|all|diag|micro|synth-diag|score-speed|explain|score-pairs <pairs.csv>] [records] [seed]");
    return 2;
}
var what = args.Length > 1 ? args[1] : "all";
var size = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
if (what == "households")
{
    HouseholdBench.Run(size, args.Length > 3 && int.TryParse(args[3], CultureInfo.InvariantCulture, out var seed) ? seed : 1, Console.Out);
}
if (what == "synth-diag")
{
    SyntheticDiagnostics.Run(size, Console.Out);
}
if (what == "score-speed")
{
    ScoringSpeed.Run(size, Console.Out);
}
if (what == "explain")
{
    ExplainExample.Run(Console.Out);
}
if (what == "micro")
{
    MicroProfile.Run(args[0], Console.Out);
}
if (what == "diag")
{
    FebrlDiagnostics.Run(args[0], Console.Out);
}
if (what is "febrl" or "all")
{
    FebrlQuality.Run(args[0], Console.Out);
}
if (what == "score-pairs")
{
    FebrlQuality.ScorePairsFile(args[0], args[2], Console.Out);
}
if (what is "batch" or "all")
{
    SyntheticBench.Batch(size, Console.Out);
}
if (what is "lookup" or "all")
{
    SyntheticBench.Lookup(size, 10_000, Console.Out);
}
return 0;
