using Lantern.Linking.Blocking;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

public sealed class BlockingTests
{
    private static readonly RecordPreparer Preparer = new(NameVariants.Default, 2026);

    [Fact]
    public void Generate_VariantNamesSameBirthDate_AreCandidates()
    {
        var records = new[]
        {
            Preparer.Prepare(new PersonRecord("a") { Given = "Mohammed", Family = "Qureshi", DateOfBirth = "2001-04-05" }),
            Preparer.Prepare(new PersonRecord("b") { Given = "Mohd", Family = "Kureshi", DateOfBirth = "05/04/2001" }),
            Preparer.Prepare(new PersonRecord("c") { Given = "Sarah", Family = "Lee", DateOfBirth = "1970-01-01" }),
        };
        var pairs = CandidatePairs.Generate(records, link: false, cap: 100, out _);
        Assert.Equal([CandidatePairs.Pack(0, 1)], pairs);
    }

    [Fact]
    public void Generate_PairFoundByTwoRules_IsEmittedOnce()
    {
        var records = Enumerable.Range(0, 2).Select(i => Preparer.Prepare(new PersonRecord($"r{i}")
        {
            Given = "Amy",
            Family = "Smith",
            DateOfBirth = "1990-01-01",
            Postcode = "BD7 1DP",
            Phone = "07700900123",
        })).ToArray();
        Assert.Single(CandidatePairs.Generate(records, link: false, cap: 100, out _));
    }

    [Fact]
    public void Generate_BlockOverCap_IsSkippedAndCounted()
    {
        // 30 people who share only a phone number (a switchboard): a generic value, not evidence.
        var records = Enumerable.Range(0, 30).Select(i => Preparer.Prepare(new PersonRecord($"r{i}") { Phone = "01274 000000" })).ToArray();
        var pairs = CandidatePairs.Generate(records, link: false, cap: 20, out var stats);
        Assert.Empty(pairs);
        Assert.Equal(1, stats.CappedBlocks);
        Assert.Equal(30, stats.CappedRecords);
        Assert.Equal(30 * 29 / 2, CandidatePairs.Generate(records, link: false, cap: 50, out _).Length);
    }

    [Fact]
    public void Generate_LinkMode_OnlyPairsAcrossSources()
    {
        var records = new[]
        {
            Preparer.Prepare(new PersonRecord("a") { Given = "Amy", Family = "Smith", DateOfBirth = "1990-01-01" }, 0),
            Preparer.Prepare(new PersonRecord("b") { Given = "Amy", Family = "Smith", DateOfBirth = "1990-01-01" }, 0),
            Preparer.Prepare(new PersonRecord("c") { Given = "Amy", Family = "Smith", DateOfBirth = "1990-01-01" }, 1),
        };
        var pairs = CandidatePairs.Generate(records, link: true, cap: 100, out _);
        Assert.Equal([CandidatePairs.Pack(0, 2), CandidatePairs.Pack(1, 2)], pairs);
    }
}
