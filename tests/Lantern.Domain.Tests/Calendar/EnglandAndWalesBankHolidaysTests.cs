using Lantern.Domain.Calendar;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

public sealed class EnglandAndWalesBankHolidaysTests
{
    [Theory]
    [InlineData(1818, 3, 22)] // earliest possible date
    [InlineData(1943, 4, 25)] // latest possible date
    [InlineData(1995, 4, 16)]
    [InlineData(1999, 4, 4)]
    [InlineData(2000, 4, 23)]
    [InlineData(2002, 3, 31)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2016, 3, 27)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_KnownYear_IsTheChurchDate(int year, int month, int day)
    {
        Assert.Equal(D(year, month, day), EnglandAndWalesBankHolidays.EasterSunday(year));
    }

    [Fact]
    public void EasterSunday_EveryYear_IsASundayFrom22MarchTo25April()
    {
        for (var year = 1583; year <= 9999; year++)
        {
            var easter = EnglandAndWalesBankHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, D(year, 3, 22), D(year, 4, 25));
        }
    }

    [Fact]
    public void ByRule_EveryYear_GivesEightWeekdaysInOrder()
    {
        for (var year = EnglandAndWalesBankHolidays.FirstSupportedYear; year <= 2200; year++)
        {
            var holidays = EnglandAndWalesBankHolidays.ByRule(year);
            Assert.Equal(8, holidays.Count);
            Assert.All(holidays, h => Assert.NotEqual(DayOfWeek.Saturday, h.Date.DayOfWeek));
            Assert.All(holidays, h => Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek));
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            Assert.Equal(holidays.Select(h => h.Date).Order(), holidays.Select(h => h.Date));
            Assert.Equal(8, holidays.Select(h => h.Date).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(1977)]
    [InlineData(9999)]
    public void ByRule_YearOutsideTheRules_Throws(int year)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EnglandAndWalesBankHolidays.ByRule(year));
        Assert.Contains("1978", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByRule_2026_MovableHolidaysFollowTheirRules()
    {
        var holidays = EnglandAndWalesBankHolidays.ByRule(2026).ToDictionary(h => h.Name, h => h.Date);
        Assert.Equal(D(2026, 4, 3), holidays[EnglandAndWalesBankHolidays.GoodFriday]);
        Assert.Equal(D(2026, 4, 6), holidays[EnglandAndWalesBankHolidays.EasterMonday]);
        Assert.Equal(D(2026, 5, 4), holidays[EnglandAndWalesBankHolidays.EarlyMay]); // first Monday
        Assert.Equal(D(2026, 5, 25), holidays[EnglandAndWalesBankHolidays.Spring]); // last Monday of May
        Assert.Equal(D(2026, 8, 31), holidays[EnglandAndWalesBankHolidays.Summer]); // last Monday of August, on the 31st
    }

    [Fact]
    public void ByRule_MayWithFiveMondays_SpringIsTheLastNotTheFourth()
    {
        // May 2021 has Mondays 3, 10, 17, 24 and 31.
        Assert.Contains(EnglandAndWalesBankHolidays.ByRule(2021), h => h.Date == D(2021, 5, 31) && h.Name == EnglandAndWalesBankHolidays.Spring);
    }

    [Fact]
    public void ByRule_MayStartingOnMonday_EarlyMayIsThe1st()
    {
        Assert.Contains(EnglandAndWalesBankHolidays.ByRule(2023), h => h.Date == D(2023, 5, 1) && h.Name == EnglandAndWalesBankHolidays.EarlyMay);
    }

    public static TheoryData<int, string[]> Substitutes => new()
    {
        // Christmas Saturday, Boxing Day Sunday: Monday 27th and Tuesday 28th.
        { 2021, ["2021-12-27 Christmas Day (substitute day)", "2021-12-28 Boxing Day (substitute day)"] },
        { 2027, ["2027-12-27 Christmas Day (substitute day)", "2027-12-28 Boxing Day (substitute day)"] },
        // Christmas Sunday: Boxing Day keeps Monday 26th, Christmas moves to Tuesday 27th.
        { 2022, ["2022-12-26 Boxing Day", "2022-12-27 Christmas Day (substitute day)"] },
        { 2033, ["2033-12-26 Boxing Day", "2033-12-27 Christmas Day (substitute day)"] },
        // Christmas Friday, Boxing Day Saturday: Monday 28th.
        { 2020, ["2020-12-25 Christmas Day", "2020-12-28 Boxing Day (substitute day)"] },
        { 2026, ["2026-12-25 Christmas Day", "2026-12-28 Boxing Day (substitute day)"] },
    };

    [Theory]
    [MemberData(nameof(Substitutes))]
    public void ByRule_ChristmasAtAWeekend_TakesTheNextFreeWeekdays(int year, string[] expected)
    {
        var christmas = EnglandAndWalesBankHolidays.ByRule(year)
            .Where(h => h.Date.Month == 12)
            .Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}");
        Assert.Equal(expected, christmas);
    }

    [Theory]
    [InlineData(2022, 3)] // Saturday 1 January
    [InlineData(2023, 2)] // Sunday 1 January
    [InlineData(2000, 3)]
    [InlineData(2028, 3)]
    [InlineData(2034, 2)]
    public void ByRule_NewYearsDayAtAWeekend_IsTheNextMonday(int year, int day)
    {
        var newYear = Assert.Single(EnglandAndWalesBankHolidays.ByRule(year), h => h.Date.Month == 1);
        Assert.Equal(D(year, 1, day), newYear.Date);
        Assert.Equal(DayOfWeek.Monday, newYear.Date.DayOfWeek);
        Assert.Equal("New Year's Day (substitute day)", newYear.Name);
    }
}
