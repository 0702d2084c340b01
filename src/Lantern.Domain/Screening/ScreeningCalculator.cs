using Lantern.Domain.Children;

namespace Lantern.Domain.Screening;

/// <summary>One ticked indicator: which, and when it was last seen.</summary>
public sealed record ScreeningAnswer(string IndicatorId, DateOnly ObservedOn);

/// <summary>What the system knows about the child that the raise-only rules ask about.</summary>
public sealed record ScreeningFacts(DateOnly Today, int? AgeInYears, bool RepeatMissing);

/// <summary>What one ticked indicator added to the score and why: its weight, how much recency left of it.</summary>
public sealed record IndicatorContribution(
    string IndicatorId,
    string Text,
    ScreeningSectionKind Section,
    DateOnly ObservedOn,
    decimal Weight,
    decimal Factor,
    decimal Points);

/// <summary>A raise-only rule that applied, and the band it raises the result to at least.</summary>
public sealed record AppliedRule(string Id, string Reason, LevelOfConcern AtLeast);

/// <summary>
/// The supporting band: the score's band, raised by any rule that applies. <see cref="Drivers"/>
/// names the indicators that made the score, largest first; <see cref="Rules"/> those rules.
/// </summary>
public sealed record ScreeningResult(
    decimal Score,
    LevelOfConcern ScoreBand,
    LevelOfConcern Band,
    IReadOnlyList<IndicatorContribution> Contributions,
    IReadOnlyList<AppliedRule> Rules)
{
    public IEnumerable<IndicatorContribution> Drivers => Contributions.Where(c => c.Points > 0).OrderByDescending(c => c.Points).ThenBy(c => c.Section);

    /// <summary>Rules that made the band higher than the score alone.</summary>
    public IEnumerable<AppliedRule> RaisedBy => Rules.Where(r => r.AtLeast > ScoreBand);
}

/// <summary>Works out the supporting band from a tool, the ticked indicators and what the system knows.</summary>
public static class ScreeningCalculator
{
    public static ScreeningResult Compute(ScreeningTool tool, IReadOnlyCollection<ScreeningAnswer> answers, ScreeningFacts facts)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(facts);
        var recency = tool.Recency ?? new RecencyRule();
        var contributions = new List<IndicatorContribution>();
        foreach (var answer in answers.GroupBy(a => a.IndicatorId, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.ObservedOn)!))
        {
            var found = tool.AllIndicators.FirstOrDefault(p => p.Indicator.Id == answer.IndicatorId);
            if (found.Indicator is null)
            {
                throw new ArgumentException($"The tool {tool.Key} has no indicator \"{answer.IndicatorId}\".", nameof(answers));
            }
            var weight = found.Indicator.Weight ?? 0;
            var factor = found.Indicator.Recency ? RecencyFactor(recency, answer.ObservedOn, facts.Today) : 1m;
            // Two decimal places, rounded the same way everywhere, so the stored score and its band always agree.
            var points = Math.Round(weight * factor, 2, MidpointRounding.AwayFromZero);
            contributions.Add(new(answer.IndicatorId, found.Indicator.Text!, found.Section.Kind!.Value, answer.ObservedOn, weight, factor, points));
        }
        var score = contributions.Sum(c => c.Points);
        var scoreBand = BandFor(tool, score);

        var ticked = contributions.Select(c => c.IndicatorId).ToHashSet(StringComparer.Ordinal);
        // A risk or harm indicator is present when it still counts: one last seen beyond the recency window does not.
        var riskOrHarm = contributions.Any(c => c.Points > 0 && c.Section is ScreeningSectionKind.RiskIndicators or ScreeningSectionKind.HarmIndicators);
        var rules = new List<AppliedRule>();
        foreach (var rule in tool.Rules ?? [])
        {
            var applies = rule.Kind switch
            {
                ScreeningRuleKind.AgeAtOrUnder => facts.AgeInYears is { } age && age <= rule.Age && riskOrHarm,
                ScreeningRuleKind.IndicatorTicked => ticked.Contains(rule.Indicator!) && (!rule.WithRiskOrHarm || riskOrHarm),
                ScreeningRuleKind.RepeatMissing => facts.RepeatMissing,
                null => false,
                _ => throw new ArgumentOutOfRangeException(nameof(tool), rule.Kind, "Unknown rule kind"),
            };
            if (applies)
            {
                rules.Add(new(rule.Id!, rule.Reason!, rule.AtLeast!.Value));
            }
        }
        var band = rules.Select(r => r.AtLeast).Append(scoreBand).Max();
        return new(score, scoreBand, band, contributions, rules);
    }

    /// <summary>1 within the full months, the partial factor within the partial months, 0 after. A date after today counts as today.</summary>
    public static decimal RecencyFactor(RecencyRule recency, DateOnly observedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(recency);
        if (observedOn >= today.AddMonths(-recency.FullMonths))
        {
            return 1m;
        }
        return observedOn >= today.AddMonths(-recency.PartialMonths) ? recency.PartialFactor : 0m;
    }

    public static LevelOfConcern BandFor(ScreeningTool tool, decimal score)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var bands = tool.Bands ?? [];
        return bands.Where(b => b.From <= score).Select(b => b.Level!.Value).DefaultIfEmpty(bands[0].Level!.Value).Max();
    }

    /// <summary>
    /// A level of concern chosen below the supporting band needs a reason and a manager's review: the
    /// practitioner's judgement leads, and a divergence is looked at by someone else, not hidden.
    /// </summary>
    public static bool NeedsReview(LevelOfConcern chosen, LevelOfConcern band) => chosen < band;
}
