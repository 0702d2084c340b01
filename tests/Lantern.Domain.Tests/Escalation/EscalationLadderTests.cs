using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using static Lantern.Domain.Tests.Calendar.CalendarFixture;

namespace Lantern.Domain.Tests.Escalation;

public sealed class EscalationLadderTests
{
    private static readonly EscalationLadder Ladder = new(Default, new EscalationOptions());

    [Fact]
    public void Steps_ReferralDueFriday_TeamManagerThenServiceManagerMondayThenHeadOfServiceTuesday()
    {
        // Due Friday 27 November 2026 17:00 GMT.
        var steps = Ladder.Steps(DutyKind.ReferralDecision, Utc(2026, 11, 27, 17));

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
        var ladder = new EscalationLadder(Default, new EscalationOptions { ServiceManagerAfterWorkingTime = TimeSpan.FromHours(2), HeadOfServiceAfterWorkingDays = 2 });

        var steps = ladder.Steps(DutyKind.ReferralDecision, Utc(2026, 11, 24, 17));

        Assert.Equal(Utc(2026, 11, 25, 11), steps[1].DueAt);
        Assert.Equal(Utc(2026, 11, 27, 11), steps[2].DueAt);
    }

    [Fact]
    public void DueSteps_OnlyThoseWhoseTimeHasCome()
    {
        var due = Utc(2026, 11, 27, 17);

        Assert.Empty(Ladder.DueSteps(DutyKind.ReferralDecision, due, due.AddTicks(-1)));
        Assert.Equal([EscalationLevel.TeamManager], Ladder.DueSteps(DutyKind.ReferralDecision, due, due).Select(s => s.Level));
        Assert.Equal([EscalationLevel.TeamManager, EscalationLevel.ServiceManager],
            Ladder.DueSteps(DutyKind.ReferralDecision, due, Utc(2026, 11, 30, 13)).Select(s => s.Level));
        Assert.Equal(3, Ladder.DueSteps(DutyKind.ReferralDecision, due, Utc(2026, 12, 1, 13)).Count());
    }

    [Fact]
    public void Steps_ProfessionalChallenge_HeadOfServiceWhenDue()
    {
        var step = Assert.Single(Ladder.Steps(DutyKind.ProfessionalChallenge, Utc(2026, 12, 1, 17)));

        Assert.Equal(new EscalationStepDue(EscalationLevel.HeadOfService, Utc(2026, 12, 1, 17)), step);
    }

    [Fact]
    public void ChallengeDue_TwoWorkingDaysToTheCutOff()
    {
        // Raised Friday 27 November 2026 -> due Tuesday 1 December 17:00.
        Assert.Equal(Utc(2026, 12, 1, 17), Ladder.ChallengeDue(Utc(2026, 11, 27, 11)));
    }

    [Theory]
    [InlineData(0, 1, 2, "ServiceManagerAfterWorkingTime")]
    [InlineData(4, 0, 2, "HeadOfServiceAfterWorkingDays")]
    [InlineData(4, 1, 0, "ChallengeWorkingDays")]
    public void Constructor_BadOptions_NamesTheSetting(double hours, int headDays, int challengeDays, string field)
    {
        var options = new EscalationOptions { ServiceManagerAfterWorkingTime = TimeSpan.FromHours(hours), HeadOfServiceAfterWorkingDays = headDays, ChallengeWorkingDays = challengeDays };

        var ex = Assert.Throws<CalendarConfigurationException>(() => new EscalationLadder(Default, options));

        Assert.Equal("Lantern:Escalation:" + field, Assert.Single(ex.Errors).Field);
    }
}
