using System.Globalization;
using Lantern.Linking.Bench;

// The linking quality and speed harness (see docs/linking.md).
// Usage: Lantern.Linking.Bench <shared-data-dir> [febrl|batch|households|lookup|all|diag|micro|synth-diag|score-speed|explain|score-pairs <pairs.csv>] [records] [seed]
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
