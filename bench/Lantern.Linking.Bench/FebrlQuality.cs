using System.Diagnostics;
using Lantern.Linking.Evaluation;
using Lantern.Linking.Io;
using Lantern.Linking.Text;

namespace Lantern.Linking.Bench;

/// <summary>Pairwise quality on FEBRL 1 (deduplicate) and FEBRL 4 (link 4a to 4b), with and without soc_sec_id.</summary>
internal static class FebrlQuality
{
    private const string Columns = "id=rec_id,given=given_name,family=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,locality=suburb";

    public static void Run(string dataDir, TextWriter output)
    {
        foreach (var withId in new[] { true, false })
        {
            var map = ColumnMap.Parse(Columns + (withId ? ",identifier=soc_sec_id" : ""));
            var label = withId ? "with soc_sec_id" : "without soc_sec_id";
            var one = Read(map, Path.Combine(dataDir, "febrl", "dataset1.csv"));
            var sw = Stopwatch.StartNew();
            var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(one);
            var m1 = Score(run, link: false);
            output.WriteLine($"FEBRL1 dedupe {label}: {m1}; candidates {run.CandidatePairs}; {sw.Elapsed.TotalSeconds:0.00} s");

            var a = Read(map, Path.Combine(dataDir, "febrl", "dataset4a.csv"));
            var b = Read(map, Path.Combine(dataDir, "febrl", "dataset4b.csv"));
            sw.Restart();
            var run4 = new Linker(NameVariants.Default, new LinkerOptions()).Link(a, b);
            var m4 = Score(run4, link: true);
            output.WriteLine($"FEBRL4 link   {label}: {m4}; candidates {run4.CandidatePairs}; {sw.Elapsed.TotalSeconds:0.00} s");
            output.WriteLine($"  true pairs held back for review: {HeldBack(run4)}");
            if (Environment.GetEnvironmentVariable("LANTERN_BENCH_VERBOSE") == "1")
            {
                output.WriteLine(run4.Scorer.Model.Describe());
            }
        }
    }

    /// <summary>Scores a pairs.csv written by `lantern link` on FEBRL 1 against the FEBRL truth.</summary>
    public static void ScorePairsFile(string dataDir, string pairsPath, TextWriter output)
    {
        using var reader = new StreamReader(pairsPath);
        var rows = new CsvReader(reader).ReadRows().Skip(1).Select(r => (r.Fields[0], r.Fields[1])).ToList();
        var ids = Read(ColumnMap.Parse("id=rec_id"), Path.Combine(dataDir, "febrl", "dataset1.csv")).Select(r => r.Id);
        var metrics = PairwiseMetrics.Score(rows, ids.ToDictionary(id => id, id => id.Split('-')[1]), link: false);
        output.WriteLine($"lantern link pairs on FEBRL1: {metrics}");
    }

    /// <summary>True pairs at or above the threshold that a rule held back, by rule: the recall the rules cost.</summary>
    internal static string HeldBack(LinkRun run)
    {
        var counts = run.Suggestions
            .Where(p => p.HoldBack != Model.HoldBack.None && run.Records[p.Left].Id.Split('-')[1] == run.Records[p.Right].Id.Split('-')[1])
            .GroupBy(p => p.HoldBack).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        return string.Join(", ", counts) is { Length: > 0 } s ? s : "none";
    }

    internal static List<PersonRecord> Read(ColumnMap map, string path)
    {
        using var reader = new StreamReader(path);
        return map.Read(reader, Path.GetFileName(path));
    }

    internal static PairwiseMetrics Score(LinkRun run, bool link)
    {
        var entity = run.Records.ToDictionary(r => r.Id, r => r.Id.Split('-')[1]);
        var source = run.Records.ToDictionary(r => r.Id, r => r.Source);
        var predicted = run.Matches.Select(p => (run.Records[p.Left].Id, run.Records[p.Right].Id));
        return PairwiseMetrics.Score(predicted, entity, link, id => source[id]);
    }
}

