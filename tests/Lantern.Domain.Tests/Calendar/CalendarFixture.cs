using Lantern.Domain.Calendar;

namespace Lantern.Domain.Tests.Calendar;

/// <summary>The shipped configuration file and a calendar built from it, as the app builds it.</summary>
internal static class CalendarFixture
{
    private static readonly Lazy<CalendarChangeSet> ShippedChangeSet = new(() =>
        CalendarChangeSet.FromJson(File.ReadAllText(ShippedFilePath)));

    private static readonly Lazy<WorkingDayCalendar> ShippedCalendar = new(() =>
        new WorkingDayCalendar(new WorkingDayCalendarOptions { Changes = ShippedChangeSet.Value.Changes }));

    public static string ShippedFilePath => Path.Combine(RepositoryRoot(), "src", "Lantern", "calendar.england-and-wales.json");

    public static CalendarChangeSet Shipped => ShippedChangeSet.Value;

    /// <summary>Europe/London, 17:00, one working day, and every shipped one-off change.</summary>
    public static WorkingDayCalendar Default => ShippedCalendar.Value;

    public static WorkingDayCalendar With(Func<WorkingDayCalendarOptions, WorkingDayCalendarOptions> configure) =>
        new(configure(new WorkingDayCalendarOptions { Changes = ShippedChangeSet.Value.Changes }));

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lantern.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No folder above the test binaries holds Lantern.slnx.");
    }
}
