using System.Globalization;
using Lantern.Domain.Calendar;

namespace Lantern.Domain.Screening;

/// <summary>Bound from <c>Lantern:Screening</c>.</summary>
public sealed record ScreeningOptions
{
    public const string Section = "Lantern:Screening";

    /// <summary>The folder of tool files (*.json); relative paths are from the application's folder.</summary>
    public string ToolsDirectory { get; init; } = "screening-tools";

    /// <summary>The id of the tool practitioners use; its highest version is used.</summary>
    public string ActiveTool { get; init; } = "lantern-cse";

    /// <summary>Months after a screening when the next is due.</summary>
    public int RescreenMonths { get; init; } = 3;

    /// <summary>Working days after a new missing episode, referral, police incident or health attendance by which a fresh screening is due.</summary>
    public int AfterEventWorkingDays { get; init; } = 5;

    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(ToolsDirectory))
        {
            errors.Add((Section + ":" + nameof(ToolsDirectory), "Name the folder that holds the screening tools."));
        }
        if (string.IsNullOrWhiteSpace(ActiveTool))
        {
            errors.Add((Section + ":" + nameof(ActiveTool), "Name the screening tool practitioners use, by its id."));
        }
        if (RescreenMonths is < 1 or > 24)
        {
            errors.Add((Section + ":" + nameof(RescreenMonths), string.Create(CultureInfo.InvariantCulture, $"Must be from 1 to 24 months; it was {RescreenMonths}.")));
        }
        if (AfterEventWorkingDays is < 1 or > 60)
        {
            errors.Add((Section + ":" + nameof(AfterEventWorkingDays), string.Create(CultureInfo.InvariantCulture, $"Must be from 1 to 60 working days; it was {AfterEventWorkingDays}.")));
        }
        return errors;
    }
}

/// <summary>Why a screening is due.</summary>
public enum ScreeningDueReason
{
    /// <summary>The interval since the last screening has run.</summary>
    Interval = 1,

    /// <summary>Something new arrived after the last screening: a missing episode, referral, police incident or health attendance.</summary>
    NewEvent = 2,

    /// <summary>Someone asked for one (the repeat-missing rule does).</summary>
    Requested = 3,
}

public sealed record ScreeningDue(DateTimeOffset DueBy, ScreeningDueReason Reason);

/// <summary>
/// When the next screening is due, worked out afresh from what is recorded rather than stored, so
/// every node agrees and nothing has to be kept in step: the earliest of the interval after the last
/// screening, a few working days after the first new event since it, and a few working days after a
/// request made since it. A child never screened is due only when asked for.
/// </summary>
public sealed class ScreeningSchedule(WorkingDayCalendar calendar, ScreeningOptions options)
{
    public ScreeningOptions Options { get; } = options;

    public ScreeningDue? NextDue(DateTimeOffset? lastScreenedAt, DateTimeOffset? firstEventSince, DateTimeOffset? requestedAt)
    {
        var candidates = new List<ScreeningDue>(3);
        if (lastScreenedAt is { } last)
        {
            // The interval ends at the cut-off on the same calendar day some months on, or the next working day.
            var day = calendar.LocalDate(last).AddMonths(Options.RescreenMonths);
            if (!calendar.IsWorkingDay(day))
            {
                day = calendar.NextWorkingDay(day);
            }
            candidates.Add(new(calendar.CutOffOn(day), ScreeningDueReason.Interval));
            if (firstEventSince is { } seen && seen > last)
            {
                candidates.Add(new(calendar.DueAfter(seen, Options.AfterEventWorkingDays), ScreeningDueReason.NewEvent));
            }
        }
        if (requestedAt is { } asked && (lastScreenedAt is null || asked > lastScreenedAt))
        {
            candidates.Add(new(calendar.DueAfter(asked, Options.AfterEventWorkingDays), ScreeningDueReason.Requested));
        }
        return candidates.Count == 0 ? null : candidates.MinBy(c => c.DueBy);
    }
}
