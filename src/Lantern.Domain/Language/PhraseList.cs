using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lantern.Domain.Language;

/// <summary>How strongly a phrase should be challenged. The order matters: a higher value is more serious.</summary>
public enum Severity
{
    /// <summary>Better wording exists; the phrase is not itself blaming (for example "absconded").</summary>
    Advice = 1,

    /// <summary>The phrase can shift responsibility onto the child; rewrite it unless quoting.</summary>
    Warning = 2,

    /// <summary>The phrase says or implies the child chose or agreed to their own abuse.</summary>
    Serious = 3,
}

/// <summary>Categories that rules elsewhere ask about by name.</summary>
public static class PhraseCategories
{
    /// <summary>
    /// The phrase says the child consented or chose. A child cannot consent to their own
    /// exploitation, so such a phrase cannot be the reason to close a referral about a child.
    /// </summary>
    public const string ConsentOrChoice = "consent-or-choice";
}

/// <summary>
/// One phrase to challenge, as configured. Every property is nullable because this is what the
/// JSON binds into: a missing value must reach validation and be reported by name.
/// </summary>
public sealed record PhraseEntry
{
    /// <summary>Stable identifier, lower case words joined by hyphens, e.g. "own-choices".</summary>
    public string? Id { get; init; }

    /// <summary>What the phrase is about; rules may ask for a category such as <see cref="PhraseCategories.ConsentOrChoice"/>.</summary>
    public string? Category { get; init; }

    public Severity? Severity { get; init; }

    /// <summary>
    /// The wordings that count as this phrase, in the pattern language described on
    /// <see cref="LanguageGuard"/>: words, word classes such as {reflexive}, optional words and short gaps.
    /// </summary>
    public IReadOnlyList<string>? Patterns { get; init; }

    /// <summary>Why the phrase harms, in a sentence a practitioner can act on.</summary>
    public string? Reason { get; init; }

    /// <summary>Wording to consider instead. Suggestions only: the guard never rewrites a record.</summary>
    public IReadOnlyList<string>? Alternatives { get; init; }
}

/// <summary>
/// The shape of a phrase-list file such as language-guard.json. The domain never reads files: the
/// host reads the text and passes it to <see cref="FromJson"/>.
/// </summary>
public sealed record PhraseList
{
    /// <summary>What the file is for and where its guidance comes from; free text for its maintainers.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Named sets of words that patterns refer to as {name}: the inflections of a verb
    /// (choose, chooses, chose, chosen, choosing), the pronouns, and so on.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? WordClasses { get; init; }

    public IReadOnlyList<PhraseEntry>? Entries { get; init; }

    /// <summary>
    /// Reads the JSON. Malformed JSON, a value of the wrong type or an unknown property (usually a
    /// typo, which would otherwise drop a phrase without a word) fails with the JSON path named.
    /// The entries themselves are checked by <see cref="Validate"/>.
    /// </summary>
    public static PhraseList FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, PhraseListJsonContext.Default.PhraseList)
                ?? throw new LanguageGuardConfigurationException([new LanguageGuardConfigurationError("$", "The phrase list is empty (null).")]);
        }
        catch (JsonException ex)
        {
            throw new LanguageGuardConfigurationException([new LanguageGuardConfigurationError(ex.Path ?? "$", ex.Message)], ex);
        }
    }

    /// <summary>
    /// Every problem with the list, each naming its field as it is spelt in the file
    /// (entries[3].patterns[1], wordClasses.choose[2]); empty when the list is usable.
    /// </summary>
    public IReadOnlyList<LanguageGuardConfigurationError> Validate()
    {
        var errors = new List<LanguageGuardConfigurationError>();
        _ = PhraseMatcher.Compile(this, errors);
        return errors;
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PhraseList))]
internal sealed partial class PhraseListJsonContext : JsonSerializerContext;

/// <summary>One problem with the phrase list: the field (a path such as entries[3].severity) and what is wrong.</summary>
public sealed record LanguageGuardConfigurationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>The phrase list cannot be used; <see cref="Errors"/> names each field at fault.</summary>
public sealed class LanguageGuardConfigurationException : Exception
{
    public LanguageGuardConfigurationException()
        : this([])
    {
    }

    public LanguageGuardConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public LanguageGuardConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public LanguageGuardConfigurationException(IReadOnlyList<LanguageGuardConfigurationError> errors, Exception? innerException = null)
        : this(errors, null, innerException)
    {
    }

    /// <param name="errors">Every problem found.</param>
    /// <param name="origin">Where the list came from (a file name), so the message says which file to fix.</param>
    /// <param name="innerException">The problem as first raised.</param>
    public LanguageGuardConfigurationException(IReadOnlyList<LanguageGuardConfigurationError> errors, string? origin, Exception? innerException = null)
        : base(Describe(errors, origin), innerException)
    {
        Errors = errors;
    }

    public IReadOnlyList<LanguageGuardConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<LanguageGuardConfigurationError> errors, string? origin) =>
        "The language guard's phrase list " + (origin is null ? "" : origin + " ") + "is invalid: " + string.Join("; ", errors);
}
