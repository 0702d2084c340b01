namespace Lantern.Domain.Calendar;

/// <summary>
/// The standing rules for bank holidays in England and Wales (Banking and Financial Dealings Act 1971
/// and the proclamations that have followed it every year). One-off changes are data, not rules:
/// see <see cref="CalendarChange"/>.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    /// <summary>
    /// The first year in which every current rule applied: the early May bank holiday began in 1978.
    /// Earlier years would need other rules, so they are refused rather than answered wrongly.
    /// </summary>
    public const int FirstSupportedYear = 1978;

    public const int LastSupportedYear = 9998;

    public const string NewYearsDay = "New Year's Day";
    public const string GoodFriday = "Good Friday";
    public const string EasterMonday = "Easter Monday";
    public const string EarlyMay = "Early May bank holiday";
    public const string Spring = "Spring bank holiday";
    public const string Summer = "Summer bank holiday";
    public const string ChristmasDay = "Christmas Day";
    public const string BoxingDay = "Boxing Day";

    private const string SubstituteSuffix = " (substitute day)";

    public static bool IsSupportedYear(int year) => year is >= FirstSupportedYear and <= LastSupportedYear;

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        // The algorithm holds for every Gregorian year; DateOnly bounds the range.
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// The bank holidays that the standing rules give for a year, in date order, with substitute
    /// days in place of fixed-date holidays that fall at a weekend.
    /// </summary>
    public static IReadOnlyList<BankHoliday> ByRule(int year)
    {
        if (!IsSupportedYear(year))
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"England and Wales bank holidays are computed for {FirstSupportedYear} to {LastSupportedYear} only.");
        }

        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday>(8)
        {
            new(easter.AddDays(-2), GoodFriday),
            new(easter.AddDays(1), EasterMonday),
            new(FirstMonday(year, 5), EarlyMay),
            new(LastMonday(year, 5), Spring),
            new(LastMonday(year, 8), Summer),
        };

        AddWithSubstitutes(holidays, [new(new DateOnly(year, 1, 1), NewYearsDay)]);
        // Christmas and Boxing Day are placed together: when both need a weekday they take the
        // next free ones in turn, so Christmas on a Sunday gives Boxing Day on Monday 26th and
        // Christmas (substitute day) on Tuesday 27th.
        AddWithSubstitutes(holidays, [new(new DateOnly(year, 12, 25), ChristmasDay), new(new DateOnly(year, 12, 26), BoxingDay)]);

        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays;
    }

    private static void AddWithSubstitutes(List<BankHoliday> holidays, BankHoliday[] fixedDays)
    {
        var taken = new HashSet<DateOnly>(holidays.Select(h => h.Date));
        foreach (var day in fixedDays.Where(d => !IsWeekend(d.Date)))
        {
            holidays.Add(day);
            taken.Add(day.Date);
        }

        foreach (var day in fixedDays.Where(d => IsWeekend(d.Date)))
        {
            var substitute = day.Date.AddDays(1);
            while (IsWeekend(substitute) || taken.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            holidays.Add(new BankHoliday(substitute, day.Name + SubstituteSuffix));
            taken.Add(substitute);
        }
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
