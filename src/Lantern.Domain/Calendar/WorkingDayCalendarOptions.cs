using System.Globalization;

namespace Lantern.Domain.Calendar;

/// <summary>
/// How a partnership's working-day clock is set. Local procedures differ, so every value here is
/// configuration; the defaults are the statutory one working day to 17:00 UK time.
/// </summary>
public sealed record WorkingDayCalendarOptions
{
    public static readonly TimeSpan DefaultCutOff = new(17, 0, 0);
    public static readonly TimeSpan DefaultWorkingDayStart = new(9, 0, 0);
    public const string DefaultTimeZoneId = "Europe/London";

    /// <summary>Time of day (local to <see cref="TimeZoneId"/>) at which a working day's deadlines fall.</summary>
    public TimeSpan CutOff { get; init; } = DefaultCutOff;

    /// <summary>
    /// Time of day at which a working day starts: working hours run from here to <see cref="CutOff"/>,
    /// and escalation intervals given in working hours count only those hours.
    /// </summary>
    public TimeSpan WorkingDayStart { get; init; } = DefaultWorkingDayStart;

    /// <summary>IANA time zone id (Windows ids also resolve).</summary>
    public string TimeZoneId { get; init; } = DefaultTimeZoneId;

    /// <summary>Working days after the day of receipt within which a referral decision is due.</summary>
    public int DecisionWorkingDays { get; init; } = 1;

    /// <summary>One-off changes to the standing rules, applied in order.</summary>
    public IReadOnlyList<CalendarChange> Changes { get; init; } = [];

    /// <summary>
    /// Every problem with these options, each naming its field; empty when the options are usable.
    /// Meant for start-up validation so a bad file stops the app rather than a deadline being wrong.
    /// </summary>
    public IReadOnlyList<CalendarConfigurationError> Validate()
    {
        var errors = new List<CalendarConfigurationError>();
        if (CutOff < TimeSpan.Zero || CutOff >= TimeSpan.FromDays(1))
        {
            errors.Add(new(nameof(CutOff), $"The cut-off must be a time of day from 00:00 to before 24:00; it was {CutOff.ToString("c", CultureInfo.InvariantCulture)}."));
        }

        // Checked only against a usable cut-off, so that one mistake is reported once.
        var cutOffUsable = CutOff >= TimeSpan.Zero && CutOff < TimeSpan.FromDays(1);
        if (cutOffUsable && (WorkingDayStart < TimeSpan.Zero || WorkingDayStart >= CutOff))
        {
            errors.Add(new(nameof(WorkingDayStart), $"The working day must start at a time of day before the cut-off ({CutOff.ToString(@"hh\:mm", CultureInfo.InvariantCulture)}); it was {WorkingDayStart.ToString("c", CultureInfo.InvariantCulture)}."));
        }

        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            errors.Add(new(nameof(TimeZoneId), "The time zone id is required, e.g. \"Europe/London\"."));
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _))
        {
            errors.Add(new(nameof(TimeZoneId), $"The time zone \"{TimeZoneId}\" is not known on this system; use an IANA id such as \"Europe/London\"."));
        }

        if (DecisionWorkingDays < 1)
        {
            errors.Add(new(nameof(DecisionWorkingDays), $"The decision must be due at least 1 working day after receipt; it was {DecisionWorkingDays}."));
        }

        if (Changes is null)
        {
            errors.Add(new(nameof(Changes), "The list of changes is required; use an empty list for none."));
        }
        else
        {
            _ = BankHolidayTable.Build(Changes, errors);
        }

        return errors;
    }
}

/// <summary>One problem with the calendar configuration: the field (a path such as Changes[3].Date) and what is wrong.</summary>
public sealed record CalendarConfigurationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>The calendar configuration cannot be used; <see cref="Errors"/> names each field at fault.</summary>
public sealed class CalendarConfigurationException : Exception
{
    public CalendarConfigurationException()
        : this([])
    {
    }

    public CalendarConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public CalendarConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public CalendarConfigurationException(IReadOnlyList<CalendarConfigurationError> errors, Exception? innerException = null)
        : base(Describe(errors), innerException)
    {
        Errors = errors;
    }

    public IReadOnlyList<CalendarConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<CalendarConfigurationError> errors) =>
        "The working-day calendar configuration is invalid: " + string.Join("; ", errors);
}
