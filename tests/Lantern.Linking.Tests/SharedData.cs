using Lantern.Linking.Evaluation;
using Lantern.Linking.Io;

namespace Lantern.Linking.Tests;

/// <summary>The shared data sets, found beside the repository (the folder holding Lantern.slnx).</summary>
internal static class SharedData
{
    public const string FebrlColumns =
        "id=rec_id,given=given_name,family=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,locality=suburb";

    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lantern.slnx")))
        {
            dir = dir.Parent;
        }
        if (dir?.Parent is null)
        {
            throw new InvalidOperationException("Lantern.slnx not found above " + AppContext.BaseDirectory);
        }
        return Path.Combine(dir.Parent.FullName, "shared", "data");
    });

    public static string DataPath(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static List<PersonRecord> ReadFebrl(string file, bool withIdentifier)
    {
        var map = ColumnMap.Parse(FebrlColumns + (withIdentifier ? ",identifier=soc_sec_id" : ""));
        using var reader = new StreamReader(DataPath("febrl", file));
        return map.Read(reader, file);
    }

    /// <summary>FEBRL truth: records with the same number in rec-N-... are the same person.</summary>
    public static PairwiseMetrics Score(LinkRun run, bool link)
    {
        var entity = run.Records.ToDictionary(r => r.Id, r => r.Id.Split('-')[1]);
        var source = run.Records.ToDictionary(r => r.Id, r => r.Source);
        var predicted = run.Matches.Select(p => (run.Records[p.Left].Id, run.Records[p.Right].Id));
        return PairwiseMetrics.Score(predicted, entity, link, id => source[id]);
    }

    private static readonly Lazy<LinkRun> Febrl1Run = new(() =>
        new Linker(Lantern.Linking.Text.NameVariants.Default, new LinkerOptions()).Deduplicate(ReadFebrl("dataset1.csv", withIdentifier: false)));

    /// <summary>One deduplication of FEBRL 1 without the identifier, shared by tests that need a trained model.</summary>
    public static LinkRun Febrl1 => Febrl1Run.Value;
}
