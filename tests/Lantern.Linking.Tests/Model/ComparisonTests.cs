using Lantern.Linking.Model;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Model;

public sealed class ComparisonTests
{
    private static readonly RecordPreparer Preparer = new(NameVariants.Default, 2026);

    private static byte[] Levels(PersonRecord a, PersonRecord b, out bool swapped)
    {
        var levels = new byte[Comparisons.FieldCount];
        swapped = Comparisons.Compare(Preparer.Prepare(a), Preparer.Prepare(b), NameVariants.Default, levels);
        return levels;
    }

    private static string Level(Field field, PersonRecord a, PersonRecord b) =>
        Comparisons.Levels[(int)field][Levels(a, b, out _)[(int)field]].Code;

    private static PersonRecord P(string? given = null, string? family = null, string? dob = null, string? sex = null,
        string? postcode = null, string? address = null, string? locality = null, string? phone = null,
        string? identifier = null, string? email = null, string? vehicle = null) => new("x")
        {
            Given = given,
            Family = family,
            DateOfBirth = dob,
            Sex = sex,
            Postcode = postcode,
            Address = address,
            Locality = locality,
            Phone = phone,
            Identifier = identifier,
            Email = email,
            VehicleRegistration = vehicle,
        };

    [Theory]
    [InlineData("Mohammed", "Mohammed", "exact")]
    [InlineData("Mohammed", "Mohd", "variant")]
    [InlineData("Muhammad", "Mohamed", "variant")]
    [InlineData("Robert", "Bob", "nickname")]
    [InlineData("Zorabel", "Zorabell", "jw92")]
    [InlineData("Amy", "Aym", "jw92")]
    [InlineData("Jo", "Oj", "different")]
    [InlineData("Kaylee", "Cayleigh", "similar")]
    [InlineData("J", "John", "initial")]
    [InlineData("John", "Peter", "different")]
    [InlineData(null, "Peter", "missing")]
    public void Compare_GivenNames_GivesLevel(string? a, string? b, string expected)
    {
        Assert.Equal(expected, Level(Field.Given, P(given: a), P(given: b)));
    }

    [Fact]
    public void Compare_NicknameWithDifferentSexes_IsNotANicknameMatch()
    {
        Assert.Equal("nickname", Level(Field.Given, P(given: "Ali", sex: "M"), P(given: "Alison")));
        Assert.NotEqual("nickname", Level(Field.Given, P(given: "Ali", sex: "M"), P(given: "Alison", sex: "F")));
    }

    [Theory]
    [InlineData("Hussain", "Husain", "variant")]
    [InlineData("Qureshi", "Kureshi", "variant")]
    [InlineData("Al-Hussain", "Hussein", "variant")]
    [InlineData("Smith", "Smith", "exact")]
    [InlineData("Thompson", "Thomson", "jw92")]
    [InlineData("Crowther", "Cwowther", "jw92")]
    [InlineData("Ward", "Wadr", "jw92")]
    [InlineData("Smith-Jones", "Jones", "part")]
    [InlineData("Smith", "Patel", "different")]
    public void Compare_FamilyNames_GivesLevel(string a, string b, string expected)
    {
        Assert.Equal(expected, Level(Field.Family, P(family: a), P(family: b)));
    }

    [Fact]
    public void Compare_SwappedGivenAndFamily_ComparesCrosswise()
    {
        var levels = Levels(P("Khan", "Imran"), P("Imran", "Khan"), out var swapped);
        Assert.True(swapped);
        Assert.Equal(1, levels[(int)Field.Given]);
        Assert.Equal(1, levels[(int)Field.Family]);
        Levels(P("Imran", "Khan"), P("Imran", "Khan"), out var notSwapped);
        Assert.False(notSwapped);
    }

    [Theory]
    [InlineData("1985-03-12", "12/03/1985", "exact")]
    [InlineData("1985-03-12", "1985-12-03", "swap")]
    [InlineData("1985-03-12", "1985-03-13", "typo")]
    [InlineData("1985-03-12", "1985-03-27", "month")]
    [InlineData("1985-03-12", "03/1985", "month")]
    [InlineData("1985-03-12", "1985", "year")]
    [InlineData("1985-03-12", "1979-07-30", "different")]
    [InlineData("1985-03-12", "01/01/1986", "near")]
    [InlineData("1985-03-12", "1984", "near")]
    [InlineData("1985-03-12", "1987-06-12", "different")]
    [InlineData("1985-03-12", "1985-02-31", "missing")]
    public void Compare_DatesOfBirth_GivesLevel(string a, string b, string expected)
    {
        Assert.Equal(expected, Level(Field.DateOfBirth, P(dob: a), P(dob: b)));
    }

    [Theory]
    [InlineData("BD7 1DP", "bd71dp", "exact")]
    [InlineData("BD7 1DP", "BD7 1DR", "typo")]
    [InlineData("BD7 1DP", "BD7 1XY", "sector")]
    [InlineData("BD7 1DP", "BD7 4XY", "district")]
    [InlineData("BD7 1DP", "LS1 4XY", "different")]
    public void Compare_Postcodes_GivesLevel(string a, string b, string expected)
    {
        Assert.Equal(expected, Level(Field.Postcode, P(postcode: a), P(postcode: b)));
    }

    [Fact]
    public void Compare_OtherFields_GiveLevels()
    {
        Assert.Equal("exact", Level(Field.Phone, P(phone: "07700 900123"), P(phone: "+44 7700 900123")));
        Assert.Equal("different", Level(Field.Phone, P(phone: "07700 900123"), P(phone: "07700 900124")));
        Assert.Equal("exact", Level(Field.Vehicle, P(vehicle: "AB12 CDE"), P(vehicle: "AB12CDE")));
        Assert.Equal("exact", Level(Field.Vehicle, P(vehicle: "AB10 CDE"), P(vehicle: "AB1O CDE")));
        Assert.Equal("exact", Level(Field.Email, P(email: "a.b@gmail.com"), P(email: "ab@gmail.com")));
        Assert.Equal("similar", Level(Field.Email, P(email: "amy@example.com"), P(email: "amy@example.org")));
        Assert.Equal("typo", Level(Field.Identifier, P(identifier: "1234567"), P(identifier: "1234576")));
        Assert.Equal("exact", Level(Field.Sex, P(sex: "Female"), P(sex: "f")));
        Assert.Equal("similar", Level(Field.Locality, P(locality: "Bradford"), P(locality: "Bradfrod")));
        Assert.Equal("close", Level(Field.Address, P(address: "12 tullaroop street willaroo"), P(address: "12 tullaroop setreet willaroo")));
        Assert.Equal("different", Level(Field.Address, P(address: "12 tullaroop street"), P(address: "5 macquoid place")));
    }

    [Fact]
    public void Pack_Vector_RoundTrips()
    {
        byte[] levels = [1, 2, 3, 0, 4, 5, 6, 1, 2, 3, 1];
        var back = new byte[levels.Length];
        Comparisons.Unpack(Comparisons.Pack(levels), back);
        Assert.Equal(levels, back);
    }
}
