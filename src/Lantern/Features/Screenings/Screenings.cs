using System.Globalization;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Features.Chronology;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Screenings;

/// <summary>A screening as submitted: the ticked indicators, the practitioner's level and, when it is lower than the band, why.</summary>
public sealed record ScreeningSubmission(IReadOnlyList<ScreenedIndicator> Items, LevelOfConcern ChosenLevel, string? Reason);

/// <summary>An indicator the system can tick from what it already holds, with where it came from.</summary>
public sealed record Prefill(string IndicatorId, DateOnly ObservedOn, AgencyId SourceAgency, string Evidence, string Source);

/// <summary>A child whose screening is due, and when and why.</summary>
public sealed record DueScreening(ChildId ChildId, ScreeningDue Due);

/// <summary>
/// Exploitation screening: what the system can pre-fill, working out the supporting band, saving the
/// practitioner's level of concern (with a manager's review when it is lower than the band), and when
/// the next screening is due. Each write is saved with its chronology entry and audit event together.
/// </summary>
public sealed partial class Screenings(
    LanternDbContext db,
    ChronologyRecords records,
    ScreeningToolCatalog tools,
    ScreeningSchedule schedule,
    WorkingDayCalendar calendar,
    AuditTrail audit,
    Notifier notifier,
    Recipients recipients,
    TimeProvider time,
    IOptions<ChildRecordOptions> childOptions,
    ILogger<Screenings> logger)
{
    public const string RecordType = "Screening";

    /// <summary>What arriving about a screened child makes a fresh screening due.</summary>
    public static readonly EntryType[] Triggers =
    [
        EntryType.Referral, EntryType.MissingEpisode, EntryType.PoliceIncident, EntryType.Crime,
        EntryType.HealthAttendance, EntryType.SexualHealthAttendance,
    ];

    public ScreeningTool Tool => tools.Active;

    public static string PagePath(ChildId child, Guid screening) => $"/children/{child}/screenings/{screening}";

    /// <summary>How mails and escalation steps name a due screening without naming the child.</summary>
    public static string DutyReference(ChildId child) => "SCR-" + child.Value.ToString("N", CultureInfo.InvariantCulture)[..12].ToUpperInvariant();

    public DateOnly Today => calendar.LocalDate(time.GetUtcNow());

    /// <summary>What the rules need to know about the child today: age and whether they are a repeat missing child.</summary>
    public async Task<ScreeningFacts> FactsAsync(Child child, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        var now = time.GetUtcNow();
        var today = calendar.LocalDate(now);
        var age = child.AgeOn(today);
        var missing = await MissingEpisodes.RepeatMissingWindow.Episodes(db, child.Id, now, childOptions.Value).Select(m => m.MissingFrom).ToListAsync(ct);
        return new ScreeningFacts(today, age, ReturnInterviewRules.IsRepeatMissing(missing, now, childOptions.Value));
    }

    /// <summary>
    /// Indicators the system can tick from the last 12 months of the record: missing episodes, sexual
    /// health attendances, police contacts that name a person, intelligence that names a person. Each
    /// says where it came from; the practitioner confirms or unticks it.
    /// </summary>
    public async Task<IReadOnlyList<Prefill>> PrefillAsync(ChildId child, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddMonths(-12);
        var found = new List<Prefill>();
        foreach (var indicator in Tool.AllIndicators.Select(p => p.Indicator))
        {
            switch (indicator.Prefill)
            {
                case null:
                    break;
                case PrefillSource.MissingEpisodes:
                    var episodes = await db.MissingEpisodes.AsNoTracking().Where(m => m.ChildId == child && m.MissingFrom >= since)
                        .OrderByDescending(m => m.MissingFrom).Select(m => new { m.Reference, m.MissingFrom, m.RecordedByAgencyId }).ToListAsync(ct);
                    if (episodes.Count > 0)
                    {
                        var latest = episodes[0];
                        found.Add(new(indicator.Id!, calendar.LocalDate(latest.MissingFrom), latest.RecordedByAgencyId,
                            $"{Plural(episodes.Count, "missing episode")} in the last 12 months; the latest, {latest.Reference}, began {calendar.UkTime(latest.MissingFrom)}.",
                            $"Missing episode {latest.Reference}"));
                    }
                    break;
                case PrefillSource.SexualHealthAttendances:
                    await AddFromEntriesAsync(found, indicator.Id!, child, since, [EntryType.SexualHealthAttendance], personNamed: false, "sexual health attendance", ct);
                    break;
                case PrefillSource.PoliceIncidentsWithAdults:
                    await AddFromEntriesAsync(found, indicator.Id!, child, since, [EntryType.PoliceIncident, EntryType.Crime], personNamed: true, "police contact naming a person", ct);
                    break;
                case PrefillSource.IntelligenceLinkingPerson:
                    await AddFromEntriesAsync(found, indicator.Id!, child, since, [EntryType.Intelligence], personNamed: true, "intelligence naming a person", ct);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown prefill source {indicator.Prefill}");
            }
        }
        return found;
    }

    private async Task AddFromEntriesAsync(List<Prefill> found, string indicator, ChildId child, DateTimeOffset since, EntryType[] types, bool personNamed, string what, CancellationToken ct)
    {
        var entries = await db.ChronologyEntries.AsNoTracking()
            .Where(e => e.ChildId == child && types.Contains(e.Type) && e.OccurredAt >= since && e.SupersededById == null)
            .Where(e => !personNamed || e.Mentions.Any(m => m.Kind == MentionKind.Person))
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => new { e.Id, e.OccurredAt, e.SourceAgencyId, e.Summary, People = e.Mentions.Where(m => m.Kind == MentionKind.Person).Select(m => m.Value).ToList() })
            .ToListAsync(ct);
        if (entries.Count == 0)
        {
            return;
        }
        var latest = entries[0];
        var people = latest.People.Count > 0 ? $" People named: {string.Join(", ", latest.People)}." : "";
        var summary = latest.Summary.Length > 300 ? latest.Summary[..300] + "…" : latest.Summary;
        found.Add(new(indicator, calendar.LocalDate(latest.OccurredAt), latest.SourceAgencyId,
            $"{Plural(entries.Count, what)} in the last 12 months; the latest: {summary}{people}",
            $"Chronology entry {calendar.LocalDate(latest.OccurredAt).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}"));
    }

    public ScreeningResult Compute(IReadOnlyList<ScreenedIndicator> items, ScreeningFacts facts)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ScreeningCalculator.Compute(Tool, [.. items.Select(i => new ScreeningAnswer(i.IndicatorId, i.ObservedOn))], facts);
    }

    /// <summary>
    /// Saves the screening (the child tracked): its items, the practitioner's level as the child's level
    /// of concern, a chronology entry, and an audit event; when the level is below the supporting band,
    /// the screening awaits a review by the screener's management line, who are told.
    /// </summary>
    public async Task<Result<Screening>> SaveAsync(Child child, ScreeningSubmission submission, Actor by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var facts = await FactsAsync(child, ct);
        var result = Compute(submission.Items, facts);
        var entry = records.Add(child.Id, new NewEntry(now, EntryType.Screening,
            $"Exploitation screening ({Tool.Name}): level of concern {submission.ChosenLevel.DisplayName().ToLowerInvariant()}; supporting band {result.Band.DisplayName().ToLowerInvariant()} (score {result.Score:0.##})."
            + (submission.Reason is { Length: > 0 } reason ? $" Reason for the level: {reason}" : ""),
            submission.ChosenLevel >= LevelOfConcern.Moderate || result.Band >= LevelOfConcern.Moderate ? Significance.Significant : Significance.Routine,
            by.Agency, by.Name, AuthorUserId: by.Id));
        var screening = Screening.Record(child.Id, Tool, by, now, facts, result, submission.Items, submission.ChosenLevel, submission.Reason, entry.Id);
        db.Screenings.Add(screening);
        child.SetLevelOfConcern(screening.Level);

        if (screening.ReviewStatus == ScreeningReviewStatus.Awaiting)
        {
            var reviewers = await recipients.FirstManagersAsync(new LineStart(Where.InAgency(by.Agency), Team: by.Team), ct);
            if (reviewers.Count == 0)
            {
                LogNoReviewer(logger, by.Agency.Value);
            }
            notifier.Tell(reviewers, "Screening to review: level below the supporting band",
                $"A practitioner chose a level of concern ({submission.ChosenLevel.DisplayName().ToLowerInvariant()}) below the screening's supporting band ({result.Band.DisplayName().ToLowerInvariant()}) and gave a reason. As their manager, review it.",
                PagePath(child.Id, screening.Id));
        }
        // The child's record may have changed while the form was open (another screening, an edit, a missing
        // episode through the police API): then nothing is saved and the practitioner looks again and saves.
        if (await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ScreeningRecorded, RecordType, screening.Id.ToString(),
                $"child {child.Id}; chosen {submission.ChosenLevel}; band {result.Band}; {submission.Items.Count} indicators")],
                Failure.ChangedMeanwhile("The child's record changed while you were screening (for example a new missing episode or another screening). Nothing was saved: check what is ticked and save again."), ct) is { } conflict)
        {
            return conflict;
        }
        LogScreened(logger, screening.Id, submission.ChosenLevel, result.Band);
        return screening;
    }

    /// <summary>
    /// A manager's review of a divergent screening: agree, or set a different level, with a note. Only the
    /// screener's management line may (the screening decides). When the screening is the child's latest,
    /// the child's level of concern follows the review.
    /// </summary>
    public async Task<Failure?> ReviewAsync(Screening screening, Actor by, LevelOfConcern? newLevel, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        // The child first: a screening saved after this read changes the child's version, so this review then fails as a conflict.
        var child = await db.Children.FirstAsync(c => c.Id == screening.ChildId, ct);
        var latest = await db.Screenings.Where(s => s.ChildId == screening.ChildId).OrderByDescending(s => s.ScreenedAt).Select(s => s.Id).FirstAsync(ct);
        if (screening.Review(by, newLevel, note, now) is { } problem)
        {
            return problem;
        }
        if (latest == screening.Id)
        {
            child.SetLevelOfConcern(screening.Level);
        }
        records.Add(screening.ChildId, new NewEntry(now, EntryType.Screening,
            screening.ReviewStatus == ScreeningReviewStatus.LevelChanged
                ? $"Manager's review of the screening of {calendar.UkTime(screening.ScreenedAt)}: level of concern changed from {screening.ChosenLevel.DisplayName().ToLowerInvariant()} to {screening.Level.DisplayName().ToLowerInvariant()}." + (screening.ReviewNote is { } n ? $" {n}" : "")
                : $"Manager's review of the screening of {calendar.UkTime(screening.ScreenedAt)}: agreed the practitioner's level of concern ({screening.ChosenLevel.DisplayName().ToLowerInvariant()})." + (screening.ReviewNote is { } m ? $" {m}" : ""),
            Significance.Significant, by.Agency, by.Name, AuthorUserId: by.Id));
        notifier.Tell(await recipients.PeopleAsync([screening.ScreenedBy], ct), "Your screening has been reviewed",
            screening.ReviewStatus == ScreeningReviewStatus.LevelChanged
                ? $"Your manager set the level of concern to {screening.Level.DisplayName().ToLowerInvariant()}."
                : "Your manager agreed with the level of concern you chose.",
            PagePath(screening.ChildId, screening.Id));
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ScreeningReviewed, RecordType, screening.Id.ToString(), $"{screening.ReviewStatus}; level {screening.Level}")],
            Failure.ChangedMeanwhile("Someone else reviewed this screening or changed the child's record at the same time; look at it again.", "Decision"), ct);
    }

    /// <summary>
    /// Screenings of <paramref name="among"/> awaiting a review that <paramref name="manager"/> may give: the
    /// screening decides (<see cref="Screening.MayBeReviewedBy"/>), so the management line is one rule.
    /// </summary>
    public async Task<IReadOnlyList<Screening>> AwaitingReviewByAsync(Actor manager, IQueryable<Child> among, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(among);
        if (!manager.Role.IsManager())
        {
            return [];
        }
        // Read only the agency's screenings awaiting review, then let each screening say whether this manager reviews it.
        var awaiting = await db.Screenings.AsNoTracking().Include(s => s.Child)
            .Where(s => s.ReviewStatus == ScreeningReviewStatus.Awaiting && s.AgencyId == manager.Agency && among.Any(c => c.Id == s.ChildId))
            .ToListAsync(ct);
        return [.. awaiting.Where(s => s.MayBeReviewedBy(manager))];
    }

    /// <summary>Every screening of the child, oldest first: the level that stands, the supporting band, who, and the review.</summary>
    public async Task<IReadOnlyList<ScreeningPoint>> HistoryAsync(ChildId child, CancellationToken ct) =>
        (await db.Screenings.AsNoTracking().Where(s => s.ChildId == child)
            .OrderBy(s => s.ScreenedAt)
            .Select(s => new { s.Id, s.ScreenedAt, s.ChosenLevel, s.ReviewedLevel, s.ComputedLevel, s.ScreenedByName, s.ReviewStatus })
            .ToListAsync(ct))
        .Select(s => new ScreeningPoint(s.Id, s.ScreenedAt, s.ReviewedLevel ?? s.ChosenLevel, s.ComputedLevel, s.ScreenedByName, s.ReviewStatus))
        .ToList();

    /// <summary>When the child's next screening is due, if one is.</summary>
    public async Task<ScreeningDue?> DueAsync(ChildId child, CancellationToken ct) =>
        (await DueForAsync(db.Children.AsNoTracking().Where(c => c.Id == child), ct)).Select(d => d.Due).FirstOrDefault();

    /// <summary>
    /// When the next screening of each of <paramref name="children"/> is due: worked out from the last
    /// screening, the first new missing episode, referral, police incident, crime or health attendance
    /// recorded since (a correction of an old entry is not new), and any request since (see
    /// <see cref="ScreeningSchedule"/>). One query for all the children.
    /// </summary>
    public async Task<IReadOnlyList<DueScreening>> DueForAsync(IQueryable<Child> children, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(children);
        var triggers = Triggers;
        var rows = await children
            .Where(c => c.ScreeningRequestedAt != null || db.Screenings.Any(s => s.ChildId == c.Id))
            .Select(c => new
            {
                c.Id,
                c.ScreeningRequestedAt,
                Last = db.Screenings.Where(s => s.ChildId == c.Id).Max(s => (DateTimeOffset?)s.ScreenedAt),
                FirstEvent = db.ChronologyEntries
                    .Where(e => e.ChildId == c.Id && triggers.Contains(e.Type) && e.SupersedesId == null
                                && e.RecordedAt > db.Screenings.Where(s => s.ChildId == c.Id).Max(s => s.ScreenedAt))
                    .Min(e => (DateTimeOffset?)e.RecordedAt),
            })
            .ToListAsync(ct);
        var due = new List<DueScreening>(rows.Count);
        foreach (var row in rows)
        {
            if (schedule.NextDue(row.Last, row.FirstEvent, row.ScreeningRequestedAt) is { } next)
            {
                due.Add(new(row.Id, next));
            }
        }
        return due;
    }

    /// <summary>
    /// The children whose overdue screening someone answers for: an agency is involved with them, and
    /// they are not known to be 18 or over. A closed case is not chased for ever.
    /// </summary>
    public IQueryable<Child> Responsible(IQueryable<Child> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        var adultBornBy = Today.AddYears(-18);
        return children.Where(c => db.Involvements.Any(i => i.ChildId == c.Id && i.EndedAt == null)
                                   && (c.DateOfBirth == null || c.DateOfBirth > adultBornBy));
    }

    public static string DisplayName(ScreeningDueReason reason) => reason switch
    {
        ScreeningDueReason.Interval => "Three-monthly re-screening",
        ScreeningDueReason.NewEvent => "Something new was recorded since the last screening",
        ScreeningDueReason.Requested => "A fresh screening was asked for",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nobody in agency {AgencyId} can review a screening: no team manager of the screener's team, service manager or head of service")]
    private static partial void LogNoReviewer(ILogger logger, Guid agencyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Screening {ScreeningId} saved: chosen {Chosen}, supporting band {Band}")]
    private static partial void LogScreened(ILogger logger, Guid screeningId, LevelOfConcern chosen, LevelOfConcern band);
}
