namespace Lantern.Domain.Partnership;

/// <summary>Strongly typed so an agency's id can never be passed where a team's is meant.</summary>
public readonly record struct AgencyId(Guid Value)
{
    public static AgencyId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

public readonly record struct TeamId(Guid Value)
{
    public static TeamId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
