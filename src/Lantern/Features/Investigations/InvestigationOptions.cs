namespace Lantern.Features.Investigations;

/// <summary>
/// Bound from <c>Lantern:Investigations</c>. Partnerships set how long the senior review of a decision not to
/// prosecute may take, so it is configuration; the ladder it climbs when late is the duties' own.
/// </summary>
public sealed record InvestigationOptions
{
    public const string Section = "Lantern:Investigations";

    /// <summary>Working days after the decision within which its review is due (by the day's cut-off).</summary>
    public int ReviewWorkingDays { get; init; } = 5;

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (ReviewWorkingDays is < 1 or > 60)
        {
            errors.Add((Section + ":" + nameof(ReviewWorkingDays), $"Must be from 1 to 60 working days; it was {ReviewWorkingDays}."));
        }
        return errors;
    }
}
