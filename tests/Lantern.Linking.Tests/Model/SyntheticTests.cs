using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

public sealed class SyntheticTests
{
    [Fact]
    public void Generate_SameSeed_GivesSamePopulation()
    {
        var a = new SyntheticPeople(NameVariants.Default, 9).Generate(500, 0.2);
        var b = new SyntheticPeople(NameVariants.Default, 9).Generate(500, 0.2);
        Assert.Equal(a.Records, b.Records);
        Assert.Equal(500, a.Records.Count);
        Assert.Equal(400, a.EntityOf.Values.Distinct().Count());
    }

    [Fact]
    public void Deduplicate_SyntheticTown_FindsMostDuplicatesWithFewFalseLinks()
    {
        var population = new SyntheticPeople(NameVariants.Default, 11).Generate(5_000, 0.2);
        var run = new Linker(NameVariants.Default, new LinkerOptions()).Deduplicate(population.Records);
        var predicted = run.Matches.Select(p => (run.Records[p.Left].Id, run.Records[p.Right].Id));
        var m = Evaluation.PairwiseMetrics.Score(predicted, population.EntityOf, link: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"synthetic 5,000: {m}");
        Assert.True(m.Precision >= 0.9 && m.Recall >= 0.85, m.ToString());
    }
}
