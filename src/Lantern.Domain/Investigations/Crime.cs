using Lantern.Domain.Children;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Investigations;

/// <summary>What kind of offence a crime is, as far as the rules about children care.</summary>
public enum OffenceCategory
{
    /// <summary>Rape, sexual assault, sexual activity with a child, grooming, indecent images: any sexual offence.</summary>
    SexualOffence = 1,

    /// <summary>Sexual exploitation: arranging or facilitating, paying for sexual services of a child, trafficking for sexual exploitation.</summary>
    SexualExploitation = 2,

    /// <summary>Criminal exploitation, county lines, modern slavery for criminal work.</summary>
    CriminalExploitation = 3,

    /// <summary>Violence against the person.</summary>
    Violence = 4,

    /// <summary>Child abduction, harbouring, breach of a warning notice or order.</summary>
    AbductionOrHarbouring = 5,

    Other = 6,
}

/// <summary>Where the investigation stands; outcomes move it, and a review may reopen it.</summary>
public enum CrimeStatus
{
    /// <summary>Reported and being investigated (or reopened).</summary>
    UnderInvestigation = 1,

    /// <summary>A suspect charged or summonsed: the prosecution goes on.</summary>
    Charged = 2,

    /// <summary>Finished with an outcome other than a charge (a caution, no further action, filed).</summary>
    Finalised = 3,
}

/// <summary>
/// The outcomes police and prosecutors record, after the Home Office crime outcomes framework (its number in
/// brackets), with the words practitioners use for the common ones. A crime keeps every outcome it was given.
/// </summary>
public enum CrimeOutcomeType
{
    /// <summary>Charged or summonsed (outcome 1).</summary>
    Charged = 1,

    /// <summary>Youth caution or youth conditional caution (outcome 2).</summary>
    YouthCaution = 2,

    /// <summary>Adult caution or conditional caution (outcome 3).</summary>
    AdultCaution = 3,

    /// <summary>Taken into consideration with another offence (outcome 4).</summary>
    TakenIntoConsideration = 4,

    /// <summary>The suspect died before proceedings (outcome 5).</summary>
    SuspectDied = 5,

    /// <summary>Community resolution (outcome 8).</summary>
    CommunityResolution = 8,

    /// <summary>The prosecutor decided a prosecution is not in the public interest (outcome 9).</summary>
    ProsecutionNotInPublicInterest = 9,

    /// <summary>The police decided formal action is not in the public interest (outcome 10).</summary>
    FormalActionNotInPublicInterest = 10,

    /// <summary>Prosecution prevented: the suspect is below the age of criminal responsibility (outcome 11).</summary>
    SuspectUnderAge = 11,

    /// <summary>Prosecution prevented: the suspect is too ill (outcome 12).</summary>
    SuspectTooIll = 12,

    /// <summary>Prosecution prevented: the victim or a key witness has died or is too ill (outcome 13).</summary>
    VictimOrWitnessUnavailable = 13,

    /// <summary>Evidential difficulties: suspect not identified, the victim does not support action (outcome 14).</summary>
    VictimDeclinedSuspectNotIdentified = 14,

    /// <summary>Evidential difficulties: the victim supports action but the evidence does not (outcome 15).</summary>
    EvidentialDifficulties = 15,

    /// <summary>Evidential difficulties: suspect identified, the victim does not support, or withdraws support (outcome 16).</summary>
    VictimDoesNotSupport = 16,

    /// <summary>The time limit for prosecution expired (outcome 17).</summary>
    TimeLimitExpired = 17,

    /// <summary>Investigation complete, no suspect identified: filed undetected (outcome 18).</summary>
    FiledUndetected = 18,

    /// <summary>Further action taken by another body or agency (outcome 20).</summary>
    FurtherActionByAnotherBody = 20,

    /// <summary>Further investigation not in the public interest (outcome 21).</summary>
    FurtherInvestigationNotInPublicInterest = 21,

    /// <summary>Diversionary, educational or intervention activity (outcome 22).</summary>
    Diversion = 22,

    /// <summary>Police no further action, with its reason, where none of the outcomes above is given.</summary>
    PoliceNoFurtherAction = 101,

    /// <summary>The prosecutor declined to charge (no realistic prospect of conviction), with its reason.</summary>
    ProsecutorDeclinedToCharge = 102,

    /// <summary>A prosecution stopped after charge (discontinued, no evidence offered).</summary>
    ProsecutionDiscontinued = 103,

    /// <summary>Convicted at court.</summary>
    Convicted = 104,

    /// <summary>Acquitted at court.</summary>
    Acquitted = 105,
}

/// <summary>Who made a decision on a crime.</summary>
public enum Decider
{
    Police = 1,
    Prosecutor = 2,
    Court = 3,
}

