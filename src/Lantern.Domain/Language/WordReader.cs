using System.Collections.Frozen;
using System.Globalization;

namespace Lantern.Domain.Language;

/// <summary>
/// A word of the text: where it is in the original string, its lower-case form (curly apostrophes
/// made straight), and which sentence and clause it belongs to. Sentences end at . ! ? ; : and line
/// breaks; clauses also end at commas, brackets and dashes. A phrase never spans two sentences, and a
/// negation only reaches back within its clause.
/// </summary>
internal readonly record struct Word(int Start, int Length, string Text, int Sentence, int Clause, int Paragraph)
{
    /// <summary>Inside quotation marks that show someone's own words (see <see cref="WordReader"/>).</summary>
    public bool InQuotedSpeech { get; init; }

    public bool IsNumber => Text.Length > 0 && Text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    public int? Number => IsNumber && Text.Length <= 9 ? int.Parse(Text, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Splits text into words with their positions, and finds quoted speech. Pure and allocation-light:
/// one pass over the characters, no regular expressions.
/// </summary>
internal static class WordReader
{
    /// <summary>
    /// Words that show a quotation is someone's own words rather than the writer's phrase in scare
    /// quotes: a speaker inside the quote (I, my, we) or a reporting word just before or after it.
    /// </summary>
    private static readonly FrozenSet<string> FirstOrSecondPerson = FrozenSet.Create(StringComparer.Ordinal,
        "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "we've", "us", "our", "ours",
        "ourselves", "you", "you're", "youre", "your", "yours", "yourself", "ya", "u");

    private static readonly FrozenSet<string> ReportingWords = FrozenSet.Create(StringComparer.Ordinal,
        "said", "says", "say", "saying", "told", "tells", "tell", "telling", "stated", "states", "explained", "explains",
        "replied", "replies", "reply", "answered", "answers", "responded", "added", "adds", "wrote", "writes", "written",
        "texted", "texts", "messaged", "posted", "described", "describes", "describing", "called", "calls", "asked",
        "asks", "shouted", "screamed", "cried", "disclosed", "discloses", "reported", "reports", "recorded", "records",
        "noted", "notes", "commented", "insisted", "insists", "claimed", "claims", "mentioned", "repeated", "repeats",
        "words", "word", "quote", "quoted", "quotes", "quoting", "saying", "put", "phrase");

    private const int ReportingWordReach = 4;

    public static Word[] Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<Word>(Math.Max(4, text.Length / 5));
        var quotes = new List<(int Open, int Close)>();
        int sentence = 0, clause = 0, paragraph = 0;
        var openAt = -1;
        var openIsDouble = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (IsApostrophe(text[i]) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsLetterOrDigit(text[i - 1]))))
                {
                    i++;
                }
                words.Add(new Word(start, i - start, Normalise(text.AsSpan(start, i - start)), sentence, clause, paragraph));
                continue;
            }

            if (c is '\n' or '\r')
            {
                sentence++;
                clause++;
                paragraph++;
                // A quotation is only trusted when it closes in the paragraph it opened in; a stray
                // mark must not hide the rest of a record from the guard.
                openAt = -1;
            }
            else if (IsDoubleQuote(c))
            {
                if (openAt >= 0 && openIsDouble && c != '\u201C')
                {
                    quotes.Add((openAt, i));
                    openAt = -1;
                }
                else if (c != '\u201D' || (i > 0 && char.IsWhiteSpace(text[i - 1])))
                {
                    openAt = i;
                    openIsDouble = true;
                }
            }
            else if (IsSingleQuote(c))
            {
                var wordBefore = i > 0 && char.IsLetterOrDigit(text[i - 1]);
                var wordAfter = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
                if (openAt >= 0 && !openIsDouble && !wordAfter && c != '\u2018')
                {
                    quotes.Add((openAt, i));
                    openAt = -1;
                }
                else if (openAt < 0 && ((!wordBefore && wordAfter) || c == '\u2018'))
                {
                    openAt = i;
                    openIsDouble = false;
                }
                // Otherwise an apostrophe after a word (the girls' mother): not a quotation mark.
            }
            else if (EndsSentence(text, i))
            {
                sentence++;
                clause++;
            }
            else if (EndsClause(text, i))
            {
                clause++;
            }
            i++;
        }

        MarkQuotedSpeech(words, quotes);
        return [.. words];
    }

    private static void MarkQuotedSpeech(List<Word> words, List<(int Open, int Close)> quotes)
    {
        var w = 0;
        foreach (var (open, close) in quotes)
        {
            while (w < words.Count && words[w].Start < open)
            {
                w++;
            }
            var first = w;
            var last = w;
            while (last < words.Count && words[last].Start < close)
            {
                last++;
            }
            if (last == first || !IsSpeech(words, first, last))
            {
                continue;
            }
            for (var k = first; k < last; k++)
            {
                words[k] = words[k] with { InQuotedSpeech = true };
            }
        }
    }

    /// <summary>Words first..last-1 are inside the quotation marks.</summary>
    private static bool IsSpeech(List<Word> words, int first, int last)
    {
        for (var k = first; k < last; k++)
        {
            if (FirstOrSecondPerson.Contains(words[k].Text))
            {
                return true;
            }
        }
        var paragraph = words[first].Paragraph;
        for (var k = first - 1; k >= 0 && k >= first - ReportingWordReach && words[k].Paragraph == paragraph; k--)
        {
            if (ReportingWords.Contains(words[k].Text))
            {
                return true;
            }
        }
        for (var k = last; k < words.Count && k < last + ReportingWordReach && words[k].Paragraph == paragraph; k++)
        {
            if (ReportingWords.Contains(words[k].Text))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Lower case, curly apostrophes straightened, so patterns are written once in plain form.</summary>
    internal static string Normalise(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            buffer[k] = IsApostrophe(c) ? '\'' : char.ToLowerInvariant(c);
        }
        return new string(buffer);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static bool IsDoubleQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';

    private static bool IsSingleQuote(char c) => c is '\'' or '\u2018' or '\u2019';

    private static bool EndsSentence(string text, int i)
    {
        var c = text[i];
        if (c is '.' or ':')
        {
            // 3.5 and 22:00 are numbers, not sentence ends.
            return !(i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]));
        }
        return c is '!' or '?' or ';' or '\u2026';
    }

    private static bool EndsClause(string text, int i)
    {
        var c = text[i];
        if (c == '-')
        {
            // A dash between spaces separates clauses; a hyphen inside a word (risk-taking) joins words.
            return i > 0 && i + 1 < text.Length && char.IsWhiteSpace(text[i - 1]) && char.IsWhiteSpace(text[i + 1]);
        }
        return c is ',' or '(' or ')' or '[' or ']' or '\u2013' or '\u2014' or '/';
    }
}
