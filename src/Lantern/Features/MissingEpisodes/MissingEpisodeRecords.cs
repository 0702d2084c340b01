using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Records;
using Lantern.Features.Chronology;
using Lantern.Features.FrontDoor;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.MissingEpisodes;

/// <summary>
/// Missing episodes from any door (pages or a police system's API): recording the episode and the
/// return, the return home interview and its clock, and the repeat-missing alert. Each write is saved
/// with its chronology entry and audit event in one transaction; the episode decides what may change.
/// </summary>
public sealed partial class MissingEpisodeRecords(
    LanternDbContext db,
    Network.MentionLinker mentions,
    ChronologyRecords chronology,
    AuditTrail audit,
    Notifier notifier,
    AlertService alerts,
    RepeatMissingRule repeatMissing,
    WorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<ChildRecordOptions> options,
    ILogger<MissingEpisodeRecords> logger)
{
    public const string ReferencePrefix = "MIS";
    public const string RecordType = "MissingEpisode";
    public const int MaxMentions = 50;

    public ChildRecordOptions Options => options.Value;

    /// <summary>Where people read the episode; mails carry this link and the reference, never the child's name.</summary>
    public static string PagePath(ChildId child, Guid episode) => $"/children/{child}/missing-episodes/{episode}";

    public static MissingEpisodeReceipt Receipt(MissingEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Reference, episode.ChildId.Value, episode.MissingFrom, episode.ReturnedAt, episode.InterviewStatus, episode.InterviewDueBy);
    }

    public Failure? Validate(MissingEpisodeRequest request, bool recordedByRequired) =>
        MissingEpisodeValidation.Validate(request, time.GetUtcNow(), recordedByRequired);

    public Failure? ValidateReturn(MissingReturnDetails details, MissingEpisode episode, bool recordedByRequired)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return MissingEpisodeValidation.ValidateReturn(details, episode.MissingFrom, time.GetUtcNow(), recordedByRequired);
    }

    /// <summary>
    /// Records a validated episode about <paramref name="child"/> (tracked). <paramref name="beforeCommit"/>
    /// is called with the new episode just before the transaction commits, and may give audit events to
    /// save with it (the language guard's findings) or store an idempotent answer.
    /// </summary>
    public async Task<MissingEpisode> RecordAsync(Child child, MissingEpisodeRequest request, Recorder by,
        Func<MissingEpisode, IReadOnlyList<AuditEntry>>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var episode = MissingEpisode.Record(RecordReference.New(ReferencePrefix), child.Id, request.Kind!.Value, request.MissingFrom!.Value,
            request.ReportedAt!.Value, request.ReportedBy!, request.RiskGrading, by, now);
        if (request.Return is { } back && episode.RecordReturn(ToReturn(back), ReturnInterviewRules.DueBy(back.ReturnedAt!.Value, Options), now) is { } refused)
        {
            throw new InvalidOperationException("A validated return was refused: " + refused);
        }
        var entry = chronology.Add(child.Id, EpisodeEntry(episode, by, request.Return?.Mentions));
        episode.KeepChronologyEntry(entry.Id);
        db.MissingEpisodes.Add(episode);

        List<AuditEntry> audits =
        [
            AuditEntry.Allowed(AuditCode.MissingEpisodeRecorded, RecordType, episode.Reference,
                $"{episode.Kind}; risk {episode.RiskGrading?.ToString() ?? "not given"}; "
                + (episode.InterviewDueBy is { } due ? $"returned, interview due {due:O}" : "not returned")),
        ];
        var repeat = await RepeatMissingAsync(child, episode, ct);
        audits.AddRange(beforeCommit?.Invoke(episode) ?? []);
        await alerts.SaveWithAlertAsync(repeat, audits, ct);
        LogRecorded(logger, episode.Reference, episode.ChildId.Value);
        await notifier.SendAfterCommitAsync(ct);
        await mentions.LinkAfterSaveAsync(ct);
        return episode;
    }

    /// <summary>
    /// Records the child's return on an episode (tracked), which starts the interview's clock; the
    /// episode's chronology entry is replaced by a fuller one. <paramref name="beforeCommit"/> as for
    /// <see cref="RecordAsync"/>. A failure (the return already recorded; the episode changed meanwhile) saves nothing.
    /// </summary>
    public async Task<Failure?> RecordReturnAsync(MissingEpisode episode, MissingReturnDetails details, Recorder by,
        Func<MissingEpisode, IReadOnlyList<AuditEntry>>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        if (episode.RecordReturn(ToReturn(details), ReturnInterviewRules.DueBy(details.ReturnedAt!.Value, Options), now) is { } problem)
        {
            return problem;
        }
        // Entries are never edited: the fuller entry supersedes the latest version of the episode's entry.
        var latest = await chronology.LatestVersionAsync(episode.ChronologyEntryId, ct);
        var entry = EpisodeEntry(episode, by, details.Mentions) with { CorrectionReason = "The child's return was recorded" };
        if ((await chronology.CorrectAsync(episode.ChildId, latest, entry, ct)).Failure is not null)
        {
            // The episode's entry is missing or out of the caller's scope: keep the return on its own entry.
            chronology.Add(episode.ChildId, entry with { CorrectionReason = null });
        }
        return await SaveAsync([AuditEntry.Allowed(AuditCode.MissingEpisodeUpdated, RecordType, episode.Reference,
            $"return recorded; interview due {episode.InterviewDueBy:O}"), .. beforeCommit?.Invoke(episode) ?? []], ct);
    }

    /// <summary>Records a step of the return home interview on an episode (tracked); null, or the problem keyed by field.</summary>
    public async Task<Failure?> RecordInterviewAsync(MissingEpisode episode, InterviewStep step, IReadOnlyList<MentionText> named, Recorder by,
        IReadOnlyList<AuditEntry> alsoAudit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        if (episode.RecordInterview(step, now) is { } problem)
        {
            return problem;
        }
        switch (episode.InterviewStatus)
        {
            case ReturnInterviewStatus.Declined:
            case ReturnInterviewStatus.NotDone:
                // The guidance asks for a decision not to hold the interview to be on the record.
                chronology.Add(episode.ChildId, new NewEntry(now, EntryType.ReturnInterview,
                    $"Return home interview after missing episode {episode.Reference} {(episode.InterviewStatus == ReturnInterviewStatus.Declined ? "declined by the child" : "not done")}: {episode.InterviewReason}",
                    Significance.Significant, by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: episode.Id.ToString()));
                break;
            case ReturnInterviewStatus.Done:
                var summary = $"Return home interview after missing episode {episode.Reference}: {episode.InterviewFindings}"
                              + (episode.PushFactors is null ? "" : $" Push factors: {episode.PushFactors}")
                              + (episode.PullFactors is null ? "" : $" Pull factors: {episode.PullFactors}");
                chronology.Add(episode.ChildId, new NewEntry(now, EntryType.ReturnInterview, summary, Significance.Significant,
                    by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: episode.Id.ToString(), Mentions: named));
                break;
            case ReturnInterviewStatus.Offered:
            case ReturnInterviewStatus.Accepted:
            case ReturnInterviewStatus.NotReturned:
            case ReturnInterviewStatus.Due:
                break;
            default:
                throw new InvalidOperationException($"Unknown interview status {episode.InterviewStatus}");
        }
        return await SaveAsync([AuditEntry.Allowed(AuditCode.ReturnInterviewUpdated, RecordType, episode.Reference, episode.InterviewStatus.ToString()), .. alsoAudit], ct);
    }

    /// <summary>A change to an episode saved with its audit events, or the conflict when someone else changed it meanwhile.</summary>
    private static Failure Changed { get; } = Failure.ChangedMeanwhile("Someone else updated this episode at the same moment. Check what it says now and try again", "Version");

    private async Task<Failure?> SaveAsync(IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        var problem = await audit.SaveOrConflictAsync(audits, Changed, ct);
        if (problem is null)
        {
            await mentions.LinkAfterSaveAsync(ct);
        }
        return problem;
    }

    private static MissingReturn ToReturn(MissingReturnDetails back) => new(back.ReturnedAt!.Value, back.FoundWhere, back.FoundWith, back.SafeAndWellCheckAt);

    private NewEntry EpisodeEntry(MissingEpisode e, Recorder by, IReadOnlyList<MentionDetails>? mentions) =>
        new(e.MissingFrom, EntryType.MissingEpisode, EpisodeSummary(e, calendar), MissingEpisode.SignificanceOf(e.RiskGrading), by.Agency, by.Name, by.UserId, by.ApiKeyId,
            SourceRecord: e.Id.ToString(),
            Mentions: MentionRules.Clean([.. (mentions ?? []).Select(m => (m.Kind, m.Value, m.Detail))]));

    /// <summary>The episode in words on the child's chronology, the one way for a page, the API and an import.</summary>
    public static string EpisodeSummary(MissingEpisode e, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(calendar);
        var summary = $"{e.Kind.DisplayName()} episode {e.Reference}: {(e.Kind == MissingKind.Missing ? "missing" : "absent")} from {calendar.UkTime(e.MissingFrom)}, "
                      + $"reported by {e.ReportedBy} at {calendar.UkTime(e.ReportedAt)}. Police risk grading: {e.RiskGrading?.DisplayName() ?? "not given"}.";
        if (e.ReturnedAt is { } returned)
        {
            summary += $" Returned {calendar.UkTime(returned)}, found at {e.FoundWhere}{(e.FoundWith is null ? "" : $" with {e.FoundWith}")}."
                       + (e.SafeAndWellCheckAt is { } check ? $" Safe and well check {calendar.UkTime(check)}." : " Safe and well check not yet recorded.");
        }
        return summary;
    }

    /// <summary>
    /// The configured number of episodes within the configured days raise the child's repeat-missing
    /// alert (or join the one open); raising it asks for a fresh screening.
    /// </summary>
    private async Task<AlertDue?> RepeatMissingAsync(Child child, MissingEpisode episode, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recent = await RepeatMissingWindow.Episodes(db, child.Id, now, Options)
            .Select(m => new { m.Id, m.Reference, m.MissingFrom })
            .ToListAsync(ct);
        recent.Add(new { episode.Id, episode.Reference, episode.MissingFrom });
        if (!ReturnInterviewRules.IsRepeatMissing(recent.Select(r => r.MissingFrom), now, Options))
        {
            return null;
        }
        // The episode just recorded goes last: it is the one the people told are pointed to.
        var since = now - TimeSpan.FromDays(Options.RepeatMissingDays);
        var counted = recent.Where(r => r.MissingFrom >= since && r.MissingFrom <= now).OrderBy(r => r.Id == episode.Id).ThenBy(r => r.MissingFrom).ToList();
        return new AlertDue(repeatMissing, AlertSubject.OfChild(child.Id),
            $"Missing {counted.Count} times in {Options.RepeatMissingDays} days (latest {episode.Reference}). A fresh screening is asked for.",
            [.. counted.Select(r => new AlertEvidenceText(RecordType, r.Reference, $"Missing from {calendar.UkTime(r.MissingFrom)}", r.MissingFrom, PagePath(child.Id, r.Id)))],
            WhenRaised: () => child.RequestScreening(now));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Missing episode {Reference} recorded for child {ChildId}")]
    private static partial void LogRecorded(ILogger logger, string reference, Guid childId);
}
