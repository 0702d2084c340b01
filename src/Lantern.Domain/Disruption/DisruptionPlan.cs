using Lantern.Domain.Network;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Disruption;

/// <summary>Where a disruption plan stands.</summary>
public enum PlanStatus
{
    /// <summary>Being worked: tactics are added and followed through, and the plan is reviewed at its interval.</summary>
    Open = 1,

    /// <summary>Someone asked to close it, with the reason and rationale; a manager's sign-off closes it or sends it back.</summary>
    ClosureRequested = 2,

    Closed = 3,
}

/// <summary>Why a plan is closed: its lines of enquiry are exhausted, or it is stopped for resources, which is recorded as such.</summary>
public enum ClosureReason
{
    /// <summary>Every tactic has its outcome and nothing more can be done: the rationale says why.</summary>
    EnquiriesExhausted = 1,

    /// <summary>Stopped to free resources (Operation Augusta): allowed with tactics still open, and shown to the partnership's leaders.</summary>
    Resources = 2,
}

/// <summary>Where one tactic stands.</summary>
public enum TacticStatus
{
    Planned = 1,

    InProgress = 2,

    /// <summary>Done, with its outcome (the notice served, the order made or refused).</summary>
    Done = 3,

    /// <summary>Decided against, with why: it stays on the record.</summary>
    NotPursued = 4,
}

/// <summary>A record a tactic rests on, by its type and the reference people quote (a crime, an alert).</summary>
public sealed record EvidenceRef(string RecordType, string RecordReference);

/// <summary>What a tactic is set up with: checked input for <see cref="DisruptionPlan.AddTactic"/>. The owner is any account, of any agency.</summary>
public sealed record TacticDetails(string? Tactic, string? Detail, Actor? Owner, DateOnly? DueOn, DateTimeOffset DueBy, IReadOnlyList<EvidenceRef> Evidence);

/// <summary>One tactic of a plan: what is to be done, by whom (and so by which agency), by when, where it stands and what came of it.</summary>
public sealed class DisruptionTactic : IAggregatePart
{
    private DisruptionTactic()
    {
    }

