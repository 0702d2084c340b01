using Lantern.Domain.Children;
using Lantern.Domain.Screening;

namespace Lantern.Data;

/// <summary>Where a screening whose chosen level is below the supporting band stands with the manager.</summary>
public enum ScreeningReviewStatus
{
    /// <summary>The chosen level is at or above the supporting band: nothing to review.</summary>
    NotNeeded = 1,

    /// <summary>Waiting for a manager to look at the divergence.</summary>
    Awaiting = 2,

    /// <summary>The manager agreed with the practitioner's level.</summary>
    Agreed = 3,

    /// <summary>The manager set a different level.</summary>
    LevelChanged = 4,
}

/// <summary>
/// One exploitation screening of a child: the indicators ticked with their evidence, the supporting
/// band the tool worked out, and the practitioner's own level of concern, which is the result.
/// Never changed afterwards except by the manager's review.
/// </summary>
public sealed class Screening
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; init; }

    public Child? Child { get; init; }

    public required string ToolId { get; init; }

    public int ToolVersion { get; init; }

    public required string ToolName { get; init; }

    public DateTimeOffset ScreenedAt { get; init; }

    public Guid ScreenedBy { get; init; }

    public required string ScreenedByName { get; init; }

    public AgencyId AgencyId { get; init; }

    public Agency? Agency { get; init; }

    public TeamId? TeamId { get; init; }

    /// <summary>The child's age in whole years when screened, when known; the rules used it.</summary>
    public int? AgeAtScreening { get; init; }

    public bool RepeatMissing { get; init; }

    public decimal Score { get; init; }

    /// <summary>The band of the score alone.</summary>
    public LevelOfConcern ScoreBand { get; init; }

    /// <summary>The supporting band: the score's band raised by any rule.</summary>
    public LevelOfConcern ComputedLevel { get; init; }

    /// <summary>The practitioner's level of concern: the result of the screening.</summary>
    public LevelOfConcern ChosenLevel { get; init; }

    /// <summary>Why the chosen level differs from the supporting band; required when it is lower.</summary>
    public string? Reason { get; init; }

    /// <summary>The raise-only rules that applied, one reason a line.</summary>
    public string? RulesApplied { get; init; }

    public ScreeningReviewStatus ReviewStatus { get; private set; } = ScreeningReviewStatus.NotNeeded;

    public Guid? ReviewedBy { get; private set; }

    public string? ReviewedByName { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    public LevelOfConcern? ReviewedLevel { get; private set; }

    public Guid ChronologyEntryId { get; init; }

    public long Version { get; set; }

    public List<ScreeningItem> Items { get; } = [];

    /// <summary>The level that stands: the manager's when they changed it, otherwise the practitioner's.</summary>
    public LevelOfConcern Level => ReviewedLevel ?? ChosenLevel;

    public bool Diverges => ScreeningCalculator.NeedsReview(ChosenLevel, ComputedLevel);

    public void AwaitReviewIfDivergent() => ReviewStatus = Diverges ? ScreeningReviewStatus.Awaiting : ScreeningReviewStatus.NotNeeded;

    /// <summary>The manager's answer to a divergence. Only a screening awaiting review can be reviewed, and only once.</summary>
    public void Review(Guid by, string byName, DateTimeOffset at, LevelOfConcern? newLevel, string? note)
    {
        if (ReviewStatus != ScreeningReviewStatus.Awaiting)
        {
            throw new InvalidOperationException($"Screening {Id} is not awaiting review ({ReviewStatus}).");
        }
        ReviewStatus = newLevel is { } level && level != ChosenLevel ? ScreeningReviewStatus.LevelChanged : ScreeningReviewStatus.Agreed;
        ReviewedLevel = ReviewStatus == ScreeningReviewStatus.LevelChanged ? newLevel : null;
        ReviewedBy = by;
        ReviewedByName = byName;
        ReviewedAt = at;
        ReviewNote = note;
        Version++;
    }
}

/// <summary>One indicator ticked in a screening, with its date, source and evidence, and what it added.</summary>
public sealed class ScreeningItem
{
    public long Id { get; init; }

    public Guid ScreeningId { get; init; }

    public ScreeningSectionKind Section { get; init; }

    public required string IndicatorId { get; init; }

    /// <summary>The indicator's words as the tool had them when screened.</summary>
    public required string Text { get; init; }

    public DateOnly ObservedOn { get; init; }

    public AgencyId SourceAgencyId { get; init; }

    public Agency? SourceAgency { get; init; }

    /// <summary>What was seen or known; null only when <see cref="ConcernOnly"/>.</summary>
    public string? Evidence { get; init; }

    /// <summary>A professional's concern without evidence yet ("gut feeling"), recorded as such.</summary>
    public bool ConcernOnly { get; init; }

    public decimal Weight { get; init; }

    public decimal Factor { get; init; }

    public decimal Points { get; init; }

    /// <summary>The record the system offered it from (a missing episode's reference, a chronology entry), when it did.</summary>
    public string? PrefilledFrom { get; init; }
}
