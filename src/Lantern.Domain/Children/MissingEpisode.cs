using Lantern.Domain.Partnership;

namespace Lantern.Domain.Children;

public enum MissingKind
{
    /// <summary>Reported missing to the police by family or carers.</summary>
    Missing = 1,

    /// <summary>Away from placement or home without permission, not (yet) reported as missing.</summary>
    Absent = 2,
}

/// <summary>The police's risk grading of a missing episode.</summary>
public enum PoliceRiskGrading
{
    NoApparentRisk = 1,
    Low = 2,
    Medium = 3,
    High = 4,
}

/// <summary>Where the return home interview stands; the clock stops when it is done, declined or recorded as not done.</summary>
public enum ReturnInterviewStatus
{
    /// <summary>The child has not returned yet: no clock.</summary>
    NotReturned = 1,

    /// <summary>Returned; the interview is to be offered and done by the due time.</summary>
    Due = 2,

    Offered = 3,

    Accepted = 4,

    Declined = 5,

    Done = 6,

    NotDone = 7,
}

/// <summary>Who records: a practitioner on a page, or a named person through an agency system.</summary>
public sealed record Recorder(AgencyId Agency, string Name, Guid? UserId = null, Guid? ApiKeyId = null);

/// <summary>When and where a missing child was found, and with whom: checked input for <see cref="MissingEpisode.RecordReturn"/>.</summary>
public sealed record MissingReturn(DateTimeOffset ReturnedAt, string? FoundWhere, string? FoundWith, DateTimeOffset? SafeAndWellCheckAt);

/// <summary>What a practitioner records about the return home interview.</summary>
public sealed record InterviewStep(InterviewAnswer? Answer, string? Reason, string? PushFactors, string? PullFactors, string? Findings);

/// <summary>
/// A child missing or absent: when, who reported it, when and where they were found and with whom,
/// the police risk grading and safe-and-well check, and the return home interview with its clock
/// (72 hours from the return by default).
/// </summary>
public sealed class MissingEpisode : IVersioned
{
    private MissingEpisode()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>What people quote, for example MIS-7KQ2M9XD4A; mails carry this, never the child's name.</summary>
    public string Reference { get; private init; } = "";

    public ChildId ChildId { get; private init; }

    public Child? Child { get; private init; }

    public MissingKind Kind { get; private init; }

    public DateTimeOffset MissingFrom { get; private init; }

    public DateTimeOffset ReportedAt { get; private init; }

    /// <summary>Who reported the child missing, for example "Mother" or "Residential home staff".</summary>
    public string ReportedBy { get; private init; } = "";

    public AgencyId RecordedByAgencyId { get; private init; }

    public Guid? RecordedByUserId { get; private init; }

    public Guid? ApiKeyId { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public PoliceRiskGrading? RiskGrading { get; private init; }

    public DateTimeOffset? ReturnedAt { get; private set; }

    public string? FoundWhere { get; private set; }

    /// <summary>Who the child was found with, in words; the people, vehicles and places are mentions on the episode's chronology entry.</summary>
    public string? FoundWith { get; private set; }

    public DateTimeOffset? SafeAndWellCheckAt { get; private set; }

    public DateTimeOffset? InterviewDueBy { get; private set; }

    public ReturnInterviewStatus InterviewStatus { get; private set; } = ReturnInterviewStatus.NotReturned;

    public DateTimeOffset? InterviewUpdatedAt { get; private set; }

    /// <summary>Why the interview was declined or not done.</summary>
    public string? InterviewReason { get; private set; }

    public string? PushFactors { get; private set; }

    public string? PullFactors { get; private set; }

    /// <summary>What the interview found: people, places, what happened; also added to the chronology.</summary>
    public string? InterviewFindings { get; private set; }

    /// <summary>The episode's first chronology entry; a return recorded later supersedes it with a fuller one.</summary>
    public Guid ChronologyEntryId { get; private set; }

    public long Version { get; private set; }

    /// <summary>Whether the interview's clock is running (returned, and not yet done, declined or recorded as not done).</summary>
    public bool InterviewOutstanding => InterviewStatus is ReturnInterviewStatus.Due or ReturnInterviewStatus.Offered or ReturnInterviewStatus.Accepted;

    public InterviewStage Stage => InterviewStatus switch
    {
        ReturnInterviewStatus.NotReturned => InterviewStage.NotReturned,
        ReturnInterviewStatus.Due => InterviewStage.Due,
        ReturnInterviewStatus.Offered => InterviewStage.Offered,
        ReturnInterviewStatus.Accepted => InterviewStage.Accepted,
        ReturnInterviewStatus.Declined or ReturnInterviewStatus.Done or ReturnInterviewStatus.NotDone => InterviewStage.Closed,
        _ => throw new InvalidOperationException($"Unknown interview status {InterviewStatus}"),
    };

    /// <summary>A missing episode recorded now about <paramref name="child"/>.</summary>
    public static MissingEpisode Record(string reference, ChildId child, MissingKind kind, DateTimeOffset missingFrom, DateTimeOffset reportedAt,
        string reportedBy, PoliceRiskGrading? riskGrading, Recorder by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportedBy);
        ArgumentNullException.ThrowIfNull(by);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        return new MissingEpisode
        {
            Reference = reference,
            ChildId = child,
            Kind = kind,
            MissingFrom = missingFrom,
            ReportedAt = reportedAt,
            ReportedBy = reportedBy.Trim(),
            RiskGrading = riskGrading,
            RecordedByAgencyId = by.Agency,
            RecordedByUserId = by.UserId,
            ApiKeyId = by.ApiKeyId,
            RecordedAt = at,
        };
    }

