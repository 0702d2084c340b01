using System.Collections.Frozen;
using System.Globalization;

namespace Lantern.Domain.Language;

/// <summary>What one pattern position accepts: exact words, word starts (prostitut*) or a number at least N.</summary>
internal sealed class Term(FrozenSet<string> words, string[] prefixes, int? minimumNumber)
{
    public FrozenSet<string> Words { get; } = words;

    public IReadOnlyList<string> PrefixList => prefixes;

    /// <summary>True when only exact words match, so the pattern can be found through a word index.</summary>
    public bool IsExact => prefixes.Length == 0 && minimumNumber is null;

    public bool Matches(in Word word)
    {
        if (Words.Contains(word.Text))
        {
            return true;
        }
        foreach (var prefix in prefixes)
        {
            if (word.Text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return minimumNumber is { } minimum && word.Number is { } n && n >= minimum;
    }
}

internal enum StepKind
{
    /// <summary>One word that must match.</summary>
    Word,

    /// <summary>One word that may be there.</summary>
    OptionalWord,

    /// <summary>Up to <see cref="Step.Gap"/> words of any kind.</summary>
    Gap,

    /// <summary>The next word must not match (it may be absent): a check, consuming nothing.</summary>
    NotNext,
}

internal readonly record struct Step(StepKind Kind, Term? Term, int Gap);

internal sealed record CompiledPattern(int Entry, Step[] Steps);

/// <summary>A pattern matched words First to End-1 for the entry at index Entry.</summary>
internal readonly record struct PhraseMatch(int Entry, int First, int End);

/// <summary>
/// The compiled phrase list: patterns indexed by their first word, so each word of a text is tried
/// only against the few patterns that can start there. Built once; matching allocates little.
/// </summary>
internal sealed class PhraseMatcher
{
    public const int MaximumGap = 4;

    /// <summary>How far back a negation ("did not", "never", "unable to") or coercion ("forced to") reaches.</summary>
    private const int CueReach = 5;

    private static readonly FrozenSet<string> Negations = FrozenSet.Create(StringComparer.Ordinal,
        "not", "no", "never", "cannot", "cant", "nor", "neither", "none", "nobody", "without", "unable", "incapable",
        "non", "lack", "lacks", "lacked", "lacking", "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent",
        "couldnt", "wouldnt", "shouldnt", "wont", "hasnt", "havent", "hadnt", "aint", "mustnt");

    /// <summary>Words after a negation that turn it into emphasis: "no doubt she is...", "not only".</summary>
    private static readonly FrozenSet<string> NotANegationBefore = FrozenSet.Create(StringComparer.Ordinal,
        "doubt", "question", "only", "just", "merely");

    /// <summary>Words that put the act on someone else: "forced to have sex with", "groomed into sending".</summary>
    private static readonly FrozenSet<string> Coercion = FrozenSet.Create(StringComparer.Ordinal,
        "forced", "forcing", "coerced", "coercing", "pressured", "pressuring", "pressurised", "pressurized", "groomed",
        "grooming", "manipulated", "tricked", "threatened", "compelled", "bribed", "blackmailed", "exploited", "persuaded",
        "encouraged", "enticed", "lured", "controlled", "instructed", "ordered");

    /// <summary>"too young to make informed choices": "too" before these reads as a negation.</summary>
    private static readonly FrozenSet<string> TooToAct = FrozenSet.Create(StringComparer.Ordinal,
        "young", "little", "small", "immature", "frightened", "scared", "afraid", "vulnerable", "drunk", "intoxicated");

    private static readonly FrozenSet<string> MadeTo = FrozenSet.Create(StringComparer.Ordinal, "made", "make", "makes", "making");

    private static readonly FrozenSet<string> MadeToObjects = FrozenSet.Create(StringComparer.Ordinal, "to", "her", "him", "them", "me");

    /// <summary>A negation does not reach across these: "she was not groomed and chose to go" still says she chose.</summary>
    private static readonly FrozenSet<string> ClauseJoiners = FrozenSet.Create(StringComparer.Ordinal,
        "and", "but", "then", "so", "because", "however", "although", "though", "while", "whilst", "whereas", "yet",
        "since", "until", "unless");

    /// <summary>"as" joins clauses only before a subject ("NFA as she is..."); "described as" does not.</summary>
    private static readonly FrozenSet<string> Subjects = FrozenSet.Create(StringComparer.Ordinal, "she", "he", "they", "it", "i", "we", "you");

    private readonly FrozenDictionary<string, CompiledPattern[]> _byFirstWord;
    private readonly CompiledPattern[] _unindexed;

    private PhraseMatcher(FrozenDictionary<string, CompiledPattern[]> byFirstWord, CompiledPattern[] unindexed)
    {
        _byFirstWord = byFirstWord;
        _unindexed = unindexed;
    }

    /// <summary>
    /// Every match of every pattern (of the given entries only, when a filter is given), in text order.
    /// Phrases that start inside quoted speech are skipped unless asked for.
    /// </summary>
    public List<PhraseMatch> Find(Word[] words, Func<int, bool>? entryFilter, bool includeQuotedSpeech)
    {
        var found = new List<PhraseMatch>();
        for (var w = 0; w < words.Length; w++)
        {
            if (words[w].InQuotedSpeech && !includeQuotedSpeech)
            {
                continue;
            }
            var before = found.Count;
            if (_byFirstWord.TryGetValue(words[w].Text, out var candidates))
            {
                TryAll(candidates, words, w, entryFilter, found);
            }
            TryAll(_unindexed, words, w, entryFilter, found);
            if (found.Count > before && IsNegatedOrCoerced(words, w))
            {
                found.RemoveRange(before, found.Count - before);
            }
        }
        return found;
    }

    private static void TryAll(CompiledPattern[] patterns, Word[] words, int w, Func<int, bool>? entryFilter, List<PhraseMatch> found)
    {
        foreach (var pattern in patterns)
        {
            if (entryFilter is not null && !entryFilter(pattern.Entry))
            {
                continue;
            }
            var end = Match(pattern.Steps, 0, words, w, words[w].Sentence);
            if (end > w)
            {
                found.Add(new PhraseMatch(pattern.Entry, w, end));
            }
        }
    }

    /// <summary>The end (exclusive) of the longest match of steps[s..] from word w, or -1.</summary>
    private static int Match(Step[] steps, int s, Word[] words, int w, int sentence)
    {
        if (s == steps.Length)
        {
            return w;
        }
        var step = steps[s];
        var here = w < words.Length && words[w].Sentence == sentence;
        switch (step.Kind)
        {
            case StepKind.Word:
                return here && step.Term!.Matches(words[w]) ? Match(steps, s + 1, words, w + 1, sentence) : -1;
            case StepKind.OptionalWord:
                var taken = here && step.Term!.Matches(words[w]) ? Match(steps, s + 1, words, w + 1, sentence) : -1;
                return Math.Max(taken, Match(steps, s + 1, words, w, sentence));
            case StepKind.Gap:
                var best = -1;
                for (var k = 0; k <= step.Gap; k++)
                {
                    if (k > 0 && (w + k - 1 >= words.Length || words[w + k - 1].Sentence != sentence))
                    {
                        break;
                    }
                    best = Math.Max(best, Match(steps, s + 1, words, w + k, sentence));
                }
                return best;
            case StepKind.NotNext:
                return here && step.Term!.Matches(words[w]) ? -1 : Match(steps, s + 1, words, w, sentence);
            default:
                throw new InvalidOperationException("Unknown pattern step " + step.Kind);
        }
    }

    /// <summary>
    /// "She did not consent", "a child cannot consent", "he was forced to have sex with": a negation or
    /// a word that puts the act on someone else, a few words before the phrase and in the same clause,
    /// means the writer is not saying what the phrase alone would say.
    /// </summary>
    private static bool IsNegatedOrCoerced(Word[] words, int first)
    {
        var clause = words[first].Clause;
        for (var k = first - 1; k >= 0 && k >= first - CueReach && words[k].Clause == clause; k--)
        {
            var text = words[k].Text;
            var next = words[k + 1].Text;
            if (ClauseJoiners.Contains(text) || (text == "as" && Subjects.Contains(next)))
            {
                return false;
            }
            if ((Negations.Contains(text) || text.EndsWith("n't", StringComparison.Ordinal)) && !NotANegationBefore.Contains(next))
            {
                return true;
            }
            if (Coercion.Contains(text) || (MadeTo.Contains(text) && MadeToObjects.Contains(next)))
            {
                return true;
            }
            if (text == "too" && TooToAct.Contains(next))
            {
                return true;
            }
            if ((text == "than" && k > 0 && words[k - 1].Text == "rather") || (text == "of" && k > 0 && words[k - 1].Text == "instead"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Compiles the list, adding every problem to errors; returns null when there are any.</summary>
    public static PhraseMatcher? Compile(PhraseList list, List<LanguageGuardConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(list);
        var before = errors.Count;
        var classes = CompileWordClasses(list.WordClasses, errors);
        var patterns = new List<CompiledPattern>();
        if (list.Entries is null || list.Entries.Count == 0)
        {
            errors.Add(new("entries", "At least one entry is required."));
        }
        else
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Entries.Count; i++)
            {
                CompileEntry(list.Entries[i], i, classes, ids, patterns, errors);
            }
        }
        if (errors.Count > before)
        {
            return null;
        }

        var byFirstWord = new Dictionary<string, List<CompiledPattern>>(StringComparer.Ordinal);
        var unindexed = new List<CompiledPattern>();
        foreach (var pattern in patterns)
        {
            var first = pattern.Steps[0].Term!;
            if (!first.IsExact)
            {
                unindexed.Add(pattern);
                continue;
            }
            foreach (var word in first.Words)
            {
                if (!byFirstWord.TryGetValue(word, out var bucket))
                {
                    byFirstWord[word] = bucket = [];
                }
                bucket.Add(pattern);
            }
        }
        return new PhraseMatcher(byFirstWord.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), [.. unindexed]);
    }

    private static void CompileEntry(PhraseEntry? entry, int i, Dictionary<string, Term> classes, Dictionary<string, int> ids,
        List<CompiledPattern> patterns, List<LanguageGuardConfigurationError> errors)
    {
        var at = $"entries[{i}]";
        if (entry is null)
        {
            errors.Add(new(at, "An entry is required here; remove the extra comma or fill the entry in."));
            return;
        }
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            errors.Add(new(at + ".id", "An id is required, e.g. \"own-choices\"."));
        }
        else if (!IsName(entry.Id))
        {
            errors.Add(new(at + ".id", $"\"{entry.Id}\" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter."));
        }
        else if (ids.TryGetValue(entry.Id, out var other))
        {
            errors.Add(new(at + ".id", $"The id \"{entry.Id}\" is already used by entries[{other}]."));
        }
        else
        {
            ids[entry.Id] = i;
        }

        if (entry.Category is not null && !IsName(entry.Category))
        {
            errors.Add(new(at + ".category", $"\"{entry.Category}\" is not a valid category: use lower-case letters, digits and hyphens, e.g. \"{PhraseCategories.ConsentOrChoice}\"."));
        }
        if (entry.Severity is null)
        {
            errors.Add(new(at + ".severity", "A severity is required: advice, warning or serious."));
        }
        else if (!Enum.IsDefined(entry.Severity.Value))
        {
            errors.Add(new(at + ".severity", $"{(int)entry.Severity.Value} is not a severity: use advice, warning or serious."));
        }
        if (string.IsNullOrWhiteSpace(entry.Reason))
        {
            errors.Add(new(at + ".reason", "Say why the phrase harms; the reason is shown to the writer."));
        }
        if (entry.Alternatives is null || entry.Alternatives.Count == 0)
        {
            errors.Add(new(at + ".alternatives", "Give at least one alternative wording."));
        }
        else
        {
            for (var k = 0; k < entry.Alternatives.Count; k++)
            {
                if (string.IsNullOrWhiteSpace(entry.Alternatives[k]))
                {
                    errors.Add(new($"{at}.alternatives[{k}]", "An alternative cannot be empty."));
                }
            }
        }
        if (entry.Patterns is null || entry.Patterns.Count == 0)
        {
            errors.Add(new(at + ".patterns", "Give at least one pattern, e.g. \"{make} {possessive} own {choice}\"."));
            return;
        }
        for (var k = 0; k < entry.Patterns.Count; k++)
        {
            var field = $"{at}.patterns[{k}]";
            var steps = CompilePattern(entry.Patterns[k], field, classes, errors);
            if (steps is null)
            {
                continue;
            }
            foreach (var variant in StartingVariants(steps))
            {
                if (variant.Length == 0 || variant[0].Kind is StepKind.Gap or StepKind.NotNext)
                {
                    errors.Add(new(field, "After its optional words the pattern starts with a gap or a check of the next word; start it with a word."));
                    break;
                }
                patterns.Add(new CompiledPattern(i, variant));
            }
        }
    }

    /// <summary>An optional first word becomes two patterns, with and without it, so every pattern starts with a required word.</summary>
    private static IEnumerable<Step[]> StartingVariants(Step[] steps)
    {
        if (steps.Length == 0 || steps[0].Kind != StepKind.OptionalWord)
        {
            yield return steps;
            yield break;
        }
        yield return [steps[0] with { Kind = StepKind.Word }, .. steps[1..]];
        foreach (var rest in StartingVariants(steps[1..]))
        {
            yield return rest;
        }
    }

    private static Step[]? CompilePattern(string? pattern, string field, Dictionary<string, Term> classes, List<LanguageGuardConfigurationError> errors)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add(new(field, "A pattern cannot be empty."));
            return null;
        }
        var parts = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var steps = new List<Step>(parts.Length);
        var ok = true;
        foreach (var part in parts)
        {
            if (part[0] == '~')
            {
                if (!int.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var gap) || gap is < 1 or > MaximumGap)
                {
                    errors.Add(new(field, $"\"{part}\" is not a gap: write ~1 to ~{MaximumGap} for up to that many words of any kind."));
                    ok = false;
                    continue;
                }
                steps.Add(new Step(StepKind.Gap, null, gap));
                continue;
            }
            var kind = StepKind.Word;
            var body = part;
            if (body[0] == '!')
            {
                kind = StepKind.NotNext;
                body = body[1..];
            }
            else if (body[^1] == '?')
            {
                kind = StepKind.OptionalWord;
                body = body[..^1];
            }
            var term = CompileTerm(body, field, classes, errors, allowClasses: true);
            if (term is null)
            {
                ok = false;
                continue;
            }
            steps.Add(new Step(kind, term, 0));
        }
        if (!ok)
        {
            return null;
        }
        if (steps.Count == 0 || steps[0].Kind is StepKind.Gap or StepKind.NotNext)
        {
            errors.Add(new(field, $"\"{pattern}\" must start with a word, not a gap or a check of the next word."));
            return null;
        }
        if (!steps.Any(s => s.Kind == StepKind.Word))
        {
            errors.Add(new(field, $"\"{pattern}\" has no required word; at least one word must not end in ?."));
            return null;
        }
        var lastRequired = steps.FindLastIndex(s => s.Kind == StepKind.Word);
        if (steps.FindIndex(lastRequired, s => s.Kind == StepKind.Gap) >= 0)
        {
            errors.Add(new(field, $"\"{pattern}\" has a gap after its last required word; a gap must lead to a word."));
            return null;
        }
        return [.. steps];
    }

    /// <summary>One position: "word", "word*", "{class}", "#18+", or alternatives of these joined by |.</summary>
    private static Term? CompileTerm(string body, string field, Dictionary<string, Term>? classes, List<LanguageGuardConfigurationError> errors, bool allowClasses)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        int? minimumNumber = null;
        var ok = true;
        foreach (var alternative in body.Split('|'))
        {
            if (alternative.Length == 0)
            {
                errors.Add(new(field, $"\"{body}\" has an empty alternative (two | together, or one at an end)."));
                ok = false;
            }
            else if (alternative[0] == '{' && allowClasses)
            {
                var name = alternative.Length > 2 && alternative[^1] == '}' ? alternative[1..^1] : "";
                if (classes is not null && classes.TryGetValue(name, out var members))
                {
                    words.UnionWith(members.Words);
                    prefixes.AddRange(members.PrefixList);
                }
                else
                {
                    errors.Add(new(field, $"\"{alternative}\" is not a word class defined in wordClasses."));
                    ok = false;
                }
            }
            else if (alternative[0] == '#')
            {
                if (alternative.Length > 2 && alternative[^1] == '+'
                    && int.TryParse(alternative.AsSpan(1, alternative.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    minimumNumber = Math.Min(minimumNumber ?? int.MaxValue, n);
                }
                else
                {
                    errors.Add(new(field, $"\"{alternative}\" is not a number condition: write #18+ for a number of 18 or more."));
                    ok = false;
                }
            }
            else if (alternative[^1] == '*')
            {
                var stem = alternative[..^1];
                if (stem.Length < 3 || !IsWord(stem))
                {
                    errors.Add(new(field, $"\"{alternative}\": a word start needs at least 3 letters before the *, so that it cannot match unrelated words."));
                    ok = false;
                }
                else
                {
                    prefixes.Add(WordReader.Normalise(stem));
                }
            }
            else if (IsWord(alternative))
            {
                words.Add(WordReader.Normalise(alternative));
            }
            else
            {
                errors.Add(new(field, $"\"{alternative}\" is not a word: use letters, digits and apostrophes only (a hyphenated term is written as separate words)."));
                ok = false;
            }
        }
        return ok ? new Term(words.ToFrozenSet(StringComparer.Ordinal), [.. prefixes], minimumNumber) : null;
    }

    private static Dictionary<string, Term> CompileWordClasses(IReadOnlyDictionary<string, IReadOnlyList<string>>? wordClasses, List<LanguageGuardConfigurationError> errors)
    {
        var classes = new Dictionary<string, Term>(StringComparer.Ordinal);
        if (wordClasses is null)
        {
            return classes;
        }
        foreach (var (name, members) in wordClasses)
        {
            var field = "wordClasses." + name;
            if (!IsName(name))
            {
                errors.Add(new(field, $"\"{name}\" is not a valid class name: use lower-case letters, digits and hyphens, starting with a letter."));
                continue;
            }
            if (members is null || members.Count == 0)
            {
                errors.Add(new(field, "A word class needs at least one word."));
                continue;
            }
            var words = new HashSet<string>(StringComparer.Ordinal);
            var prefixes = new List<string>();
            var ok = true;
            for (var k = 0; k < members.Count; k++)
            {
                var member = members[k];
                if (string.IsNullOrEmpty(member) || member[0] is '{' or '#' or '!' or '~' || member.Contains('|', StringComparison.Ordinal))
                {
                    errors.Add(new($"{field}[{k}]", $"\"{member}\" is not a class member: write one word, or one word start ending in *."));
                    ok = false;
                    continue;
                }
                var term = CompileTerm(member, $"{field}[{k}]", null, errors, allowClasses: false);
                if (term is null)
                {
                    ok = false;
                    continue;
                }
                words.UnionWith(term.Words);
                prefixes.AddRange(term.PrefixList);
            }
            if (ok)
            {
                classes[name] = new Term(words.ToFrozenSet(StringComparer.Ordinal), [.. prefixes], null);
            }
        }
        return classes;
    }

    private static bool IsWord(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != '\'' && c != '\u2019')
            {
                return false;
            }
        }
        return text.Length > 0 && char.IsLetterOrDigit(text[0]);
    }

    internal static bool IsName(string text)
    {
        if (text.Length == 0 || text[0] is < 'a' or > 'z')
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is not (>= 'a' and <= 'z') and not (>= '0' and <= '9') and not '-')
            {
                return false;
            }
        }
        return true;
    }
}
