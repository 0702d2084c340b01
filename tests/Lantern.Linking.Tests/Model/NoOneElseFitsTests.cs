using Lantern.Linking.Clustering;
using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

/// <summary>
/// A pair held back only for want of person evidence is linked when the names are the same, the dates of birth
/// do not say two people, and no one else fits.
/// </summary>
public sealed class NoOneElseFitsTests
{
    private static readonly RecordPreparer Preparer = new(NameVariants.Default, 2026);

    private static PreparedRecord Mohammed(string id, string given, string? dob) => Preparer.Prepare(new PersonRecord(id)
    {
        Given = given,
        Family = "Aslam",
        DateOfBirth = dob,
        Sex = "M",
        Postcode = "BD3 7FY",
        Address = "139 Manchester Road",
    });

    private static List<ScoredPair> Promote(PreparedRecord[] records, params ScoredPair[] pairs)
    {
        var apart = pairs.Where(p => HoldBackRules.SaysTwoPeople(p.HoldBack)).Select(p => (p.Left, p.Right)).ToList();
        return Linker.LinkWhereNoOneElseFits(records, [.. pairs], apart, 0.9, NameVariants.Default);
    }

    private static ScoredPair Pair(int left, int right, HoldBack holdBack, double probability = 0.999) =>
        new(left, right, ModelParameters.ToWeight(probability), probability, holdBack);

    [Fact]
    public void LinkWhereNoOneElseFits_BrotherHeldApartFromBoth_LinksTheTwoRecordsOfOneName()
    {
        // Two records of "Muhammad Aslam" born the same day; his brother, born years later, is held apart from both.
        PreparedRecord[] records = [Mohammed("school", "Muhammad", "2009-12-29"), Mohammed("police", "Muhammad", "29/12/2009"),
            Mohammed("brother", "Muhammad Bilal", "2013-05-02")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence), Pair(0, 2, HoldBack.BornYearsApart), Pair(1, 2, HoldBack.BornYearsApart));
        Assert.Equal(HoldBack.None, result.Single(p => p is { Left: 0, Right: 1 }).HoldBack);
    }

    [Fact]
    public void LinkWhereNoOneElseFits_TwinsBothMohammed_LeavesTheUndatedRecordToAPerson()
    {
        // An undated "Muhammad Aslam" could be either twin: Muhammad Imran or Muhammad Bilal, held apart from each other.
        PreparedRecord[] records = [Mohammed("undated", "Muhammad", null), Mohammed("imran", "Muhammad Imran", "2009-12-29"),
            Mohammed("bilal", "Muhammad Bilal", "2009-12-29")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence), Pair(0, 2, HoldBack.NoPersonEvidence), Pair(1, 2, HoldBack.SecondNamesDiffer));
        Assert.All(result.Where(p => p.Left == 0), p => Assert.Equal(HoldBack.NoPersonEvidence, p.HoldBack));
    }

    [Fact]
    public void LinkWhereNoOneElseFits_TwoFullDatesApart_IsNeverLinked()
    {
        // Brothers called Muhammad, a year apart, with no one else at the address: the dates say two people.
        PreparedRecord[] records = [Mohammed("a", "Muhammad", "2016-04-02"), Mohammed("b", "Muhammad", "2017-07-25")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence));
        Assert.Equal(HoldBack.NoPersonEvidence, result.Single().HoldBack);
    }

    [Theory]
    [InlineData("2009")]
    [InlineData("01/01/2009")]
    [InlineData(null)]
    public void LinkWhereNoOneElseFits_YearOrEstimateThatFits_IsLinked(string? dob)
    {
        PreparedRecord[] records = [Mohammed("a", "Muhammad", "2009-12-29"), Mohammed("b", "Muhammad", dob)];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence));
        Assert.Equal(HoldBack.None, result.Single().HoldBack);
    }

    [Fact]
    public void DatesSameOrOneMissing_DigitSlipBetweenFullDates_IsFalse()
    {
        Assert.False(HoldBackRules.DatesSameOrOneMissing(Mohammed("a", "Muhammad", "2010-08-03"), Mohammed("b", "Muhammad", "2014-08-03")));
        Assert.True(HoldBackRules.DatesSameOrOneMissing(Mohammed("a", "Muhammad", "2010-08-03"), Mohammed("b", "Muhammad", "03/08/2010")));
    }
}
