using Lantern.Domain.Children;
using Lantern.Domain.Screening;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Screening;

public sealed class ScreeningCalculatorTests
{
    private static readonly DateOnly Today = D(2026, 11, 29);

    /// <summary>The shipped tool: vulnerabilities weigh 1, risk indicators 2, harm indicators 5; bands start at 0, 4, 9 and 15.</summary>
    private static ScreeningTool Tool => ScreeningToolFixture.Shipped;

    private static ScreeningFacts Fifteen => new(Today, AgeInYears: 15, RepeatMissing: false);

    private static ScreeningResult Compute(ScreeningFacts facts, params (string Id, DateOnly On)[] ticked) =>
        ScreeningCalculator.Compute(Tool, [.. ticked.Select(t => new ScreeningAnswer(t.Id, t.On))], facts);

    [Fact]
    public void Compute_NothingTicked_NoCurrentConcern()
    {
        var result = Compute(Fifteen);

        Assert.Equal(0m, result.Score);
        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.Band);
        Assert.Empty(result.Drivers);
    }

    [Theory]
    [InlineData(3, LevelOfConcern.NoCurrentConcern)]
    [InlineData(4, LevelOfConcern.Emerging)]
    [InlineData(8, LevelOfConcern.Emerging)]
    [InlineData(9, LevelOfConcern.Moderate)]
    [InlineData(14, LevelOfConcern.Moderate)]
    [InlineData(15, LevelOfConcern.Significant)]
    [InlineData(40, LevelOfConcern.Significant)]
    public void BandFor_ScoreAtEachBoundary_TheBandThatStartsThere(int score, LevelOfConcern expected) =>
        Assert.Equal(expected, ScreeningCalculator.BandFor(Tool, score));

    [Fact]
    public void Compute_WeightsBySection_AddUpAndNameTheDrivers()
    {
        var result = Compute(Fifteen,
            ("low-self-esteem", D(2020, 1, 1)),
            ("unknown-adults-contacting", D(2026, 11, 1)),
            ("unexplained-money-or-gifts", D(2026, 10, 1)));

        Assert.Equal(1m + 2m + 5m, result.Score);
        Assert.Equal(LevelOfConcern.Emerging, result.Band);
        Assert.Equal(["unexplained-money-or-gifts", "unknown-adults-contacting", "low-self-esteem"], result.Drivers.Select(d => d.IndicatorId));
        Assert.Equal(ScreeningSectionKind.HarmIndicators, result.Drivers.First().Section);
    }

    [Fact]
    public void Compute_TwoHarmIndicatorsWithinSixMonths_Moderate()
    {
        var result = Compute(Fifteen, ("cars-with-unknown-adults", D(2026, 6, 1)), ("unexplained-money-or-gifts", D(2026, 11, 20)));

        Assert.Equal(10m, result.Score);
        Assert.Equal(LevelOfConcern.Moderate, result.Band);
    }

    [Theory]
    [InlineData(2026, 11, 29, 1.0)] // today
    [InlineData(2026, 5, 29, 1.0)]  // exactly six months ago: still counts fully
    [InlineData(2026, 5, 28, 0.2)]  // a day more: counts a fifth
    [InlineData(2025, 11, 29, 0.2)] // exactly twelve months ago
    [InlineData(2025, 11, 28, 0.0)] // older: not at all
    [InlineData(2027, 1, 1, 1.0)]   // a date after today counts as current
    public void Compute_RecencyOfAHarmIndicator_FadesAfterSixAndTwelveMonths(int year, int month, int day, double factor)
    {
        var result = Compute(Fifteen, ("unexplained-injuries", D(year, month, day)));

        var contribution = Assert.Single(result.Contributions);
        Assert.Equal((decimal)factor, contribution.Factor);
        Assert.Equal(5m * (decimal)factor, result.Score);
    }

    [Fact]
    public void Compute_VulnerabilityWithoutRecency_CountsFullyHowEverOld()
    {
        var result = Compute(Fifteen, ("previous-sexual-abuse", D(2015, 3, 1)));

        Assert.Equal(1m, Assert.Single(result.Contributions).Factor);
        Assert.Equal(1m, result.Score);
    }

    [Fact]
    public void Compute_SameIndicatorTwice_CountsOnceAtItsLatestDate()
    {
        var result = Compute(Fifteen, ("unexplained-injuries", D(2025, 1, 1)), ("unexplained-injuries", D(2026, 11, 1)));

        Assert.Equal(5m, result.Score);
    }

    [Fact]
    public void Compute_Aged13WithOneRiskIndicator_RaisedToModerate()
    {
        var result = Compute(Fifteen with { AgeInYears = 13 }, ("absent-from-education", D(2026, 11, 1)));

        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.ScoreBand);
        Assert.Equal(LevelOfConcern.Moderate, result.Band);
        Assert.Equal("aged-13-or-under", Assert.Single(result.RaisedBy).Id);
    }

    [Fact]
    public void Compute_Aged14WithOneRiskIndicator_NotRaised()
    {
        var result = Compute(Fifteen with { AgeInYears = 14 }, ("absent-from-education", D(2026, 11, 1)));

        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.Band);
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void Compute_Aged12WithOnlyVulnerabilities_NotRaised()
    {
        var result = Compute(Fifteen with { AgeInYears = 12 }, ("family-breakdown", D(2026, 11, 1)));

        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.Band);
    }

    [Fact]
    public void Compute_Aged12WithARiskIndicatorOlderThanTwelveMonths_NotRaised()
    {
        // It no longer counts towards the score, so it is not "present" for the rule either.
        var result = Compute(Fifteen with { AgeInYears = 12 }, ("absent-from-education", D(2025, 6, 1)));

        Assert.Equal(0m, result.Score);
        Assert.Empty(result.Rules);
        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.Band);
    }

    [Fact]
    public void Compute_PartialRecencyOfAnOddWeight_RoundsPointsToTwoPlaces()
    {
        var tool = Tool with
        {
            Sections = [.. Tool.Sections!.Select(s => s with { Indicators = [.. s.Indicators!.Select(i => i.Id == "unexplained-injuries" ? i with { Weight = 1.33m } : i)] })],
        };

        var result = ScreeningCalculator.Compute(tool, [new ScreeningAnswer("unexplained-injuries", D(2026, 1, 1))], Fifteen);

        Assert.Equal(0.27m, result.Score);
    }

    [Fact]
    public void Compute_AgeUnknown_AgeRuleDoesNotApply()
    {
        var result = Compute(Fifteen with { AgeInYears = null }, ("absent-from-education", D(2026, 11, 1)));

        Assert.Empty(result.Rules);
    }

    [Fact]
    public void Compute_LearningDisabilityWithARiskIndicator_RaisedToModerate()
    {
        var result = Compute(Fifteen, ("learning-disability", D(2019, 1, 1)), ("worrying-phone-or-online", D(2026, 11, 1)));

        Assert.Equal(3m, result.Score);
        Assert.Equal(LevelOfConcern.Moderate, result.Band);
        Assert.Equal("learning-disability", Assert.Single(result.RaisedBy).Id);
    }

    [Fact]
    public void Compute_LearningDisabilityAlone_NotRaised()
    {
        var result = Compute(Fifteen, ("learning-disability", D(2019, 1, 1)));

        Assert.Equal(LevelOfConcern.NoCurrentConcern, result.Band);
    }

    [Fact]
    public void Compute_Disclosure_RaisedToSignificantEvenWhenOld()
    {
        // A disclosure two years ago scores nothing by recency, but the rule still applies: a disclosure is never forgotten.
        var result = Compute(Fifteen, ("disclosure", D(2024, 11, 1)));

        Assert.Equal(0m, result.Score);
        Assert.Equal(LevelOfConcern.Significant, result.Band);
        Assert.Equal("disclosure", Assert.Single(result.RaisedBy).Id);
    }

    [Fact]
    public void Compute_RepeatMissingChild_RaisedToModerateWithNothingTicked()
    {
        var result = Compute(Fifteen with { RepeatMissing = true });

        Assert.Equal(LevelOfConcern.Moderate, result.Band);
        Assert.Equal("repeat-missing", Assert.Single(result.RaisedBy).Id);
    }

    [Fact]
    public void Compute_RulesOnlyRaise_ScoreAboveTheRuleKeepsItsBand()
    {
        // 4 harm indicators (20) is significant; being 12 (moderate at least) must not lower it.
        var result = Compute(Fifteen with { AgeInYears = 12 },
            ("cars-with-unknown-adults", D(2026, 11, 1)),
            ("unexplained-money-or-gifts", D(2026, 11, 1)),
            ("unexplained-injuries", D(2026, 11, 1)),
            ("places-linked-with-exploitation", D(2026, 11, 1)));

        Assert.Equal(LevelOfConcern.Significant, result.ScoreBand);
        Assert.Equal(LevelOfConcern.Significant, result.Band);
        Assert.Single(result.Rules);
        Assert.Empty(result.RaisedBy);
    }

    [Fact]
    public void Compute_UnknownIndicator_Throws() =>
        Assert.Throws<ArgumentException>(() => Compute(Fifteen, ("not-an-indicator", Today)));

    [Theory]
    [InlineData(LevelOfConcern.Emerging, LevelOfConcern.Moderate, true)]
    [InlineData(LevelOfConcern.NoCurrentConcern, LevelOfConcern.Significant, true)]
    [InlineData(LevelOfConcern.Moderate, LevelOfConcern.Moderate, false)]
    [InlineData(LevelOfConcern.Significant, LevelOfConcern.Emerging, false)]
    public void NeedsReview_OnlyWhenTheChosenLevelIsLower(LevelOfConcern chosen, LevelOfConcern band, bool expected) =>
        Assert.Equal(expected, ScreeningCalculator.NeedsReview(chosen, band));
}
