using System.Globalization;
using Lantern.Domain.Calendar;

namespace Lantern.Common;

/// <summary>How pages, mails and exports show instants (UK time) and time left on a duty, and read times people type.</summary>
public static class Clocks
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>For example "Mon 30 Mar 2026, 5:00pm".</summary>
    public static string UkTime(this WorkingDayCalendar calendar, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocalTime(instant);
        return local.ToString("ddd d MMM yyyy, h:mm", English) + local.ToString("tt", English).ToLowerInvariant();
    }

    /// <summary>The time of day in the UK, GOV.UK style, for example "10:32am".</summary>
    public static string UkClockTime(this WorkingDayCalendar calendar, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocalTime(instant);
        return local.ToString("h:mm", English) + local.ToString("tt", English).ToLowerInvariant();
    }

    /// <summary>"3 hours 20 minutes left" or "Overdue by 1 day 2 hours".</summary>
    public static string TimeLeft(TimeSpan left)
    {
        var span = left.Duration();
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(Plural(span.Days, "day"));
        }
        if (span.Hours > 0)
        {
            parts.Add(Plural(span.Hours, "hour"));
        }
        if (span.Days == 0 && span.Minutes > 0)
        {
            parts.Add(Plural(span.Minutes, "minute"));
        }
        var text = parts.Count == 0 ? "less than a minute" : string.Join(' ', parts);
        return left < TimeSpan.Zero ? "Overdue by " + text : text + " left";
    }

    /// <summary>A span of working time in words: "4 working hours", "1 working hour 30 minutes", "2 working days 1 hour" (a day is 24 hours of working time, as the settings write it).</summary>
    public static string WorkingTime(TimeSpan workingTime)
    {
        var parts = new List<string>();
        if (workingTime.Days > 0)
        {
            parts.Add(Plural(workingTime.Days, "day"));
        }
        if (workingTime.Hours > 0)
        {
            parts.Add(Plural(workingTime.Hours, "hour"));
        }
        if (workingTime.Minutes > 0)
        {
            parts.Add(Plural(workingTime.Minutes, "minute"));
        }
        if (parts.Count == 0)
        {
            return "no working time";
        }
        // "4 hours" reads "4 working hours": the first unit says the time is working time.
        var space = parts[0].IndexOf(' ', StringComparison.Ordinal);
        parts[0] = parts[0][..space] + " working" + parts[0][space..];
        return string.Join(' ', parts);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    /// <summary>"23/11/2026 21:30" (or "21:30 23/11/2026", or ISO) read as UK time, for the pages' date-and-time fields.</summary>
    public static bool TryParseUkTime(WorkingDayCalendar calendar, string? text, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string[] formats = ["d/M/yyyy H:mm", "d/M/yyyy h:mmtt", "d/M/yyyy h:mm tt", "d/M/yyyy, H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "d M yyyy H:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, English, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return false;
        }
        instant = calendar.AtLocalTime(DateOnly.FromDateTime(local), local.TimeOfDay);
        return true;
    }
}
