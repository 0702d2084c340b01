using Lantern.Domain.Calendar;

namespace Lantern.Hosting;

/// <summary>Bound from <c>Lantern:Calendar</c>: the partnership's local rules for its clocks.</summary>
public sealed class CalendarSettings
{
    public const string Section = "Lantern:Calendar";

    /// <summary>End of the working day, local time, at which deadlines fall.</summary>
    public TimeSpan CutOff { get; set; } = WorkingDayCalendarOptions.DefaultCutOff;

    /// <summary>Start of the working day, local time; working hours run from here to the cut-off.</summary>
    public TimeSpan WorkingDayStart { get; set; } = WorkingDayCalendarOptions.DefaultWorkingDayStart;

    public string TimeZoneId { get; set; } = WorkingDayCalendarOptions.DefaultTimeZoneId;

    /// <summary>Working days after the day of receipt within which a referral decision is due.</summary>
    public int DecisionWorkingDays { get; set; } = 1;

    /// <summary>The one-off bank-holiday changes, relative to the app's folder unless rooted.</summary>
    public string ChangesFile { get; set; } = "calendar.england-and-wales.json";
}

public static class CalendarSetup
{
    /// <summary>
    /// One calendar for the app, built once at start from the settings and the changes file; a bad
    /// file or setting stops the start with each problem named (see StartupProblem in the command line).
    /// </summary>
    public static IServiceCollection AddLanternCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalendarSettings>().Bind(configuration.GetSection(CalendarSettings.Section));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CalendarSettings>>().Value;
            var path = Path.IsPathRooted(settings.ChangesFile)
                ? settings.ChangesFile
                : Path.Combine(AppContext.BaseDirectory, settings.ChangesFile);
            if (!File.Exists(path))
            {
                throw new CalendarConfigurationException([new("Lantern:Calendar:ChangesFile", $"The bank-holiday changes file {path} does not exist.")]);
            }
            var changes = CalendarChangeSet.FromJson(File.ReadAllText(path));
            return new WorkingDayCalendar(new WorkingDayCalendarOptions
            {
                CutOff = settings.CutOff,
                WorkingDayStart = settings.WorkingDayStart,
                TimeZoneId = settings.TimeZoneId,
                DecisionWorkingDays = settings.DecisionWorkingDays,
                Changes = changes.Changes,
            });
        });
        return services;
    }
}
