namespace Lantern.Security;

/// <summary>
/// What an agency system may read and write through one API endpoint. Every endpoint an agency system
/// can call declares it (<see cref="AgencySystemEndpoints.ForAgencySystems{TBuilder}"/>), and the data
/// scope enforces it: a system reads back only what its own agency recorded, adds to the record of a
/// child whose id it holds, and changes only its own agency's records.
/// </summary>
[Flags]
public enum SystemAccess
{
    None = 0,

    /// <summary>Write: a new referral from its agency.</summary>
    RaiseReferrals = 1,

    /// <summary>Read: the referrals its agency raised.</summary>
    ReadOwnReferrals = 2,

    /// <summary>Write: an event on the chronology of a child whose id it holds.</summary>
    AddToChronology = 4,

    /// <summary>Write: a correction of an entry its own agency made.</summary>
    CorrectOwnEntries = 8,

    /// <summary>Write: a missing episode about a child whose id it holds.</summary>
    RecordMissingEpisodes = 16,

    /// <summary>Write: the return on a missing episode its own agency recorded.</summary>
    UpdateOwnMissingEpisodes = 32,

    /// <summary>Read: the missing episodes its own agency recorded.</summary>
    ReadOwnMissingEpisodes = 64,

    /// <summary>Read: records of children its agency is involved with (their screenings: levels, and its own agency's evidence).</summary>
    ReadInvolvedChildren = 128,

    /// <summary>Reads and writes nothing stored (the language check).</summary>
    NothingStored = 256,

    /// <summary>Write: its own agency's extract; read: its own agency's imported records with what Lantern made of them (the export).</summary>
    ImportOwnExtract = 512,

    /// <summary>Write: a crime about a child whose id it holds (police and prosecution systems).</summary>
    RecordCrimes = 1024,

    /// <summary>Write: a decision on a crime its own agency recorded.</summary>
    UpdateOwnCrimes = 2048,

    /// <summary>Read: the crimes its own agency recorded, with their decisions and reviews.</summary>
    ReadOwnCrimes = 4096,
}

/// <summary>Endpoint metadata: what an agency system may do through the endpoint.</summary>
public sealed record AgencySystemAccess(SystemAccess Access);

public static class AgencySystemEndpoints
{
    /// <summary>Declares what an agency system may read and write through this endpoint; the data scope holds it to that.</summary>
    public static TBuilder ForAgencySystems<TBuilder>(this TBuilder builder, SystemAccess access)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new AgencySystemAccess(access));
    }
}
