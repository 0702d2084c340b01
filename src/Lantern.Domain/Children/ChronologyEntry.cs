using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Children;

/// <summary>A chronology entry as an agency gives it, through a page, the API or another record (a referral, an episode).</summary>
public sealed record NewEntry(
    DateTimeOffset OccurredAt,
    EntryType Type,
    string Summary,
    Significance Significance,
    AgencyId SourceAgencyId,
    string Author,
    Guid? AuthorUserId = null,
    Guid? ApiKeyId = null,
    string? CorrectionReason = null,
    string? SourceRecord = null,
    IReadOnlyList<MentionText>? Mentions = null);

/// <summary>
/// One fragment of the child's history from one agency. Never edited in place: a correction is a new
/// entry that supersedes this one, and both stay visible to those allowed to see the child.
/// </summary>
public sealed class ChronologyEntry
{
    public const int SummaryMaxLength = 10_000;

    private readonly List<Mention> _mentions = [];

    private ChronologyEntry()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; private init; }

    /// <summary>When it happened (an instant; the day matters most).</summary>
    public DateTimeOffset OccurredAt { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public AgencyId SourceAgencyId { get; private init; }

    public Agency? SourceAgency { get; private init; }

    /// <summary>Who wrote it: the practitioner's name, or the person an agency system named.</summary>
    public string Author { get; private init; } = "";

    public Guid? AuthorUserId { get; private init; }

    public Guid? ApiKeyId { get; private init; }

    public EntryType Type { get; private init; }

    public string Summary { get; private init; } = "";

    public Significance Significance { get; private init; }

    /// <summary>The entry this one corrects, if any.</summary>
    public Guid? SupersedesId { get; private init; }

    /// <summary>Set on the corrected entry when a correction arrives.</summary>
    public Guid? SupersededById { get; private set; }

    /// <summary>Why it was corrected, on the correcting entry.</summary>
    public string? CorrectionReason { get; private init; }

    /// <summary>The record the entry came from inside Lantern (a referral's reference, an episode's id), for a link.</summary>
    public string? SourceRecord { get; private init; }

    /// <summary>The people, vehicles, phones and places the entry names.</summary>
    public IReadOnlyList<Mention> Mentions => _mentions;

    /// <summary>A new entry on the child's chronology, recorded <paramref name="at"/>.</summary>
    public static ChronologyEntry Record(ChildId child, NewEntry entry, DateTimeOffset at) => Create(child, entry, at, supersedes: null);

    /// <summary>
    /// A correction of this entry: a new entry that supersedes it; both stay. The correction says what
    /// was wrong, and only the latest version of an entry can be corrected.
    /// </summary>
    public Result<ChronologyEntry> Correct(NewEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (SupersededById is not null)
        {
            return Failure.Invalid("Corrects", "This entry has already been corrected; correct the latest version");
        }
        if (string.IsNullOrWhiteSpace(entry.CorrectionReason))
        {
            return Failure.Invalid("CorrectionReason", "Say what was wrong with the entry");
        }
        var correction = Create(ChildId, entry with { CorrectionReason = entry.CorrectionReason.Trim() }, at, Id);
        SupersededById = correction.Id;
        return correction;
    }

    private static ChronologyEntry Create(ChildId child, NewEntry entry, DateTimeOffset at, Guid? supersedes)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new ChronologyEntry
        {
            ChildId = child,
            OccurredAt = entry.OccurredAt,
            RecordedAt = at,
            SourceAgencyId = entry.SourceAgencyId,
            Author = entry.Author,
            AuthorUserId = entry.AuthorUserId,
            ApiKeyId = entry.ApiKeyId,
            Type = entry.Type,
            // Entries built from other records (a long referral) are cut to fit; what people type is checked before.
            Summary = entry.Summary.Length > SummaryMaxLength ? entry.Summary[..SummaryMaxLength] : entry.Summary,
            Significance = entry.Significance,
            SupersedesId = supersedes,
            CorrectionReason = entry.CorrectionReason,
            SourceRecord = entry.SourceRecord,
        };
        row._mentions.AddRange((entry.Mentions ?? []).Select(m => new Mention(m)));
        return row;
    }
}
