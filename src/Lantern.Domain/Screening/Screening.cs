using Lantern.Domain.Children;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Screening;

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

/// <summary>One ticked indicator as the practitioner gave it: when it was seen, from which agency, the evidence.</summary>
public sealed record ScreenedIndicator(string IndicatorId, DateOnly ObservedOn, AgencyId SourceAgency, string? Evidence, bool ConcernOnly, string? PrefilledFrom);

/// <summary>
/// One exploitation screening of a child: the indicators ticked with their evidence, the supporting
/// band the tool worked out, and the practitioner's own level of concern, which is the result.
/// Never changed afterwards except by the manager's review.
/// </summary>
public sealed class Screening : IVersioned
{
    public const int NoteMaxLength = 4000;

    private readonly List<ScreeningItem> _items = [];

    private Screening()
    {
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public ChildId ChildId { get; private init; }

    public Child? Child { get; private init; }

    public string ToolId { get; private init; } = "";

    public int ToolVersion { get; private init; }

    public string ToolName { get; private init; } = "";

    public DateTimeOffset ScreenedAt { get; private init; }

    public Guid ScreenedBy { get; private init; }

    public string ScreenedByName { get; private init; } = "";

    public AgencyId AgencyId { get; private init; }

    public Agency? Agency { get; private init; }

    public TeamId? TeamId { get; private init; }

    /// <summary>The child's age in whole years when screened, when known; the rules used it.</summary>
    public int? AgeAtScreening { get; private init; }

    public bool RepeatMissing { get; private init; }

    public decimal Score { get; private init; }

    /// <summary>The band of the score alone.</summary>
    public LevelOfConcern ScoreBand { get; private init; }

    /// <summary>The supporting band: the score's band raised by any rule.</summary>
    public LevelOfConcern ComputedLevel { get; private init; }

    /// <summary>The practitioner's level of concern: the result of the screening.</summary>
    public LevelOfConcern ChosenLevel { get; private init; }

    /// <summary>Why the chosen level differs from the supporting band; required when it is lower.</summary>
    public string? Reason { get; private init; }

    /// <summary>The raise-only rules that applied, one reason a line.</summary>
    public string? RulesApplied { get; private init; }

    public ScreeningReviewStatus ReviewStatus { get; private set; } = ScreeningReviewStatus.NotNeeded;

    public Guid? ReviewedBy { get; private set; }

    public string? ReviewedByName { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    public LevelOfConcern? ReviewedLevel { get; private set; }

    public Guid ChronologyEntryId { get; private init; }

    public long Version { get; private set; }

    public IReadOnlyList<ScreeningItem> Items => _items;

    /// <summary>The level that stands: the manager's when they changed it, otherwise the practitioner's.</summary>
    public LevelOfConcern Level => ReviewedLevel ?? ChosenLevel;

    public bool Diverges => ScreeningCalculator.NeedsReview(ChosenLevel, ComputedLevel);

    /// <summary>
    /// A screening made now with <paramref name="tool"/>: its items as ticked, the supporting band worked
    /// out, and the practitioner's level. When that level is below the band it awaits a manager's review.
    /// </summary>
    public static Screening Record(ChildId child, ScreeningTool tool, Actor by, DateTimeOffset at, ScreeningFacts facts, ScreeningResult result,
        IReadOnlyList<ScreenedIndicator> items, LevelOfConcern chosenLevel, string? reason, Guid chronologyEntry)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(items);
        if (!Enum.IsDefined(chosenLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(chosenLevel), chosenLevel, null);
        }
        var screening = new Screening
        {
            ChildId = child,
            ToolId = tool.Id!,
            ToolVersion = tool.Version!.Value,
            ToolName = tool.Name!,
            ScreenedAt = at,
            ScreenedBy = by.Id,
            ScreenedByName = by.Name,
            AgencyId = by.Agency,
            TeamId = by.Team,
            AgeAtScreening = facts.AgeInYears,
            RepeatMissing = facts.RepeatMissing,
            Score = result.Score,
            ScoreBand = result.ScoreBand,
            ComputedLevel = result.Band,
            ChosenLevel = chosenLevel,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            RulesApplied = result.Rules.Count == 0 ? null : string.Join("\n", result.Rules.Select(r => r.Reason)),
            ChronologyEntryId = chronologyEntry,
        };
        screening.ReviewStatus = screening.Diverges ? ScreeningReviewStatus.Awaiting : ScreeningReviewStatus.NotNeeded;
        foreach (var item in items)
        {
            var contribution = result.Contributions.First(c => c.IndicatorId == item.IndicatorId);
            screening._items.Add(new ScreeningItem(screening.Id, item, contribution));
        }
        return screening;
    }

    /// <summary>
    /// Whether <paramref name="by"/> may review this screening: it awaits review, and they are in the
    /// screener's management line (<see cref="ManagementLine.Covers"/>) and not the screener.
    /// </summary>
    public bool MayBeReviewedBy(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        return ReviewStatus == ScreeningReviewStatus.Awaiting && CheckReviewer(by) is null;
    }

    /// <summary>
    /// Whether <paramref name="by"/> is someone who reviews this screening: in the screener's management line,
    /// and not the screener. Null when they are.
    /// </summary>
    public Failure? CheckReviewer(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.Id == ScreenedBy)
        {
            return Failure.Invalid("Decision", "Another manager must review a screening you made yourself.");
        }
        if (!ManagementLine.Covers(by, AgencyId, TeamId))
        {
            return Failure.Forbidden("Only the screener's team manager, service manager or head of service reviews this screening");
        }
        return null;
    }

