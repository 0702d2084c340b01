using Lantern.Domain;
using Lantern.Domain.Children;

namespace Lantern.Data;

/// <summary>How an arriving record came to be, or might be, about a child already known.</summary>
public enum IdentityMatchStatus
{
    /// <summary>The engine was confident: the arriving record joined the child already known.</summary>
    LinkedOnArrival = 1,

    /// <summary>A new record was opened and may be the child already known: a person decides.</summary>
    AwaitingReview = 2,

    /// <summary>A person decided they are one child; the new record was merged into the known one.</summary>
    Confirmed = 3,

    /// <summary>A person decided they are two children; the pair is never suggested again.</summary>
    Rejected = 4,

    /// <summary>The merge was undone; the pair counts as two children and is never suggested again.</summary>
    MergeUndone = 5,
}

/// <summary>
/// One resolution of an arriving record against the children already known, with the engine's explanation
/// kept as it was at the time: a confident join, or a pair of records awaiting a person's decision, and what
/// that person decided, when and why.
/// </summary>
public sealed class IdentityMatch : IVersioned
{
    public const int ExplanationMaxLength = 4000;
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public IdentityMatchStatus Status { get; set; }

    /// <summary>The record the arriving one joined, or the new record it opened.</summary>
    public ChildId ChildId { get; init; }

    /// <summary>For a pair awaiting review: the child already known that the new record may be.</summary>
    public ChildId? CandidateId { get; init; }

    /// <summary>What arrived: Referral (an import, an event and a missing episode name their own).</summary>
    public required string RecordType { get; init; }

    public required string RecordReference { get; init; }

    public double Probability { get; init; }

    /// <summary>The rule that kept the pair from an automatic link, in words; null when none did.</summary>
    public string? HeldBackBy { get; init; }

    /// <summary>The engine's field-by-field explanation, one line a field.</summary>
    public required string Explanation { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? DecidedBy { get; set; }

    public string? DecidedByName { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The merge a confirmation made, which can be undone.</summary>
    public Guid? MergeId { get; set; }

    public long Version { get; private set; }
}

/// <summary>
/// A merge of one child's record into another's, kept so that it can be undone: every row that was moved
/// from the merged record to the surviving one is listed, and undoing moves exactly those back.
/// </summary>
public sealed class ChildMerge : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ChildId SurvivorId { get; init; }

    public ChildId MergedId { get; init; }

    public Guid? MatchId { get; init; }

    public DateTimeOffset MergedAt { get; init; }

    public Guid? MergedBy { get; init; }

    public required string MergedByName { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? UndoneAt { get; set; }

    public Guid? UndoneBy { get; set; }

    public string? UndoneByName { get; set; }

    public string? UndoReason { get; set; }

    public List<ChildMergeMove> Moves { get; init; } = [];

    public long Version { get; private set; }
}

/// <summary>One row a merge moved: which table, which row, and whether an alert's subject moved with it.</summary>
public sealed class ChildMergeMove
{
    public long Id { get; init; }

    public Guid MergeId { get; init; }

    /// <summary>Referral, ChronologyEntry, Involvement, MissingEpisode, Screening or Alert.</summary>
    public required string Table { get; init; }

    public required string RowId { get; init; }

    /// <summary>For an alert about the child: whether its subject moved too (not when the surviving child had one open of the rule).</summary>
    public bool SubjectMoved { get; init; }
}

/// <summary>
/// A child's record was opened or changed: every node of the service reads these in order and brings its
/// identity index up to date, so a child added on one node is found by a search on another.
/// </summary>
public sealed class IdentityChange
{
    public long Id { get; init; }

    public ChildId ChildId { get; init; }
}
