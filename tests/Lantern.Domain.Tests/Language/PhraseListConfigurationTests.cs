using Lantern.Domain.Language;

namespace Lantern.Domain.Tests.Language;

/// <summary>A bad phrase list stops the app with every problem named by its field, as the file spells it.</summary>
public sealed class PhraseListConfigurationTests
{
    private const string Valid = """
        {
          "wordClasses": { "choice": ["choice", "choices"], "possessive": ["her", "his"] },
          "entries": [
            { "id": "own-choices", "category": "consent-or-choice", "severity": "serious",
              "patterns": ["{possessive} own {choice}"], "reason": "Blames the child.", "alternatives": ["Say who is harming her."] }
          ]
        }
        """;

    private static IReadOnlyList<LanguageGuardConfigurationError> ErrorsOf(string json) =>
        Assert.Throws<LanguageGuardConfigurationException>(() => LanguageGuard.FromJson(json)).Errors;

    private static string WithEntry(string entry) =>
        Valid.Replace("""{ "id": "own-choices",""", entry + """, { "id": "own-choices",""", StringComparison.Ordinal);

    [Fact]
    public void FromJson_ValidList_Works()
    {
        var guard = LanguageGuard.FromJson(Valid);
        Assert.Equal("her own choices", Assert.Single(guard.Check("It was her own choices.")).Phrase);
    }

    [Fact]
    public void FromJson_MalformedJson_NamesThePath()
    {
        var error = Assert.Single(ErrorsOf(Valid.Replace("\"serious\"", "serious", StringComparison.Ordinal)));
        Assert.Equal("$.entries[0].severity", error.Field);
    }

    [Fact]
    public void FromJson_UnknownProperty_IsRefusedSoATypoCannotDropAPhrase()
    {
        var error = Assert.Single(ErrorsOf(Valid.Replace("\"reason\"", "\"reasons\"", StringComparison.Ordinal)));
        Assert.Contains("reasons", error.Field + error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_SeverityNotKnown_Named()
    {
        var error = Assert.Single(ErrorsOf(Valid.Replace("\"serious\"", "\"dreadful\"", StringComparison.Ordinal)));
        Assert.Equal("$.entries[0].severity", error.Field);
    }

    [Fact]
    public void FromJson_EveryBadFieldOfAnEntry_IsNamed()
    {
        var errors = ErrorsOf(WithEntry("""{ "id": "Bad Id", "category": "Consent", "patterns": [], "reason": " ", "alternatives": [""] }"""));
        Assert.Equal(
            ["entries[0].id", "entries[0].category", "entries[0].severity", "entries[0].reason", "entries[0].alternatives[0]", "entries[0].patterns"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void FromJson_MissingFields_AreNamed()
    {
        var errors = ErrorsOf(WithEntry("{ }"));
        Assert.Equal(["entries[0].id", "entries[0].severity", "entries[0].reason", "entries[0].alternatives", "entries[0].patterns"], errors.Select(e => e.Field));
    }

    [Fact]
    public void FromJson_DuplicateId_NamesBoth()
    {
        var error = Assert.Single(ErrorsOf(WithEntry("""{ "id": "own-choices", "severity": "advice", "patterns": ["choice"], "reason": "r", "alternatives": ["a"] }""")));
        Assert.Equal("entries[1].id", error.Field);
        Assert.Contains("entries[0]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{unknown} thing", "is not a word class")]
    [InlineData("a ~9 b", "is not a gap")]
    [InlineData("~2 choice", "must start with a word")]
    [InlineData("!of choice", "must start with a word")]
    [InlineData("choice ~2", "gap after its last required word")]
    [InlineData("own? choice?", "no required word")]
    [InlineData("ch* thing", "at least 3 letters")]
    [InlineData("her||his choice", "empty alternative")]
    [InlineData("risk-taking", "is not a word")]
    [InlineData("#18 boyfriend", "not a number condition")]
    [InlineData("own? ~2 choice", "starts with a gap")]
    [InlineData("  ", "cannot be empty")]
    public void FromJson_BadPattern_NamesThePatternAndWhatIsWrong(string pattern, string problem)
    {
        var error = Assert.Single(ErrorsOf(WithEntry($$"""{ "id": "x", "severity": "advice", "patterns": ["choice", "{{pattern}}"], "reason": "r", "alternatives": ["a"] }""")));
        Assert.Equal("entries[0].patterns[1]", error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_BadWordClass_NamesTheClassAndMember()
    {
        var errors = ErrorsOf(Valid.Replace("""["her", "his"]""", """["her", "h|is", ""]""", StringComparison.Ordinal)
            .Replace("\"choice\": [", "\"Choice\": [\"x\"], \"empty\": [], \"choice\": [", StringComparison.Ordinal));
        Assert.Equal(["wordClasses.Choice", "wordClasses.empty", "wordClasses.possessive[1]", "wordClasses.possessive[2]", "entries[0].patterns[0]"], errors.Select(e => e.Field));
    }

    [Fact]
    public void FromJson_NoEntries_Named()
    {
        Assert.Equal("entries", Assert.Single(ErrorsOf("""{ "entries": [] }""")).Field);
        Assert.Equal("entries", Assert.Single(ErrorsOf("{}")).Field);
    }

    [Fact]
    public void Exception_MessageIsOneLineNamingEveryField()
    {
        var ex = Assert.Throws<LanguageGuardConfigurationException>(() => LanguageGuard.FromJson(WithEntry("{ }")));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith("The language guard's phrase list is invalid: entries[0].id: ", ex.Message, StringComparison.Ordinal);
    }
}
