namespace Lantern.Domain.Partnership;

/// <summary>An organisation of the partnership: a police force, a trust, a school, children's social care.</summary>
public sealed class Agency
{
    private Agency()
    {
    }

    public AgencyId Id { get; private init; } = AgencyId.New();

    public string Name { get; private set; } = "";

    public AgencyKind Kind { get; private set; }

    /// <summary>The short code an agency's extracts name it by (NBP for Northbridge Police); unique when set.</summary>
    public string? Code { get; private set; }

    public const int CodeMaxLength = 20;

    public DateTimeOffset CreatedAt { get; private init; }

    public IReadOnlyList<Team> Teams => _teams;

    private readonly List<Team> _teams = [];

    public const int NameMaxLength = 200;

    /// <summary>A new agency; the problem keyed by field, or the agency.</summary>
    public static Result<Agency> Create(string? name, AgencyKind kind, DateTimeOffset at)
    {
        if (StorableText.Check(name, "Name", TextShape.OneLine, required: "Enter the agency's name") is { } problem)
        {
            return Failure.Invalid("Name", problem);
        }
        if (name!.Trim().Length > NameMaxLength)
        {
            return Failure.Invalid("Name", $"Name must be {NameMaxLength} characters or fewer");
        }
        if (!Enum.IsDefined(kind))
        {
            return Failure.Invalid("Kind", "Select what kind of agency it is");
        }
        return new Agency { Name = name.Trim(), Kind = kind, CreatedAt = at };
    }

    /// <summary>Gives the agency the code its extracts use, once; a code already given stays.</summary>
    public void GiveCode(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code ??= code.Trim();
    }

    /// <summary>Adds a team of this agency; the caller saves.</summary>
    public Result<Team> AddTeam(string? name, DateTimeOffset at)
    {
        if (StorableText.Check(name, "Name", TextShape.OneLine, required: "Enter the team's name") is { } problem)
        {
            return Failure.Invalid("Name", problem);
        }
        if (name!.Trim().Length > NameMaxLength)
        {
            return Failure.Invalid("Name", $"Name must be {NameMaxLength} characters or fewer");
        }
        if (_teams.Any(t => string.Equals(t.Name, name.Trim(), StringComparison.Ordinal)))
        {
            return Failure.Invalid("Name", $"{Name} already has a team with this name");
        }
        var team = new Team(Id, name.Trim(), at);
        _teams.Add(team);
        return team;
    }
}

/// <summary>A team within an agency: the front door, an exploitation team, a school's safeguarding team.</summary>
public sealed class Team
{
    private Team()
    {
    }

    internal Team(AgencyId agency, string name, DateTimeOffset at)
    {
        AgencyId = agency;
        Name = name;
        CreatedAt = at;
    }

    public TeamId Id { get; private init; } = TeamId.New();

    public AgencyId AgencyId { get; private init; }

    public Agency? Agency { get; private init; }

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private init; }
}
