using System.Globalization;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

/// <summary>
/// Whole years checked against the published England and Wales lists, through the shipped
/// configuration, so that a wrong rule and a wrong or missing one-off change both show up.
/// </summary>
public sealed class OfficialBankHolidayListTests
{
    public static TheoryData<int, string[]> PublishedYears => new()
    {
        { 1995, ["01-02", "04-14", "04-17", "05-08", "05-29", "08-28", "12-25", "12-26"] },
        { 1999, ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28", "12-31"] },
        { 2000, ["01-03", "04-21", "04-24", "05-01", "05-29", "08-28", "12-25", "12-26"] },
        { 2002, ["01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25", "12-26"] },
        { 2011, ["01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27"] },
        { 2012, ["01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26"] },
        { 2019, ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"] },
        { 2020, ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"] },
        { 2021, ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"] },
        { 2022, ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"] },
        { 2023, ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"] },
        { 2024, ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"] },
        { 2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"] },
        { 2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"] },
        { 2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"] },
    };

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void BankHolidays_PublishedYear_MatchesTheOfficialList(int year, string[] monthDays)
    {
        var expected = monthDays.Select(md => DateOnly.ParseExact($"{year}-{md}", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(expected, Default.BankHolidays(year).Select(h => h.Date));
    }

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void IsWorkingDay_PublishedYear_FalseExactlyOnWeekendsAndListedDays(int year, string[] monthDays)
    {
        var holidays = monthDays.Select(md => DateOnly.ParseExact($"{year}-{md}", "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        for (var day = D(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            var expected = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);
            Assert.True(expected == Default.IsWorkingDay(day), $"{day:yyyy-MM-dd} working day should be {expected}");
        }
    }

    [Fact]
    public void BankHolidays_2022_NamesTheSubstituteAndExtraDays()
    {
        var names = Default.BankHolidays(2022).ToDictionary(h => h.Date, h => h.Name);
        Assert.Equal("New Year's Day (substitute day)", names[D(2022, 1, 3)]);
        Assert.Equal("Spring bank holiday", names[D(2022, 6, 2)]);
        Assert.Equal("Platinum Jubilee bank holiday", names[D(2022, 6, 3)]);
        Assert.Equal("Boxing Day", names[D(2022, 12, 26)]);
        Assert.Equal("Christmas Day (substitute day)", names[D(2022, 12, 27)]);
    }
}
