namespace Lantern.Domain;

/// <summary>
/// An aggregate whose every saved change bumps its version, so that an edit made on an old copy is
/// refused instead of silently overwriting another. The database layer bumps it, in one place, for
/// every change to the aggregate or to one of its parts (<see cref="IAggregatePart"/>); nothing else
/// writes it.
/// </summary>
public interface IVersioned
{
    long Version { get; }
}

/// <summary>A row that belongs to an aggregate (a child's address): a change to it is a change to the aggregate.</summary>
public interface IAggregatePart
{
    /// <summary>The id of the aggregate this part belongs to, as the aggregate's own Id property holds it.</summary>
    object AggregateId { get; }
}
