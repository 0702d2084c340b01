namespace Lantern.Features.Disruption;

/// <summary>
/// Bound from <c>Lantern:Disruption</c>. Partnerships set how often a plan is reviewed and which tactics their
/// catalogue offers, so both are configuration; the ladder an overdue tactic or review climbs is the duties' own.
/// </summary>
public sealed record DisruptionOptions
{
    public const string Section = "Lantern:Disruption";

    /// <summary>The catalogue when the partnership sets none (Home Office Child Exploitation Disruption Toolkit, and local practice).</summary>
    public static IReadOnlyList<string> DefaultTactics { get; } =
    [
        "Child abduction warning notice",
        "Sexual risk order",
        "Sexual harm prevention order",
        "Closure notice and order",
        "Hotel and guest-house information request",
        "Taxi and premises licensing review",
        "Vehicle marker",
        "Arrest",
        "Search warrant",
        "Community protection notice",
        "Slavery and trafficking risk order",
        "Patrol plan",
        "Other",
    ];

    /// <summary>Days (calendar) from a plan's opening, or its last review, to the cut-off of the day its next review is due.</summary>
    public int ReviewIntervalDays { get; init; } = 28;

    /// <summary>The partnership's own catalogue of tactics, in the order offered; null for <see cref="DefaultTactics"/>. It replaces the default list whole.</summary>
    public IReadOnlyList<string>? Tactics { get; init; }

    public IReadOnlyList<string> Catalogue => Tactics is { Count: > 0 } own ? own : DefaultTactics;

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (ReviewIntervalDays is < 1 or > 182)
        {
            errors.Add((Section + ":" + nameof(ReviewIntervalDays), $"Must be from 1 to 182 days; it was {ReviewIntervalDays}."));
        }
        if (Tactics is { } tactics)
        {
            for (var i = 0; i < tactics.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(tactics[i]) || tactics[i].Trim().Length > Domain.Disruption.DisruptionPlan.TacticMaxLength)
                {
                    errors.Add(($"{Section}:{nameof(Tactics)}:{i}", $"Must be a tactic's name of 1 to {Domain.Disruption.DisruptionPlan.TacticMaxLength} characters."));
                }
            }
            if (tactics.Select(t => t?.Trim()).Distinct(StringComparer.Ordinal).Count() != tactics.Count)
            {
                errors.Add((Section + ":" + nameof(Tactics), "Each tactic is named once."));
            }
        }
        return errors;
    }
}
