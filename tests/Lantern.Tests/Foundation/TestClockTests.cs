using Lantern.Testing;

namespace Lantern.Tests.Foundation;

/// <summary>
/// The test host's clock starts in the UK working day, so a scenario that moves it on by minutes or hours
/// stays on one date whenever the suite runs.
/// </summary>
public class TestClockTests
{
    [Theory]
    // British summer time: 23:30 BST is 22:30 UTC; the next morning's 07:00 BST is 06:00 UTC.
    [InlineData("2026-07-14T22:30:00Z", "2026-07-15T06:00:00Z")]
    // Winter: 23:27 GMT moves to 07:00 GMT the next day.
    [InlineData("2026-12-07T23:27:00Z", "2026-12-08T07:00:00Z")]
    // The small hours move to 07:00 the same day.
    [InlineData("2026-12-08T03:10:00Z", "2026-12-08T07:00:00Z")]
    // Evening from 18:00 moves on; the day itself is kept.
    [InlineData("2026-12-07T18:00:00Z", "2026-12-08T07:00:00Z")]
    [InlineData("2026-12-07T07:00:00Z", "2026-12-07T07:00:00Z")]
    [InlineData("2026-12-07T17:59:00Z", "2026-12-07T17:59:00Z")]
    // The night the clocks go forward (29 March 2026, 01:00 UTC): 07:00 BST is 06:00 UTC.
    [InlineData("2026-03-29T00:30:00Z", "2026-03-29T06:00:00Z")]
    public void StartsInTheUkDay(string now, string expected)
    {
        var start = TestApp.DaytimeStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }
}
