using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Escalation;

public sealed class EscalationLadderTests
{
    private static readonly EscalationLadder Standard = new(Default, new EscalationOptions().StandardLadder);

    [Fact]
    public void Steps_ReferralDueFriday_TeamManagerThenServiceManagerMondayThenHeadOfServiceTuesday()
    {
        // Due Friday 27 November 2026 17:00 GMT.
        var steps = Standard.Steps(Utc(2026, 11, 27, 17));

        Assert.Equal(
            [
                new EscalationStepDue(EscalationLevel.TeamManager, Utc(2026, 11, 27, 17)),
                new EscalationStepDue(EscalationLevel.ServiceManager, Utc(2026, 11, 30, 13)),
                new EscalationStepDue(EscalationLevel.HeadOfService, Utc(2026, 12, 1, 13)),
            ],
            steps);
    }

    [Fact]
    public void Steps_ConfiguredIntervals_AreUsed()
    {
        var ladder = new EscalationLadder(Default, new EscalationOptions { ServiceManagerAfterWorkingTime = TimeSpan.FromHours(2), HeadOfServiceAfterWorkingDays = 2 }.StandardLadder);

        var steps = ladder.Steps(Utc(2026, 11, 24, 17));

        Assert.Equal(Utc(2026, 11, 25, 11), steps[1].DueAt);
        Assert.Equal(Utc(2026, 11, 27, 11), steps[2].DueAt);
    }

    [Fact]
    public void Steps_ALadderOfItsOwn_ClimbsByItsOwnIntervals()
    {
        var ladder = new EscalationLadder(Default,
        [
            new LadderStep { Tell = EscalationLevel.ServiceManager, AfterWorkingTime = TimeSpan.FromHours(1) },
            new LadderStep { Tell = EscalationLevel.HeadOfService, AfterWorkingDays = 1, AfterWorkingTime = TimeSpan.FromHours(2) },
        ]);

        // Due Tuesday 24 November 2026 10:00: the service manager at 11:00, the head of service a working day and 2 hours later.
        Assert.Equal(
            [
                new EscalationStepDue(EscalationLevel.ServiceManager, Utc(2026, 11, 24, 11)),
                new EscalationStepDue(EscalationLevel.HeadOfService, Utc(2026, 11, 25, 13)),
            ],
            ladder.Steps(Utc(2026, 11, 24, 10)));
    }

    [Fact]
    public void DueSteps_OnlyThoseWhoseTimeHasCome()
    {
        var due = Utc(2026, 11, 27, 17);

        Assert.Empty(Standard.DueSteps(due, due.AddTicks(-1)));
        Assert.Equal([EscalationLevel.TeamManager], Standard.DueSteps(due, due).Select(s => s.Level));
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager],
            Standard.DueSteps(due, Utc(2026, 11, 30, 13)).Select(s => s.Level));
        Assert.Equal(3, Standard.DueSteps(due, Utc(2026, 12, 1, 13)).Count());
    }

    [Fact]
    public void Steps_HeadOfServiceOnly_WhenDue()
    {
        var step = Assert.Single(new EscalationLadder(Default, [new LadderStep { Tell = EscalationLevel.HeadOfService }]).Steps(Utc(2026, 12, 1, 17)));

        Assert.Equal(new EscalationStepDue(EscalationLevel.HeadOfService, Utc(2026, 12, 1, 17)), step);
    }

    [Theory]
    [InlineData(0, 1, 2, "ServiceManagerAfterWorkingTime")]
    [InlineData(4, 0, 2, "HeadOfServiceAfterWorkingDays")]
    [InlineData(4, 1, 0, "ChallengeWorkingDays")]
    public void Validate_BadOptions_NamesTheSetting(double hours, int headDays, int challengeDays, string field)
    {
        var options = new EscalationOptions { ServiceManagerAfterWorkingTime = TimeSpan.FromHours(hours), HeadOfServiceAfterWorkingDays = headDays, ChallengeWorkingDays = challengeDays };

        Assert.Equal("Lantern:Escalation:" + field, Assert.Single(options.Validate()).Field);
    }

    [Fact]
    public void Validate_ALadderForNoRegisteredDuty_NamesTheKeyAndTheDuties()
    {
        var options = new EscalationOptions { Ladders = new() { ["ReferalDecision"] = [new LadderStep { Tell = EscalationLevel.TeamManager }] } };

        var error = Assert.Single(options.Validate(["ReferralDecision", "ReturnInterview"]));

        Assert.Equal("Lantern:Escalation:Ladders:ReferalDecision", error.Field);
        Assert.Contains("ReferralDecision, ReturnInterview", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ALadderThatClimbsDown_IsRefusedNamingTheStep()
    {
        var ex = Assert.Throws<CalendarConfigurationException>(() => new EscalationLadder(Default,
        [
            new LadderStep { Tell = EscalationLevel.ServiceManager },
            new LadderStep { Tell = EscalationLevel.TeamManager, AfterWorkingTime = TimeSpan.FromHours(1) },
        ]));

        Assert.Equal("Lantern:Escalation:Ladders:ladder:1:Tell", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Constructor_NoSteps_IsRefused()
    {
        Assert.Throws<CalendarConfigurationException>(() => new EscalationLadder(Default, []));
    }
}
