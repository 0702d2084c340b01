using Lantern.Domain.Children;

namespace Lantern.Data;

public readonly record struct ChildId(Guid Value)
{
    public static ChildId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

/// <summary>
/// A child known to the partnership: who they are, where they live, who they live with, their legal
/// status and the current level of concern. Every agency's fragments about the child hang off this
/// record as chronology entries; involvements say who works with the child (and give access).
/// </summary>
public sealed class Child
{
    public ChildId Id { get; init; } = ChildId.New();

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    /// <summary>Names the child uses or is called by others, and aliases, separated by commas.</summary>
    public string? KnownAs { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    /// <summary>An estimated age when the date of birth is not known, as of <see cref="EstimatedAgeOn"/>.</summary>
    public int? EstimatedAge { get; set; }

    public DateOnly? EstimatedAgeOn { get; set; }

    public Gender Gender { get; set; } = Gender.NotKnown;

    /// <summary>The DfE ethnicity code (for example WBRI, MWBC, REFU, NOBT).</summary>
    public string? Ethnicity { get; set; }

    public string? NhsNumber { get; set; }

    public string? UniquePupilNumber { get; set; }

    public string? PoliceReference { get; set; }

    public string? School { get; set; }

    public bool LookedAfter { get; set; }

    public bool ChildProtectionPlan { get; set; }

    public bool ChildInNeed { get; set; }

    /// <summary>The practitioner's current level of concern; set by screening.</summary>
    public LevelOfConcern? LevelOfConcern { get; set; }

    /// <summary>Set when something (repeat missing episodes) asks for a fresh screening; cleared by the screening.</summary>
    public DateTimeOffset? ScreeningRequestedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bumped on every change so that an edit never silently overwrites another.</summary>
    public long Version { get; set; }

    public List<ChildAddress> Addresses { get; } = [];

    public List<ChildRelationship> Relationships { get; } = [];

    public List<ChildVulnerability> Vulnerabilities { get; } = [];

    /// <summary>Age on a date from the date of birth, or the estimate moved on by the years since it was made.</summary>
    public int? AgeOn(DateOnly date)
    {
        if (DateOfBirth is { } dob)
        {
            var age = date.Year - dob.Year;
            return dob.AddYears(age) > date ? age - 1 : age;
        }
        if (EstimatedAge is { } estimate)
        {
            var since = EstimatedAgeOn is { } on ? (date.DayNumber - on.DayNumber) / 365 : 0;
            return estimate + Math.Max(0, since);
        }
        return null;
    }

    public string FullName => $"{GivenName} {FamilyName}";
}

/// <summary>An address the child lived at, from when to when (open while current).</summary>
public sealed class ChildAddress
{
    public long Id { get; init; }

    public ChildId ChildId { get; init; }

    public required string Address { get; init; }

    public string? Postcode { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; set; }
}

/// <summary>A parent, sibling, carer or other member of the household, or someone else close to the child.</summary>
public sealed class ChildRelationship
{
    public long Id { get; init; }

    public ChildId ChildId { get; init; }

    public required string Name { get; init; }

    public RelationshipKind Kind { get; init; }

    public bool LivesWithChild { get; init; }

    public string? Contact { get; init; }
}

/// <summary>A known vulnerability shown at the top of the child's record and beside every new referral about them.</summary>
public sealed class ChildVulnerability
{
    public long Id { get; init; }

    public ChildId ChildId { get; init; }

    public required string Description { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>
/// Who works with the child: an agency, a team and (usually) a named practitioner, in a role, since
/// when. Anyone allowed to see the child sees who else is involved and whom to call; an active
/// involvement is also what lets its practitioner (or, with no one named, its team) see the child.
/// </summary>
public sealed class Involvement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; init; }

    public AgencyId AgencyId { get; init; }

    public Agency? Agency { get; init; }

    public TeamId? TeamId { get; init; }

    public Team? Team { get; init; }

    public Guid? PractitionerId { get; init; }

    public LanternUser? Practitioner { get; init; }

    /// <summary>What they do for the child, for example "Allocated social worker" or "School nurse".</summary>
    public required string Role { get; init; }

    public string? ContactPhone { get; init; }

    public string? ContactEmail { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public Guid StartedBy { get; init; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Guid? EndedBy { get; private set; }

    public string? EndReason { get; private set; }

    public bool IsActive => EndedAt is null;

    public (string Field, string Message)? End(string? reason, Guid by, DateTimeOffset at)
    {
        if (EndedAt is not null)
        {
            return ("EndReason", "This involvement has already ended");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ("EndReason", "Say why the involvement is ending");
        }
        EndedAt = at;
        EndedBy = by;
        EndReason = reason.Trim();
        return null;
    }
}

/// <summary>
/// One fragment of the child's history from one agency. Never edited in place: a correction is a new
/// entry that supersedes this one, and both stay visible to those allowed to see the child.
/// </summary>
public sealed class ChronologyEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; init; }

    /// <summary>When it happened (an instant; the day matters most).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public AgencyId SourceAgencyId { get; init; }

    public Agency? SourceAgency { get; init; }

    /// <summary>Who wrote it: the practitioner's name, or the person an agency system named.</summary>
    public required string Author { get; init; }

    public Guid? AuthorUserId { get; init; }

    public Guid? ApiKeyId { get; init; }

    public EntryType Type { get; init; }

    public required string Summary { get; init; }

    public Significance Significance { get; init; }

    /// <summary>The entry this one corrects, if any.</summary>
    public Guid? SupersedesId { get; init; }

    /// <summary>Set on the corrected entry when a correction arrives.</summary>
    public Guid? SupersededById { get; set; }

    /// <summary>Why it was corrected, on the correcting entry.</summary>
    public string? CorrectionReason { get; init; }

    /// <summary>The record the entry came from inside Lantern (a referral's reference, an episode's id), for a link.</summary>
    public string? SourceRecord { get; init; }

    public List<ChronologyLink> Links { get; } = [];
}

/// <summary>A person, vehicle, phone or place an entry mentions, as the author gave it.</summary>
public sealed class ChronologyLink
{
    public long Id { get; init; }

    public Guid EntryId { get; init; }

    public MentionKind Kind { get; init; }

    public required string Value { get; init; }

    public string? Detail { get; init; }
}

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

/// <summary>
/// A child missing or absent: when, who reported it, when and where they were found and with whom,
/// the police risk grading and safe-and-well check, and the return home interview with its clock
/// (72 hours from the return by default).
/// </summary>
public sealed class MissingEpisode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What people quote, for example MIS-7KQ2M9XD4A; mails carry this, never the child's name.</summary>
    public required string Reference { get; init; }

    public ChildId ChildId { get; init; }

    public Child? Child { get; init; }

    public MissingKind Kind { get; init; }

    public DateTimeOffset MissingFrom { get; init; }

    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>Who reported the child missing, for example "Mother" or "Residential home staff".</summary>
    public required string ReportedBy { get; init; }

    public AgencyId RecordedByAgencyId { get; init; }

    public Guid? RecordedByUserId { get; init; }

    public Guid? ApiKeyId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public PoliceRiskGrading? RiskGrading { get; set; }

    public DateTimeOffset? ReturnedAt { get; set; }

    public string? FoundWhere { get; set; }

    /// <summary>Who the child was found with, in words; the people, vehicles and places are links on the episode's chronology entry.</summary>
    public string? FoundWith { get; set; }

    public DateTimeOffset? SafeAndWellCheckAt { get; set; }

    public DateTimeOffset? InterviewDueBy { get; set; }

    public ReturnInterviewStatus InterviewStatus { get; set; } = ReturnInterviewStatus.NotReturned;

    public DateTimeOffset? InterviewUpdatedAt { get; set; }

    /// <summary>Why the interview was declined or not done.</summary>
    public string? InterviewReason { get; set; }

    public string? PushFactors { get; set; }

    public string? PullFactors { get; set; }

    /// <summary>What the interview found: people, places, what happened; also added to the chronology.</summary>
    public string? InterviewFindings { get; set; }

    public Guid ChronologyEntryId { get; init; }

    public long Version { get; set; }

    /// <summary>Whether the interview's clock is running (returned, and not yet done, declined or recorded as not done).</summary>
    public bool InterviewOutstanding => InterviewStatus is ReturnInterviewStatus.Due or ReturnInterviewStatus.Offered or ReturnInterviewStatus.Accepted;
}

public enum ChildAlertKind
{
    /// <summary>Missing three or more times in 90 days (configurable); a fresh screening is asked for.</summary>
    RepeatMissing = 1,
}

/// <summary>Something about the child that people must not miss, shown on the record until cleared.</summary>
public sealed class ChildAlert
{
    public long Id { get; init; }

    public ChildId ChildId { get; init; }

    public ChildAlertKind Kind { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public required string Summary { get; init; }

    public DateTimeOffset? ClearedAt { get; set; }
}
