using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

/// <summary>The rules that keep household evidence from standing in for person evidence.</summary>
public sealed class HoldBackTests
{
    private static readonly RecordPreparer Preparer = new(NameVariants.Default, 2026);

    private static PersonRecord Home(string id, string given, string dob, string sex) => new(id)
    {
        Given = given,
        Family = "Hussain",
        DateOfBirth = dob,
        Sex = sex,
        Postcode = "BD8 7DX",
        Address = "12 Lumb Lane",
        Phone = "07700 900123",
    };

    private static HoldBack Check(PersonRecord x, PersonRecord y, bool householdsInData = true)
    {
        var a = Preparer.Prepare(x);
        var b = Preparer.Prepare(y);
        Span<byte> levels = stackalloc byte[Comparisons.FieldCount];
        var swapped = Comparisons.Compare(a, b, NameVariants.Default, levels);
        var sharesHousehold = HouseholdModel.SharesHousehold(levels);
        var forward = HoldBackRules.Check(a, b, levels, swapped, NameVariants.Default, householdsInData, sharesHousehold);
        swapped = Comparisons.Compare(b, a, NameVariants.Default, levels);
        Assert.Equal(forward, HoldBackRules.Check(b, a, levels, swapped, NameVariants.Default, householdsInData, sharesHousehold));
        return forward;
    }

    [Fact]
    public void Twins_SameBirthdayDifferentNames_AreHeldBack()
    {
        Assert.Equal(HoldBack.GivenNamesDiffer, Check(Home("a", "Zainab", "2011-03-04", "F"), Home("b", "Imran", "2011-03-04", "M")));
        Assert.Equal(HoldBack.PossibleTwins, Check(Home("a", "Hassan", "2011-03-04", "M"), Home("b", "Hussain", "2011-03-04", "M")));
    }

    [Fact]
    public void FatherAndSon_SameNameYearsApart_AreHeldBack()
    {
        Assert.Equal(HoldBack.BornYearsApart, Check(Home("a", "Imran", "1979-05-06", "M"), Home("b", "Imran", "2009-11-12", "M")));
    }

    [Fact]
    public void JuniorAndSenior_AreHeldApartEvenWithoutHouseholds()
    {
        var senior = Home("a", "Imran", "", "M") with { Family = "Hussain Snr", DateOfBirth = null };
        var junior = Home("b", "Imran Jnr", "", "M") with { DateOfBirth = null };
        Assert.Equal(HoldBack.JuniorAndSenior, Check(senior, junior, householdsInData: false));
    }

    [Fact]
    public void Brothers_MohammedThenDifferentSecondNames_AreHeldBack()
    {
        Assert.Equal(HoldBack.SecondNamesDiffer,
            Check(Home("a", "Mohammed Imran", "1990-02-03", "M"), Home("b", "Muhammad Asif", "1990-02-03", "M")));
        // The same second name spelt another way is the same man.
        Assert.Equal(HoldBack.None, Check(Home("a", "Mohammed Imran", "1990-02-03", "M"), Home("b", "Muhammad Imran", "1990-02-03", "M")));
        // One record without the second name does not conflict, but at one address it could be any of the
        // brothers (or a twin): a person decides, unless no one else there fits.
        Assert.Equal(HoldBack.NoPersonEvidence, Check(Home("a", "Mohammed Imran", "1990-02-03", "M"), Home("b", "Mohammed", "1990-02-03", "M")));
        Assert.Equal(HoldBack.None, Check(Home("a", "Mohammed Imran", "1990-02-03", "M"),
            Home("b", "Mohammed", "1990-02-03", "M") with { Postcode = "BD3 9AA", Address = "4 Leeds Road", Phone = null }));
    }

    [Fact]
    public void SameNameAtOneAddressWithoutABirthDate_NeedsAPerson()
    {
        // A mother and daughter both called Amy: nothing says which one a record without a date of birth is.
        var mother = Home("a", "Amy", "1984-06-07", "F");
        var undated = Home("b", "Amy", "", "F") with { DateOfBirth = null };
        Assert.Equal(HoldBack.NoPersonEvidence, Check(mother, undated));
        Assert.Equal(HoldBack.NoPersonEvidence, Check(mother, undated with { Postcode = "BD3 9AA", Address = "4 Leeds Road", Phone = null }));
        // An NHS number is the person's own.
        Assert.Equal(HoldBack.None, Check(mother with { Identifier = "9434765919" }, undated with { Identifier = "9434765919" }));
    }

    [Fact]
    public void SexesDiffer_WithDifferentlySpeltNames_AreHeldBack()
    {
        Assert.Equal(HoldBack.SexesDiffer, Check(Home("a", "Ali", "2012-01-01", "M"), Home("b", "Alia", "2012-01-01", "F")));
    }

    [Fact]
    public void SameIdentifier_OutweighsADifferentName_ButDifferentIdentifiersHoldBack()
    {
        var a = Home("a", "Zainab", "2011-03-04", "F") with { Identifier = "943 476 5919" };
        Assert.Equal(HoldBack.None, Check(a, Home("b", "Zara", "2011-03-04", "F") with { Identifier = "9434765919" }));
        Assert.Equal(HoldBack.IdentifiersDiffer, Check(a, Home("b", "Zainab", "2011-03-04", "F") with { Identifier = "4010232137" }));
    }

    [Fact]
    public void SamePersonRecordedTwice_IsNotHeldBack()
    {
        Assert.Equal(HoldBack.None, Check(Home("a", "Zainab", "2011-03-04", "F"), Home("b", "ZAINAB", "04/03/2011", "F") with { Phone = null }));
        // Typing slips, swaps and an estimated birthday are not conflicts.
        Assert.Equal(HoldBack.None, Check(Home("a", "Zainab", "2011-03-04", "F"), Home("b", "Zaniab", "2011-04-03", "F")));
        Assert.Equal(HoldBack.None, Check(Home("a", "Zainab", "2011-03-04", "F"), Home("b", "Zainab", "01/01/2011", "F")));
    }

    [Fact]
    public void WithoutHouseholdsInTheData_OnlyJuniorAndSeniorHoldBack()
    {
        Assert.Equal(HoldBack.None, Check(Home("a", "Zainab", "2011-03-04", "F"), Home("b", "Imran", "2011-03-04", "M"), householdsInData: false));
    }

    [Fact]
    public void EveryRule_HasWords()
    {
        foreach (var rule in Enum.GetValues<HoldBack>().Where(r => r != HoldBack.None))
        {
            Assert.False(string.IsNullOrWhiteSpace(HoldBackRules.Words[rule]), rule.ToString());
        }
    }
}
