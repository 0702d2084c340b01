namespace Lantern.Data;

/// <summary>
/// What a person has typed into one of the long forms about a child and not submitted yet, saved while
/// they type so that an expired sign-in or a closed tab loses nothing. Only its owner ever reads it. It
/// is removed when the form is submitted, when its owner clears it, or 30 days after its last save.
/// </summary>
public sealed class FormDraft : Domain.IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OwnerId { get; init; }

    /// <summary>Which form about which record, for example <c>child:{id}:entry</c> or <c>episode:{id}:interview</c>.</summary>
    public required string FormKey { get; init; }

    /// <summary>The form's fields as JSON, as the page binds them; never more than 64 KB.</summary>
    public string Data { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Counts the saves (moved by the context's save, as every version is); two tabs saving the same draft at the same moment cannot interleave.</summary>
    public long Version { get; private set; }
}
