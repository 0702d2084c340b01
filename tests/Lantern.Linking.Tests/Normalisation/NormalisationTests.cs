using Lantern.Linking.Normalisation;

namespace Lantern.Linking.Tests.Normalisation;

public sealed class DateOfBirthTests
{
    [Theory]
    [InlineData("19850312", 1985, 3, 12)]
    [InlineData("1985-03-12", 1985, 3, 12)]
    [InlineData("12/03/1985", 1985, 3, 12)]
    [InlineData("12-03-1985", 1985, 3, 12)]
    [InlineData("12.3.1985", 1985, 3, 12)]
    [InlineData("12 March 1985", 1985, 3, 12)]
    [InlineData("March 12 1985", 1985, 3, 12)]
    [InlineData("12th Mar 1985", 1985, 3, 12)]
    [InlineData("03/25/1985", 1985, 3, 25)]
    [InlineData("12/03/85", 1985, 3, 12)]
    [InlineData("12/03/05", 2005, 3, 12)]
    public void Parse_CommonFormats_GivesDate(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOfBirth(year, month, day), DateOfBirth.Parse(text, 2026));
    }

    [Theory]
    [InlineData("1985", 1985, null)]
    [InlineData("03/1985", 1985, 3)]
    [InlineData("1985-03", 1985, 3)]
    [InlineData("Mar 1985", 1985, 3)]
    public void Parse_PartialDate_KeepsWhatIsKnown(string text, int year, int? month)
    {
        var dob = DateOfBirth.Parse(text, 2026);
        Assert.Equal(year, dob.Year);
        Assert.Equal(month, dob.Month);
        Assert.Null(dob.Day);
        Assert.False(dob.IsComplete);
    }

    [Theory]
    [InlineData("19850231")]
    [InlineData("31/02/1985")]
    [InlineData("13/13/1985")]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData("00000000")]
    [InlineData("1900-01-01")]
    [InlineData("01/01/1900")]
    public void Parse_InvalidDate_IsMissing(string text)
    {
        Assert.True(DateOfBirth.Parse(text, 2026).IsMissing);
    }
}

public sealed class UkPostcodeTests
{
    [Theory]
    [InlineData("m11aa", "M1 1AA", "M1", "M1 1")]
    [InlineData(" bd7  1dp ", "BD7 1DP", "BD7", "BD7 1")]
    [InlineData("SW1A 2AA", "SW1A 2AA", "SW1A", "SW1A 2")]
    [InlineData("EC1A1BB", "EC1A 1BB", "EC1A", "EC1A 1")]
    [InlineData("BD7 OAA", "BD7 0AA", "BD7", "BD7 0")]
    public void Normalise_UkPostcode_GivesOutwardAndSector(string text, string value, string outward, string sector)
    {
        var p = UkPostcode.Normalise(text);
        Assert.True(p.IsUk);
        Assert.Equal((value, outward, sector), (p.Value, p.Outward, p.Sector));
    }

    [Fact]
    public void Normalise_NonUkPostcode_KeepsCompactValueWithoutSector()
    {
        var p = UkPostcode.Normalise(" 4011 ");
        Assert.False(p.IsUk);
        Assert.Equal("4011", p.Value);
        Assert.Null(p.Sector);
        Assert.True(UkPostcode.Normalise("  ").IsMissing);
    }
}

public sealed class UkPhoneTests
{
    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("(01274) 123456", "+441274123456")]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    public void ToE164_UkFormats_GivesE164(string text, string expected)
    {
        Assert.Equal(expected, UkPhone.ToE164(text));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("n/a")]
    [InlineData("")]
    [InlineData("07700 90012345678")]
    public void ToE164_NotANumber_IsNull(string text)
    {
        Assert.Null(UkPhone.ToE164(text));
    }
}

public sealed class UkVehicleRegistrationTests
{
    [Theory]
    [InlineData("ab12cde", "AB12 CDE", RegistrationFormat.Current)]
    [InlineData("A123 BCD", "A123 BCD", RegistrationFormat.Prefix)]
    [InlineData("ABC 123D", "ABC 123D", RegistrationFormat.Suffix)]
    [InlineData("ABC 123", "ABC 123", RegistrationFormat.Dateless)]
    [InlineData("1234 AB", "1234 AB", RegistrationFormat.Dateless)]
    public void Normalise_EachFormat_IsRecognised(string text, string value, RegistrationFormat format)
    {
        var r = UkVehicleRegistration.Normalise(text)!;
        Assert.Equal((value, format), (r.Value, r.Format));
    }

    [Theory]
    [InlineData("AB12 CDE", "A812 CDE")]
    [InlineData("AB12 CDE", "AB12 CD3")]
    public void Normalise_DifferentMarks_HaveDifferentKeys(string a, string b)
    {
        Assert.NotEqual(UkVehicleRegistration.Normalise(a)!.ConfusionKey, UkVehicleRegistration.Normalise(b)!.ConfusionKey);
    }

    [Theory]
    [InlineData("OB12 CDE", "0B12 CDE")]
    [InlineData("AB1O CDE", "AB10 CDE")]
    [InlineData("AB12 CDI", "AB12 CD1")]
    public void Normalise_OAndZeroOrIAndOneConfused_GivesSameKey(string a, string b)
    {
        Assert.Equal(UkVehicleRegistration.Normalise(a)!.ConfusionKey, UkVehicleRegistration.Normalise(b)!.ConfusionKey);
    }

    [Fact]
    public void Normalise_DigitWhereLetterBelongs_IsRepaired()
    {
        Assert.Equal("AB10 CDE", UkVehicleRegistration.Normalise("AB1O CDE")!.Value);
        Assert.Equal("OB12 CDE", UkVehicleRegistration.Normalise("0B12CDE")!.Value);
    }
}

public sealed class EmailTests
{
    [Theory]
    [InlineData(" John.Smith@Example.COM ", "john.smith@example.com")]
    [InlineData("j.smith+school@gmail.com", "jsmith@gmail.com")]
    [InlineData("jsmith@googlemail.com", "jsmith@gmail.com")]
    public void Normalise_Address_GivesCanonicalForm(string text, string expected)
    {
        Assert.Equal(expected, Email.Normalise(text));
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b")]
    [InlineData("@example.com")]
    [InlineData("a@@example.com")]
    public void Normalise_Invalid_IsNull(string text)
    {
        Assert.Null(Email.Normalise(text));
    }
}