/// <summary>A child who is a victim of the crime, with her age when the offence is alleged to have begun (when it is known).</summary>
public sealed class CrimeVictim : IAggregatePart
{
    private CrimeVictim()
    {
    }

    internal CrimeVictim(Guid crime, ChildId child, int? ageAtOffence)
    {
        CrimeId = crime;
        ChildId = child;
        AgeAtOffence = ageAtOffence;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid CrimeId { get; private init; }

    public ChildId ChildId { get; private init; }

    /// <summary>Her age on the first day of the alleged offence, from her date of birth (or estimated age); null when not known.</summary>
    public int? AgeAtOffence { get; private init; }

    object IAggregatePart.AggregateId => CrimeId;
}

/// <summary>A suspect: a person of the network's records, or a name as the police gave it when Lantern holds no record of him.</summary>
public sealed class CrimeSuspect : IAggregatePart
{
    private CrimeSuspect()
    {
    }

    internal CrimeSuspect(Guid crime, Guid? person, string name)
    {
        CrimeId = crime;
        PersonId = person;
        Name = name;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid CrimeId { get; private init; }

    /// <summary>The person's record in the network, when there is one.</summary>
    public Guid? PersonId { get; private init; }

    /// <summary>The name as given, or the person's name when the record was linked.</summary>
    public string Name { get; private init; } = "";

    object IAggregatePart.AggregateId => CrimeId;
}

/// <summary>One decision on a crime, kept for ever: a later decision is a new outcome, never an edit of this one.</summary>
public sealed class CrimeOutcome : IAggregatePart
{
    private CrimeOutcome()
    {
    }

