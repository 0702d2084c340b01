using Lantern.Domain.Calendar;
using Microsoft.Extensions.Time.Testing;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

public sealed class DecisionDueTests
{
    public static TheoryData<string, DateTimeOffset, DateTimeOffset> Examples => new()
    {
        // Friday 16:00 GMT -> Monday 17:00 GMT.
        { "Friday afternoon", Utc(2026, 11, 27, 16), Utc(2026, 11, 30, 17) },
        // Before the cut-off on a working day still gives the next working day.
        { "Tuesday morning", Utc(2026, 11, 24, 9), Utc(2026, 11, 25, 17) },
        { "Tuesday after the cut-off", Utc(2026, 11, 24, 18), Utc(2026, 11, 25, 17) },
        // Friday 16:00 BST before the summer bank holiday Monday -> Tuesday 17:00 BST.
        { "Friday before a bank holiday Monday", Utc(2026, 8, 28, 15), Utc(2026, 9, 1, 16) },
        // Spring clock change on Sunday 29 March 2026: due Monday 17:00 BST, which is 16:00 UTC.
        { "Saturday before the spring change", Utc(2026, 3, 28, 12), Utc(2026, 3, 30, 16) },
        { "Friday before the spring change", Utc(2026, 3, 27, 16), Utc(2026, 3, 30, 16) },
        { "Sunday of the spring change", Utc(2026, 3, 29, 1, 30), Utc(2026, 3, 30, 16) },
        // Autumn clock change on Sunday 25 October 2026: received in BST, due Monday 17:00 GMT.
        { "Friday before the autumn change", Utc(2026, 10, 23, 15), Utc(2026, 10, 26, 17) },
        { "Sunday of the autumn change", Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 17) },
        // 23:30 UTC is 00:30 BST the next day: the UK day, not the UTC day, starts the clock.
        { "Late on Wednesday UTC, Thursday in the UK", Utc(2026, 6, 10, 23, 30), Utc(2026, 6, 12, 16) },
        { "Just before midnight UK time", Utc(2026, 6, 10, 22, 59), Utc(2026, 6, 11, 16) },
        // Christmas Eve 2026 (Thursday): Friday 25th and Monday 28th are holidays.
        { "Christmas Eve", Utc(2026, 12, 24, 10), Utc(2026, 12, 29, 17) },
        // A one-off change: Friday 8 May 2020 was the early May holiday, Monday 4 May was not.
        { "Before the moved VE Day holiday", Utc(2020, 5, 7, 9), Utc(2020, 5, 11, 16) },
        { "Before the usual early May Monday in 2020", Utc(2020, 5, 1, 9), Utc(2020, 5, 4, 16) },
        // Coronation Monday 2023.
        { "Friday before the coronation holiday", Utc(2023, 5, 5, 9), Utc(2023, 5, 9, 16) },
        // Easter 2027 across the spring change (Sunday 28 March): Good Friday 26th, Easter Monday 29th.
        { "Thursday before Easter 2027", Utc(2027, 3, 25, 10), Utc(2027, 3, 30, 16) },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void DecisionDue_Example_IsTheCutOffOfTheNextWorkingDay(string scenario, DateTimeOffset receivedAt, DateTimeOffset expected)
    {
        var due = Default.DecisionDue(receivedAt);
        Assert.True(expected == due, $"{scenario}: expected {expected:O}, got {due:O}");
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void DecisionDue_ReceivedWithANonUtcOffset_GivesTheSameInstant()
    {
        var asUtc = Utc(2026, 3, 28, 12);
        Assert.Equal(Default.DecisionDue(asUtc), Default.DecisionDue(asUtc.ToOffset(TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void DecisionDue_TwoWorkingDaysConfigured_SkipsOneMoreWorkingDay()
    {
        var calendar = With(o => o with { DecisionWorkingDays = 2 });
        Assert.Equal(Utc(2026, 12, 1, 17), calendar.DecisionDue(Utc(2026, 11, 27, 16)));
    }

    [Fact]
    public void DecisionDue_LocalCutOffConfigured_FallsAtThatTimeUkTime()
    {
        var calendar = With(o => o with { CutOff = new TimeSpan(16, 30, 0) });
        Assert.Equal(Utc(2026, 7, 7, 15, 30), calendar.DecisionDue(Utc(2026, 7, 6, 10)));
    }

    [Fact]
    public void DecisionDue_OtherTimeZoneConfigured_UsesThatZonesDayAndCutOff()
    {
        var calendar = With(o => o with { TimeZoneId = "America/New_York" });
        // 02:00 UTC Tuesday is still Monday in New York, so the decision is due Tuesday 17:00 EST.
        Assert.Equal(Utc(2026, 11, 24, 22), calendar.DecisionDue(Utc(2026, 11, 24, 2)));
    }

    [Fact]
    public void DueAfter_FortyFiveWorkingDays_CountsOnlyWorkingDays()
    {
        // Assessments run 45 working days: from Monday 1 December 2025, 47 weekdays later less
        // the Christmas and New Year holidays (25, 26 December and 1 January) is Thursday 5 February.
        Assert.Equal(Utc(2026, 2, 5, 17), Default.DueAfter(Utc(2025, 12, 1, 9), 45));
    }

    [Fact]
    public void DecisionDue_EveryHourFrom2019To2028_IsTheCutOffOfTheFirstWorkingDayAfterTheUkDay()
    {
        // Independent check of the whole clock: the due instant is 17:00 on the UK wall clock, on a
        // working day, with no working day between the day of receipt and it.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        for (var at = Utc(2019, 1, 1, 0); at < Utc(2028, 1, 1, 0); at = at.AddHours(5))
        {
            var due = Default.DecisionDue(at);
            var dueLocal = TimeZoneInfo.ConvertTime(due, london);
            var receivedDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, london).DateTime);
            var dueDay = DateOnly.FromDateTime(dueLocal.DateTime);
            Assert.Equal(new TimeOnly(17, 0), TimeOnly.FromDateTime(dueLocal.DateTime));
            Assert.True(Default.IsWorkingDay(dueDay));
            Assert.True(dueDay > receivedDay);
            for (var day = receivedDay.AddDays(1); day < dueDay; day = day.AddDays(1))
            {
                Assert.False(Default.IsWorkingDay(day), $"{day:yyyy-MM-dd} was skipped for {at:O}");
            }
        }
    }

    [Fact]
    public void CutOffOn_TimeTheSpringChangeSkips_FallsJustAfterTheChange()
    {
        // 01:30 on 29 March 2026 never shows on UK clocks; read as GMT it is 02:30 BST.
        var calendar = With(o => o with { CutOff = new TimeSpan(1, 30, 0), WorkingDayStart = TimeSpan.Zero });
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.CutOffOn(D(2026, 3, 29)));
    }

    [Fact]
    public void CutOffOn_TimeTheAutumnChangeRepeats_FallsAtTheFirst()
    {
        // 01:30 on 25 October 2026 shows twice: 00:30 UTC (BST) and 01:30 UTC (GMT).
        var calendar = With(o => o with { CutOff = new TimeSpan(1, 30, 0), WorkingDayStart = TimeSpan.Zero });
        Assert.Equal(Utc(2026, 10, 25, 0, 30), calendar.CutOffOn(D(2026, 10, 25)));
    }

    [Fact]
    public void TimeLeft_BeforeTheDeadline_IsPositive()
    {
        var clock = new FakeTimeProvider(Utc(2026, 11, 27, 16));
        var due = Default.DecisionDue(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(TimeSpan.FromHours(1), WorkingDayCalendar.TimeLeft(due, clock));
        Assert.False(WorkingDayCalendar.IsOverdue(due, clock));
    }

    [Fact]
    public void TimeLeft_AfterTheDeadline_IsNegativeAndOverdue()
    {
        var clock = new FakeTimeProvider(Utc(2026, 11, 30, 17));
        var due = Utc(2026, 11, 30, 17);
        Assert.Equal(TimeSpan.Zero, WorkingDayCalendar.TimeLeft(due, clock));
        Assert.False(WorkingDayCalendar.IsOverdue(due, clock));
        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(TimeSpan.FromMinutes(-90), WorkingDayCalendar.TimeLeft(due, clock));
        Assert.True(WorkingDayCalendar.IsOverdue(due, clock));
    }
}
