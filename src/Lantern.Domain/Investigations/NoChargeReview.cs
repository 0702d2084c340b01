using Lantern.Domain.Children;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Investigations;

/// <summary>Where a review of a decision not to prosecute stands.</summary>
public enum ReviewStatus
{
    /// <summary>Owed, by its due time; it escalates when that passes.</summary>
    Due = 1,

    Done = 2,

    /// <summary>The history an agency loaded shows no review by the time it was due: a missed review on the record, not an escalation years later.</summary>
    NotDone = 3,
}

/// <summary>What the review decided.</summary>
public enum ReviewDecision
{
    /// <summary>The decision not to prosecute stands; the child's protection goes on.</summary>
    DecisionStands = 1,

    /// <summary>The investigation is reopened (a crime's review only).</summary>
    ReopenInvestigation = 2,

    /// <summary>More enquiries or a multi-agency strategy discussion, with the decision held open.</summary>
    FurtherEnquiries = 3,
}

/// <summary>
/// The mandatory review that a decision not to prosecute on an allegation of sexual abuse or exploitation of a child
/// opens (a police or prosecutor's outcome on a crime, or a referral about sexual harm closed with no further action):
/// a senior investigating officer and the exploitation team manager look again by the due time, which escalates like
/// every duty. Its result is recorded with who reviewed, when and what they decided. It is about a decision; it
/// never closes the child's protection.
/// </summary>
public sealed class NoChargeReview : IVersioned
{
    public const int FindingsMaxLength = 4000;

    private NoChargeReview()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>What people quote, REV-...; mails carry this, never the child's name.</summary>
    public string Reference { get; private init; } = "";

    public ChildId ChildId { get; private init; }

    /// <summary>The crime whose outcome is reviewed; null for a referral's review.</summary>
    public Guid? CrimeId { get; private init; }

    public Guid? OutcomeId { get; private init; }

    /// <summary>The referral closed with no further action, for a referral's review.</summary>
    public string? ReferralReference { get; private init; }

    /// <summary>The decision reviewed, in words (no child's name).</summary>
    public string Subject { get; private init; } = "";

    /// <summary>The police agency whose senior officers own the review; null when no police agency recorded the decision (a referral's).</summary>
    public AgencyId? PoliceAgencyId { get; private init; }

    /// <summary>When the decision reviewed was made (or recorded, for a decision recorded in Lantern).</summary>
    public DateTimeOffset OpenedAt { get; private init; }

    public DateTimeOffset DueBy { get; private init; }

    public ReviewStatus Status { get; private set; } = ReviewStatus.Due;

    public DateTimeOffset? DoneAt { get; private set; }

    public string? DoneByName { get; private set; }

    public Guid? DoneByUserId { get; private set; }

    public ReviewDecision? Decision { get; private set; }

    public string? Findings { get; private set; }

    /// <summary>Why the review is recorded as not done (a history that shows none).</summary>
    public string? NotDoneReason { get; private set; }

    public long Version { get; private set; }

    /// <summary>Done after its due time, or never done and past it.</summary>
    public bool IsLate(DateTimeOffset now) => DoneAt is { } done ? done > DueBy : now > DueBy;

    /// <summary>The review of a crime's outcome.</summary>
    public static NoChargeReview OfOutcome(string reference, ChildId child, Crime crime, CrimeOutcome outcome, string subject, DateTimeOffset openedAt, DateTimeOffset dueBy,
        AgencyId? policeAgency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(crime);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return new NoChargeReview
        {
            Reference = reference,
            ChildId = child,
            CrimeId = crime.Id,
            OutcomeId = outcome.Id,
            Subject = subject,
            PoliceAgencyId = policeAgency,
            OpenedAt = openedAt,
            DueBy = dueBy,
        };
    }

    /// <summary>The review of a referral about sexual harm or exploitation closed with no further action.</summary>
    public static NoChargeReview OfReferral(string reference, ChildId child, string referral, string subject, DateTimeOffset openedAt, DateTimeOffset dueBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(referral);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return new NoChargeReview
        {
            Reference = reference,
            ChildId = child,
            ReferralReference = referral,
            Subject = subject,
            OpenedAt = openedAt,
            DueBy = dueBy,
        };
    }

    /// <summary>Whether <paramref name="by"/> may record this review: a manager of a police force or of children's social care.</summary>
    public static bool MayReview(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return by.Role.IsManager() && by.AgencyKind is AgencyKind.Police or AgencyKind.ChildrensSocialCare;
    }

