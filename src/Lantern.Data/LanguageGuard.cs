using Lantern.Domain.Language;

namespace Lantern.Data;

/// <summary>
/// An administrator's version of one phrase list entry: a new entry, a change to a shipped one (same
/// id), or a retirement. The phrase list in use is the file's entries with these laid over them.
/// </summary>
public sealed class LanguagePhrase
{
    public required string EntryId { get; init; }

    public string? Category { get; set; }

    public Severity Severity { get; set; }

    /// <summary>One pattern a line.</summary>
    public required string Patterns { get; set; }

    public required string Reason { get; set; }

    /// <summary>One alternative a line.</summary>
    public required string Alternatives { get; set; }

    /// <summary>Retired: the entry (even a shipped one) is no longer used; it can be restored.</summary>
    public bool Retired { get; set; }

    /// <summary>The phrase list version of the last change to this entry.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public static IReadOnlyList<string> Lines(string text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public PhraseEntry ToEntry() => new()
    {
        Id = EntryId,
        Category = Category,
        Severity = Severity,
        Patterns = Lines(Patterns),
        Reason = Reason,
        Alternatives = Lines(Alternatives),
    };
}

public enum LanguagePhraseChangeKind
{
    Added = 1,
    Edited = 2,
    Retired = 3,
    Restored = 4,
}

/// <summary>
/// One change to the phrase list, numbered. The highest number is the list's version: every node
/// compares it with the version its guard was built from, and the unique number stops two
/// administrators' changes from both taking the same version.
/// </summary>
public sealed class LanguagePhraseChange
{
    public long Version { get; init; }

    public required string EntryId { get; init; }

    public LanguagePhraseChangeKind Kind { get; init; }

    public DateTimeOffset At { get; init; }

    public Guid By { get; init; }

    /// <summary>The entry as it was after the change, as JSON in the phrase list file's shape.</summary>
    public required string Snapshot { get; init; }
}
