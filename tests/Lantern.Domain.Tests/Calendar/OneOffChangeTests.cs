using Lantern.Domain.Calendar;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

/// <summary>Every one-off change in the shipped file, read from the file itself.</summary>
public sealed class OneOffChangeTests
{
    private static readonly (string From, string To, string Reason)[] MoveRows =
    [
        ("1995-05-01", "1995-05-08", "VE Day"),
        ("2002-05-27", "2002-06-04", "Golden Jubilee"),
        ("2012-05-28", "2012-06-04", "Diamond Jubilee"),
        ("2020-05-04", "2020-05-08", "VE Day"),
        ("2022-05-30", "2022-06-02", "Platinum Jubilee"),
    ];

    private static readonly (string Date, string Reason)[] AdditionRows =
    [
        ("1981-07-29", "Wedding of Prince Charles"),
        ("1999-12-31", "Millennium"),
        ("2002-06-03", "Golden Jubilee"),
        ("2011-04-29", "Wedding of Prince William"),
        ("2012-06-05", "Diamond Jubilee"),
        ("2022-06-03", "Platinum Jubilee"),
        ("2022-09-19", "State funeral of Queen Elizabeth II"),
        ("2023-05-08", "Coronation of King Charles III"),
    ];

    public static TheoryData<string, string, string> Moves
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (from, to, reason) in MoveRows)
            {
                data.Add(from, to, reason);
            }

            return data;
        }
    }

    public static TheoryData<string, string> Additions
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (date, reason) in AdditionRows)
            {
                data.Add(date, reason);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void ShippedCalendar_MovedHoliday_IsTakenOnTheNewDayNotTheOld(string from, string to, string reason)
    {
        var fromDate = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var toDate = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Default.IsWorkingDay(fromDate), $"{from} should be a working day");
        Assert.False(Default.IsWorkingDay(toDate), $"{to} should be a bank holiday");
        Assert.Contains(reason, Default.BankHolidayOn(toDate)!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Additions))]
    public void ShippedCalendar_AddedHoliday_IsNotAWorkingDay(string date, string reason)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(EnglandAndWalesBankHolidays.ByRule(day.Year).All(h => h.Date != day), "the rules alone must not give this day");
        Assert.False(Default.IsWorkingDay(day));
        Assert.Contains(reason, Default.BankHolidayOn(day)!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedFile_EveryChange_IsListedAbove()
    {
        // A change added to the file without a test here, or dropped from it, fails this test.
        var tested = MoveRows.Select(row => $"moved {row.From} to {row.To}")
            .Concat(AdditionRows.Select(row => $"added {row.Date}"))
            .Order(StringComparer.Ordinal);
        var shipped = Shipped.Changes
            .Select(c => c.Kind switch
            {
                CalendarChangeKind.Moved => $"moved {c.MovedFrom:yyyy-MM-dd} to {c.Date:yyyy-MM-dd}",
                CalendarChangeKind.Added => $"added {c.Date:yyyy-MM-dd}",
                CalendarChangeKind.Removed => $"removed {c.Date:yyyy-MM-dd}",
                _ => "no kind",
            })
            .Order(StringComparer.Ordinal);
        Assert.Equal(tested, shipped);
    }

    [Fact]
    public void ShippedFile_Validate_HasNoErrors()
    {
        Assert.Empty(new WorkingDayCalendarOptions { Changes = Shipped.Changes }.Validate());
        Assert.All(Shipped.Changes, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void ShippedCalendar_MovedSpringHolidayWithoutName_KeepsItsName()
    {
        Assert.Equal("Spring bank holiday", Default.BankHolidayOn(D(2012, 6, 4))!.Name);
    }

    [Fact]
    public void Calendar_WithoutChanges_KeepsTheRuleDays()
    {
        var rulesOnly = new WorkingDayCalendar(new WorkingDayCalendarOptions());
        Assert.True(rulesOnly.IsWorkingDay(D(2023, 5, 8)));
        Assert.False(rulesOnly.IsWorkingDay(D(2022, 5, 30)));
    }

    [Fact]
    public void Calendar_RemovedHoliday_BecomesAWorkingDay()
    {
        var calendar = With(o => o with
        {
            Changes = [.. o.Changes, new CalendarChange { Kind = CalendarChangeKind.Removed, Date = D(2030, 8, 26), Reason = "Partnership works the summer holiday" }],
        });
        Assert.True(calendar.IsWorkingDay(D(2030, 8, 26)));
        Assert.DoesNotContain(calendar.BankHolidays(2030), h => h.Date == D(2030, 8, 26));
    }

    [Fact]
    public void Calendar_AddedHolidayWithoutName_TakesTheReasonAsName()
    {
        var calendar = With(o => o with
        {
            Changes = [new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 7, 1), Reason = "Local day of mourning" }],
        });
        Assert.Equal(new BankHoliday(D(2031, 7, 1), "Local day of mourning", "Local day of mourning"), calendar.BankHolidayOn(D(2031, 7, 1)));
    }

    [Fact]
    public void Calendar_HolidayMovedIntoTheNextYear_LeavesOneYearAndJoinsTheOther()
    {
        var calendar = With(o => o with
        {
            Changes = [new CalendarChange { Kind = CalendarChangeKind.Moved, MovedFrom = D(2030, 12, 26), Date = D(2031, 1, 2), Reason = "Moved by proclamation" }],
        });
        Assert.True(calendar.IsWorkingDay(D(2030, 12, 26)));
        Assert.Equal("Boxing Day", calendar.BankHolidayOn(D(2031, 1, 2))!.Name);
        Assert.Equal(D(2031, 1, 3), calendar.NextWorkingDay(D(2031, 1, 1)));
    }
}
