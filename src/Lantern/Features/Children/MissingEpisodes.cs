using System.Globalization;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Records;
using Lantern.Features.FrontDoor;
using Lantern.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Children;

/// <summary>Who is recording: a practitioner on a page, or a named person through an agency system.</summary>
public sealed record Recorder(AgencyId Agency, string Name, Guid? UserId = null, Guid? ApiKeyId = null);

/// <summary>What a practitioner records about the return home interview, from the episode page.</summary>
public sealed record InterviewUpdate(
    InterviewAnswer? Answer,
    string? Reason,
    string? PushFactors,
    string? PullFactors,
    string? Findings,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Places);

/// <summary>
/// Missing episodes from any door (pages or a police system's API): recording the episode and the
/// return, the return home interview and its clock, and the repeat-missing alert. Each write is saved
/// with its chronology entry and audit event in one transaction.
/// </summary>
public sealed partial class MissingEpisodes(
    LanternDbContext db,
    ChildRecords children,
    AuditTrail audit,
    Notifier notifier,
    WorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<ChildRecordOptions> options,
    ILogger<MissingEpisodes> logger)
{
    public const string ReferencePrefix = "MIS";
    public const string RecordType = "MissingEpisode";

    public ChildRecordOptions Options => options.Value;

    /// <summary>Where people read the episode; mails carry this link and the reference, never the child's name.</summary>
    public static string PagePath(ChildId child, Guid episode) => $"/children/{child}/missing-episodes/{episode}";

    public static MissingEpisodeReceipt Receipt(MissingEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Reference, episode.ChildId.Value, episode.MissingFrom, episode.ReturnedAt, episode.InterviewStatus, episode.InterviewDueBy);
    }

    public Dictionary<string, string[]> Validate(MissingEpisodeRequest request, bool recordedByRequired) =>
        MissingEpisodeValidation.Validate(request, time.GetUtcNow(), recordedByRequired);

    public Dictionary<string, string[]> ValidateReturn(MissingReturnDetails details, MissingEpisode episode, bool recordedByRequired)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return MissingEpisodeValidation.ValidateReturn(details, episode.MissingFrom, time.GetUtcNow(), recordedByRequired);
    }

    /// <summary>
    /// Records a validated episode about <paramref name="child"/> (tracked). <paramref name="beforeCommit"/>
    /// is called with the new episode just before the transaction commits, so a caller can store its
    /// own answer (an idempotent response) with it.
    /// </summary>
    public async Task<MissingEpisode> RecordAsync(Child child, MissingEpisodeRequest request, Recorder by, Action<MissingEpisode>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var episode = new MissingEpisode
        {
            Reference = RecordReference.New(ReferencePrefix),
            ChildId = child.Id,
            Kind = request.Kind!.Value,
            MissingFrom = request.MissingFrom!.Value,
            ReportedAt = request.ReportedAt!.Value,
            ReportedBy = request.ReportedBy!.Trim(),
            RecordedByAgencyId = by.Agency,
            RecordedByUserId = by.UserId,
            ApiKeyId = by.ApiKeyId,
            RecordedAt = now,
            RiskGrading = request.RiskGrading,
            ChronologyEntryId = Guid.Empty,
        };
        if (request.Return is { } back)
        {
            ApplyReturn(episode, back, now);
        }
        var entry = children.Add(child.Id, EpisodeEntry(episode, by, request.Return?.Mentions));
        // The entry's id is only known once the entry exists, and the episode keeps it from then on.
        episode = CopyWithEntry(episode, entry.Id);
        db.MissingEpisodes.Add(episode);
        beforeCommit?.Invoke(episode);

        List<AuditEntry> audits =
        [
            AuditEntry.Allowed(AuditCode.MissingEpisodeRecorded, RecordType, episode.Reference,
                $"{episode.Kind}; risk {episode.RiskGrading?.ToString() ?? "not given"}; "
                + (episode.InterviewDueBy is { } due ? $"returned, interview due {due:O}" : "not returned")),
        ];
        await RaiseRepeatMissingIfDueAsync(child, episode, audits, ct);
        await audit.SaveAsync(audits, ct);
        LogRecorded(logger, episode.Reference, episode.ChildId.Value);
        await ReferralIntake.SendMailAsync(notifier, logger, ct);
        return episode;
    }

    /// <summary>
    /// Records the child's return on an episode (tracked), which starts the interview's clock. Returns
    /// the problem keyed by field, or null. The episode's chronology entry is replaced by a fuller one.
    /// </summary>
    public async Task<(string Field, string Message)?> RecordReturnAsync(MissingEpisode episode, MissingReturnDetails details, Recorder by, Action<MissingEpisode>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(by);
        if (episode.ReturnedAt is not null)
        {
            return ("returnedAt", "The child's return has already been recorded for this episode");
        }
        var now = time.GetUtcNow();
        ApplyReturn(episode, details, now);
        episode.Version++;

        // Entries are never edited: the fuller entry supersedes the latest version of the episode's entry.
        var latest = episode.ChronologyEntryId;
        while (await db.ChronologyEntries.Where(e => e.Id == latest).Select(e => e.SupersededById).FirstOrDefaultAsync(ct) is { } next)
        {
            latest = next;
        }
        var entry = EpisodeEntry(episode, by, details.Mentions) with { CorrectionReason = "The child's return was recorded" };
        if ((await children.CorrectAsync(episode.ChildId, latest, entry, ct)).Problem is not null)
        {
            // The episode's entry is missing or was corrected by someone else meanwhile: keep the return on its own entry.
            children.Add(episode.ChildId, entry with { CorrectionReason = null });
        }
        beforeCommit?.Invoke(episode);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.MissingEpisodeUpdated, RecordType, episode.Reference,
            $"return recorded; interview due {episode.InterviewDueBy:O}"), ct);
        return null;
    }

    /// <summary>Records a step of the return home interview on an episode (tracked); the problem keyed by field, or null.</summary>
    public async Task<(string Field, string Message)?> UpdateInterviewAsync(MissingEpisode episode, InterviewUpdate update, Recorder by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(by);
        if (ReturnInterviewRules.Check(StageOf(episode.InterviewStatus), update.Answer, update.Reason, update.PushFactors, update.PullFactors, update.Findings) is { } problem)
        {
            return problem;
        }
        var names = update.People.Select(p => (MentionKind.Person, p)).Concat(update.Places.Select(p => (MentionKind.Place, p))).ToList();
        if (names.Count > 50)
        {
            return ("People", "Name at most 50 people and places");
        }
        if (names.Any(n => n.p.Length > 200))
        {
            return (names.First(n => n.p.Length > 200).Item1 == MentionKind.Person ? "People" : "Places", "Each name must be 200 characters or fewer");
        }
        var answer = update.Answer!.Value;
        var now = time.GetUtcNow();
        episode.InterviewStatus = StatusOf(answer);
        episode.InterviewUpdatedAt = now;
        episode.Version++;
        switch (answer)
        {
            case InterviewAnswer.Offered:
            case InterviewAnswer.Accepted:
                break;
            case InterviewAnswer.Declined:
            case InterviewAnswer.NotDone:
                episode.InterviewReason = update.Reason!.Trim();
                // The guidance asks for a decision not to hold the interview to be on the record.
                children.Add(episode.ChildId, new NewEntry(now, EntryType.ReturnInterview,
                    $"Return home interview after missing episode {episode.Reference} {(answer == InterviewAnswer.Declined ? "declined by the child" : "not done")}: {episode.InterviewReason}",
                    Significance.Significant, by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: episode.Id.ToString()));
                break;
            case InterviewAnswer.Done:
                episode.PushFactors = Clean(update.PushFactors);
                episode.PullFactors = Clean(update.PullFactors);
                episode.InterviewFindings = update.Findings!.Trim();
                var summary = $"Return home interview after missing episode {episode.Reference}: {episode.InterviewFindings}"
                              + (episode.PushFactors is null ? "" : $" Push factors: {episode.PushFactors}")
                              + (episode.PullFactors is null ? "" : $" Pull factors: {episode.PullFactors}");
                children.Add(episode.ChildId, new NewEntry(now, EntryType.ReturnInterview, summary, Significance.Significant,
                    by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: episode.Id.ToString(),
                    Links: [.. names.Select(n => (n.Item1, n.p, (string?)null))]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(update), answer, null);
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReturnInterviewUpdated, RecordType, episode.Reference, episode.InterviewStatus.ToString()), ct);
        return null;
    }

    public static InterviewStage StageOf(ReturnInterviewStatus status) => status switch
    {
        ReturnInterviewStatus.NotReturned => InterviewStage.NotReturned,
        ReturnInterviewStatus.Due => InterviewStage.Due,
        ReturnInterviewStatus.Offered => InterviewStage.Offered,
        ReturnInterviewStatus.Accepted => InterviewStage.Accepted,
        ReturnInterviewStatus.Declined or ReturnInterviewStatus.Done or ReturnInterviewStatus.NotDone => InterviewStage.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static ReturnInterviewStatus StatusOf(InterviewAnswer answer) => answer switch
    {
        InterviewAnswer.Offered => ReturnInterviewStatus.Offered,
        InterviewAnswer.Accepted => ReturnInterviewStatus.Accepted,
        InterviewAnswer.Declined => ReturnInterviewStatus.Declined,
        InterviewAnswer.NotDone => ReturnInterviewStatus.NotDone,
        InterviewAnswer.Done => ReturnInterviewStatus.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    /// <summary>How much the episode matters on the chronology follows the police's risk grading.</summary>
    public static Significance SignificanceOf(PoliceRiskGrading? grading) => grading switch
    {
        PoliceRiskGrading.High => Significance.Critical,
        PoliceRiskGrading.Medium => Significance.Significant,
        PoliceRiskGrading.Low or PoliceRiskGrading.NoApparentRisk or null => Significance.Routine,
        _ => throw new ArgumentOutOfRangeException(nameof(grading), grading, null),
    };

    private void ApplyReturn(MissingEpisode episode, MissingReturnDetails back, DateTimeOffset now)
    {
        episode.ReturnedAt = back.ReturnedAt!.Value;
        episode.FoundWhere = Clean(back.FoundWhere);
        episode.FoundWith = Clean(back.FoundWith);
        episode.SafeAndWellCheckAt = back.SafeAndWellCheckAt;
        episode.InterviewDueBy = ReturnInterviewRules.DueBy(episode.ReturnedAt.Value, Options);
        episode.InterviewStatus = ReturnInterviewStatus.Due;
        episode.InterviewUpdatedAt = now;
    }

    private NewEntry EpisodeEntry(MissingEpisode e, Recorder by, IReadOnlyList<MentionDetails>? mentions)
    {
        var summary = $"{e.Kind.DisplayName()} episode {e.Reference}: {(e.Kind == MissingKind.Missing ? "missing" : "absent")} from {calendar.UkTime(e.MissingFrom)}, "
                      + $"reported by {e.ReportedBy} at {calendar.UkTime(e.ReportedAt)}. Police risk grading: {e.RiskGrading?.DisplayName() ?? "not given"}.";
        if (e.ReturnedAt is { } returned)
        {
            summary += $" Returned {calendar.UkTime(returned)}, found at {e.FoundWhere}{(e.FoundWith is null ? "" : $" with {e.FoundWith}")}."
                       + (e.SafeAndWellCheckAt is { } check ? $" Safe and well check {calendar.UkTime(check)}." : " Safe and well check not yet recorded.");
        }
        return new NewEntry(e.MissingFrom, EntryType.MissingEpisode, summary, SignificanceOf(e.RiskGrading), by.Agency, by.Name, by.UserId, by.ApiKeyId,
            SourceRecord: e.Id.ToString(),
            Links: [.. (mentions ?? []).Select(m => (m.Kind!.Value, m.Value!.Trim(), Clean(m.Detail)))]);
    }

    private static MissingEpisode CopyWithEntry(MissingEpisode e, Guid entry) => new()
    {
        Id = e.Id,
        Reference = e.Reference,
        ChildId = e.ChildId,
        Kind = e.Kind,
        MissingFrom = e.MissingFrom,
        ReportedAt = e.ReportedAt,
        ReportedBy = e.ReportedBy,
        RecordedByAgencyId = e.RecordedByAgencyId,
        RecordedByUserId = e.RecordedByUserId,
        ApiKeyId = e.ApiKeyId,
        RecordedAt = e.RecordedAt,
        RiskGrading = e.RiskGrading,
        ReturnedAt = e.ReturnedAt,
        FoundWhere = e.FoundWhere,
        FoundWith = e.FoundWith,
        SafeAndWellCheckAt = e.SafeAndWellCheckAt,
        InterviewDueBy = e.InterviewDueBy,
        InterviewStatus = e.InterviewStatus,
        InterviewUpdatedAt = e.InterviewUpdatedAt,
        ChronologyEntryId = entry,
    };

    /// <summary>
    /// The configured number of episodes within the configured days raise one repeat-missing alert
    /// (never a second while one is open), ask for a fresh screening, and tell the children's social
    /// care practitioners involved with the child and the exploitation team.
    /// </summary>
    private async Task RaiseRepeatMissingIfDueAsync(Child child, MissingEpisode episode, List<AuditEntry> audits, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now - TimeSpan.FromDays(Options.RepeatMissingDays);
        var recent = await db.MissingEpisodes.AsNoTracking()
            .Where(m => m.ChildId == child.Id && m.MissingFrom >= since)
            .Select(m => m.MissingFrom)
            .ToListAsync(ct);
        recent.Add(episode.MissingFrom);
        if (!ReturnInterviewRules.IsRepeatMissing(recent, now, Options))
        {
            return;
        }
        if (await db.ChildAlerts.AnyAsync(a => a.ChildId == child.Id && a.Kind == ChildAlertKind.RepeatMissing && a.ClearedAt == null, ct))
        {
            return;
        }
        var count = recent.Count(m => m >= since && m <= now);
        db.ChildAlerts.Add(new ChildAlert
        {
            ChildId = child.Id,
            Kind = ChildAlertKind.RepeatMissing,
            RaisedAt = now,
            Summary = $"Missing {count} times in {Options.RepeatMissingDays} days (latest {episode.Reference}). A fresh screening is asked for.",
        });
        child.ScreeningRequestedAt = now;
        child.Version++;

        foreach (var (id, email) in await RepeatMissingRecipientsAsync(child.Id, ct))
        {
            notifier.Add(id, email, $"Repeat missing: {episode.Reference}",
                $"Missing episode {episode.Reference} makes {count} in {Options.RepeatMissingDays} days for this child. "
                + "A fresh exploitation screening is asked for: look at the episodes, the return home interviews and the chronology together.",
                PagePath(child.Id, episode.Id));
        }
        audits.Add(AuditEntry.Allowed(AuditCode.RepeatMissingAlertRaised, "Child", child.Id.ToString(), $"{count} episodes in {Options.RepeatMissingDays} days; latest {episode.Reference}"));
    }

    /// <summary>The children's social care practitioners involved with the child (or their teams, with nobody named) and the exploitation team.</summary>
    private async Task<IReadOnlyList<(Guid Id, string? Email)>> RepeatMissingRecipientsAsync(ChildId child, CancellationToken ct)
    {
        var involvements = await db.Involvements.AsNoTracking()
            .Where(i => i.ChildId == child && i.EndedAt == null && i.Agency!.Kind == AgencyKind.ChildrensSocialCare)
            .Select(i => new { i.PractitionerId, i.TeamId })
            .ToListAsync(ct);
        var named = involvements.Where(i => i.PractitionerId is not null).Select(i => i.PractitionerId!.Value).ToList();
        var teams = involvements.Where(i => i.PractitionerId is null && i.TeamId is not null).Select(i => i.TeamId).Distinct().ToList();
        var exploitationTeam = Options.ExploitationTeam;
        var holders = db.Users.AsNoTracking().Where(u => u.LockoutEnd == null);
        var people = new List<(Guid, string?)>();
        people.AddRange((await holders.Where(u => named.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct)).Select(u => (u.Id, u.Email)));
        people.AddRange((await holders.Where(u => u.Team!.Name == exploitationTeam && u.Agency!.Kind == AgencyKind.ChildrensSocialCare)
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct)).Select(u => (u.Id, u.Email)));
        // Few involvements name a team without a practitioner, so one small query each.
        foreach (var team in teams)
        {
            people.AddRange((await holders.Where(u => u.TeamId == team).Select(u => new { u.Id, u.Email }).ToListAsync(ct)).Select(u => (u.Id, u.Email)));
        }
        return [.. people.DistinctBy(p => p.Item1)];
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Missing episode {Reference} recorded for child {ChildId}")]
    private static partial void LogRecorded(ILogger logger, string reference, Guid childId);
}

/// <summary>Words practitioners use for missing episodes.</summary>
public static class MissingEpisodeNames
{
    public static string DisplayName(this MissingKind kind) => kind switch
    {
        MissingKind.Missing => "Missing",
        MissingKind.Absent => "Absent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string DisplayName(this PoliceRiskGrading grading) => grading switch
    {
        PoliceRiskGrading.NoApparentRisk => "No apparent risk",
        PoliceRiskGrading.Low => "Low",
        PoliceRiskGrading.Medium => "Medium",
        PoliceRiskGrading.High => "High",
        _ => throw new ArgumentOutOfRangeException(nameof(grading), grading, null),
    };

    public static string DisplayName(this ReturnInterviewStatus status) => status switch
    {
        ReturnInterviewStatus.NotReturned => "Not returned yet",
        ReturnInterviewStatus.Due => "Due",
        ReturnInterviewStatus.Offered => "Offered",
        ReturnInterviewStatus.Accepted => "Accepted",
        ReturnInterviewStatus.Declined => "Declined",
        ReturnInterviewStatus.Done => "Done",
        ReturnInterviewStatus.NotDone => "Not done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"23/11/2026 21:30" (or "21:30 23/11/2026", or ISO) read as UK time, for the pages' date-and-time fields.</summary>
    public static bool TryParseUkTime(WorkingDayCalendar calendar, string? text, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string[] formats = ["d/M/yyyy H:mm", "d/M/yyyy h:mmtt", "d/M/yyyy h:mm tt", "d/M/yyyy, H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "d M yyyy H:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return false;
        }
        instant = calendar.AtLocalTime(DateOnly.FromDateTime(local), local.TimeOfDay);
        return true;
    }
}
