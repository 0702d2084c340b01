using Lantern.Domain.People;

namespace Lantern.Domain.Tests.People;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("485 777 3457")]
    [InlineData("4857773457")]
    [InlineData("485-777-3457")]
    [InlineData(" 485 777 3457 ")]
    public void Normalise_ValidWrittenAnyWay_TenDigits(string written)
    {
        Assert.Equal("4857773457", NhsNumber.Normalise(written));
        Assert.True(NhsNumber.IsValid(written));
    }

    [Fact]
    public void IsValid_AnotherValidNumber_True()
    {
        Assert.True(NhsNumber.IsValid("943 476 5919"));
    }

    [Theory]
    [InlineData("485 777 3458")]
    [InlineData("485 777 3456")]
    [InlineData("943 476 5910")]
    public void IsValid_WrongCheckDigit_False(string written)
    {
        Assert.False(NhsNumber.IsValid(written));
        Assert.Null(NhsNumber.Normalise(written));
    }

    [Theory]
    [InlineData("000 000 0060")]
    [InlineData("000 000 0061")]
    [InlineData("000 000 0069")]
    public void IsValid_CheckDigitWouldBeTen_NeverValid(string written)
    {
        // The first nine digits weigh to a remainder of 1, so the check digit would be 10: no such number is issued.
        Assert.False(NhsNumber.IsValid(written));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("485 777 345")]
    [InlineData("485 777 34577")]
    [InlineData("485 777 345A")]
    [InlineData("485.777.3457")]
    [InlineData("٤٨٥٧٧٧٣٤٥٧")]
    public void IsValid_NotTenDigits_False(string? written)
    {
        Assert.False(NhsNumber.IsValid(written));
    }
}