    internal DisruptionTactic(Guid plan, int number, string tactic, string? detail, Actor owner, DateOnly dueOn, DateTimeOffset dueBy, DateTimeOffset at)
    {
        PlanId = plan;
        Number = number;
        Tactic = tactic;
        Detail = detail;
        OwnerUserId = owner.Id;
        OwnerName = owner.Name;
        OwnerAgencyId = owner.Agency;
        OwnerTeamId = owner.Team;
        DueOn = dueOn;
        DueBy = dueBy;
        AddedAt = at;
        UpdatedAt = at;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid PlanId { get; private init; }

    /// <summary>Its number within the plan (1, 2...), which people quote.</summary>
    public int Number { get; private init; }

    /// <summary>The tactic as the catalogue named it when it was added (a later change of the catalogue leaves it as it was).</summary>
    public string Tactic { get; private init; } = "";

    public string? Detail { get; private init; }

    public Guid OwnerUserId { get; private init; }

    public string OwnerName { get; private init; } = "";

    /// <summary>The owning agency, whose management line is told when the tactic is overdue.</summary>
    public AgencyId OwnerAgencyId { get; private init; }

    public TeamId? OwnerTeamId { get; private init; }

    public DateOnly DueOn { get; private init; }

    /// <summary>The cut-off of the day it is due: when its escalation starts.</summary>
    public DateTimeOffset DueBy { get; private init; }

    public TacticStatus Status { get; private set; } = TacticStatus.Planned;

    public string? Outcome { get; private set; }

    public DateTimeOffset AddedAt { get; private init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? UpdatedByName { get; private set; }

    public bool IsFinished => Status is TacticStatus.Done or TacticStatus.NotPursued;

    public bool IsOverdue(DateTimeOffset now) => !IsFinished && now >= DueBy;

    object IAggregatePart.AggregateId => PlanId;

    internal void Update(TacticStatus status, string? outcome, string by, DateTimeOffset at)
    {
        Status = status;
        Outcome = outcome;
        UpdatedByName = by;
        UpdatedAt = at;
    }
}

/// <summary>A record a tactic rests on.</summary>
public sealed class TacticEvidence : IAggregatePart
{
    private TacticEvidence()
    {
    }

    internal TacticEvidence(Guid plan, Guid tactic, EvidenceRef evidence)
    {
        PlanId = plan;
        TacticId = tactic;
        RecordType = evidence.RecordType;
        RecordReference = evidence.RecordReference;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid PlanId { get; private init; }

    public Guid TacticId { get; private init; }

    public string RecordType { get; private init; } = "";

    public string RecordReference { get; private init; } = "";

    object IAggregatePart.AggregateId => PlanId;
}

/// <summary>One review of a plan at its interval: who, when, what they found, and when the next is due.</summary>
public sealed class PlanReview : IAggregatePart
{
    private PlanReview()
    {
    }

    internal PlanReview(Guid plan, int number, string notes, Actor by, DateTimeOffset at, DateTimeOffset wasDue, DateTimeOffset nextDue)
    {
        PlanId = plan;
        Number = number;
        Notes = notes;
        ByName = by.Name;
        ByUserId = by.Id;
        ReviewedAt = at;
        WasDue = wasDue;
        NextDue = nextDue;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid PlanId { get; private init; }

    public int Number { get; private init; }

    public string Notes { get; private init; } = "";

    public string ByName { get; private init; } = "";

    public Guid ByUserId { get; private init; }

    public DateTimeOffset ReviewedAt { get; private init; }

    public DateTimeOffset WasDue { get; private init; }

    public DateTimeOffset NextDue { get; private init; }

    object IAggregatePart.AggregateId => PlanId;
}

/// <summary>
/// A disruption plan about one person of concern or one context of harm: tactics from the partnership's catalogue,
/// each with an owner in some agency, a due day, where it stands, what came of it and the records it rests on. It is
/// reviewed at a set interval. It closes only with a recorded reason and rationale and a manager's sign-off; a
/// closure for resources is allowed with tactics still open and recorded as such, so the partnership's leaders see it.
/// </summary>
public sealed class DisruptionPlan : IVersioned
{
    public const int TextMaxLength = 4000;
    public const int TacticMaxLength = 200;
    public const int MaxTactics = 100;
    public const int MaxEvidence = 20;

    private readonly List<DisruptionTactic> _tactics = [];
    private readonly List<TacticEvidence> _evidence = [];
    private readonly List<PlanReview> _reviews = [];

    private DisruptionPlan()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>What people quote, DSP-...; mails carry this, never a name.</summary>
    public string Reference { get; private init; } = "";

    public NodeKind SubjectKind { get; private init; }

    public Guid SubjectId { get; private init; }

    /// <summary>The subject's reference (PER-..., CTX-...), kept so that lists need not read the subject.</summary>
    public string SubjectReference { get; private init; } = "";

    /// <summary>What the plan is to achieve.</summary>
    public string Aim { get; private init; } = "";

    public Guid LeadUserId { get; private init; }

    public string LeadName { get; private init; } = "";

    public AgencyId LeadAgencyId { get; private init; }

    public TeamId? LeadTeamId { get; private init; }

    public DateTimeOffset OpenedAt { get; private init; }

    public PlanStatus Status { get; private set; } = PlanStatus.Open;

    /// <summary>When the next review is due; its duty escalates from then.</summary>
    public DateTimeOffset NextReviewDue { get; private set; }

    public ClosureReason? ClosureReason { get; private set; }

    public string? ClosureRationale { get; private set; }

    public string? ClosureRequestedByName { get; private set; }

    public Guid? ClosureRequestedByUserId { get; private set; }

    public DateTimeOffset? ClosureRequestedAt { get; private set; }

    public string? SignedOffByName { get; private set; }

    public Guid? SignedOffByUserId { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Why the last request to close was sent back, when one was.</summary>
    public string? ClosureRefusedReason { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<DisruptionTactic> Tactics => _tactics;

    public IReadOnlyList<TacticEvidence> Evidence => _evidence;

    public IReadOnlyList<PlanReview> Reviews => _reviews;

    public NodeRef Subject => new(SubjectKind, SubjectId);

    public bool IsClosed => Status == PlanStatus.Closed;

    /// <summary>Closed to free resources, with tactics open or not: what the partnership's oversight page lists.</summary>
    public bool ClosedForResources => IsClosed && ClosureReason == Disruption.ClosureReason.Resources;

    /// <summary>
    /// Who works disruption plans (need to know, ADR 0022): the police (every role of a police force but its
    /// administrators and data protection officers), intelligence analysts, and children's social care's front door,
    /// whose exploitation team leads the safeguarding response. An owner of a tactic in another agency works their tactic only.
    /// </summary>
    public static bool MayWork(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return by.Role switch
        {
            Role.IntelligenceAnalyst => true,
            Role.Administrator or Role.DataProtectionOfficer => false,
            Role.Referrer or Role.Practitioner or Role.TeamManager or Role.ServiceManager or Role.HeadOfService or Role.PoliceInvestigator or Role.HealthPractitioner =>
                by.AgencyKind == AgencyKind.Police || by.IsFrontDoor,
            _ => throw new ArgumentOutOfRangeException(nameof(by), by.Role, "Unknown role"),
        };
    }

    /// <summary>Who signs off a plan's closure: a manager (team manager, service manager, head of service) of a police force or of children's social care.</summary>
    public static bool MaySignOff(Actor by) =>
        MayWork(by) && by.Role.IsManager() && by.AgencyKind is AgencyKind.Police or AgencyKind.ChildrensSocialCare;

    /// <summary>Opens a plan about a person of concern or a context; the plan, or the problem by field.</summary>
    public static Result<DisruptionPlan> Open(string reference, NodeRef subject, string subjectReference, string? aim, Actor by, DateTimeOffset at, DateTimeOffset firstReviewDue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectReference);
        ArgumentNullException.ThrowIfNull(by);
        if (!MayWork(by))
        {
            return Failure.Forbidden("Only the police, intelligence analysts and children's social care's front door open disruption plans");
        }
        if (subject.Kind is not (NodeKind.Person or NodeKind.Context))
        {
            throw new ArgumentOutOfRangeException(nameof(subject), subject.Kind, "A disruption plan is about a person or a context.");
        }
        if (CheckText(aim, "Aim", "What the plan is to achieve", "Say what the plan is to achieve") is { } problem)
        {
            return problem;
        }
        return new DisruptionPlan
        {
            Reference = reference,
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            SubjectReference = subjectReference,
            Aim = aim!.Trim(),
            LeadUserId = by.Id,
            LeadName = by.Name,
            LeadAgencyId = by.Agency,
            LeadTeamId = by.Team,
            OpenedAt = at,
            NextReviewDue = firstReviewDue,
        };
    }

    /// <summary>
    /// Adds a tactic from <paramref name="catalogue"/>, owned by any account; the tactic, or the problems by field
    /// (Tactic, Detail, Owner, DueOn, Evidence). Not on a closed plan, nor while its closure waits for sign-off.
    /// </summary>
    public Result<DisruptionTactic> AddTactic(Actor by, TacticDetails details, IReadOnlyCollection<string> catalogue, DateOnly today, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!MayWork(by))
        {
            return Failure.Forbidden("Only those who work disruption plans add tactics");
        }
        if (Status != PlanStatus.Open)
        {
            return Failure.Conflict(IsClosed ? "This plan is closed" : "This plan's closure waits for sign-off; a manager signs it off or sends it back first", "Tactic");
        }
        if (_tactics.Count >= MaxTactics)
        {
            return Failure.Invalid("Tactic", $"A plan holds at most {MaxTactics} tactics");
        }
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(details.Tactic) || !catalogue.Contains(details.Tactic.Trim()))
        {
            errors.Add("Tactic", "Select the tactic");
        }
        if (!string.IsNullOrWhiteSpace(details.Detail))
        {
            if (CheckText(details.Detail, "Detail", "What is to be done", null) is { } problem)
            {
                errors.AddRange(problem.Errors);
            }
        }
        else if (details.Tactic?.Trim() == "Other")
        {
            errors.Add("Detail", "Say what the tactic is");
        }
        if (details.Owner is null)
        {
            errors.Add("Owner", "Select who owns the tactic");
        }
        if (details.DueOn is not { } due)
        {
            errors.Add("DueOn", "Enter the day the tactic is due");
        }
        else if (due < today)
        {
            errors.Add("DueOn", "The day the tactic is due must be today or later");
        }
        if (details.Evidence.Count > MaxEvidence)
        {
            errors.Add("Evidence", $"A tactic rests on at most {MaxEvidence} records");
        }
        if (errors.ToFailure("The tactic has problems to fix; nothing was saved") is { } invalid)
        {
            return invalid;
        }
        var tactic = new DisruptionTactic(Id, _tactics.Count + 1, details.Tactic!.Trim(), string.IsNullOrWhiteSpace(details.Detail) ? null : details.Detail.Trim(),
            details.Owner!, details.DueOn!.Value, details.DueBy, at);
        _tactics.Add(tactic);
        foreach (var evidence in details.Evidence.Distinct())
        {
            _evidence.Add(new TacticEvidence(Id, tactic.Id, evidence));
        }
        return tactic;
    }

    /// <summary>
    /// Moves a tactic on: in progress, done or not pursued (the last two with their outcome, and final). Those who
    /// work the plan, and the tactic's owner, may. Null when moved, or the problem by field (Status, Outcome).
    /// </summary>
    public Failure? UpdateTactic(Actor by, Guid tacticId, TacticStatus? status, string? outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (_tactics.FirstOrDefault(t => t.Id == tacticId) is not { } tactic)
        {
            return Failure.NotFound("There is no such tactic on this plan");
        }
        if (!MayWork(by) && by.Id != tactic.OwnerUserId)
        {
            return Failure.Forbidden("Only the tactic's owner and those who work disruption plans update a tactic");
        }
        if (IsClosed)
        {
            return Failure.Conflict("This plan is closed", "Status");
        }
        if (tactic.IsFinished)
        {
            return Failure.Conflict($"Tactic {tactic.Number} already has its outcome; add a new tactic to do more", "Status");
        }
        var errors = new FieldErrors();
        if (status is not { } s || !Enum.IsDefined(s) || s == TacticStatus.Planned)
        {
            errors.Add("Status", "Select where the tactic stands");
        }
        var finishing = status is TacticStatus.Done or TacticStatus.NotPursued;
        if (string.IsNullOrWhiteSpace(outcome))
        {
            if (finishing)
            {
                errors.Add("Outcome", status == TacticStatus.Done ? "Say what came of the tactic" : "Say why the tactic is not pursued");
            }
        }
        else if (CheckText(outcome, "Outcome", "The outcome", null) is { } problem)
        {
            errors.AddRange(problem.Errors);
        }
        if (errors.ToFailure("The tactic has problems to fix; nothing was saved") is { } invalid)
        {
            return invalid;
        }
        tactic.Update(status!.Value, string.IsNullOrWhiteSpace(outcome) ? tactic.Outcome : outcome.Trim(), by.Name, at);
        return null;
    }

    /// <summary>Records the plan's review and sets when the next is due; null when recorded, or the problem (Notes).</summary>
    public Failure? Review(Actor by, string? notes, DateTimeOffset at, DateTimeOffset nextDue)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!MayWork(by))
        {
            return Failure.Forbidden("Only those who work disruption plans review them");
        }
        if (IsClosed)
        {
            return Failure.Conflict("This plan is closed", "Notes");
        }
        if (CheckText(notes, "Notes", "What the review found", "Say what the review found: which tactics work, what is stuck, what is next") is { } problem)
        {
            return problem;
        }
        _reviews.Add(new PlanReview(Id, _reviews.Count + 1, notes!.Trim(), by, at, NextReviewDue, nextDue));
        NextReviewDue = nextDue;
        return null;
    }

    /// <summary>
    /// Asks to close the plan, with the reason and the rationale. Lines of enquiry exhausted needs every tactic to
    /// have its outcome; resources may leave tactics open and is recorded as such. The plan closes only when a
    /// manager signs off. Null when asked, or the problem by field (Reason, Rationale).
    /// </summary>
    public Failure? RequestClosure(Actor by, ClosureReason? reason, string? rationale, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!MayWork(by))
        {
            return Failure.Forbidden("Only those who work disruption plans ask to close them");
        }
        if (Status != PlanStatus.Open)
        {
            return Failure.Conflict(IsClosed ? "This plan is closed" : "Closing this plan has already been asked for and waits for sign-off", "Reason");
        }
        var errors = new FieldErrors();
        if (reason is not { } r || !Enum.IsDefined(r))
        {
            errors.Add("Reason", "Select why the plan is to close");
        }
        else if (r == Disruption.ClosureReason.EnquiriesExhausted && _tactics.FirstOrDefault(t => !t.IsFinished) is { } open)
        {
            errors.Add("Reason", $"Tactic {open.Number} ({open.Tactic}) has no outcome yet, so its line of enquiry is not exhausted: record its outcome first");
        }
        if (CheckText(rationale, "Rationale", "The rationale", "Say why the plan's lines of enquiry are exhausted, or what is left undone for want of resources") is { } problem)
        {
            errors.AddRange(problem.Errors);
        }
        if (errors.ToFailure("Closing the plan has problems to fix; nothing was saved") is { } invalid)
        {
            return invalid;
        }
        Status = PlanStatus.ClosureRequested;
        ClosureReason = reason;
        ClosureRationale = rationale!.Trim();
        ClosureRequestedByName = by.Name;
        ClosureRequestedByUserId = by.Id;
        ClosureRequestedAt = at;
        return null;
    }

