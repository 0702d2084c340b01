namespace Lantern.Domain.Tests;

public sealed class StorableTextTests
{
    public static readonly TheoryData<string, TextShape, TextProblem?> Cases = new()
    {
        { "Amira", TextShape.OneLine, null },
        { "Jose\u0301 O\u2019Brien-N\u00ED", TextShape.OneLine, null },
        { "\u0645\u0647\u0631\u200C\u0646\u0627\u0632", TextShape.OneLine, null },
        { "\U00020BB7", TextShape.OneLine, null },
        { "Line one\r\nLine two\n\tindented\u2028next", TextShape.MultiLine, null },
        { "\uFFFE", TextShape.OneLine, TextProblem.CannotBeStored },
        { "\uFFFF", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\uFDD0", TextShape.OneLine, TextProblem.CannotBeStored },
        { "a\uFDEF", TextShape.OneLine, TextProblem.CannotBeStored },
        { "\U0001FFFE", TextShape.OneLine, TextProblem.CannotBeStored },
        { "\U0010FFFF", TextShape.OneLine, TextProblem.CannotBeStored },
        { "\u0378", TextShape.OneLine, TextProblem.CannotBeStored },
        { "a\uD800", TextShape.OneLine, TextProblem.CannotBeStored },
        { "\uDC00a", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "\uDBFF", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\0b", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\u001Bb", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\u0007b", TextShape.OneLine, TextProblem.CannotBeStored },
        { "a\u009Bb", TextShape.OneLine, TextProblem.CannotBeStored },
        { "a\u0085b", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\u000Bb", TextShape.MultiLine, TextProblem.CannotBeStored },
        { "a\u0085b", TextShape.OneLine, TextProblem.LineBreak },
        { "a\nb", TextShape.OneLine, TextProblem.LineBreak },
        { "a\rb", TextShape.OneLine, TextProblem.LineBreak },
        { "a\u2028b", TextShape.OneLine, TextProblem.LineBreak },
        { "a\u2029b", TextShape.OneLine, TextProblem.LineBreak },
        { "a\u000Cb", TextShape.OneLine, TextProblem.LineBreak },
        { "a\tb", TextShape.OneLine, TextProblem.Tab },
        { "a\tb", TextShape.MultiLine, null },
    };

    [Theory]
    [MemberData(nameof(Cases), DisableDiscoveryEnumeration = true)]
    public void Find_EachKindOfText_TheProblemOrNone(string value, TextShape shape, TextProblem? expected) =>
        Assert.Equal(expected, StorableText.Find(value, shape));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("\u200B", true)]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF\u00AD", true)]
    [InlineData("\u115F\u1160\u3164\uFFA0", true)]
    [InlineData("\u2800", true)]
    [InlineData("\u00A0\u2007\u3000\t\n", true)]
    [InlineData("\u034F\uFE0F", true)]
    [InlineData("\u200Ba", false)]
    [InlineData("\u3164\u1100", false)]
    [InlineData(".", false)]
    public void IsBlank_OnlyInvisibleCharacters_IsBlank(string? value, bool blank) => Assert.Equal(blank, StorableText.IsBlank(value));

    [Fact]
    public void Check_RequiredFieldOfInvisibleCharacters_SaysTheRequiredMessage_AndAnOptionalOneSaysWhatToDo()
    {
        Assert.Equal("Enter the child's first name", StorableText.Check("\u3164", "Given name", TextShape.OneLine, "Enter the child's first name"));
        Assert.Equal("Known as contains only invisible characters: type it again or leave it empty", StorableText.Check("\u200B", "Known as", TextShape.OneLine));
        Assert.Null(StorableText.Check("  ", "Known as", TextShape.OneLine));
        Assert.Null(StorableText.Check(null, "Known as", TextShape.OneLine));
        Assert.Equal("Given name contains a character that cannot be stored: remove it", StorableText.Check("\uFFFE", "Given name", TextShape.OneLine, "Enter the child's first name"));
    }
}
