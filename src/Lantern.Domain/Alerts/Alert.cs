using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Alerts;

/// <summary>Where an alert stands: raised, seen, acted on, closed. Each step keeps who and when.</summary>
public enum AlertStatus
{
    /// <summary>Raised; nobody has said they have seen it yet.</summary>
    Open = 1,

    /// <summary>Someone has seen it and owns looking at it.</summary>
    Acknowledged = 2,

    /// <summary>Something was done about it, recorded in words.</summary>
    Actioned = 3,

    /// <summary>Closed with a reason; a new alert of the same rule about the same subject may be raised after this.</summary>
    Closed = 4,
}

/// <summary>What an alert is about: a child now; a person, vehicle, phone or place when the network raises alerts.</summary>
public sealed record AlertSubject(string Type, string Id, ChildId? Child = null)
{
    public static AlertSubject OfChild(ChildId child) => new("Child", child.ToString(), child);

    /// <summary>A record of the network (a person, vehicle, phone or place): no one child's alert, so seen by those who work the network.</summary>
    public static AlertSubject OfNetwork(NodeRef node) => new(node.Kind.ToString(), node.Id.ToString());
}

/// <summary>
/// A record that made the alert: its type, the reference people quote, and a line saying what it shows. A network
/// alert's evidence also says which member the record joined (<paramref name="Member"/>, such as Child:id), the agency
/// it came from and how it was graded.
/// </summary>
public sealed record AlertEvidenceText(string RecordType, string RecordReference, string Summary, DateTimeOffset At, string? Link = null,
    string? Member = null, string? Agency = null, string? Grade = null);

/// <summary>
/// Something people must not miss, raised by a rule (repeat missing, repeated concern, and the network's
/// rules next) about one subject. One rule raises one alert about one subject while it is not closed:
/// more of the same evidence joins that alert rather than raising another. People acknowledge it, say
/// what they did, and close it with a reason; where the rule says so, only a manager closes it.
/// </summary>
public sealed class Alert : IVersioned
{
    public const int TextMaxLength = 4000;

    private readonly List<AlertEvidence> _evidence = [];

    private Alert()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>What people quote in mail, for example ALR-7KQ2M9XD4A.</summary>
    public string Reference { get; private init; } = "";

    /// <summary>The rule's stable key, for example RepeatMissing.</summary>
    public string Rule { get; private init; } = "";

    public string SubjectType { get; private init; } = "";

    public string SubjectId { get; private init; } = "";

    /// <summary>The child the alert is about or around, which decides who may see it.</summary>
    public ChildId? ChildId { get; private init; }

    /// <summary>What the alert says now, in words; it follows the evidence.</summary>
    public string Summary { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private init; }

    /// <summary>
    /// When the evidence became complete: the time of the record that met the rule, in the record's own time (an import
    /// of old records raises an alert dated then); null for rules that do not say (the evidence arrives as it happens).
    /// </summary>
    public DateTimeOffset? EvidenceCompleteAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public AlertStatus Status { get; private set; } = AlertStatus.Open;

    public Guid? AcknowledgedBy { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>What was done about it, in the words of whoever did it.</summary>
    public string? ActionTaken { get; private set; }

    public Guid? ActionedBy { get; private set; }

    public string? ActionedByName { get; private set; }

    public DateTimeOffset? ActionedAt { get; private set; }

    public string? CloseReason { get; private set; }

    public Guid? ClosedBy { get; private set; }

    public string? ClosedByName { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<AlertEvidence> Evidence => _evidence;

    public bool IsClosed => Status == AlertStatus.Closed;

    public AlertSubject Subject => new(SubjectType, SubjectId, ChildId);

    /// <summary>A new alert of <paramref name="rule"/> about <paramref name="subject"/>, with the evidence that raised it.</summary>
    public static Alert Raise(string reference, string rule, AlertSubject subject, string summary, IEnumerable<AlertEvidenceText> evidence, DateTimeOffset at,
        DateTimeOffset? evidenceCompleteAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentNullException.ThrowIfNull(evidence);
        var alert = new Alert
        {
            Reference = reference,
            Rule = rule,
            SubjectType = subject.Type,
            SubjectId = subject.Id,
            ChildId = subject.Child,
            Summary = Cut(summary),
            RaisedAt = at,
            UpdatedAt = at,
            EvidenceCompleteAt = evidenceCompleteAt,
        };
        foreach (var e in evidence)
        {
            alert._evidence.Add(new AlertEvidence(alert.Id, e));
        }
        return alert;
    }

    /// <summary>
    /// More evidence of the same rule about the same subject: it joins this alert and the summary follows,
    /// rather than a second alert being raised. Evidence already attached is not attached twice. Older records arriving
    /// later (an import of history) can only bring the time the evidence became complete earlier.
    /// </summary>
    public void Add(IEnumerable<AlertEvidenceText> evidence, string summary, DateTimeOffset at, DateTimeOffset? evidenceCompleteAt = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (IsClosed)
        {
            throw new InvalidOperationException($"Alert {Reference} is closed; raise a new one.");
        }
        foreach (var e in evidence)
        {
            if (!_evidence.Any(x => x.RecordType == e.RecordType && x.RecordReference == e.RecordReference && x.Member == e.Member))
            {
                _evidence.Add(new AlertEvidence(Id, e));
            }
        }
        if (evidenceCompleteAt is { } complete && (EvidenceCompleteAt is null || complete < EvidenceCompleteAt))
        {
            EvidenceCompleteAt = complete;
        }
        Summary = Cut(summary);
        UpdatedAt = at;
    }

    /// <summary>
    /// Evidence that no longer stands (a merge of two person records undone moved its record back to the other person)
    /// leaves the alert, and the summary follows. The alert stays open: people may be acting on it. Returns what left,
    /// for the caller to delete.
    /// </summary>
    public IReadOnlyList<AlertEvidence> Withdraw(Func<AlertEvidence, bool> gone, string summary, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(gone);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (IsClosed)
        {
            throw new InvalidOperationException($"Alert {Reference} is closed.");
        }
        var leaving = _evidence.Where(gone).ToList();
        _evidence.RemoveAll(leaving.Contains);
        Summary = Cut(summary);
        UpdatedAt = at;
        return leaving;
    }

    /// <summary>Someone who can see the alert says they have seen it.</summary>
    public Failure? Acknowledge(Actor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status != AlertStatus.Open)
        {
            return Failure.Conflict(IsClosed ? "This alert is closed" : "This alert has already been acknowledged");
        }
        Status = AlertStatus.Acknowledged;
        AcknowledgedBy = by.Id;
        AcknowledgedByName = by.Name;
        AcknowledgedAt = at;
        UpdatedAt = at;
        return null;
    }

    /// <summary>What was done about the alert; recording an action also acknowledges it. Later actions add to the record.</summary>
    public Failure? RecordAction(Actor by, string? action, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed)
        {
            return Failure.Conflict("This alert is closed", "Action");
        }
        if (StorableText.Check(action, "What was done", TextShape.MultiLine, "Say what was done about the alert") is { } actionProblem)
        {
            return Failure.Invalid("Action", actionProblem);
        }
        if (action!.Trim().Length > TextMaxLength)
        {
            return Failure.Invalid("Action", $"What was done must be {TextMaxLength:N0} characters or fewer");
        }
        if (Status == AlertStatus.Open)
        {
            AcknowledgedBy = by.Id;
            AcknowledgedByName = by.Name;
            AcknowledgedAt = at;
        }
        var line = action.Trim();
        ActionTaken = ActionTaken is null ? line : Cut(ActionTaken + "\n" + line);
        ActionedBy = by.Id;
        ActionedByName = by.Name;
        ActionedAt = at;
        Status = AlertStatus.Actioned;
        UpdatedAt = at;
        return null;
    }

