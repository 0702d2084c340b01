namespace Lantern.Domain.Language;

/// <summary>
/// A phrase found in a text. <see cref="Start"/> and <see cref="Length"/> count UTF-16 code units
/// of the text as given (the same positions as a JavaScript or .NET string), so a form can mark the
/// phrase without searching for it again.
/// </summary>
public sealed record LanguageFinding(
    string Phrase,
    int Start,
    int Length,
    string EntryId,
    string? Category,
    Severity Severity,
    string Reason,
    IReadOnlyList<string> Alternatives);

/// <summary>
/// Finds victim-blaming wording in free text and says why it harms and what to write instead. It
/// never changes the text: a practitioner may be quoting, and only they can say what happened.
/// <para>
/// Each entry of the <see cref="PhraseList"/> has patterns, one per wording, made of positions
/// separated by spaces. A position is a word (<c>own</c>), a word start (<c>prostitut*</c>), a
/// word class from the list (<c>{reflexive}</c> for herself, himself, themselves...), a number of
/// at least N (<c>#18+</c>), or alternatives of these joined by <c>|</c>. A position ending in
/// <c>?</c> is optional; <c>~2</c> allows up to two words of any kind; <c>!of|about</c> checks
/// that the next word is not one of these. Words are compared whole and in lower case, so
/// "black" never matches "lac" and "contact" never matches "contacting adults".
/// </para>
/// <para>
/// A phrase is not reported when a negation or a word that puts the act on someone else comes
/// shortly before it in the same clause ("she did not consent", "a child cannot consent",
/// "forced to have sex with"), or when it lies inside quotation marks that show someone's own words:
/// a quotation with I, me, my or we in it, or with a reporting word such as said, told or wrote
/// just before or after it. Quotation marks around the writer's own phrase ("scare quotes") do
/// not hide it.
/// </para>
/// </summary>
public sealed class LanguageGuard
{
    private const string ShippedResource = "Lantern.Domain.Language.language-guard.json";

    private static readonly Lazy<LanguageGuard> ShippedGuard = new(() => FromJson(ShippedJson()));

    private readonly PhraseMatcher _matcher;
    private readonly PhraseEntry[] _entries;

    /// <summary>Builds the guard; a list with problems throws <see cref="LanguageGuardConfigurationException"/> naming each field.</summary>
    public LanguageGuard(PhraseList phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var errors = new List<LanguageGuardConfigurationError>();
        _matcher = PhraseMatcher.Compile(phrases, errors) ?? throw new LanguageGuardConfigurationException(errors);
        _entries = [.. phrases.Entries!];
        Phrases = phrases;
    }

    /// <summary>The phrase list shipped with Lantern (language-guard.json, built into this assembly).</summary>
    public static LanguageGuard Shipped => ShippedGuard.Value;

    public PhraseList Phrases { get; }

    /// <summary>Reads and checks a phrase list; problems throw <see cref="LanguageGuardConfigurationException"/>.</summary>
    public static LanguageGuard FromJson(string json) => new(PhraseList.FromJson(json));

    /// <summary>The text of the shipped phrase list.</summary>
    public static string ShippedJson()
    {
        using var stream = typeof(LanguageGuard).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"The shipped phrase list {ShippedResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Every phrase of the list found in the text, in order of position. Where one finding lies
    /// wholly inside another, only the longer is reported; overlapping findings of one entry become one.
    /// </summary>
    public IReadOnlyList<LanguageFinding> Check(string text) => Find(text, null, includeQuotedSpeech: false);

    /// <summary>
    /// The first phrase of the given category in the text, or null. With
    /// <paramref name="includeQuotedSpeech"/>, phrases inside quoted speech count too: a rule that
    /// asks what a decision rests on must not be satisfied by putting the words in someone's mouth.
    /// </summary>
    public LanguageFinding? FindFirst(string text, string category, bool includeQuotedSpeech = false)
    {
        ArgumentNullException.ThrowIfNull(category);
        var found = Find(text, category, includeQuotedSpeech);
        return found.Count > 0 ? found[0] : null;
    }

    private List<LanguageFinding> Find(string text, string? category, bool includeQuotedSpeech)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = WordReader.Read(text);
        Func<int, bool>? filter = category is null ? null : e => string.Equals(_entries[e].Category, category, StringComparison.Ordinal);
        var matches = _matcher.Find(words, filter, includeQuotedSpeech);
        matches.Sort((a, b) => a.First != b.First
            ? a.First.CompareTo(b.First)
            : a.End != b.End ? b.End.CompareTo(a.End)
            : a.Entry.CompareTo(b.Entry));

        // A match inside one already kept adds nothing; one overlapping a kept match of the same
        // entry ("older boyfriend" and "boyfriend, 23") widens it, so a phrase is reported once.
        var kept = new List<PhraseMatch>(matches.Count);
        var coveredTo = -1;
        foreach (var match in matches)
        {
            if (match.End <= coveredTo)
            {
                continue;
            }
            coveredTo = match.End;
            if (kept.Count > 0 && kept[^1].Entry == match.Entry && match.First < kept[^1].End)
            {
                kept[^1] = kept[^1] with { End = match.End };
                continue;
            }
            kept.Add(match);
        }

        var findings = new List<LanguageFinding>(kept.Count);
        foreach (var match in kept)
        {
            var start = words[match.First].Start;
            var last = words[match.End - 1];
            var length = last.Start + last.Length - start;
            var entry = _entries[match.Entry];
            findings.Add(new LanguageFinding(text.Substring(start, length), start, length, entry.Id!, entry.Category,
                entry.Severity!.Value, entry.Reason!, entry.Alternatives!));
        }
        return findings;
    }
}