    /// <summary>
    /// A manager's answer to a request to close: agreed, the plan is closed; not agreed, it is open again with why
    /// (Note, required). The manager signing off is not the person who asked. Null when answered, or the problem.
    /// </summary>
    public Failure? SignOffClosure(Actor by, bool agree, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!MaySignOff(by))
        {
            return Failure.Forbidden("Only a manager of the police or of children's social care signs off closing a disruption plan");
        }
        if (Status != PlanStatus.ClosureRequested)
        {
            return Failure.Conflict(IsClosed ? "This plan is already closed" : "Nobody has asked to close this plan", "Note");
        }
        if (by.Id == ClosureRequestedByUserId)
        {
            return Failure.Forbidden("Another manager signs off a closure you asked for");
        }
        if (!agree)
        {
            if (CheckText(note, "Note", "Why it stays open", "Say why the plan stays open") is { } problem)
            {
                return problem;
            }
            Status = PlanStatus.Open;
            ClosureRefusedReason = note!.Trim();
            return null;
        }
        if (!string.IsNullOrWhiteSpace(note) && CheckText(note, "Note", "The note", null) is { } noteProblem)
        {
            return noteProblem;
        }
        Status = PlanStatus.Closed;
        SignedOffByName = by.Name;
        SignedOffByUserId = by.Id;
        ClosedAt = at;
        return null;
    }

    private static Failure? CheckText(string? value, string field, string label, string? required)
    {
        if (StorableText.Check(value, label, TextShape.MultiLine, required) is { } problem)
        {
            return Failure.Invalid(field, problem);
        }
        if (value is not null && value.Trim().Length > TextMaxLength)
        {
            return Failure.Invalid(field, $"{label} must be {TextMaxLength:N0} characters or fewer");
        }
        return null;
    }
}

/// <summary>Words practitioners use for plans and tactics.</summary>
public static class DisruptionNames
{
    public static string DisplayName(this PlanStatus status) => status switch
    {
        PlanStatus.Open => "Open",
        PlanStatus.ClosureRequested => "Closure waiting for sign-off",
        PlanStatus.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string DisplayName(this ClosureReason reason) => reason switch
    {
        ClosureReason.EnquiriesExhausted => "Lines of enquiry exhausted",
        ClosureReason.Resources => "Resources",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string DisplayName(this TacticStatus status) => status switch
    {
        TacticStatus.Planned => "Planned",
        TacticStatus.InProgress => "In progress",
        TacticStatus.Done => "Done",
        TacticStatus.NotPursued => "Not pursued",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
