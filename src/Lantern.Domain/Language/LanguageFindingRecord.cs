using Lantern.Domain.Partnership;

namespace Lantern.Domain.Language;

/// <summary>What became of a phrase the language guard pointed out when a form was saved.</summary>
public enum LanguageFindingOutcome
{
    /// <summary>Shown on save; the form has not been saved since (it may never be).</summary>
    NotYetSaved = 1,

    /// <summary>The practitioner kept the wording and said why.</summary>
    KeptWithNote = 2,

    /// <summary>The practitioner changed the wording, and the form was saved without the phrase.</summary>
    ChangedBeforeSaving = 3,

    /// <summary>
    /// Found in a record loaded from an agency's extract: the words stand as the agency wrote them, and the
    /// record is flagged for review. No practitioner here was shown it, so it is counted apart from the others.
    /// </summary>
    Imported = 4,
}

/// <summary>
/// One phrase of the language guard found in one field of a form when it was saved: the training
/// signal the managers' report counts, and, once the form is saved, the record of wording kept with
/// a note. It holds the phrase list's entry id, never the text: the words are in the record itself.
/// One row per form, field and entry, however often the form was sent back.
/// </summary>
public sealed class LanguageFindingRecord
{
    private LanguageFindingRecord()
    {
    }

    public long Id { get; private init; }

    /// <summary>One filling-in of a form, from the first save that showed findings to the save that stood.</summary>
    public Guid ReviewId { get; private init; }

    /// <summary>When a save first showed the phrase.</summary>
    public DateTimeOffset SeenAt { get; private init; }

    /// <summary>When the form was saved (kept or changed).</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public Guid UserId { get; private init; }

    /// <summary>The writer's agency and team when the phrase was seen, so a later move does not change the report.</summary>
    public AgencyId AgencyId { get; private init; }

    public TeamId? TeamId { get; private init; }

    /// <summary>Which form, such as chronology-entry or referral-decision.</summary>
    public string Form { get; private init; } = "";

    /// <summary>Which field of the form, as it is posted (Input.Summary).</summary>
    public string Field { get; private init; } = "";

    /// <summary>The record saved (ChronologyEntry, Referral), once it is.</summary>
    public string? RecordType { get; private set; }

    public string? RecordId { get; private set; }

    /// <summary>The phrase list entry (own-choices).</summary>
    public string EntryId { get; private init; } = "";

    public Severity Severity { get; private init; }

    public LanguageFindingOutcome Outcome { get; private set; } = LanguageFindingOutcome.NotYetSaved;

    /// <summary>Why the practitioner kept the wording; required when they did.</summary>
    public string? KeptNote { get; private set; }

    /// <summary>A phrase seen in a field when its form was saved, not yet resolved.</summary>
    public static LanguageFindingRecord Seen(Guid review, DateTimeOffset at, Guid user, AgencyId agency, TeamId? team, string form, string field, string entryId, Severity severity) => new()
    {
        ReviewId = review,
        SeenAt = at,
        UserId = user,
        AgencyId = agency,
        TeamId = team,
        Form = form,
        Field = field,
        EntryId = entryId,
        Severity = severity,
    };

    /// <summary>
    /// A phrase in a record an agency's extract brought in, seen at the record's own time (so a report of 2008 shows
    /// the wording of 2008) in the agency that wrote it. No user of Lantern wrote it: the user is empty and there is no team.
    /// </summary>
    public static LanguageFindingRecord InImportedRecord(Guid review, DateTimeOffset writtenAt, DateTimeOffset importedAt, AgencyId agency, string form,
        string field, string entryId, Severity severity, string recordType, string recordId) => new()
        {
            ReviewId = review,
            SeenAt = writtenAt,
            ResolvedAt = importedAt,
            UserId = Guid.Empty,
            AgencyId = agency,
            Form = form,
            Field = field,
            EntryId = entryId,
            Severity = severity,
            Outcome = LanguageFindingOutcome.Imported,
            RecordType = recordType,
            RecordId = recordId,
        };

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
