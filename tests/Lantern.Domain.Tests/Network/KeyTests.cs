using Lantern.Domain.Network;

namespace Lantern.Domain.Tests.Network;

public sealed class KeyTests
{
    [Theory]
    [InlineData("NB19 XKR", "NB19XKR")]
    [InlineData("nb19xkr", "NB19XKR")]
    [InlineData(" NB-19 XKR ", "NB19XKR")]
    [InlineData("NBI9 XKR", "NB19XKR")]
    [InlineData("N8I9 XKR", "N819XKR")]
    [InlineData("MO68 TYU", "M068TYU")]
    [InlineData("MA68 T??", "MA68T??")]
    [InlineData("MA68...", "MA68*")]
    [InlineData("MA68 **", "MA68*")]
    [InlineData("MA68 T__", "MA68T??")]
    public void VehicleKey_SpacingCaseAndOIConfusions_ReadAsOnePlate(string written, string key) =>
        Assert.Equal(key, VehicleRegistration.Key(written));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("???")]
    [InlineData("- / -")]
    public void VehicleKey_NothingOfAPlate_Null(string? written) => Assert.Null(VehicleRegistration.Key(written));

    [Theory]
    [InlineData("MA68T??", "MA68TYU", true)]
    [InlineData("MA68T??", "MA68TY", false)]
    [InlineData("MA68*", "MA68TYU", true)]
    [InlineData("*TYU", "MA68TYU", true)]
    [InlineData("MA68T??", "MB68TYU", false)]
    [InlineData("M?68TYU", "MA68TYU", true)]
    public void Fits_PartialAgainstFullPlate(string partial, string full, bool fits) => Assert.Equal(fits, VehicleRegistration.Fits(partial, full));

    [Fact]
    public void KnownStart_UpToTheFirstGap() => Assert.Equal(("MA68T", "", "NB19XKR"), (VehicleRegistration.KnownStart("MA68T??"), VehicleRegistration.KnownStart("*TYU"), VehicleRegistration.KnownStart("NB19XKR")));

    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("07700900123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900123", "+447700900123")]
    [InlineData("0044-7700-900-123", "+447700900123")]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("(01632) 960 001", "+441632960001")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("960001", "960001")]
    public void PhoneKey_OneNumberHoweverWritten(string written, string key) => Assert.Equal(key, PhoneNumber.Key(written));

    [Theory]
    [InlineData(null)]
    [InlineData("not known")]
    [InlineData("07700 9OO123")]
    [InlineData("123")]
    [InlineData("+44 7700 900123 ext 4")]
    [InlineData("1234567890123456789")]
    public void PhoneKey_NotANumber_Null(string? written) => Assert.Null(PhoneNumber.Key(written));

    [Theory]
    [InlineData("The Star Grill", "star grill")]
    [InlineData("star-grill", "star grill")]
    [InlineData("  STAR   GRILL! ", "star grill")]
    [InlineData("Café Rouge", "cafe rouge")]
    [InlineData("Theatre Royal", "theatre royal")]
    [InlineData("Mo's flat", "mos flat")]
    public void PlaceKey_CaseAccentsPunctuationAndALeadingThe(string written, string key) => Assert.Equal(key, NameKey.Place(written));

    [Theory]
    [InlineData("'Boss'", "boss")]
    [InlineData("“Boss”", "boss")]
    [InlineData("Mohammed  KHAN", "mohammed khan")]
    [InlineData("O'Neill", "oneill")]
    [InlineData("Am\uFDD0ira\uFFFE", "amira")]
    [InlineData("Zed\uD800 Quill", "zed quill")]
    public void PersonKey_QuotesAroundANicknameDoNotCount(string written, string key) => Assert.Equal(key, NameKey.Person(written));

    [Theory]
    [InlineData("Dunmore Street, NB2 7QT", "NB27QT")]
    [InlineData("flat 2, 14 Hope Rd, m11 4ab", "M114AB")]
    [InlineData("SW1A1AA", "SW1A1AA")]
    [InlineData("Dunmore Street", null)]
    public void Postcode_FoundInAnAddress(string address, string? postcode) => Assert.Equal(postcode, NameKey.Postcode(address));

    [Theory]
    [InlineData("about 40", 37, 43)]
    [InlineData("40", 40, 40)]
    [InlineData("late 30s", 36, 39)]
    [InlineData("early 20s", 20, 23)]
    [InlineData("mid-30s", 33, 36)]
    [InlineData("30s", 30, 39)]
    [InlineData("25-30", 25, 30)]
    [InlineData("30 to 25", 25, 30)]
    [InlineData("older man, about 25", 22, 28)]
    public void WrittenAge_ReadAsARange(string written, int youngest, int oldest) => Assert.Equal((youngest, oldest), WrittenAge.Read(written));

    [Theory]
    [InlineData(null)]
    [InlineData("older man")]
    [InlineData("silver Astra")]
    public void WrittenAge_NoAge_Null(string? written) => Assert.Null(WrittenAge.Read(written));

    [Fact]
    public void WrittenAge_Compatible_AllowsForTheYearsBetweenWritings()
    {
        var on = new DateOnly(2020, 1, 1);
        Assert.True(WrittenAge.Compatible((22, 28), on, (27, 33), on.AddYears(5)));
        Assert.False(WrittenAge.Compatible((22, 28), on, (57, 63), on));
        Assert.False(WrittenAge.Compatible((22, 28), on, (22, 28), on.AddYears(10)));
        Assert.True(WrittenAge.Compatible(null, on, (57, 63), on));
    }
}