    /// <summary>Keeps the id of the episode's chronology entry, written once just after the entry is made.</summary>
    public void KeepChronologyEntry(Guid entry)
    {
        if (ChronologyEntryId != Guid.Empty && ChronologyEntryId != entry)
        {
            throw new InvalidOperationException($"Missing episode {Reference} already has its chronology entry.");
        }
        ChronologyEntryId = entry;
    }

    /// <summary>
    /// The child was found or came back: the return home interview's clock starts, due by
    /// <paramref name="interviewDueBy"/>. A return can be recorded once, and not before the child went missing.
    /// </summary>
    public Failure? RecordReturn(MissingReturn back, DateTimeOffset interviewDueBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(back);
        if (ReturnedAt is not null)
        {
            return Failure.Conflict("The child's return has already been recorded for this episode", "ReturnedAt");
        }
        if (back.ReturnedAt < MissingFrom)
        {
            return Failure.Invalid("ReturnedAt", "The return must be after the child went missing");
        }
        ReturnedAt = back.ReturnedAt;
        FoundWhere = Clean(back.FoundWhere);
        FoundWith = Clean(back.FoundWith);
        SafeAndWellCheckAt = back.SafeAndWellCheckAt;
        InterviewDueBy = interviewDueBy;
        InterviewStatus = ReturnInterviewStatus.Due;
        InterviewUpdatedAt = now;
        return null;
    }

    /// <summary>
    /// Records a step of the return home interview in the order the guidance allows
    /// (<see cref="ReturnInterviewRules.Check"/>): a decline or "not done" needs a reason, "done" needs findings.
    /// </summary>
    public Failure? RecordInterview(InterviewStep step, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (ReturnInterviewRules.Check(Stage, step.Answer, step.Reason, step.PushFactors, step.PullFactors, step.Findings) is { } problem)
        {
            return problem;
        }
        var answer = step.Answer!.Value;
        InterviewStatus = answer switch
        {
            InterviewAnswer.Offered => ReturnInterviewStatus.Offered,
            InterviewAnswer.Accepted => ReturnInterviewStatus.Accepted,
            InterviewAnswer.Declined => ReturnInterviewStatus.Declined,
            InterviewAnswer.NotDone => ReturnInterviewStatus.NotDone,
            InterviewAnswer.Done => ReturnInterviewStatus.Done,
            _ => throw new ArgumentOutOfRangeException(nameof(step), answer, null),
        };
        InterviewUpdatedAt = at;
        switch (answer)
        {
            case InterviewAnswer.Offered:
            case InterviewAnswer.Accepted:
                break;
            case InterviewAnswer.Declined:
            case InterviewAnswer.NotDone:
                InterviewReason = step.Reason!.Trim();
                break;
            case InterviewAnswer.Done:
                PushFactors = Clean(step.PushFactors);
                PullFactors = Clean(step.PullFactors);
                InterviewFindings = step.Findings!.Trim();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), answer, null);
        }
        return null;
    }

    /// <summary>How much the episode matters on the chronology follows the police's risk grading.</summary>
    public static Significance SignificanceOf(PoliceRiskGrading? grading) => grading switch
    {
        PoliceRiskGrading.High => Significance.Critical,
        PoliceRiskGrading.Medium => Significance.Significant,
        PoliceRiskGrading.Low or PoliceRiskGrading.NoApparentRisk or null => Significance.Routine,
        _ => throw new ArgumentOutOfRangeException(nameof(grading), grading, null),
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
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
}
