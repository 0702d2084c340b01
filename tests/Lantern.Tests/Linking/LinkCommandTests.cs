using System.Globalization;
using Lantern.Testing;

namespace Lantern.Tests.Linking;

/// <summary>`lantern link` as a person runs it, scored against FEBRL's own truth (the rec-N- prefix).</summary>
public sealed class LinkCommandTests
{
    private static string SharedData => Path.Combine(LanternProcess.RepositoryRoot, "..", "shared", "data");

    [Fact]
    public async Task Link_Febrl1WithoutIdentifier_PairsReachTheF1Target()
    {
        var input = Path.Combine(SharedData, "febrl", "dataset1.csv");
        Assert.True(File.Exists(input), $"FEBRL data expected beside the repository at {input}");
        var folder = Directory.CreateTempSubdirectory("lantern-link-").FullName;
        var pairs = Path.Combine(folder, "pairs.csv");
        var clusters = Path.Combine(folder, "clusters.csv");
        var result = await LanternProcess.RunAsync(
        [
            "link", "--input", input,
            "--columns", "id=rec_id,given=given_name,family=surname,dob=date_of_birth,postcode=postcode,address=street_number+address_1+address_2,locality=suburb",
            "--pairs", pairs, "--clusters", clusters,
        ]);
        Assert.True(result.ExitCode == 0, result.Error);

        static string Entity(string id) => id.Split('-')[1];
        var ids = File.ReadLines(input).Skip(1).Select(l => l.Split(',')[0].Trim()).ToList();
        var truth = ids.GroupBy(Entity).Sum(g => g.Count() * (g.Count() - 1) / 2);
        var predicted = File.ReadLines(pairs).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal("left_id,right_id,probability", File.ReadLines(pairs).First());
        var correct = predicted.Count(p => Entity(p[0]) == Entity(p[1]));
        var precision = (double)correct / predicted.Count;
        var recall = (double)correct / truth;
        var f1 = 2 * precision * recall / (precision + recall);
        Assert.True(f1 >= 0.97, string.Create(CultureInfo.InvariantCulture, $"F1 {f1:F4} (precision {precision:F4}, recall {recall:F4})"));
        Assert.All(predicted, p => Assert.InRange(double.Parse(p[2], CultureInfo.InvariantCulture), 0.0, 1.0));

        // Every input record has a cluster.
        Assert.Equal(ids.Count, File.ReadLines(clusters).Count() - 1);
    }

    [Fact]
    public async Task Link_UnknownColumn_NamesItAndExits2()
    {
        var input = Path.Combine(SharedData, "febrl", "dataset1.csv");
        var folder = Directory.CreateTempSubdirectory("lantern-link-").FullName;
        var result = await LanternProcess.RunAsync(["link", "--input", input, "--columns", "id=rec_id,given=first_name", "--pairs", Path.Combine(folder, "p.csv")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("first_name", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
