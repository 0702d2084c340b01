using System.Globalization;
using System.Text;

namespace Lantern.Domain;

/// <summary>Whether a field holds one line (a name, a reference, a phone number) or paragraphs (what happened).</summary>
public enum TextShape
{
    OneLine = 1,
    MultiLine = 2,
}

/// <summary>What is wrong with a text that cannot be kept as it was typed.</summary>
public enum TextProblem
{
    /// <summary>A character no record should hold: a noncharacter, an unassigned code point, half a surrogate pair, or a control character.</summary>
    CannotBeStored = 1,

    /// <summary>A line break (CR, LF, NEL, line or paragraph separator) in a one-line field.</summary>
    LineBreak = 2,

    /// <summary>A tab in a one-line field.</summary>
    Tab = 3,

    /// <summary>Nothing a reader can see: only spaces and invisible characters (zero-width space, Hangul filler, braille blank).</summary>
    Invisible = 4,
}

/// <summary>
/// The one rule for text that people and agency systems send, applied by every form and every endpoint before
/// anything is stored: text is kept exactly as sent or refused with what to fix, never silently changed. It refuses
/// what cannot be read back or searched reliably (noncharacters such as U+FFFE, unassigned code points, lone
/// surrogates, control characters other than tab and line breaks in paragraphs), line breaks and tabs in one-line
/// fields, and a required value that is only invisible characters.
/// </summary>
public static class StorableText
{
    /// <summary>The first problem with the text, or null when it can be stored as it is. An empty or invisible text is not a problem here.</summary>
    public static TextProblem? Find(string? value, TextShape shape)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var span = value.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return TextProblem.CannotBeStored;
            }
            span = span[used..];
            if (Problem(rune, shape) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a reader would see nothing: null, empty, or only white space and invisible characters (format
    /// characters such as U+200B, Hangul fillers, the braille blank, variation selectors).
    /// </summary>
    public static bool IsBlank(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        foreach (var rune in value.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the character shows nothing on its own.</summary>
    public static bool IsInvisible(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return true;
        }
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate)
        {
            return true;
        }
        return rune.Value switch
        {
            0x034F => true, // combining grapheme joiner
            0x115F or 0x1160 or 0x3164 or 0xFFA0 => true, // Hangul fillers
            0x17B4 or 0x17B5 => true, // Khmer inherent vowels
            0x180B or 0x180C or 0x180D or 0x180F => true, // Mongolian variation selectors
            0x2800 => true, // braille pattern blank
            >= 0xFE00 and <= 0xFE0F => true, // variation selectors
            >= 0xE0100 and <= 0xE01EF => true, // variation selectors supplement
            _ => false,
        };
    }

    /// <summary>
    /// The message for a field, or null when it is fine: <paramref name="required"/> is said when the value is
    /// missing or blank and the field is required; <paramref name="label"/> names the field in the other messages
    /// ("Given name contains a character that cannot be stored: remove it").
    /// </summary>
    public static string? Check(string? value, string label, TextShape shape, string? required = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (Find(value, shape) is { } problem)
        {
            return Message(problem, label);
        }
        if (IsBlank(value))
        {
            if (required is not null)
            {
                return required;
            }
            // Empty or spaces only: the field was left empty. Anything else invisible is not "nothing".
            return value is null || string.IsNullOrWhiteSpace(value) ? null : Message(TextProblem.Invisible, label);
        }
        return null;
    }

    /// <summary>
    /// Adds the field's first problem to <paramref name="errors"/>: what <see cref="Check(string?, string, TextShape, string?)"/> finds, else
    /// <paramref name="tooLong"/> when the value, without the spaces around it, is longer than <paramref name="max"/>.
    /// </summary>
    public static void Check(ICollection<FieldError> errors, string field, string label, string? value, TextShape shape, int max, string tooLong, string? required = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Check(value, label, shape, required) is { } problem)
        {
            errors.Add(new(field, problem));
        }
        else if (value?.Trim().Length > max)
        {
            errors.Add(new(field, tooLong));
        }
    }

    /// <summary>What to do about a problem, naming the field.</summary>
    public static string Message(TextProblem problem, string label) => problem switch
    {
        TextProblem.CannotBeStored => $"{label} contains a character that cannot be stored: remove it",
        TextProblem.LineBreak => $"{label} must be on one line: remove the line break",
        TextProblem.Tab => $"{label} contains a tab: remove it or use a space",
        TextProblem.Invisible => $"{label} contains only invisible characters: type it again or leave it empty",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static TextProblem? Problem(Rune rune, TextShape shape)
    {
        var c = rune.Value;
        if (c is '\n' or '\r' or 0x85 or 0x2028 or 0x2029 or 0x0B or 0x0C)
        {
            // Vertical tab, form feed and NEL end a line to some readers and not to others: never in paragraphs either.
            return shape == TextShape.OneLine ? TextProblem.LineBreak
                : c is '\n' or '\r' or 0x2028 or 0x2029 ? null : TextProblem.CannotBeStored;
        }
        if (c == '\t')
        {
            return shape == TextShape.OneLine ? TextProblem.Tab : null;
        }
        if (IsNoncharacter(c))
        {
            return TextProblem.CannotBeStored;
        }
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
            ? TextProblem.CannotBeStored
            : null;
    }

    /// <summary>The 66 code points Unicode sets aside never to be characters: U+FDD0–U+FDEF and the last two of every plane.</summary>
    public static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
