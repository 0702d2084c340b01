using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Language;
using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Chronology;

/// <summary>What the chronology shows: filters a practitioner chooses on the page or an export.</summary>
public sealed record ChronologyFilter
{
    public AgencyId? Agency { get; init; }

    public EntryType? Type { get; init; }

    public Significance? MinimumSignificance { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public bool OldestFirst { get; init; }

    /// <summary>Show entries that a correction replaced (they are always kept).</summary>
    public bool IncludeSuperseded { get; init; } = true;
}

/// <summary>
/// A chronology line ready to show or export. <see cref="WordingToReview"/> names the language guard's phrase list entries found
/// in an entry an agency's extract brought in: flagged for review, the words kept as the agency wrote them.
/// </summary>
public sealed record ChronologyLine(
    Guid Id,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Agency,
    string Author,
    EntryType Type,
    string Summary,
    Significance Significance,
    Guid? SupersedesId,
    Guid? SupersededById,
    string? CorrectionReason,
    string? SourceRecord,
    IReadOnlyList<MentionText> Mentions,
    IReadOnlyList<string> WordingToReview);

/// <summary>Counts for the last 12 months shown at the top of the record.</summary>
public sealed record TwelveMonthCounts(int Referrals, int MissingEpisodes, int HealthAttendances, int PoliceContacts);

/// <summary>Reads the chronology of a child the caller may see; the caller has already checked the scope.</summary>
public sealed class ChronologyQuery(LanternDbContext db, WorkingDayCalendar calendar, TimeProvider time)
{
    public async Task<IReadOnlyList<ChronologyLine>> ReadAsync(ChildId child, ChronologyFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.ChronologyEntries.AsNoTracking().Where(e => e.ChildId == child);
        if (filter.Agency is { } agency)
        {
            query = query.Where(e => e.SourceAgencyId == agency);
        }
        if (filter.Type is { } type)
        {
            query = query.Where(e => e.Type == type);
        }
        if (filter.MinimumSignificance is { } significance)
        {
            var allowed = Enum.GetValues<Significance>().Where(s => s >= significance).ToList();
            query = query.Where(e => allowed.Contains(e.Significance));
        }
        if (filter.From is { } from)
        {
            var start = calendar.AtLocalTime(from, TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = calendar.AtLocalTime(to.AddDays(1), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt < end);
        }
        if (!filter.IncludeSuperseded)
        {
            query = query.Where(e => e.SupersededById == null);
        }
        query = filter.OldestFirst
            ? query.OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt)
            : query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.RecordedAt);
        var rows = await query
            .Select(e => new { Entry = e, Agency = e.SourceAgency!.Name })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Entry.Id).ToList();
        var mentions = (await db.Mentions.AsNoTracking().Where(m => m.ChronologyEntryId != null && ids.Contains(m.ChronologyEntryId.Value))
                .OrderBy(m => m.Id).ToListAsync(ct))
            .ToLookup(m => m.ChronologyEntryId!.Value, m => m.Text);
        var entryIds = ids.Select(id => id.ToString()).ToList();
        var wording = (await db.LanguageFindings.AsNoTracking()
                .Where(f => f.Outcome == LanguageFindingOutcome.Imported && f.RecordType == nameof(ChronologyEntry) && entryIds.Contains(f.RecordId!))
                .Select(f => new { f.RecordId, f.EntryId }).ToListAsync(ct))
            .ToLookup(f => Guid.Parse(f.RecordId!), f => f.EntryId);
        return [.. rows.Select(r => new ChronologyLine(r.Entry.Id, r.Entry.OccurredAt, r.Entry.RecordedAt, r.Agency, r.Entry.Author, r.Entry.Type,
            r.Entry.Summary, r.Entry.Significance, r.Entry.SupersedesId, r.Entry.SupersededById, r.Entry.CorrectionReason, r.Entry.SourceRecord,
            [.. mentions[r.Entry.Id]], [.. wording[r.Entry.Id].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))];
    }

    /// <summary>Referrals, missing episodes, health attendances and police contacts in the last 12 months (corrections not counted twice).</summary>
    public async Task<TwelveMonthCounts> CountsAsync(ChildId child, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddYears(-1);
        var counts = await db.ChronologyEntries.AsNoTracking()
            .Where(e => e.ChildId == child && e.OccurredAt >= since && e.SupersededById == null)
            .GroupBy(e => e.Type)
            .Select(g => new { Type = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Of(params EntryType[] types) => counts.Where(c => types.Contains(c.Type)).Sum(c => c.Count);
        return new TwelveMonthCounts(
            Of(EntryType.Referral),
            Of(EntryType.MissingEpisode),
            Of(EntryType.HealthAttendance, EntryType.SexualHealthAttendance, EntryType.GpConcern),
            Of(EntryType.PoliceIncident, EntryType.Crime));
    }
}
