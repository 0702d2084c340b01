using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lantern.Linking;
using Lantern.Linking.Io;
using Lantern.Linking.Text;

namespace Lantern.Cli;

/// <summary>
/// `lantern link`: deduplicate one CSV file, or link two, into predicted pairs and clusters. Parameters are
/// learned from the data without labels. Exit code 2 means bad input, named by file, line and column.
/// </summary>
internal static class LinkCommand
{
    public static Command Build()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file of records (deduplicated alone, or the left side of a link)", Required = true };
        var right = new Option<FileInfo?>("--right") { Description = "Second CSV file: link --input to it instead of deduplicating" };
        var columns = new Option<string>("--columns")
        {
            Description = "Roles to columns: id=<col>,given=<col>,family=<col>,dob=<col>,sex=<col>,postcode=<col>,"
                + "address=<col>[+<col>...],locality=<col>,phone=<col>,identifier=<col>,email=<col>,vehicle=<col>",
            Required = true,
        };
        var threshold = new Option<double>("--threshold") { Description = "Match probability at or above which a pair is reported (default 0.9)", DefaultValueFactory = _ => 0.9 };
        var pairs = new Option<FileInfo>("--pairs") { Description = "Output: left_id,right_id,probability for each predicted match", Required = true };
        var clusters = new Option<FileInfo?>("--clusters") { Description = "Output: id,cluster_id for every input record" };
        var review = new Option<FileInfo?>("--review")
        {
            Description = "Output: left_id,right_id,probability,held_back for pairs a person should decide (probability 0.5 or more, "
                + "not linked automatically: below the threshold, or held back by a rule such as possible twins)",
        };
        var saveModel = new Option<FileInfo?>("--save-model")
        {
            Description = "Output: the parameters learned from these records, for the service to score arriving records with (Lantern:Identity:ModelFile)",
        };
        var command = new Command("link", "Find records of the same person within one file or across two, with learned match probabilities")
        {
            input, right, columns, threshold, pairs, clusters, review, saveModel,
        };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(right), parse.GetValue(columns)!, parse.GetValue(threshold),
            parse.GetValue(pairs)!, parse.GetValue(clusters), parse.GetValue(review), parse.GetValue(saveModel)));
        return command;
    }

    private static int Run(FileInfo input, FileInfo? right, string columnText, double threshold, FileInfo pairsFile, FileInfo? clustersFile, FileInfo? reviewFile,
        FileInfo? modelFile)
    {
        var clock = Stopwatch.StartNew();
        if (threshold is <= 0 or >= 1)
        {
            Console.Error.WriteLine("lantern link: --threshold must be a probability between 0 and 1 (exclusive)");
            return 2;
        }
        ColumnMap map;
        try
        {
            map = ColumnMap.Parse(columnText);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"lantern link: --columns: {e.Message}");
            return 2;
        }
        List<PersonRecord> left;
        List<PersonRecord>? rightRecords = null;
        try
        {
            left = Read(map, input);
            if (right is not null)
            {
                rightRecords = Read(map, right);
            }
        }
        catch (LinkInputException e)
        {
            Console.Error.WriteLine($"lantern link: {e.Message}");
            return 2;
        }
        Console.Error.WriteLine($"Read {left.Count:N0} records from {input.Name}" + (rightRecords is null ? "" : $" and {rightRecords.Count:N0} from {right!.Name}") + ".");

        var options = new LinkerOptions { Threshold = threshold, ReferenceYear = TimeProvider.System.GetUtcNow().Year };
        var linker = new Linker(NameVariants.Default, options);
        var progress = new StderrProgress(clock);
        var run = rightRecords is null ? linker.Deduplicate(left, progress) : linker.Link(left, rightRecords, progress);

        WritePairs(pairsFile, run, run.Matches, review: false);
        if (clustersFile is not null)
        {
            WriteClusters(clustersFile, run);
        }
        if (reviewFile is not null)
        {
            WritePairs(reviewFile, run, run.Suggestions, review: true);
        }
        if (modelFile is not null)
        {
            using var writer = new StreamWriter(modelFile.FullName) { NewLine = "\n" };
            Linking.Model.ModelFile.Write(run.Scorer.Model, writer);
        }
        var cut = run.Clusters.Bridges.Count(b => b.Cut);
        var heldBack = run.Suggestions.Count(p => p.HoldBack != Linking.Model.HoldBack.None);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Records {run.Records.Count:N0}; candidate pairs {run.CandidatePairs:N0}; matches {run.Matches.Count:N0}; "
            + $"for review {run.Suggestions.Count:N0} ({heldBack:N0} held back by a rule); "
            + $"clusters {run.Clusters.ClusterCount:N0}; bridges {run.Clusters.Bridges.Count:N0} ({cut:N0} cut); "
            + $"{clock.Elapsed.TotalSeconds:0.0} s; peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB."));
        return 0;
    }

    private static List<PersonRecord> Read(ColumnMap map, FileInfo file)
    {
        if (!file.Exists)
        {
            throw new LinkInputException(file.Name, null, null, $"file not found ({file.FullName})");
        }
        using var reader = new StreamReader(file.FullName);
        return map.Read(reader, file.Name);
    }

    private static void WritePairs(FileInfo file, LinkRun run, IReadOnlyList<Linking.Clustering.ScoredPair> pairs, bool review)
    {
        using var writer = new StreamWriter(file.FullName);
        writer.NewLine = "\n";
        writer.WriteLine(review ? "left_id,right_id,probability,held_back" : "left_id,right_id,probability");
        foreach (var pair in pairs)
        {
            var a = run.Records[pair.Left];
            var b = run.Records[pair.Right];
            // In a link, the left id is always from --input and the right from --right.
            if (a.Source > b.Source)
            {
                (a, b) = (b, a);
            }
            var reason = review ? "," + Csv(Linking.Model.HoldBackRules.Words[pair.HoldBack]) : "";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(a.Id)},{Csv(b.Id)},{pair.Probability:0.######}{reason}"));
        }
    }

    private static void WriteClusters(FileInfo file, LinkRun run)
    {
        using var writer = new StreamWriter(file.FullName);
        writer.NewLine = "\n";
        writer.WriteLine("id,cluster_id");
        for (var i = 0; i < run.Records.Count; i++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(run.Records[i].Id)},{run.Clusters.ClusterOf[i]}"));
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed class StderrProgress(Stopwatch clock) : IProgress<LinkProgress>
    {
        private readonly Lock _gate = new();
        private double _lastReport = -1;

        public void Report(LinkProgress value)
        {
            lock (_gate)
            {
                // Scoring reports per chunk; print at most about once a second so long runs stay readable.
                var now = clock.Elapsed.TotalSeconds;
                if (value.Stage == "scored" && value.Done < value.Total && now - _lastReport < 1)
                {
                    return;
                }
                _lastReport = now;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now,6:0.0} s] {value.Stage} {value.Done:N0}/{value.Total:N0}"));
            }
        }
    }
}
