using Lantern.Domain.Language;

namespace Lantern.Data;

/// <summary>What became of a phrase the language guard pointed out when a form was saved.</summary>
public enum LanguageFindingOutcome
{
    /// <summary>Shown on save; the form has not been saved since (it may never be).</summary>
    NotYetSaved = 1,

    /// <summary>The practitioner kept the wording and said why.</summary>
    KeptWithNote = 2,

    /// <summary>The practitioner changed the wording, and the form was saved without the phrase.</summary>
    ChangedBeforeSaving = 3,
}

/// <summary>
/// One phrase of the language guard found in one field of a form when it was saved: the training
/// signal the managers' report counts, and, once the form is saved, the record of wording kept with
/// a note. It holds the phrase list's entry id, never the text: the words are in the record itself.
/// One row per form, field and entry, however often the form was sent back.
/// </summary>
public sealed class LanguageFindingRecord
{
    public long Id { get; init; }

    /// <summary>One filling-in of a form, from the first save that showed findings to the save that stood.</summary>
    public Guid ReviewId { get; init; }

    /// <summary>When a save first showed the phrase.</summary>
    public DateTimeOffset SeenAt { get; init; }

    /// <summary>When the form was saved (kept or changed).</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public Guid UserId { get; init; }

    /// <summary>The writer's agency and team when the phrase was seen, so a later move does not change the report.</summary>
    public AgencyId AgencyId { get; init; }

    public TeamId? TeamId { get; init; }

    /// <summary>Which form, such as chronology-entry or referral-decision.</summary>
    public required string Form { get; init; }

    /// <summary>Which field of the form, as it is posted (Input.Summary).</summary>
    public required string Field { get; init; }

    /// <summary>The record saved (ChronologyEntry, Referral), once it is.</summary>
    public string? RecordType { get; private set; }

    public string? RecordId { get; private set; }

    /// <summary>The phrase list entry (own-choices).</summary>
    public required string EntryId { get; init; }

    public Severity Severity { get; init; }

    public LanguageFindingOutcome Outcome { get; private set; } = LanguageFindingOutcome.NotYetSaved;

    /// <summary>Why the practitioner kept the wording; required when they did.</summary>
    public string? KeptNote { get; private set; }

    /// <summary>The form was saved with the phrase still in it, and the practitioner said why.</summary>
    public void Keep(string note, string recordType, string recordId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        Resolve(LanguageFindingOutcome.KeptWithNote, recordType, recordId, at);
        KeptNote = note.Trim();
    }

    /// <summary>The form was saved and the phrase was no longer in the field.</summary>
    public void Changed(string recordType, string recordId, DateTimeOffset at) =>
        Resolve(LanguageFindingOutcome.ChangedBeforeSaving, recordType, recordId, at);

    private void Resolve(LanguageFindingOutcome outcome, string recordType, string recordId, DateTimeOffset at)
    {
        if (Outcome != LanguageFindingOutcome.NotYetSaved)
        {
            throw new InvalidOperationException($"Finding {Id} was already resolved as {Outcome}.");
        }
        Outcome = outcome;
        RecordType = recordType;
        RecordId = recordId;
        ResolvedAt = at;
    }
}

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