    /// <summary>
    /// The manager's answer to a divergence: agree (no <paramref name="newLevel"/>, or the same level), or
    /// set a different level with a note. Only the screener's management line reviews, only once.
    /// </summary>
    public Failure? Review(Actor by, LevelOfConcern? newLevel, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (ReviewStatus == ScreeningReviewStatus.NotNeeded)
        {
            return Failure.Conflict("This screening needs no review: the level chosen is not below the supporting band.", "Decision");
        }
        if (ReviewStatus != ScreeningReviewStatus.Awaiting)
        {
            return Failure.Conflict("This screening has already been reviewed.", "Decision");
        }
        if (CheckReviewer(by) is { } notTheirs)
        {
            return notTheirs;
        }
        if (newLevel is { } level && !Enum.IsDefined(level))
        {
            return Failure.Invalid("NewLevel", "Choose the level of concern you are setting");
        }
        var changed = newLevel is { } l && l != ChosenLevel;
        if (changed && string.IsNullOrWhiteSpace(note))
        {
            return Failure.Invalid("Note", "Say why you are setting a different level");
        }
        if (note is { Length: > NoteMaxLength })
        {
            return Failure.Invalid("Note", $"The note must be {NoteMaxLength:N0} characters or fewer");
        }
        ReviewStatus = changed ? ScreeningReviewStatus.LevelChanged : ScreeningReviewStatus.Agreed;
        ReviewedLevel = changed ? newLevel : null;
        ReviewedBy = by.Id;
        ReviewedByName = by.Name;
        ReviewedAt = at;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}

/// <summary>One indicator ticked in a screening, with its date, source and evidence, and what it added.</summary>
public sealed class ScreeningItem
{
    private ScreeningItem()
    {
    }

    internal ScreeningItem(Guid screening, ScreenedIndicator item, IndicatorContribution contribution)
    {
        ScreeningId = screening;
        Section = contribution.Section;
        IndicatorId = item.IndicatorId;
        Text = contribution.Text;
        ObservedOn = item.ObservedOn;
        SourceAgencyId = item.SourceAgency;
        Evidence = item.ConcernOnly && string.IsNullOrWhiteSpace(item.Evidence) ? null : item.Evidence?.Trim();
        ConcernOnly = item.ConcernOnly;
        Weight = contribution.Weight;
        Factor = contribution.Factor;
        Points = contribution.Points;
        PrefilledFrom = item.PrefilledFrom;
    }

    public long Id { get; private init; }

    public Guid ScreeningId { get; private init; }

    public ScreeningSectionKind Section { get; private init; }

    public string IndicatorId { get; private init; } = "";

    /// <summary>The indicator's words as the tool had them when screened.</summary>
    public string Text { get; private init; } = "";

    public DateOnly ObservedOn { get; private init; }

    public AgencyId SourceAgencyId { get; private init; }

    public Agency? SourceAgency { get; private init; }

    /// <summary>What was seen or known; null only when <see cref="ConcernOnly"/>.</summary>
    public string? Evidence { get; private init; }

    /// <summary>A professional's concern without evidence yet ("gut feeling"), recorded as such.</summary>
    public bool ConcernOnly { get; private init; }

    public decimal Weight { get; private init; }

    public decimal Factor { get; private init; }

    public decimal Points { get; private init; }

    /// <summary>The record the system offered it from (a missing episode's reference, a chronology entry), when it did.</summary>
    public string? PrefilledFrom { get; private init; }
}