    /// <summary>
    /// Records the review as done by <paramref name="by"/>: what was decided and why. A review the history showed as not
    /// done may still be done now (and shows as late). Reopening is for a crime's review; the caller reopens the crime.
    /// </summary>
    public Failure? Record(Actor by, ReviewDecision? decision, string? findings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!MayReview(by))
        {
            return Failure.Forbidden("Only a police manager (a senior investigating officer) or a children's social care manager records this review");
        }
        if (by.AgencyKind == AgencyKind.Police && PoliceAgencyId is { } force && by.Agency != force)
        {
            // The force whose officer decided answers for the review; another force's manager may read it, not record it.
            return Failure.Forbidden("Only a manager of the police force whose officer made the decision, or a children's social care manager, records this review");
        }
        if (Check(decision, findings) is { } problem)
        {
            return problem;
        }
        Done(decision!.Value, findings!, by.Name, by.Id, at);
        return null;
    }

    /// <summary>A review the agency's history shows was done, by the person it names, on its own day.</summary>
    public Failure? RecordFromHistory(ReviewDecision? decision, string? findings, string doneBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(doneBy);
        if (Check(decision, findings) is { } problem)
        {
            return problem;
        }
        Done(decision!.Value, findings!, doneBy.Trim(), null, at);
        return null;
    }

    /// <summary>The history shows no review by the time it was due: kept on the record as not done, with why.</summary>
    public void MarkNotDone(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status == ReviewStatus.Due)
        {
            Status = ReviewStatus.NotDone;
            NotDoneReason = reason;
        }
    }

    /// <summary>What is wrong with a review's result as given, keyed by the API's field names, or null.</summary>
    public Failure? Check(ReviewDecision? decision, string? findings)
    {
        var errors = new FieldErrors();
        if (Status == ReviewStatus.Done)
        {
            return Failure.Conflict("This review has already been recorded", "decision");
        }
        if (decision is not { } d || !Enum.IsDefined(d))
        {
            errors.Add("decision", "Select what the review decided");
        }
        else if (d == ReviewDecision.ReopenInvestigation && CrimeId is null)
        {
            errors.Add("decision", "Only a crime's investigation can be reopened; for a referral, choose further enquiries");
        }
        if (StorableText.Check(findings, "What the review found", TextShape.MultiLine, "Say what the review found and why it decided as it did") is { } problem)
        {
            errors.Add("findings", problem);
        }
        else if (findings!.Length > FindingsMaxLength)
        {
            errors.Add("findings", $"What the review found must be {FindingsMaxLength:N0} characters or fewer");
        }
        return errors.ToFailure("The review has problems to fix; nothing was stored");
    }

    private void Done(ReviewDecision decision, string findings, string by, Guid? userId, DateTimeOffset at)
    {
        Status = ReviewStatus.Done;
        Decision = decision;
        Findings = findings.Trim();
        DoneByName = by;
        DoneByUserId = userId;
        DoneAt = at;
    }
}

/// <summary>Words practitioners use for crimes, outcomes and reviews.</summary>
public static class InvestigationNames
{
    public static string DisplayName(this OffenceCategory category) => category switch
    {
        OffenceCategory.SexualOffence => "Sexual offence",
        OffenceCategory.SexualExploitation => "Sexual exploitation",
        OffenceCategory.CriminalExploitation => "Criminal exploitation",
        OffenceCategory.Violence => "Violence against the person",
        OffenceCategory.AbductionOrHarbouring => "Abduction or harbouring",
        OffenceCategory.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string DisplayName(this CrimeStatus status) => status switch
    {
        CrimeStatus.UnderInvestigation => "Under investigation",
        CrimeStatus.Charged => "Charged",
        CrimeStatus.Finalised => "Finalised",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string DisplayName(this CrimeOutcomeType type) => type switch
    {
        CrimeOutcomeType.Charged => "Charged or summonsed",
        CrimeOutcomeType.YouthCaution => "Youth caution",
        CrimeOutcomeType.AdultCaution => "Adult caution",
        CrimeOutcomeType.TakenIntoConsideration => "Taken into consideration",
        CrimeOutcomeType.SuspectDied => "Suspect died",
        CrimeOutcomeType.CommunityResolution => "Community resolution",
        CrimeOutcomeType.ProsecutionNotInPublicInterest => "Prosecution not in the public interest (prosecutor)",
        CrimeOutcomeType.FormalActionNotInPublicInterest => "Formal action not in the public interest (police)",
        CrimeOutcomeType.SuspectUnderAge => "Prosecution prevented: suspect under age",
        CrimeOutcomeType.SuspectTooIll => "Prosecution prevented: suspect too ill",
        CrimeOutcomeType.VictimOrWitnessUnavailable => "Prosecution prevented: victim or key witness dead or too ill",
        CrimeOutcomeType.VictimDeclinedSuspectNotIdentified => "Victim does not support: suspect not identified",
        CrimeOutcomeType.EvidentialDifficulties => "Evidential difficulties: victim supports action",
        CrimeOutcomeType.VictimDoesNotSupport => "Victim does not support action",
        CrimeOutcomeType.TimeLimitExpired => "Time limit for prosecution expired",
        CrimeOutcomeType.FiledUndetected => "Filed undetected: no suspect identified",
        CrimeOutcomeType.FurtherActionByAnotherBody => "Further action by another body",
        CrimeOutcomeType.FurtherInvestigationNotInPublicInterest => "Further investigation not in the public interest",
        CrimeOutcomeType.Diversion => "Diversionary or educational activity",
        CrimeOutcomeType.PoliceNoFurtherAction => "Police no further action",
        CrimeOutcomeType.ProsecutorDeclinedToCharge => "Prosecutor declined to charge",
        CrimeOutcomeType.ProsecutionDiscontinued => "Prosecution discontinued",
        CrimeOutcomeType.Convicted => "Convicted",
        CrimeOutcomeType.Acquitted => "Acquitted",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string DisplayName(this ReviewStatus status) => status switch
    {
        ReviewStatus.Due => "Due",
        ReviewStatus.Done => "Done",
        ReviewStatus.NotDone => "Not done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string DisplayName(this ReviewDecision decision) => decision switch
    {
        ReviewDecision.DecisionStands => "The decision stands; the child's protection continues",
        ReviewDecision.ReopenInvestigation => "Reopen the investigation",
        ReviewDecision.FurtherEnquiries => "Further enquiries or a strategy discussion",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
