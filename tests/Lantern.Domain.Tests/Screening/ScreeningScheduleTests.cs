using Lantern.Domain.Screening;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Screening;

public sealed class ScreeningScheduleTests
{
    private static readonly ScreeningSchedule Schedule = new(Default, new ScreeningOptions());

    [Fact]
    public void NextDue_NeverScreenedNorAsked_NothingDue() =>
        Assert.Null(Schedule.NextDue(null, Utc(2026, 11, 2, 10), null));

    [Fact]
    public void NextDue_ScreenedOnce_DueThreeMonthsLaterAtTheCutOff()
    {
        // Screened Monday 2 November 2026; 2 February 2027 is a Tuesday.
        var due = Schedule.NextDue(Utc(2026, 11, 2, 10), null, null);

        Assert.Equal(new ScreeningDue(Utc(2027, 2, 2, 17), ScreeningDueReason.Interval), due);
    }

    [Fact]
    public void NextDue_IntervalEndsOnABankHoliday_NextWorkingDay()
    {
        // Three months after 25 September 2026 is Christmas Day (Friday); Monday 28 December is the Boxing Day substitute.
        var due = Schedule.NextDue(Utc(2026, 9, 25, 10), null, null);

        Assert.Equal(Utc(2026, 12, 29, 17), due!.DueBy);
    }

    [Fact]
    public void NextDue_NewEventAfterTheScreening_DueFiveWorkingDaysAfterIt()
    {
        // A missing episode recorded on Friday 27 November 2026: five working days on is Friday 4 December.
        var due = Schedule.NextDue(Utc(2026, 11, 2, 10), Utc(2026, 11, 27, 15), null);

        Assert.Equal(new ScreeningDue(Utc(2026, 12, 4, 17), ScreeningDueReason.NewEvent), due);
    }

    [Fact]
    public void NextDue_EventBeforeTheScreening_DoesNotCount()
    {
        var due = Schedule.NextDue(Utc(2026, 11, 2, 10), Utc(2026, 11, 2, 9), null);

        Assert.Equal(ScreeningDueReason.Interval, due!.Reason);
    }

    [Fact]
    public void NextDue_AskedForAndNeverScreened_DueFiveWorkingDaysAfterTheRequest()
    {
        var due = Schedule.NextDue(null, null, Utc(2026, 11, 27, 15));

        Assert.Equal(new ScreeningDue(Utc(2026, 12, 4, 17), ScreeningDueReason.Requested), due);
    }

    [Fact]
    public void NextDue_RequestAnsweredByALaterScreening_OnlyTheInterval()
    {
        var due = Schedule.NextDue(Utc(2026, 11, 30, 10), null, Utc(2026, 11, 27, 15));

        Assert.Equal(ScreeningDueReason.Interval, due!.Reason);
    }

    [Fact]
    public void NextDue_ConfiguredIntervalAndDays_AreUsed()
    {
        var schedule = new ScreeningSchedule(Default, new ScreeningOptions { RescreenMonths = 1, AfterEventWorkingDays = 2 });

        Assert.Equal(Utc(2026, 12, 2, 17), schedule.NextDue(Utc(2026, 11, 2, 10), null, null)!.DueBy);
        Assert.Equal(Utc(2026, 12, 1, 17), schedule.NextDue(Utc(2026, 11, 2, 10), Utc(2026, 11, 27, 15), null)!.DueBy);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 0)]
    [InlineData(25, 5)]
    public void Options_OutOfRange_NamedBySetting(int months, int days)
    {
        var errors = new ScreeningOptions { RescreenMonths = months, AfterEventWorkingDays = days }.Validate();

        Assert.Single(errors);
        Assert.StartsWith(ScreeningOptions.Section + ":", errors[0].Field, StringComparison.Ordinal);
    }
}
