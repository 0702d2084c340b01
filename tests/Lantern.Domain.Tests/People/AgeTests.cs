using Lantern.Domain.People;

namespace Lantern.Domain.Tests.People;

public sealed class AgeTests
{
    private static readonly DateOnly Born = new(2010, 6, 15);

    [Theory]
    [InlineData(2026, 6, 14, 15)]
    [InlineData(2026, 6, 15, 16)]
    [InlineData(2026, 6, 16, 16)]
    [InlineData(2010, 6, 15, 0)]
    public void InYears_AroundTheBirthday_BirthdayCountsOnTheDay(int year, int month, int day, int expected)
    {
        Assert.Equal(expected, Age.InYears(Born, new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2026, 2, 27, 13)]
    [InlineData(2026, 3, 1, 14)]
    [InlineData(2028, 2, 28, 15)]
    [InlineData(2028, 2, 29, 16)]
    public void InYears_BornOnTheLeapDay_OlderByTheFirstOfMarch(int year, int month, int day, int expected)
    {
        Assert.Equal(expected, Age.InYears(new DateOnly(2012, 2, 29), new DateOnly(year, month, day)));
    }

    [Fact]
    public void On_DateOfBirthKnown_DateOfBirthWinsOverAnEstimate()
    {
        Assert.Equal(16, Age.On(new DateOnly(2026, 6, 15), Born, estimate: 12, estimatedOn: new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void On_EstimateMadeEarlier_MovedOnByWholeYears()
    {
        var made = new DateOnly(2025, 3, 1);

        Assert.Equal(14, Age.On(new DateOnly(2026, 2, 28), null, 14, made));
        Assert.Equal(15, Age.On(new DateOnly(2026, 3, 1), null, 14, made));
        Assert.Equal(16, Age.On(new DateOnly(2027, 3, 1), null, 14, made));
    }

    [Fact]
    public void On_EstimateWithoutItsDate_TakenAsMadeOnTheDay()
    {
        Assert.Equal(14, Age.On(new DateOnly(2030, 1, 1), null, 14));
    }

    [Fact]
    public void On_BeforeTheEstimateWasMade_MovedBackByWholeYears()
    {
        // Within a year before: the estimate as given.
        Assert.Equal(14, Age.On(new DateOnly(2025, 12, 31), null, 14, new DateOnly(2026, 1, 1)));
        Assert.Equal(12, Age.On(new DateOnly(2024, 1, 1), null, 14, new DateOnly(2026, 1, 1)));
        // An adult estimated at 19 today was a child of 16 three years ago, when the offence happened.
        Assert.Equal(16, Age.On(new DateOnly(2023, 12, 7), null, 19, new DateOnly(2026, 12, 7)));
        Assert.Equal(0, Age.On(new DateOnly(2000, 1, 1), null, 3, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void On_NothingKnown_Null()
    {
        Assert.Null(Age.On(new DateOnly(2026, 1, 1), null));
    }
}
