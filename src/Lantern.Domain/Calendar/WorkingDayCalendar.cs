using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Lantern.Domain.Calendar;

/// <summary>
/// Working days and deadlines for England and Wales: weekends and bank holidays (by rule, plus the
/// configured one-off changes) are not working days, and a deadline falls at the cut-off time of a
/// working day in the configured time zone. Instants in and out are UTC; days are local dates.
/// Immutable and safe to share as a singleton.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<int, IReadOnlyList<BankHoliday>> _changedYears;

    // Years without changes are computed on first use; a year's holidays never change afterwards.
    private readonly ConcurrentDictionary<int, IReadOnlyList<BankHoliday>> _ruleYears = new();

    /// <summary>Validates the options and throws <see cref="CalendarConfigurationException"/> naming every field at fault.</summary>
    public WorkingDayCalendar(WorkingDayCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<CalendarConfigurationError>(options.Validate());
        if (errors.Count > 0)
        {
            throw new CalendarConfigurationException(errors);
        }

        Options = options;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        _changedYears = BankHolidayTable.Build(options.Changes, errors);
    }

    public WorkingDayCalendarOptions Options { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The bank holidays observed in a year, in date order.</summary>
    public IReadOnlyList<BankHoliday> BankHolidays(int year) =>
        _changedYears.TryGetValue(year, out var changed)
            ? changed
            : _ruleYears.GetOrAdd(year, EnglandAndWalesBankHolidays.ByRule);

    public BankHoliday? BankHolidayOn(DateOnly date)
    {
        foreach (var holiday in BankHolidays(date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }

    public bool IsBankHoliday(DateOnly date) => BankHolidayOn(date) is not null;

    public bool IsWorkingDay(DateOnly date) => !EnglandAndWalesBankHolidays.IsWeekend(date) && !IsBankHoliday(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>
    /// The <paramref name="workingDays"/>th working day after <paramref name="date"/>; the day
    /// itself never counts, whether or not it is a working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = date;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>, so that
    /// WorkingDaysBetween(d, AddWorkingDays(d, n)) is n. Negative when <paramref name="to"/> is earlier.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from; day < to;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The calendar day, in the calendar's time zone, on which an instant falls.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>An instant as the calendar's wall clock shows it (UK time by default), for display; store the UTC instant.</summary>
    public DateTimeOffset ToLocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>
    /// The UTC instant of the cut-off on a local date. A cut-off that the clocks skip (spring
    /// forward) falls at the same distance after the change; one they pass twice (autumn) falls at
    /// the first, so a deadline is never later than the wall clock said.
    /// </summary>
    public DateTimeOffset CutOffOn(DateOnly date) => AtLocalTime(date, Options.CutOff);

    /// <summary>
    /// The UTC instant at which the calendar's wall clock shows <paramref name="timeOfDay"/> on
    /// <paramref name="date"/>. A time the clocks skip (spring forward) falls at the same distance
    /// after the change; one they pass twice (autumn) falls at the first, so a deadline is never
    /// later than the wall clock said.
    /// </summary>
    public DateTimeOffset AtLocalTime(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        TimeSpan offset;
        if (TimeZone.IsAmbiguousTime(local))
        {
            offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (TimeZone.IsInvalidTime(local))
        {
            // The offset in force before the gap: reading the skipped wall time with it lands
            // after the gap by as much as the time was into it.
            offset = TimeZone.GetUtcOffset(local.AddDays(-1));
        }
        else
        {
            offset = TimeZone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Working hours in one working day: from <see cref="WorkingDayCalendarOptions.WorkingDayStart"/> to the cut-off.</summary>
    public TimeSpan WorkingDayLength => Options.CutOff - Options.WorkingDayStart;

    /// <summary>
    /// The instant <paramref name="workingTime"/> of working hours after <paramref name="start"/>,
    /// counting only the hours from the start of a working day to its cut-off on working days, by the
    /// wall clock. Time before the working day starts, after the cut-off, at weekends and on bank
    /// holidays does not count: four working hours after 17:00 on a Friday is 13:00 on Monday.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
        {
            return start;
        }

        var local = ToLocalTime(start);
        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;
        if (!IsWorkingDay(day) || timeOfDay >= Options.CutOff)
        {
            day = NextWorkingDay(day);
            timeOfDay = Options.WorkingDayStart;
        }
        else if (timeOfDay < Options.WorkingDayStart)
        {
            timeOfDay = Options.WorkingDayStart;
        }

        var remaining = workingTime;
        while (true)
        {
            var available = Options.CutOff - timeOfDay;
            if (remaining <= available)
            {
                return AtLocalTime(day, timeOfDay + remaining);
            }

            remaining -= available;
            day = NextWorkingDay(day);
            timeOfDay = Options.WorkingDayStart;
        }
    }

    /// <summary>
    /// When a referral decision is due: the cut-off of the configured number of working days after
    /// the local day on which it was received (received Friday 16:00, due Monday 17:00).
    /// </summary>
    public DateTimeOffset DecisionDue(DateTimeOffset receivedAt) => DueAfter(receivedAt, Options.DecisionWorkingDays);

    /// <summary>The cut-off of the <paramref name="workingDays"/>th working day after the local day of <paramref name="startedAt"/>.</summary>
    public DateTimeOffset DueAfter(DateTimeOffset startedAt, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        return CutOffOn(AddWorkingDays(LocalDate(startedAt), workingDays));
    }

    /// <summary>Time until <paramref name="dueAt"/> by the given clock; negative once overdue.</summary>
    public static TimeSpan TimeLeft(DateTimeOffset dueAt, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return dueAt - timeProvider.GetUtcNow();
    }

    public static bool IsOverdue(DateTimeOffset dueAt, TimeProvider timeProvider) => TimeLeft(dueAt, timeProvider) < TimeSpan.Zero;
}
