using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>A chronology entry as an agency gives it, through a page or the API.</summary>
public sealed record NewEntry(
    DateTimeOffset OccurredAt,
    EntryType Type,
    string Summary,
    Significance Significance,
    AgencyId SourceAgencyId,
    string Author,
    Guid? AuthorUserId = null,
    Guid? ApiKeyId = null,
    Guid? Supersedes = null,
    string? CorrectionReason = null,
    string? SourceRecord = null,
    IReadOnlyList<(MentionKind Kind, string Value, string? Detail)>? Links = null);

/// <summary>
/// The child's record: opening it when the first referral arrives, and adding every agency's
/// fragments to the one chronology. Entries are never edited; a correction supersedes.
/// </summary>
public sealed class ChildRecords(LanternDbContext db, TimeProvider time)
{
    /// <summary>
    /// The child a referral is about: the same recorded child when the referral names one, otherwise an
    /// exact match of name and date of birth (until identity resolution serves the front door), otherwise
    /// a new record opened from what the referral says. The referral's entry joins the chronology.
    /// Adds to the pending changes; the caller saves.
    /// </summary>
    public async Task<Child> FindOrOpenForReferralAsync(Referral referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        Child? child = null;
        if (referral.ChildDateOfBirth is { } dob)
        {
            // Few children share a date of birth, so the names are compared here, ignoring case.
            child = (await db.Children.Where(c => c.DateOfBirth == dob).OrderBy(c => c.CreatedAt).ToListAsync(ct))
                .FirstOrDefault(c => string.Equals(c.GivenName, referral.ChildGivenName, StringComparison.OrdinalIgnoreCase)
                                     && string.Equals(c.FamilyName, referral.ChildFamilyName, StringComparison.OrdinalIgnoreCase));
        }
        var now = time.GetUtcNow();
        if (child is null)
        {
            child = new Child
            {
                GivenName = referral.ChildGivenName,
                FamilyName = referral.ChildFamilyName,
                KnownAs = referral.ChildKnownAs,
                DateOfBirth = referral.ChildDateOfBirth,
                EstimatedAge = referral.ChildDateOfBirth is null ? referral.ChildApproximateAge : null,
                EstimatedAgeOn = referral.ChildDateOfBirth is null && referral.ChildApproximateAge is not null ? DateOnly.FromDateTime(now.UtcDateTime) : null,
                NhsNumber = referral.ChildNhsNumber,
                UniquePupilNumber = referral.ChildUniquePupilNumber,
                PoliceReference = referral.ChildPoliceReference,
                School = referral.ChildSchool,
                CreatedAt = now,
            };
            if (referral.ChildAddress is { } address)
            {
                child.Addresses.Add(new ChildAddress { ChildId = child.Id, Address = address, Postcode = referral.ChildPostcode, From = DateOnly.FromDateTime(now.UtcDateTime) });
            }
            db.Children.Add(child);
        }
        referral.ChildId = child.Id;
        Add(child.Id, new NewEntry(
            referral.ReceivedAt,
            EntryType.Referral,
            $"Referral {referral.Reference}: {referral.WhatHappened} Why they are worried: {referral.WhyWorried}",
            referral.ConcernsSexualHarmOrExploitation ? Significance.Significant : Significance.Routine,
            referral.SourceAgencyId,
            referral.ReferrerName,
            referral.ReferrerUserId,
            referral.ApiKeyId,
            SourceRecord: referral.Reference,
            Links: [.. referral.Mentions.Select(m => (m.Kind, m.Value, m.Detail))]));
        return child;
    }

    /// <summary>Adds an entry (and marks the entry it corrects) to the pending changes; the caller saves.</summary>
    public ChronologyEntry Add(ChildId child, NewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new ChronologyEntry
        {
            ChildId = child,
            OccurredAt = entry.OccurredAt,
            RecordedAt = time.GetUtcNow(),
            SourceAgencyId = entry.SourceAgencyId,
            Author = entry.Author,
            AuthorUserId = entry.AuthorUserId,
            ApiKeyId = entry.ApiKeyId,
            Type = entry.Type,
            Summary = entry.Summary.Length > 10_000 ? entry.Summary[..10_000] : entry.Summary,
            Significance = entry.Significance,
            SupersedesId = entry.Supersedes,
            CorrectionReason = entry.CorrectionReason,
            SourceRecord = entry.SourceRecord,
        };
        foreach (var (kind, value, detail) in entry.Links ?? [])
        {
            row.Links.Add(new ChronologyLink { EntryId = row.Id, Kind = kind, Value = value, Detail = detail });
        }
        db.ChronologyEntries.Add(row);
        return row;
    }

    /// <summary>
    /// A correction: a new entry that supersedes <paramref name="corrected"/>; both stay. Returns the
    /// new entry, or the problem keyed by field. The caller saves.
    /// </summary>
    public async Task<(ChronologyEntry? Entry, (string Field, string Message)? Problem)> CorrectAsync(ChildId child, Guid corrected, NewEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var old = await db.ChronologyEntries.FirstOrDefaultAsync(e => e.Id == corrected && e.ChildId == child, ct);
        if (old is null)
        {
            return (null, ("Corrects", "There is no such entry on this child's chronology"));
        }
        if (old.SupersededById is not null)
        {
            return (null, ("Corrects", "This entry has already been corrected; correct the latest version"));
        }
        if (string.IsNullOrWhiteSpace(entry.CorrectionReason))
        {
            return (null, ("CorrectionReason", "Say what was wrong with the entry"));
        }
        var row = Add(child, entry with { Supersedes = corrected });
        old.SupersededById = row.Id;
        return (row, null);
    }
}

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

/// <summary>A chronology line ready to show or export.</summary>
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
    IReadOnlyList<ChronologyLink> Links);

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
        var links = (await db.ChronologyLinks.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToListAsync(ct)).ToLookup(l => l.EntryId);
        return [.. rows.Select(r => new ChronologyLine(r.Entry.Id, r.Entry.OccurredAt, r.Entry.RecordedAt, r.Agency, r.Entry.Author, r.Entry.Type,
            r.Entry.Summary, r.Entry.Significance, r.Entry.SupersedesId, r.Entry.SupersededById, r.Entry.CorrectionReason, r.Entry.SourceRecord,
            [.. links[r.Entry.Id]]))];
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
