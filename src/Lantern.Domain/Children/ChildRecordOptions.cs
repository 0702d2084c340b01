namespace Lantern.Domain.Children;

/// <summary>
/// Bound from <c>Lantern:Children</c>. The statutory guidance sets 72 hours for the return home
/// interview and partnerships set their own repeat-missing threshold, so both are configuration.
/// </summary>
public sealed record ChildRecordOptions
{
    public const string Section = "Lantern:Children";

    /// <summary>Hours from the child's return within which the return home interview is due.</summary>
    public int ReturnInterviewHours { get; init; } = 72;

    /// <summary>How many missing episodes within <see cref="RepeatMissingDays"/> make the child a repeat missing child.</summary>
    public int RepeatMissingEpisodes { get; init; } = 3;

    public int RepeatMissingDays { get; init; } = 90;

    /// <summary>The children's social care team told about repeat missing children, by name.</summary>
    public string ExploitationTeam { get; init; } = "Exploitation Team";

    /// <summary>Each problem with the setting it is about, so that a bad setting stops the start with its name.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (ReturnInterviewHours is < 1 or > 24 * 30)
        {
            errors.Add((Section + ":" + nameof(ReturnInterviewHours), $"Must be from 1 to 720 hours; it was {ReturnInterviewHours}."));
        }
        if (RepeatMissingEpisodes is < 2 or > 100)
        {
            errors.Add((Section + ":" + nameof(RepeatMissingEpisodes), $"Must be from 2 to 100 episodes; it was {RepeatMissingEpisodes}."));
        }
        if (RepeatMissingDays is < 1 or > 3660)
        {
            errors.Add((Section + ":" + nameof(RepeatMissingDays), $"Must be from 1 to 3660 days; it was {RepeatMissingDays}."));
        }
        if (string.IsNullOrWhiteSpace(ExploitationTeam))
        {
            errors.Add((Section + ":" + nameof(ExploitationTeam), "Must name the children's social care team told about repeat missing children."));
        }
        return errors;
    }
}