internal static class FebrlDiagnostics
{
    public static void Run(string dataDir, TextWriter output)
    {
        var map = ColumnMap.Parse("id=rec_id,given=given_name,family=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,locality=suburb");
        var a = FebrlQuality.Read(map, Path.Combine(dataDir, "febrl", "dataset4a.csv"));
        var b = FebrlQuality.Read(map, Path.Combine(dataDir, "febrl", "dataset4b.csv"));
        var sw = Stopwatch.StartNew();
        var run = new Linker(NameVariants.Default, new LinkerOptions { Threshold = 0.01 }).Link(a, b, new Progress(sw, output));
        output.WriteLine($"run {sw.Elapsed.TotalSeconds:0.00}s");
        var byId = run.Records.Select((r, i) => (r, i)).ToDictionary(x => x.r.Id, x => x.i);
        var scored = run.Matches.ToDictionary(p => (p.Left, p.Right), p => p.Probability);
        int notCandidate = 0;
        var buckets = new int[11];
        var shown = 0;
        foreach (var r in a)
        {
            var i = byId[r.Id];
            var j = byId[r.Id.Replace("-org", "-dup-0", StringComparison.Ordinal)];
            var key = (Math.Min(i, j), Math.Max(i, j));
            var p = scored.TryGetValue(key, out var v) ? v : run.Scorer.Probability(run.Records[i], run.Records[j]);
            if (!scored.ContainsKey(key) && p < 0.01)
            {
                notCandidate++;
            }
            buckets[(int)(p * 10)]++;
            if (!scored.ContainsKey(key) && shown++ < 12)
            {
                output.WriteLine($"{r.Id}: p={p:0.000}");
                foreach (var line in run.Scorer.Explain(run.Records[i], run.Records[j]).Lines())
                {
                    output.WriteLine("   " + line);
                }
            }
        }
        output.WriteLine($"low and not candidate {notCandidate}; buckets {string.Join(",", buckets)}");
        var fpBuckets = new int[11];
        foreach (var m in run.Matches)
        {
            if (run.Records[m.Left].Id.Split('-')[1] != run.Records[m.Right].Id.Split('-')[1])
            {
                fpBuckets[(int)(m.Probability * 10)]++;
            }
        }
        output.WriteLine($"false pairs by probability decile {string.Join(",", fpBuckets)}");
    }
}

internal sealed class Progress(Stopwatch sw, TextWriter output) : IProgress<LinkProgress>
{
    public void Report(LinkProgress value) => output.WriteLine($"{sw.Elapsed.TotalSeconds:0.00}s {value.Stage} {value.Done}/{value.Total}");
}

internal static class MicroProfile
{
    public static void Run(string dataDir, TextWriter output)
    {
        var map = ColumnMap.Parse("id=rec_id,given=given_name,family=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,locality=suburb");
        var a = FebrlQuality.Read(map, Path.Combine(dataDir, "febrl", "dataset4a.csv"));
        var prep = new RecordPreparer(NameVariants.Default, 2000);
        var recs = a.Select(r => prep.Prepare(r)).ToArray();
        var rnd = new Random(1);
        var idx = Enumerable.Range(0, 500_000).Select(_ => (rnd.Next(recs.Length), rnd.Next(recs.Length))).ToArray();
        var v = NameVariants.Default;
        void T(string name, Action<PreparedRecord, PreparedRecord> f)
        {
            var sw = Stopwatch.StartNew();
            foreach (var (i, j) in idx)
            {
                f(recs[i], recs[j]);
            }
            output.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds * 1000 / idx.Length:0.000} us");
        }
        var people = new Lantern.Linking.Synthetic.SyntheticPeople(NameVariants.Default, 4).Generate(50_000, 0.2).Records;
        void R(string name, Action<PersonRecord> f)
        {
            var sw = Stopwatch.StartNew();
            foreach (var r in people)
            {
                f(r);
            }
            output.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds * 1000 / people.Count:0.000} us");
        }
        R("prepare", r => prep.Prepare(r));
        R("prepare", r => prep.Prepare(r));
        R("names", r => NameText.Parse(r.Given, r.Family));
        R("dm", r => DoubleMetaphone.Encode(r.Family));
        R("nysiis", r => Nysiis.Encode(r.Family));
        R("group", r => v.GroupKey(NameText.Fold(r.Family)));
        R("dob", r => Lantern.Linking.Normalisation.DateOfBirth.Parse(r.DateOfBirth, 2000));
        R("postcode", r => Lantern.Linking.Normalisation.UkPostcode.Normalise(r.Postcode));
        R("phone", r => Lantern.Linking.Normalisation.UkPhone.ToE164(r.Phone));
        R("address", r => Bigrams.Of(NameText.Fold(r.Address)));
        var levels = new byte[Lantern.Linking.Model.Comparisons.FieldCount];
        T("compare", (x, y) => Lantern.Linking.Model.Comparisons.Compare(x, y, v, levels));
        T("compare", (x, y) => Lantern.Linking.Model.Comparisons.Compare(x, y, v, levels));
        T("given", (x, y) => Lantern.Linking.Model.Comparisons.CompareGiven(x.GivenKeys, y.GivenKeys, x.Name.GivenTokens, y.Name.GivenTokens, x.Sex, y.Sex, v));
        T("family", (x, y) => Lantern.Linking.Model.Comparisons.CompareFamily(x.FamilyKeys, y.FamilyKeys, x.Name.FamilyTokens, y.Name.FamilyTokens, v));
        T("jw loc", (x, y) => StringSimilarity.JaroWinkler(x.Locality, y.Locality));
        T("bigram", (x, y) => x.AddressBigrams.Jaccard(y.AddressBigrams));
        T("jw given", (x, y) => StringSimilarity.JaroWinkler(x.Given, y.Given));
        T("jw addr", (x, y) => StringSimilarity.JaroWinkler(x.Address, y.Address));
        T("variants", (x, y) => v.AreVariants(x.Given, y.Given));
        T("nick", (x, y) => v.AreNicknames(x.Given, y.Given));
        T("dl", (x, y) => StringSimilarity.DamerauLevenshtein(x.DobCompact, y.DobCompact, 1));
    }
}
