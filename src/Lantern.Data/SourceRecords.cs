using Lantern.Domain.Partnership;

namespace Lantern.Data;

/// <summary>
/// One record of an agency's extract as Lantern took it: the agency, the kind and the source system's own id,
/// what Lantern made of it (the child, person, vehicle, phone, place or entries), the line as last imported and
/// its hash. The same line again changes nothing; a changed line is a correction, and the line it replaced is
/// kept in <see cref="SourceRecordVersion"/>.
/// </summary>
public sealed class SourceRecord
{
    public const int SourceIdMaxLength = 100;

    public long Id { get; init; }

    public AgencyId AgencyId { get; init; }

    /// <summary>The record's type in the extract (child, person, vehicle, phone, place, event).</summary>
    public required string Kind { get; init; }

    public required string SourceId { get; init; }

    /// <summary>What Lantern made of it: a child's, person's, vehicle's, phone's or place's id; for an event, its first entry's.</summary>
    public Guid TargetId { get; set; }

    /// <summary>For an event: each child's entry, "childId:entryId" separated by spaces, so a correction supersedes each.</summary>
    public string? Entries { get; set; }

    public required string Hash { get; set; }

    public required string Line { get; set; }

    public DateTimeOffset FirstImportedAt { get; init; }

    public DateTimeOffset LastImportedAt { get; set; }

    /// <summary>How many times a changed line corrected it.</summary>
    public int Corrections { get; set; }
}

/// <summary>A line an agency's later extract corrected, as it was, with when it was replaced.</summary>
public sealed class SourceRecordVersion
{
    public long Id { get; init; }

    public long SourceRecordId { get; init; }

    public required string Hash { get; init; }

    public required string Line { get; init; }

    public DateTimeOffset ReplacedAt { get; init; }
}