    internal CrimeOutcome(Guid crime, CrimeOutcomeType type, DateOnly decidedOn, string? reason, string decidedBy, Recorder by, DateTimeOffset at)
    {
        CrimeId = crime;
        Type = type;
        DecidedOn = decidedOn;
        Reason = reason;
        DecidedBy = decidedBy;
        RecordedByAgencyId = by.Agency;
        RecordedByName = by.Name;
        RecordedByUserId = by.UserId;
        ApiKeyId = by.ApiKeyId;
        RecordedAt = at;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid CrimeId { get; private init; }

    public CrimeOutcomeType Type { get; private init; }

    /// <summary>The day the decision was made (an outcome of 2008 keeps its day).</summary>
    public DateOnly DecidedOn { get; private init; }

    /// <summary>Why, in the decider's words: required for every decision not to charge.</summary>
    public string? Reason { get; private init; }

    /// <summary>Who decided, as given (an officer, a prosecutor).</summary>
    public string DecidedBy { get; private init; } = "";

    public AgencyId RecordedByAgencyId { get; private init; }

    public string RecordedByName { get; private init; } = "";

    public Guid? RecordedByUserId { get; private init; }

    public Guid? ApiKeyId { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    object IAggregatePart.AggregateId => CrimeId;
}

/// <summary>What a crime is recorded with: checked input for <see cref="Crime.Record"/>.</summary>
public sealed record CrimeDetails(
    string CrimeReference,
    string Offence,
    OffenceCategory Category,
    DateOnly OffenceFrom,
    DateOnly? OffenceTo,
    DateOnly ReportedOn,
    string? InvestigatingOfficer);

/// <summary>A victim as recorded: the child, and her age at the offence when known.</summary>
public sealed record VictimDetails(ChildId Child, int? AgeAtOffence);

/// <summary>A suspect as recorded.</summary>
public sealed record SuspectDetails(Guid? Person, string Name);

/// <summary>A decision as recorded: checked input for <see cref="Crime.AddOutcome"/>.</summary>
public sealed record OutcomeDetails(CrimeOutcomeType Type, DateOnly DecidedOn, string? Reason, string DecidedBy);

/// <summary>
/// A crime reported to the police about one or more children: the police's crime reference, the offence and its
/// category, when it is alleged to have happened and when it was reported, its victims (children's records) and
/// suspects (the network's people), the investigating officer, where it stands, and every decision on it in order.
/// Outcomes are appended, never changed: the history of decisions stays on the record. Nothing here touches a
/// child's involvements, plans or alerts: a decision not to prosecute ends nobody's protection.
/// </summary>
public sealed class Crime : IVersioned
{
    public const int ReferenceMaxLength = 50;
    public const int OffenceMaxLength = 200;
    public const int NameMaxLength = 200;
    public const int ReasonMaxLength = 4000;
    public const int MaxVictims = 50;
    public const int MaxSuspects = 50;

    private readonly List<CrimeVictim> _victims = [];
    private readonly List<CrimeSuspect> _suspects = [];
    private readonly List<CrimeOutcome> _outcomes = [];

    private Crime()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>Lantern's reference, CRM-..., which people quote in mails instead of a child's name.</summary>
    public string Reference { get; private init; } = "";

    /// <summary>The police's own crime reference.</summary>
    public string CrimeReference { get; private init; } = "";

    public string Offence { get; private init; } = "";

    public OffenceCategory Category { get; private init; }

    /// <summary>The first (or only) day of the alleged offence.</summary>
    public DateOnly OffenceFrom { get; private init; }

    /// <summary>The last day, for an offence alleged over a period.</summary>
    public DateOnly? OffenceTo { get; private init; }

    public DateOnly ReportedOn { get; private init; }

    public string? InvestigatingOfficer { get; private init; }

    public CrimeStatus Status { get; private set; } = CrimeStatus.UnderInvestigation;

    public AgencyId RecordedByAgencyId { get; private init; }

    public Guid? RecordedByUserId { get; private init; }

    public Guid? ApiKeyId { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    /// <summary>Set when a review reopened the investigation after a decision not to prosecute.</summary>
    public DateTimeOffset? ReopenedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<CrimeVictim> Victims => _victims;

    public IReadOnlyList<CrimeSuspect> Suspects => _suspects;

    /// <summary>Every decision, oldest first by the day it was made.</summary>
    public IReadOnlyList<CrimeOutcome> Outcomes => _outcomes;

    /// <summary>A crime recorded now by <paramref name="by"/>, with at least one child victim.</summary>
    public static Crime Record(string reference, CrimeDetails details, IReadOnlyList<VictimDetails> victims, IReadOnlyList<SuspectDetails> suspects,
        Recorder by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(victims);
        ArgumentNullException.ThrowIfNull(suspects);
        ArgumentNullException.ThrowIfNull(by);
        if (victims.Count == 0)
        {
            throw new ArgumentException("A crime on a child's record has at least one child victim.", nameof(victims));
        }
        if (!Enum.IsDefined(details.Category))
        {
            throw new ArgumentOutOfRangeException(nameof(details), details.Category, null);
        }
        var crime = new Crime
        {
            Reference = reference,
            CrimeReference = details.CrimeReference.Trim(),
            Offence = details.Offence.Trim(),
            Category = details.Category,
            OffenceFrom = details.OffenceFrom,
            OffenceTo = details.OffenceTo,
            ReportedOn = details.ReportedOn,
            InvestigatingOfficer = string.IsNullOrWhiteSpace(details.InvestigatingOfficer) ? null : details.InvestigatingOfficer.Trim(),
            RecordedByAgencyId = by.Agency,
            RecordedByUserId = by.UserId,
            ApiKeyId = by.ApiKeyId,
            RecordedAt = at,
        };
        foreach (var victim in victims.DistinctBy(v => v.Child))
        {
            crime._victims.Add(new CrimeVictim(crime.Id, victim.Child, victim.AgeAtOffence));
        }
        foreach (var suspect in suspects)
        {
            crime._suspects.Add(new CrimeSuspect(crime.Id, suspect.Person, suspect.Name.Trim()));
        }
        return crime;
    }

    /// <summary>
    /// Adds a decision to the crime's history and moves its status. A decision not to charge needs its reason; a
    /// decision cannot be dated before the offence was reported. Returns the outcome added, or the problem by field.
    /// </summary>
    public Result<CrimeOutcome> AddOutcome(OutcomeDetails details, Recorder by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(by);
        if (InvestigationRules.CheckOutcome(details.Type, details.DecidedOn, details.Reason, details.DecidedBy, ReportedOn) is { } problem)
        {
            return problem;
        }
        var outcome = new CrimeOutcome(Id, details.Type, details.DecidedOn, string.IsNullOrWhiteSpace(details.Reason) ? null : details.Reason.Trim(),
            details.DecidedBy.Trim(), by, at);
        _outcomes.Add(outcome);
        // The latest decision by its day sets where the crime stands; one recorded late for an earlier day does not undo a later one.
        var latest = _outcomes.OrderBy(o => o.DecidedOn).ThenBy(o => o.RecordedAt).Last();
        Status = InvestigationRules.StatusAfter(latest.Type);
        return outcome;
    }

    /// <summary>A review of a decision not to prosecute reopened the investigation; the decisions before stay on the record.</summary>
    public void Reopen(DateTimeOffset at)
    {
        Status = CrimeStatus.UnderInvestigation;
        ReopenedAt = at;
    }

    /// <summary>The victims who were children when the offence is alleged to have begun (or whose age then is not known).</summary>
    public IEnumerable<CrimeVictim> ChildVictims => _victims.Where(v => InvestigationRules.WasAChild(v.AgeAtOffence));
}
