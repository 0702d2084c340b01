using Lantern.Domain.Calendar;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Calendar;

public sealed class CalendarConfigurationTests
{
    private static CalendarConfigurationError SingleError(WorkingDayCalendarOptions options)
    {
        var ex = Assert.Throws<CalendarConfigurationException>(() => new WorkingDayCalendar(options));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(error.Field, ex.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        var options = new WorkingDayCalendarOptions();
        Assert.Empty(options.Validate());
        Assert.Equal(new TimeSpan(17, 0, 0), options.CutOff);
        Assert.Equal("Europe/London", options.TimeZoneId);
        Assert.Equal(1, options.DecisionWorkingDays);
    }

    [Fact]
    public void Create_UnknownTimeZone_NamesTimeZoneId()
    {
        var error = SingleError(new WorkingDayCalendarOptions { TimeZoneId = "Europe/Atlantis" });
        Assert.Equal("TimeZoneId", error.Field);
        Assert.Contains("Europe/Atlantis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BlankTimeZone_NamesTimeZoneId()
    {
        Assert.Equal("TimeZoneId", SingleError(new WorkingDayCalendarOptions { TimeZoneId = " " }).Field);
    }

    [Theory]
    [InlineData(24, 0)]
    [InlineData(25, 30)]
    [InlineData(0, -1)]
    public void Create_CutOffOutsideTheDay_NamesCutOff(int hours, int minutes)
    {
        var error = SingleError(new WorkingDayCalendarOptions { CutOff = new TimeSpan(hours, minutes, 0) });
        Assert.Equal("CutOff", error.Field);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(23, 59)]
    public void Create_CutOffWithinTheDay_IsAccepted(int hours, int minutes)
    {
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { CutOff = new TimeSpan(hours, minutes, 0), WorkingDayStart = TimeSpan.Zero });
        Assert.Equal(new TimeSpan(hours, minutes, 0), calendar.Options.CutOff);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_DecisionDurationBelowOneDay_NamesDecisionWorkingDays(int days)
    {
        Assert.Equal("DecisionWorkingDays", SingleError(new WorkingDayCalendarOptions { DecisionWorkingDays = days }).Field);
    }

    [Fact]
    public void Create_ChangeWithoutDate_NamesItsDate()
    {
        var error = SingleError(new WorkingDayCalendarOptions
        {
            Changes =
            [
                new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 7, 1), Reason = "Local" },
                new CalendarChange { Kind = CalendarChangeKind.Added, Reason = "Coronation" },
            ],
        });
        Assert.Equal("Changes[1].Date", error.Field);
    }

    [Fact]
    public void FromJson_ChangeWithoutDate_ValidationNamesItsDate()
    {
        const string Json = """
            { "changes": [ { "kind": "added", "name": "Royal wedding", "reason": "Royal wedding" } ] }
            """;
        var changes = CalendarChangeSet.FromJson(Json).Changes;
        var error = SingleError(new WorkingDayCalendarOptions { Changes = changes });
        Assert.Equal("Changes[0].Date", error.Field);
    }

    public static TheoryData<string, CalendarChange> BadChanges => new()
    {
        { "Changes[0].Kind", new CalendarChange { Date = D(2031, 7, 1), Reason = "Local" } },
        { "Changes[0].Kind", new CalendarChange { Kind = (CalendarChangeKind)9, Date = D(2031, 7, 1), Reason = "Local" } },
        { "Changes[0].Reason", new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 7, 1) } },
        { "Changes[0].MovedFrom", new CalendarChange { Kind = CalendarChangeKind.Moved, Date = D(2031, 7, 1), Reason = "Local" } },
        { "Changes[0].MovedFrom", new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 7, 1), MovedFrom = D(2031, 5, 5), Reason = "Local" } },
        // Moving from a day that is not a holiday is almost certainly a typo in the date.
        { "Changes[0].MovedFrom", new CalendarChange { Kind = CalendarChangeKind.Moved, Date = D(2031, 7, 1), MovedFrom = D(2031, 5, 6), Reason = "Local" } },
        { "Changes[0].Date", new CalendarChange { Kind = CalendarChangeKind.Moved, Date = D(2031, 5, 26), MovedFrom = D(2031, 5, 5), Reason = "Local" } },
        { "Changes[0].Date", new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 12, 25), Reason = "Local" } },
        { "Changes[0].Date", new CalendarChange { Kind = CalendarChangeKind.Removed, Date = D(2031, 12, 24), Reason = "Local" } },
        { "Changes[0].Date", new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(1970, 1, 2), Reason = "Local" } },
        { "Changes[0].MovedFrom", new CalendarChange { Kind = CalendarChangeKind.Moved, Date = D(1978, 1, 3), MovedFrom = D(1977, 12, 26), Reason = "Local" } },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public void Create_BadChange_NamesTheField(string field, CalendarChange change)
    {
        Assert.Equal(field, SingleError(new WorkingDayCalendarOptions { Changes = [change] }).Field);
    }

    [Fact]
    public void Create_SameDayAddedTwice_NamesTheSecond()
    {
        var added = new CalendarChange { Kind = CalendarChangeKind.Added, Date = D(2031, 7, 1), Reason = "Local" };
        Assert.Equal("Changes[1].Date", SingleError(new WorkingDayCalendarOptions { Changes = [added, added] }).Field);
    }

    [Fact]
    public void Create_SeveralProblems_ReportsEveryOne()
    {
        var ex = Assert.Throws<CalendarConfigurationException>(() => new WorkingDayCalendar(new WorkingDayCalendarOptions
        {
            TimeZoneId = "Nowhere/Special",
            CutOff = TimeSpan.FromHours(30),
            DecisionWorkingDays = 0,
            Changes = [new CalendarChange { Kind = CalendarChangeKind.Added }],
        }));
        Assert.Equal(
            ["CutOff", "TimeZoneId", "DecisionWorkingDays", "Changes[0].Date", "Changes[0].Reason"],
            ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Create_NullChanges_NamesChanges()
    {
        Assert.Equal("Changes", SingleError(new WorkingDayCalendarOptions { Changes = null! }).Field);
    }

    [Theory]
    [InlineData("""{ "changes": [ { "date": "2023-5-8", "kind": "added", "reason": "x" } ] }""", "$.changes[0].date")]
    [InlineData("""{ "changes": [ { "date": "2023-05-08", "kind": "postponed", "reason": "x" } ] }""", "$.changes[0].kind")]
    [InlineData("""{ "changes": [ { "date": "2023-05-08", "kind": "moved", "moveFrom": "2023-05-01", "reason": "x" } ] }""", "moveFrom")]
    [InlineData("""{ "changes": [ """, "$")]
    public void FromJson_MalformedFile_NamesThePath(string json, string expected)
    {
        var ex = Assert.Throws<CalendarConfigurationException>(() => CalendarChangeSet.FromJson(json));
        var error = Assert.Single(ex.Errors);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NullDocument_IsAnError()
    {
        Assert.Throws<CalendarConfigurationException>(() => CalendarChangeSet.FromJson("null"));
    }

    [Fact]
    public void FromJson_KindsInAnyCase_ReadAllThree()
    {
        const string Json = """
            {
              "changes": [
                { "date": "2031-07-01", "kind": "Added", "reason": "a" },
                { "date": "2031-05-06", "kind": "moved", "movedFrom": "2031-05-05", "reason": "b" },
                { "date": "2031-08-25", "kind": "REMOVED", "reason": "c" }
              ]
            }
            """;
        var changes = CalendarChangeSet.FromJson(Json).Changes;
        Assert.Equal([CalendarChangeKind.Added, CalendarChangeKind.Moved, CalendarChangeKind.Removed], changes.Select(c => c.Kind!.Value));
        Assert.Equal(D(2031, 5, 5), changes[1].MovedFrom);
        var calendar = new WorkingDayCalendar(new WorkingDayCalendarOptions { Changes = changes });
        Assert.False(calendar.IsWorkingDay(D(2031, 7, 1)));
        Assert.False(calendar.IsWorkingDay(D(2031, 5, 6)));
        Assert.True(calendar.IsWorkingDay(D(2031, 5, 5)));
        Assert.True(calendar.IsWorkingDay(D(2031, 8, 25)));
    }
}
