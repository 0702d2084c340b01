namespace Lantern.Linking;

/// <summary>One agency's record of a person, as given: every field but the id may be absent.</summary>
public sealed record PersonRecord(string Id)
{
    public string? Given { get; init; }

    public string? Family { get; init; }

    public string? DateOfBirth { get; init; }

    public string? Sex { get; init; }

    public string? Postcode { get; init; }

    public string? Address { get; init; }

    public string? Locality { get; init; }

    public string? Phone { get; init; }

    public string? Identifier { get; init; }

    public string? Email { get; init; }

    public string? VehicleRegistration { get; init; }
}
