using System.Text;
using Lantern.Domain.Accounts;

namespace Lantern.Domain.Tests.Accounts;

public sealed class TotpTests
{
    /// <summary>RFC 6238 appendix B, the SHA-1 rows: the 20-byte ASCII key "12345678901234567890", eight digits.</summary>
    public static readonly TheoryData<long, string> Rfc6238Sha1 = new()
    {
        { 59, "94287082" },
        { 1111111109, "07081804" },
        { 1111111111, "14050471" },
        { 1234567890, "89005924" },
        { 2000000000, "69279037" },
        { 20000000000, "65353130" },
    };

    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [MemberData(nameof(Rfc6238Sha1))]
    public void Compute_Rfc6238TestVector_GivesTheRfcCode(long unixSeconds, string expected)
    {
        var step = Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(expected, Totp.Compute(RfcKey, step, digits: 8));
        // Six digits are the last six of the eight (the same truncation, a smaller modulus).
        Assert.Equal(expected[2..], Totp.Compute(RfcKey, step));
    }

    [Fact]
    public void MatchingStep_CodeOfThisStepOrOneEitherSide_IsAccepted_TwoAway_IsNot()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.TimeStep(now);
        Assert.Equal(step, Totp.MatchingStep(RfcKey, Totp.Compute(RfcKey, step), now));
        Assert.Equal(step - 1, Totp.MatchingStep(RfcKey, Totp.Compute(RfcKey, step - 1), now));
        Assert.Equal(step + 1, Totp.MatchingStep(RfcKey, Totp.Compute(RfcKey, step + 1), now));
        Assert.Null(Totp.MatchingStep(RfcKey, Totp.Compute(RfcKey, step - 2), now));
        Assert.Null(Totp.MatchingStep(RfcKey, Totp.Compute(RfcKey, step + 2), now));
    }

    [Fact]
    public void MatchingStep_CodeTypedWithSpacesOrAHyphen_IsAccepted()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(59);
        Assert.Equal(1, Totp.MatchingStep(RfcKey, "287 082", now));
        Assert.Equal(1, Totp.MatchingStep(RfcKey, " 287-082 ", now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("28708")]
    [InlineData("2870820")]
    [InlineData("28708x")]
    [InlineData("２８７０８２")]
    public void MatchingStep_NotSixDigits_IsRefused(string? code) =>
        Assert.Null(Totp.MatchingStep(RfcKey, code, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_Rfc4648TestVector_RoundTrips(string text, string base32)
    {
        Assert.Equal(base32, Totp.ToBase32(Encoding.ASCII.GetBytes(text)));
        if (text.Length > 0)
        {
            Assert.Equal(text, Encoding.ASCII.GetString(Totp.FromBase32(base32.ToLowerInvariant() + "====")!));
        }
    }

    [Fact]
    public void NewKey_Is160RandomBitsInBase32()
    {
        var key = Totp.NewKey();
        Assert.Equal(32, key.Length);
        Assert.Equal(20, Totp.FromBase32(key)!.Length);
        Assert.NotEqual(key, Totp.NewKey());
    }

    [Theory]
    [InlineData("not base32!")]
    [InlineData("ABC1")]
    [InlineData("   ")]
    public void FromBase32_NotBase32_IsNull(string text) => Assert.Null(Totp.FromBase32(text));
}
