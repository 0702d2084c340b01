using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

public sealed class WorkingDayTests
{
    [Theory]
    [InlineData(2026, 11, 30, true)] // Monday
    [InlineData(2026, 11, 28, false)] // Saturday
    [InlineData(2026, 11, 29, false)] // Sunday
    [InlineData(2026, 12, 28, false)] // Boxing Day substitute
    [InlineData(2023, 5, 8, false)] // coronation
    [InlineData(2023, 5, 9, true)]
    public void IsWorkingDay_Date_IsFalseOnWeekendsAndBankHolidays(int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, Default.IsWorkingDay(D(year, month, day)));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-11-30")] // Friday -> Monday
    [InlineData("2026-11-28", "2026-11-30")] // Saturday -> Monday
    [InlineData("2026-11-30", "2026-12-01")] // a working day itself does not count
    [InlineData("2026-08-28", "2026-09-01")] // over a bank holiday Monday
    [InlineData("2026-04-02", "2026-04-07")] // over Easter
    [InlineData("2026-12-24", "2026-12-29")]
    [InlineData("2022-12-23", "2022-12-28")] // Boxing Day Monday and Christmas substitute Tuesday
    [InlineData("2022-06-01", "2022-06-06")] // Platinum Jubilee Thursday and Friday
    [InlineData("1999-12-30", "2000-01-04")] // Millennium Day 31 December, then New Year substitute 3 January
    public void NextWorkingDay_Date_IsTheFirstWorkingDayAfterIt(string date, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Default.NextWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-11-27", 0)]
    [InlineData("2026-11-27", "2026-11-30", 1)]
    [InlineData("2026-11-27", "2026-11-29", 0)]
    [InlineData("2026-11-30", "2026-11-27", -1)]
    [InlineData("2026-12-01", "2027-01-01", 20)] // 23 weekdays less 25 December, 28 December, 1 January
    [InlineData("2025-12-31", "2026-12-31", 253)] // 261 weekdays less 8 bank holidays
    public void WorkingDaysBetween_TwoDates_CountsWorkingDaysAfterTheFirstUpToTheSecond(string from, string to, int expected)
    {
        Assert.Equal(expected, Default.WorkingDaysBetween(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void WorkingDaysBetween_AddWorkingDays_RoundTripsEveryDayFrom1995To2030()
    {
        for (var day = D(1995, 1, 1); day.Year < 2030; day = day.AddDays(1))
        {
            var n = (day.DayNumber % 12) + 1;
            var later = Default.AddWorkingDays(day, n);
            Assert.Equal(n, Default.WorkingDaysBetween(day, later));
            Assert.True(Default.IsWorkingDay(later));
            Assert.Equal(-n, Default.WorkingDaysBetween(later, day));
        }
    }

    [Fact]
    public void AddWorkingDays_Zero_IsTheSameDay()
    {
        Assert.Equal(D(2026, 11, 28), Default.AddWorkingDays(D(2026, 11, 28), 0));
    }

    [Fact]
    public void IsWorkingDay_BeforeTheRulesBegan_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.IsWorkingDay(D(1977, 6, 7)));
    }

    [Fact]
    public void LocalDate_InstantNearMidnight_IsTheUkDay()
    {
        Assert.Equal(D(2026, 7, 1), Default.LocalDate(Utc(2026, 6, 30, 23, 0)));
        Assert.Equal(D(2026, 12, 31), Default.LocalDate(Utc(2026, 12, 31, 23, 0)));
    }

    [Fact]
    public void ToLocalTime_DueInstant_ShowsUkWallClockOnBothSidesOfTheChange()
    {
        var summer = Default.ToLocalTime(Utc(2026, 3, 30, 16));
        var winter = Default.ToLocalTime(Utc(2026, 10, 26, 17));
        Assert.Equal((new DateTime(2026, 3, 30, 17, 0, 0), TimeSpan.FromHours(1)), (summer.DateTime, summer.Offset));
        Assert.Equal((new DateTime(2026, 10, 26, 17, 0, 0), TimeSpan.Zero), (winter.DateTime, winter.Offset));
    }
}