    /// <summary>
    /// Closes the alert with a reason. Where the rule has an <paramref name="owner"/>, only someone of that
    /// kind of agency closes it; where <paramref name="managerCloses"/>, only a manager.
    /// </summary>
    public Failure? Close(Actor by, string? reason, bool managerCloses, DateTimeOffset at, AgencyKind? owner = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!MayBeClosedBy(by, managerCloses, owner))
        {
            return Failure.Forbidden(managerCloses
                ? $"Only a team manager, service manager or head of service{(owner is { } o ? " of " + o.DisplayName().ToLowerInvariant() : "")} can close this alert"
                : $"Only {(owner is { } k ? k.DisplayName().ToLowerInvariant() : "those who may see it")} can close this alert");
        }
        if (IsClosed)
        {
            return Failure.Conflict("This alert is already closed", "Reason");
        }
        if (StorableText.Check(reason, "The reason", TextShape.MultiLine, "Say why the alert can be closed") is { } reasonProblem)
        {
            return Failure.Invalid("Reason", reasonProblem);
        }
        if (reason!.Trim().Length > TextMaxLength)
        {
            return Failure.Invalid("Reason", $"The reason must be {TextMaxLength:N0} characters or fewer");
        }
        Status = AlertStatus.Closed;
        CloseReason = reason.Trim();
        ClosedBy = by.Id;
        ClosedByName = by.Name;
        ClosedAt = at;
        UpdatedAt = at;
        return null;
    }

    /// <summary>Whether <paramref name="by"/> is someone who closes alerts of a rule with these settings.</summary>
    public static bool MayBeClosedBy(Actor by, bool managerCloses, AgencyKind? owner)
    {
        ArgumentNullException.ThrowIfNull(by);
        return (owner is not { } kind || by.AgencyKind == kind) && (!managerCloses || by.Role.IsManager());
    }

    private static string Cut(string text) => text.Length <= TextMaxLength ? text : text[..TextMaxLength];
}

/// <summary>One record that made an alert, kept with the alert.</summary>
public sealed class AlertEvidence : IAggregatePart
{
    private AlertEvidence()
    {
    }

    internal AlertEvidence(Guid alert, AlertEvidenceText text)
    {
        AlertId = alert;
        RecordType = text.RecordType;
        RecordReference = text.RecordReference;
        Summary = text.Summary.Length <= 1000 ? text.Summary : text.Summary[..1000];
        At = text.At;
        Link = text.Link;
        Member = text.Member;
        Agency = text.Agency;
        Grade = text.Grade;
    }

    public long Id { get; private init; }

    public Guid AlertId { get; private init; }

    public string RecordType { get; private init; } = "";

    public string RecordReference { get; private init; } = "";

    public string Summary { get; private init; } = "";

    /// <summary>When what the record shows happened.</summary>
    public DateTimeOffset At { get; private init; }

    /// <summary>Where in Lantern the record is read, for those allowed to.</summary>
    public string? Link { get; private init; }

    /// <summary>The member of a network alert the record joined (Child:id, Person:id), or null.</summary>
    public string? Member { get; private init; }

    /// <summary>The agency the record came from, by name, when the rule says.</summary>
    public string? Agency { get; private init; }

    /// <summary>How the record was graded (the link's confidence and any police intelligence grade), when the rule says.</summary>
    public string? Grade { get; private init; }

    object IAggregatePart.AggregateId => AlertId;
}

/// <summary>Words practitioners use for alerts.</summary>
public static class AlertNames
{
    public static string DisplayName(this AlertStatus status) => status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Acknowledged => "Acknowledged",
        AlertStatus.Actioned => "Action recorded",
        AlertStatus.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
