using Lantern.Linking.Bench;

// The linking quality and speed harness. Usage: Lantern.Linking.Bench <data-dir> [febrl|lookup|batch|all]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Lantern.Linking.Bench <shared-data-dir> [febrl|lookup|batch|all]");
    return 2;
}
var what = args.Length > 1 ? args[1] : "all";
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
return 0;
