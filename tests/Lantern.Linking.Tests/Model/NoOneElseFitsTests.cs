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

    private static PreparedRecord Wright(string id, string? dob) => Preparer.Prepare(new PersonRecord(id)
    {
        Given = "Courtney",
        Family = "Wright",
        DateOfBirth = dob,
        Sex = "F",
        Postcode = "BD3 7FY",
        Address = "139 Manchester Road",
    });

    [Fact]
    public void LinkWhereNoOneElseFits_DaughterHeldApartFromBoth_LinksTheTwoRecordsOfTheMother()
    {
        // Courtney Wright born in 1990, once written with the year only; her daughter Courtney, born 2012, is held
        // apart from both records, so she is someone neither record could be.
        PreparedRecord[] records = [Wright("police", "14/07/1990"), Wright("youth", "1990"), Wright("daughter", "2012-03-01")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence), Pair(0, 2, HoldBack.BornYearsApart), Pair(1, 2, HoldBack.BornYearsApart));
        Assert.Equal(HoldBack.None, result.Single(p => p is { Left: 0, Right: 1 }).HoldBack);
    }

    [Fact]
    public void LinkWhereNoOneElseFits_UndatedRecordThatCouldBeMotherOrDaughter_IsLeftToAPerson()
    {
        PreparedRecord[] records = [Wright("undated", null), Wright("mother", "14/07/1990"), Wright("daughter", "2012-03-01")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence), Pair(0, 2, HoldBack.NoPersonEvidence), Pair(1, 2, HoldBack.BornYearsApart));
        Assert.All(result.Where(p => p.Left == 0), p => Assert.Equal(HoldBack.NoPersonEvidence, p.HoldBack));
    }

    [Fact]
    public void LinkWhereNoOneElseFits_BareMohammedWithBrothers_IsLeftToAPerson()
    {
        // Brothers called Muhammad (twins among them) make a bare "Muhammad Aslam" anyone's: a brother held apart
        // from either record is enough to leave it to a person.
        PreparedRecord[] records = [Mohammed("school", "Muhammad", "2009-12-29"), Mohammed("police", "Muhammad", "29/12/2009"),
            Mohammed("brother", "Muhammad Bilal", "2013-05-02")];
        var result = Promote(records, Pair(0, 1, HoldBack.NoPersonEvidence), Pair(0, 2, HoldBack.BornYearsApart), Pair(1, 2, HoldBack.BornYearsApart));
        Assert.Equal(HoldBack.NoPersonEvidence, result.Single(p => p is { Left: 0, Right: 1 }).HoldBack);
        Assert.Equal(HoldBack.None, Promote(records[..2], Pair(0, 1, HoldBack.NoPersonEvidence)).Single().HoldBack);
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
    public void SameName_SlipInTheFamilyName_CountsOnlyWhenSlipsAreAllowed()
    {
        var a = Preparer.Prepare(new PersonRecord("a") { Given = "Katarzyna", Family = "Wojcik" });
        var b = Preparer.Prepare(new PersonRecord("b") { Given = "Katarzyna", Family = "Wocjik" });
        var c = Preparer.Prepare(new PersonRecord("c") { Given = "Amina", Family = "Khan" });
        var d = Preparer.Prepare(new PersonRecord("d") { Given = "Samina", Family = "Khan" });
        Assert.False(HoldBackRules.SameName(a, b, NameVariants.Default));
        Assert.True(HoldBackRules.SameName(a, b, NameVariants.Default, allowSlip: true));
        Assert.False(HoldBackRules.SameName(c, d, NameVariants.Default, allowSlip: true));
    }

    [Fact]
    public void DatesSameOrOneMissing_DigitSlipBetweenFullDates_IsFalse()
    {
        Assert.False(HoldBackRules.DatesSameOrOneMissing(Mohammed("a", "Muhammad", "2010-08-03"), Mohammed("b", "Muhammad", "2014-08-03")));
        Assert.True(HoldBackRules.DatesSameOrOneMissing(Mohammed("a", "Muhammad", "2010-08-03"), Mohammed("b", "Muhammad", "03/08/2010")));
    }
}

/// <summary>Sanity of the parameters learned without labels.</summary>
public sealed class LearnedParameterTests
{
    [Fact]
    public void NoPartialAgreementBelowDisagreement_SlipWeighingLessThanDifferent_IsRaisedToDifferent()
    {
        // Date of birth levels: missing, exact, swap, typo, month, year, near, different.
        double[][] u = [[0, 0.0001, 0.00001, 0.0012, 0.0007, 0.013, 0.0015, 0.984]];
        double[][] m = [[0, 0.47, 0.0001, 0.0001, 0.0001, 0.018, 0.0001, 0.51]];
        Trainer.NoPartialAgreementBelowDisagreement(m, u);
        var different = Math.Log2(m[0][7] / u[0][7]);
        for (var level = 2; level < 7; level++)
        {
            Assert.True(Math.Log2(m[0][level] / u[0][level]) >= different - 1e-9, $"level {level}");
        }
        Assert.Equal(1, m[0].Skip(1).Sum(), 9);
        // Exact agreement and a level already above "different" keep their order.
        Assert.True(m[0][1] > m[0][5]);
        Assert.True(Math.Log2(m[0][5] / u[0][5]) > different + 0.3);
    }
}
