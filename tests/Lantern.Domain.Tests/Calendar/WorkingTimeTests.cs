using Lantern.Domain.Calendar;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

public sealed class WorkingTimeTests
{
    public static TheoryData<string, DateTimeOffset, double, DateTimeOffset> Examples => new()
    {
        // Working hours are 09:00-17:00 UK time by default.
        { "Within one working day", Utc(2026, 11, 24, 10), 4, Utc(2026, 11, 24, 14) },
        { "Exactly to the cut-off stays on the day", Utc(2026, 11, 24, 13), 4, Utc(2026, 11, 24, 17) },
        { "Across the end of the day", Utc(2026, 11, 24, 15), 4, Utc(2026, 11, 25, 11) },
        { "From the cut-off, into the next morning", Utc(2026, 11, 24, 17), 4, Utc(2026, 11, 25, 13) },
        { "Before the day starts counts from 09:00", Utc(2026, 11, 24, 6), 4, Utc(2026, 11, 24, 13) },
        { "Friday cut-off to Monday", Utc(2026, 11, 27, 17), 4, Utc(2026, 11, 30, 13) },
        { "Saturday counts from Monday", Utc(2026, 11, 28, 12), 4, Utc(2026, 11, 30, 13) },
        { "A whole working day is the same time next working day", Utc(2026, 11, 27, 13), 8, Utc(2026, 11, 30, 13) },
        { "Two working days", Utc(2026, 11, 24, 10), 16, Utc(2026, 11, 26, 10) },
        // Summer bank holiday Monday 31 August 2026 (BST, UTC+1): 17:00 BST is 16:00 UTC.
        { "Friday before a bank holiday Monday", Utc(2026, 8, 28, 16), 4, Utc(2026, 9, 1, 12) },
        // Christmas 2026: Friday 25th and Monday 28th are holidays.
        { "Christmas Eve cut-off", Utc(2026, 12, 24, 17), 4, Utc(2026, 12, 29, 13) },
        // Spring change, Sunday 29 March 2026: Friday 17:00 GMT + 4h is Monday 13:00 BST = 12:00 UTC.
        { "Across the spring clock change", Utc(2026, 3, 27, 17), 4, Utc(2026, 3, 30, 12) },
        // Autumn change, Sunday 25 October 2026: Friday 17:00 BST (16:00 UTC) + 4h is Monday 13:00 GMT.
        { "Across the autumn clock change", Utc(2026, 10, 23, 16), 4, Utc(2026, 10, 26, 13) },
        { "Minutes count", Utc(2026, 11, 24, 16, 30), 0.75, Utc(2026, 11, 25, 9, 15) },
        { "Zero is the start itself, even out of hours", Utc(2026, 11, 28, 12), 0, Utc(2026, 11, 28, 12) },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void AddWorkingTime_Examples_CountOnlyWorkingHours(string because, DateTimeOffset start, double hours, DateTimeOffset expected)
    {
        Assert.True(expected == Default.AddWorkingTime(start, TimeSpan.FromHours(hours)), because);
    }

    [Fact]
    public void AddWorkingTime_ConfiguredWorkingDay_UsesItsHours()
    {
        var calendar = With(o => o with { WorkingDayStart = new TimeSpan(8, 30, 0), CutOff = new TimeSpan(16, 0, 0) });

        // 15:00 + 4h: one hour to 16:00, then 08:30 + 3h = 11:30 next day.
        Assert.Equal(Utc(2026, 11, 25, 11, 30), calendar.AddWorkingTime(Utc(2026, 11, 24, 15), TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromHours(7.5), calendar.WorkingDayLength);
    }

    [Fact]
    public void AddWorkingTime_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Default.AddWorkingTime(Utc(2026, 11, 24, 10), TimeSpan.FromHours(-1)));
    }

    [Fact]
    public void Validate_WorkingDayStartNotBeforeCutOff_NamesTheField()
    {
        var options = new WorkingDayCalendarOptions { WorkingDayStart = new TimeSpan(17, 0, 0) };

        var error = Assert.Single(options.Validate());
        Assert.Equal(nameof(WorkingDayCalendarOptions.WorkingDayStart), error.Field);
    }

    [Fact]
    public void AtLocalTime_SummerAndWinter_UseTheUkOffset()
    {
        Assert.Equal(Utc(2026, 7, 1, 8), Default.AtLocalTime(D(2026, 7, 1), TimeSpan.FromHours(9)));
        Assert.Equal(Utc(2026, 12, 1, 9), Default.AtLocalTime(D(2026, 12, 1), TimeSpan.FromHours(9)));
    }
}
