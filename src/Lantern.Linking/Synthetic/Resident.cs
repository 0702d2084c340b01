namespace Lantern.Linking.Synthetic;

/// <summary>An address of the town, shared by everyone who lives there.</summary>
internal sealed record Home(string Postcode, string Line, int District, string? Landline)
{
    public string Locality => SyntheticTown.LocalityOf(District);
}

/// <summary>Why some agencies write another family name for a person.</summary>
internal enum OtherFamilyKind
{
    None,

    /// <summary>A married woman's maiden (or former married) name.</summary>
    Maiden,

    /// <summary>Begum, Bibi, Kauser...: written in place of a South Asian woman's husband's family name.</summary>
    Title,

    /// <summary>A step-child written with the step-parent's family name.</summary>
    StepFamily,

    /// <summary>One part of a double-barrelled name.</summary>
    DoubleBarrelled,

    /// <summary>Singh or Kaur written in place of a Sikh family name.</summary>
    Faith,
}

internal enum NameSuffix
{
    None,
    Junior,
    Senior,
}

/// <summary>One person of the synthetic town while it is being made: who they are, where they live, their phones.</summary>
internal sealed class Resident(int index, Community community, bool male, DateOnly dateOfBirth, int household, HouseholdRole role, Home home, DateOnly ageOn)
{
    public int Index { get; } = index;

    public Community Community { get; } = community;

    public bool Male { get; } = male;

    public DateOnly DateOfBirth { get; } = dateOfBirth;

    /// <summary>Age on the day the town is as made (<see cref="SyntheticHouseholds.ReferenceDate"/> unless the builder was given another).</summary>
    public int Age { get; } = SyntheticTown.Age(dateOfBirth, ageOn);

    public int Household { get; } = household;

    public HouseholdRole Role { get; } = role;

    public Home Home { get; } = home;

    /// <summary>Earlier addresses: a move, or a looked-after child's earlier placements.</summary>
    public Home[] PastHomes { get; set; } = [];

    public int Mother { get; set; } = -1;

    public int Father { get; set; } = -1;

    public int TwinGroup { get; set; } = -1;

    /// <summary>First given name, title case.</summary>
    public string Given { get; set; } = "";

    public string? Middle { get; set; }

    /// <summary>The name the person goes by when it is not the first given name (a short form, or the second name after Mohammed).</summary>
    public string? KnownAs { get; set; }

    public string Family { get; set; } = "";

    public string? OtherFamily { get; set; }

    public OtherFamilyKind OtherKind { get; set; }

    public NameSuffix Suffix { get; set; }

    public string Nhs { get; set; } = "";

    public string? Mobile { get; set; }

    /// <summary>The number the person had at their past address, when they changed it on moving.</summary>
    public string? PreviousMobile { get; set; }

    /// <summary>For a child, the parent's mobile or the home landline that agencies take as the contact.</summary>
    public string? Contact { get; set; }
}
