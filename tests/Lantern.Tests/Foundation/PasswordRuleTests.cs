using Lantern.Security;

namespace Lantern.Tests.Foundation;

/// <summary>Passwords long enough but easy to guess are refused, with the reason; good pass phrases are not.</summary>
public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("aaaaaaaaaaaa", CommonPasswordValidator.RepeatedCode)]
    [InlineData("abababababab", CommonPasswordValidator.RepeatedCode)]
    [InlineData("123456789012", CommonPasswordValidator.SequenceCode)]
    [InlineData("qwertyuiopas", CommonPasswordValidator.SequenceCode)]
    [InlineData("zyxwvutsrqpo", CommonPasswordValidator.SequenceCode)]
    [InlineData("1qaz2wsx3edc", CommonPasswordValidator.SequenceCode)]
    [InlineData("password1234", CommonPasswordValidator.CommonCode)]
    [InlineData("P@ssw0rd2024!", CommonPasswordValidator.CommonCode)]
    [InlineData("2026football!!", CommonPasswordValidator.CommonCode)]
    [InlineData("passwordpassword", CommonPasswordValidator.CommonCode)]
    [InlineData("Liverpool1892", CommonPasswordValidator.CommonCode)]
    [InlineData("iloveyou12345", CommonPasswordValidator.CommonCode)]
    [InlineData("tom.walsh.northbridge", CommonPasswordValidator.PersonalCode)]
    [InlineData("walshwalsh99x", CommonPasswordValidator.PersonalCode)]
    public void EasyToGuess_IsRefusedWithItsReason(string password, string code)
    {
        var error = CommonPasswordValidator.Check(password, "tom.walsh@northbridge.example", "Tom Walsh");
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.EndsWith("use a few unrelated words instead", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("northbridge-demo-2026")]
    [InlineData("a long enough pass phrase")]
    [InlineData("plum kettle orbit garden")]
    [InlineData("Tr0mbone-Lantern-Heron")]
    public void PassPhrases_AreAccepted(string password) =>
        Assert.Null(CommonPasswordValidator.Check(password, "tom.walsh@northbridge.example", "Tom Walsh"));
}
