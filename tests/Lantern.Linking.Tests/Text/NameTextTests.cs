using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Text;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("  José  ", "jose")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("SMITH-JONES", "smith jones")]
    [InlineData("Strauß", "strauss")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Fold_MixedText_GivesLowerAsciiLetters(string? input, string expected)
    {
        Assert.Equal(expected, NameText.Fold(input));
    }

    [Fact]
    public void Fold_TextThatIsNotValidUnicodeOrHoldsNoncharacters_NeverThrows_AndKeepsTheLetters()
    {
        // Such text can be stored by an older version or typed into a search; folding it must never stop a search.
        var cases = new (string Input, string Expected)[]
        {
            ("\uFFFE", ""),
            ("Am\uFDD0ira", "am ira"),
            ("Zo\u00EB\U0010FFFF", "zoe"),
            ("\u0378Ola", "ola"),
            ("Jos\u00E9\uD800", "jose"),
            ("\uDC00Ren\u00E9e", "renee"),
            ("Ana\uFFFF", "ana"),
            ("M\u00FCller\u0000", "muller"),
        };
        foreach (var (input, expected) in cases)
        {
            Assert.Equal(expected, NameText.Fold(input));
        }
    }

    [Theory]
    [InlineData("Mr John Smith", "john smith")]
    [InlineData("Dr. Ahmed", "ahmed")]
    [InlineData("al-Hussain", "hussain")]
    [InlineData("Abdul Rahman", "abdulrahman")]
    [InlineData("Abd al-Rahman", "abdulrahman")]
    [InlineData("Abdur Rahman", "abdulrahman")]
    [InlineData("Abdelrahman", "abdulrahman")]
    [InlineData("Abdurrahman", "abdulrahman")]
    [InlineData("Mohammed bin Salman", "mohammed salman")]
    [InlineData("Abu Bakr", "abubakr")]
    [InlineData("Zia ul Haq", "ziaulhaq")]
    [InlineData("van der Berg", "vanderberg")]
    [InlineData("J.R.", "j r")]
    [InlineData("Alfred", "alfred")]
    [InlineData("Alhussain", "hussain")]
    public void Tokens_NameWithTitlesAndParticles_GivesNormalisedTokens(string input, string expected)
    {
        Assert.Equal(expected, string.Join(" ", NameText.Tokens(input)));
    }

    [Fact]
    public void Parse_HyphenatedFamilyName_JoinsPartsForComparison()
    {
        var a = NameText.Parse("Amy", "Smith-Jones");
        var b = NameText.Parse("amy", "smith jones");
        Assert.Equal("smithjones", a.Family);
        Assert.Equal(a.Family, b.Family);
        Assert.Equal(["smith", "jones"], a.FamilyTokens);
    }

    [Fact]
    public void Parse_InitialThenName_UsesTheFullNameAsGiven()
    {
        var name = NameText.Parse("J. Robert", "Ward");
        Assert.Equal("robert", name.Given);
        Assert.False(name.GivenIsInitial);
        Assert.True(NameText.Parse("J.", "Ward").GivenIsInitial);
    }
}
