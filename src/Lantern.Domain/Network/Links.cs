using Lantern.Domain.Partnership;

namespace Lantern.Domain.Network;

/// <summary>What a record in the network is: a child, or a person, vehicle, phone, place or context around children.</summary>
public enum NodeKind
{
    Child = 1,
    Person = 2,
    Vehicle = 3,
    Phone = 4,
    Place = 5,
    Context = 6,
}

/// <summary>One record of the network by its kind and id.</summary>
public readonly record struct NodeRef(NodeKind Kind, Guid Id)
{
    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>How two records are linked, as the agency that recorded it said.</summary>
public enum LinkType
{
    /// <summary>Named in a record about the child (a referral, an event, a missing episode), with no more said.</summary>
    NamedInRecord = 1,
    SeenWith = 2,
    PickedUpIn = 3,
    FoundAt = 4,
    PhonedOrMessaged = 5,
    LivesAt = 6,
    WorksAt = 7,
    DrivesFor = 8,
    KeeperOf = 9,
    Drives = 10,
    UsesPhone = 11,
    AssociatesWith = 12,
    MissingWith = 13,
    MissingTo = 14,
    ExploitedAt = 15,
    ParentOf = 16,
    SiblingOf = 17,
    HouseholdMember = 18,
    OperatorOf = 19,
    PartOfContext = 20,
    Other = 99,
}

/// <summary>How sure the recording agency is of a link (the confirmed / tentative / unconfirmed of intelligence charts).</summary>
public enum LinkConfidence
{
    /// <summary>Seen, checked or admitted.</summary>
    Confirmed = 1,

    /// <summary>Believed on some grounds, not checked.</summary>
    Tentative = 2,

    /// <summary>Said by someone, or written in a record, and nothing more: every link from a mention starts here.</summary>
    Unconfirmed = 3,
}

/// <summary>Where a link came from: the kind of record and its id, so the page can point back to it.</summary>
public sealed record LinkSource(string RecordType, string RecordId, AgencyId? Agency, DateTimeOffset On);

/// <summary>What a person says of a link they record by hand: how the records are linked, how sure, a grade, when, and what it rests on.</summary>
public sealed record LinkByHand(LinkType? Type, LinkConfidence? Confidence, string? Grade, DateTimeOffset? On, string? Note);

/// <summary>
/// A link between two records of the network, typed and graded, with the agency, the date and the record it
/// came from. Links are never edited: a link found wrong is withdrawn with a reason and stays on the record,
/// so what the partnership once believed can still be read back.
/// </summary>
public sealed class Link
{
    public const int GradeMaxLength = 10;
    public const int NoteMaxLength = 1000;

    private Link()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public NodeKind FromKind { get; private set; }

    public Guid FromId { get; private set; }

    public NodeKind ToKind { get; private set; }

    public Guid ToId { get; private set; }

    public LinkType Type { get; private init; }

    public LinkConfidence Confidence { get; private init; }

    /// <summary>A police intelligence grade as given (B2, 2/B/P): kept, never translated.</summary>
    public string? IntelligenceGrade { get; private init; }

    /// <summary>The kind of record it came from (Referral, ChronologyEntry, Import, Page).</summary>
    public string RecordType { get; private init; } = "";

    public string RecordId { get; private init; } = "";

    public AgencyId? SourceAgencyId { get; private init; }

    /// <summary>When what the link says happened or was recorded, in the source's own time.</summary>
    public DateTimeOffset On { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public string RecordedBy { get; private init; } = "";

    public string? Note { get; private init; }

    /// <summary>The mention it was made from, when it was.</summary>
    public long? MentionId { get; private init; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnReason { get; private set; }

    /// <summary>Who withdrew it; null when the system did (a corrected entry or extract).</summary>
    public string? WithdrawnBy { get; private set; }

    public NodeRef From => new(FromKind, FromId);

    public NodeRef To => new(ToKind, ToId);

    public static Link Make(NodeRef from, NodeRef to, LinkType type, LinkConfidence confidence, LinkSource source, string recordedBy, DateTimeOffset at,
        string? grade = null, string? note = null, long? mentionId = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        if (from == to)
        {
            throw new ArgumentException("A record cannot be linked to itself.", nameof(to));
        }
        return new Link
        {
            FromKind = from.Kind,
            FromId = from.Id,
            ToKind = to.Kind,
            ToId = to.Id,
            Type = type,
            Confidence = confidence,
            IntelligenceGrade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim(),
            RecordType = source.RecordType,
            RecordId = source.RecordId,
            SourceAgencyId = source.Agency,
            On = source.On,
            RecordedAt = at,
            RecordedBy = recordedBy,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            MentionId = mentionId,
        };
    }

    /// <summary>
    /// A link a person records by hand from a record's page, every problem keyed by field: the type (not "named in a
    /// record", which only a record's mention makes), the confidence, a grade as given, the date it happened or came
    /// to light (not in the future) and what it rests on. <paramref name="source"/>'s date is replaced by the date given.
    /// </summary>
    public static Result<Link> RecordByHand(NodeRef from, NodeRef to, LinkByHand given, LinkSource source, string recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<FieldError>();
        if (from == to)
        {
            errors.Add(new("Other", "A record cannot be linked to itself: choose another record"));
        }
        if (given.Type is not { } type || !Enum.IsDefined(type) || type == LinkType.NamedInRecord)
        {
            errors.Add(new("Type", "Select how the records are linked"));
        }
        if (given.Confidence is not { } confidence || !Enum.IsDefined(confidence))
        {
            errors.Add(new("Confidence", "Select how sure you are of the link"));
        }
        StorableText.Check(errors, "Grade", "Intelligence grade", given.Grade, TextShape.OneLine, GradeMaxLength, $"The intelligence grade must be {GradeMaxLength} characters or fewer");
        if (given.On is not { } on)
        {
            errors.Add(new("On", "Enter the date the link was seen or came to light"));
        }
        else if (on > at)
        {
            errors.Add(new("On", "The date the link was seen or came to light must be today or in the past"));
        }
        StorableText.Check(errors, "Note", "What the link rests on", given.Note, TextShape.MultiLine, NoteMaxLength,
            $"What the link rests on must be {NoteMaxLength:N0} characters or fewer", "Say what the link rests on: who saw or said it, and in which record");
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }
        return Make(from, to, given.Type!.Value, given.Confidence!.Value, source with { On = given.On!.Value }, recordedBy, at, given.Grade, given.Note);
    }

    private const string RolePrefix = "Recorded as ";

    /// <summary>The note a link keeps of the part an agency recorded for the person in the record ("Recorded as professional").</summary>
    public static string RoleNote(string role) => RolePrefix + role;

    /// <summary>The part a link's note says the agency recorded for the person, or null.</summary>
    public static string? RoleIn(string? note) => note is not null && note.StartsWith(RolePrefix, StringComparison.Ordinal) ? note[RolePrefix.Length..].Trim() : null;

    /// <summary>Whether the link touches <paramref name="node"/>, and if so the record at its other end.</summary>
    public NodeRef? Other(NodeRef node) => From == node ? To : To == node ? From : null;

    /// <summary>Moves the end at <paramref name="from"/> to <paramref name="to"/>: a merge of two records of the same thing.</summary>
    public void Repoint(NodeRef from, NodeRef to)
    {
        if (From == from)
        {
            (FromKind, FromId) = (to.Kind, to.Id);
        }
        if (To == from)
        {
            (ToKind, ToId) = (to.Kind, to.Id);
        }
    }

    /// <summary>Withdraws the link with the reason, by <paramref name="by"/> (null: by the system); it stays on the record as withdrawn.</summary>
    public Failure? Withdraw(string? reason, DateTimeOffset at, string? by = null)
    {
        if (WithdrawnAt is not null)
        {
            return Failure.Conflict("This link has already been withdrawn");
        }
        if (StorableText.Check(reason, "Reason", TextShape.MultiLine, "Say why the link is withdrawn") is { } problem)
        {
            return Failure.Invalid("Reason", problem);
        }
        if (reason!.Trim().Length > NoteMaxLength)
        {
            return Failure.Invalid("Reason", $"The reason must be {NoteMaxLength:N0} characters or fewer");
        }
        WithdrawnAt = at;
        WithdrawnReason = reason.Trim();
        WithdrawnBy = by;
        return null;
    }

    public static string Describe(LinkType type) => type switch
    {
        LinkType.NamedInRecord => "named in a record about",
        LinkType.SeenWith => "seen with",
        LinkType.PickedUpIn => "picked up in",
        LinkType.FoundAt => "found at",
        LinkType.PhonedOrMessaged => "phoned or messaged",
        LinkType.LivesAt => "lives at",
        LinkType.WorksAt => "works at",
        LinkType.DrivesFor => "drives for",
        LinkType.KeeperOf => "keeper of",
        LinkType.Drives => "drives",
        LinkType.UsesPhone => "uses",
        LinkType.AssociatesWith => "associates with",
        LinkType.MissingWith => "missing with",
        LinkType.MissingTo => "missing to",
        LinkType.ExploitedAt => "exploited at",
        LinkType.ParentOf => "parent of",
        LinkType.SiblingOf => "sibling of",
        LinkType.HouseholdMember => "lives in the same household as",
        LinkType.OperatorOf => "operator of",
        LinkType.PartOfContext => "part of the context",
        LinkType.Other => "linked to",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Describe(LinkConfidence confidence) => confidence switch
    {
        LinkConfidence.Confirmed => "Confirmed",
        LinkConfidence.Tentative => "Tentative",
        LinkConfidence.Unconfirmed => "Unconfirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, null),
    };
}
