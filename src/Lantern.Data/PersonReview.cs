using Lantern.Domain;

namespace Lantern.Data;

/// <summary>What a person decided about two records of people that may be one.</summary>
public enum PersonPairOutcome
{
    /// <summary>The same person: the newer record was merged into the older.</summary>
    Same = 1,

    /// <summary>Two different people: the pair is never put to anyone again.</summary>
    NotSame = 2,

    /// <summary>Merged, then the merge was undone: two people after all, never put to anyone again.</summary>
    MergeUndone = 3,
}

/// <summary>
/// A decision on a pair of person records that share a name: one row per pair, whichever way round it was put,
/// the two ids in a fixed order (<see cref="Order"/>) so that the unique index holds two people's decisions apart.
/// </summary>
public sealed class PersonPairDecision : IVersioned
{
    public const int ReasonMaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The lesser of the two ids (<see cref="Order"/>).</summary>
    public Guid FirstId { get; init; }

    public Guid SecondId { get; init; }

    public PersonPairOutcome Outcome { get; set; }

    public Guid? DecidedBy { get; init; }

    public required string DecidedByName { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    public required string Reason { get; init; }

    public Guid? MergeId { get; set; }

    public long Version { get; private set; }

    /// <summary>The pair's two ids in the one order every decision is stored in.</summary>
    public static (Guid First, Guid Second) Order(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);
}

/// <summary>
/// One merge of two person records: who decided, when and why, the links it moved and what the surviving record
/// took on, so that undoing it moves exactly those links back and takes exactly that back.
/// </summary>
public sealed class PersonMerge : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SurvivorId { get; init; }

    public Guid MergedId { get; init; }

    public Guid DecisionId { get; init; }

    public DateTimeOffset MergedAt { get; init; }

    public Guid? MergedBy { get; init; }

    public required string MergedByName { get; init; }

    public required string Reason { get; init; }

    /// <summary>The survivor took the merged record's age as written, having none.</summary>
    public bool TookAge { get; init; }

    public bool TookDateOfBirth { get; init; }

    public bool TookFlag { get; init; }

    public string? DescriptionBefore { get; init; }

    public string? DescriptionAfter { get; init; }

    public DateTimeOffset? UndoneAt { get; set; }

    public Guid? UndoneBy { get; set; }

    public string? UndoneByName { get; set; }

    public string? UndoReason { get; set; }

    public List<PersonMergeMove> Moves { get; init; } = [];

    public long Version { get; private set; }
}

/// <summary>One thing a person merge moved: a link by the end the merged record was at, a crime's suspect, or a name key the survivor took on.</summary>
public sealed class PersonMergeMove
{
    public const string LinkFrom = "LinkFrom";
    public const string LinkTo = "LinkTo";
    public const string NameKey = "NameKey";
    public const string Suspect = "Suspect";

    public long Id { get; init; }

    public Guid MergeId { get; init; }

    /// <summary><see cref="LinkFrom"/>, <see cref="LinkTo"/>, <see cref="Suspect"/> or <see cref="NameKey"/>.</summary>
    public required string What { get; init; }

    /// <summary>The link's or the suspect's id, or the name key.</summary>
    public required string Value { get; init; }
}
