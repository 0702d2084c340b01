using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Quality;

/// <summary>
/// Pairwise quality on FEBRL with parameters learned without labels; the labels only score. The floors sit
/// a little under what the engine measures (see docs/linking.md) so that a real regression fails.
/// </summary>
public sealed class FebrlQualityTests
{
    private static readonly LinkerOptions Options = new();

    [Fact]
    public void Link_Febrl4WithSocSecId_MeetsFloors()
    {
        var run = new Linker(NameVariants.Default, Options).Link(SharedData.ReadFebrl("dataset4a.csv", true), SharedData.ReadFebrl("dataset4b.csv", true));
        var m = SharedData.Score(run, link: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"FEBRL4 with soc_sec_id: {m}");
        Assert.True(m.Precision >= 0.995 && m.Recall >= 0.995 && m.F1 >= 0.995, m.ToString());
    }

    [Fact]
    public void Link_Febrl4WithoutSocSecId_MeetsFloors()
    {
        var run = new Linker(NameVariants.Default, Options).Link(SharedData.ReadFebrl("dataset4a.csv", false), SharedData.ReadFebrl("dataset4b.csv", false));
        var m = SharedData.Score(run, link: true);
        TestContext.Current.TestOutputHelper?.WriteLine($"FEBRL4 without soc_sec_id: {m}");
        Assert.True(m.Precision >= 0.99 && m.Recall >= 0.975 && m.F1 >= 0.985, m.ToString());
    }

    [Fact]
    public void Deduplicate_Febrl1WithSocSecId_MeetsFloors()
    {
        var run = new Linker(NameVariants.Default, Options).Deduplicate(SharedData.ReadFebrl("dataset1.csv", true));
        var m = SharedData.Score(run, link: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"FEBRL1 with soc_sec_id: {m}");
        Assert.True(m.Precision >= 0.99 && m.Recall >= 0.99, m.ToString());
    }

    [Fact]
    public void Deduplicate_Febrl1WithoutSocSecId_MeetsFloors()
    {
        var m = SharedData.Score(SharedData.Febrl1, link: false);
        TestContext.Current.TestOutputHelper?.WriteLine($"FEBRL1 without soc_sec_id: {m}");
        Assert.True(m.Precision >= 0.99 && m.Recall >= 0.98 && m.F1 >= 0.985, m.ToString());
    }

    [Fact]
    public void Link_IdentifierDisabled_ScoresWithoutIt()
    {
        // The identifier column can be read and still left out of the score, for a like-for-like measure.
        var options = Options with { DisabledFields = new HashSet<Field> { Field.Identifier } };
        var run = new Linker(NameVariants.Default, options).Deduplicate(SharedData.ReadFebrl("dataset1.csv", true));
        var explanation = run.Scorer.Explain(run.Records[0], run.Records[0]);
        Assert.DoesNotContain(explanation.Fields, f => f.Field == Field.Identifier);
    }
}
