using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Domain.Tests.Partnership;
using static Lantern.Domain.Tests.Referrals.ReferralFixture;

namespace Lantern.Domain.Tests.Referrals;

/// <summary>Allocation, a manager's sign-off or send-back, and reconsideration after a professional challenge.</summary>
public sealed class ReferralSignOffTests
{
    private static readonly DateTimeOffset AllocatedAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset FreshDueBy = new(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);

    private static readonly Guid UpholdingManager = Guid.CreateVersion7();

    public static TheoryData<AgencyKind, Role> OutsideTheFrontDoor => new()
    {
        { AgencyKind.Police, Role.TeamManager },
        { AgencyKind.School, Role.HeadOfService },
        { AgencyKind.ChildrensSocialCare, Role.Referrer },
        { AgencyKind.ChildrensSocialCare, Role.Administrator },
    };

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void Allocate_FrontDoorManagerToAFrontDoorWorker_WorkerOwnsIt(Role role)
    {
        var referral = Receive();
        var worker = Staff.FrontDoorPractitioner();

        Assert.Null(referral.Allocate(Staff.SocialCareStaff(role), worker, AllocatedAt));

        Assert.Equal(worker.Id, referral.AllocatedTo);
        Assert.Equal(AllocatedAt, referral.AllocatedAt);
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
    }

    [Fact]
    public void Allocate_AgainToSomeoneElse_NewOwner()
    {
        var referral = Receive();
        Assert.Null(referral.Allocate(Staff.FrontDoorManager(), Staff.FrontDoorPractitioner(), AllocatedAt));
        var second = Staff.FrontDoorPractitioner();

        Assert.Null(referral.Allocate(Staff.FrontDoorManager(), second, AllocatedAt.AddHours(1)));

        Assert.Equal(second.Id, referral.AllocatedTo);
        Assert.Equal(AllocatedAt.AddHours(1), referral.AllocatedAt);
    }

    [Fact]
    public void Allocate_ByAFrontDoorPractitioner_InvalidOnAllocateTo()
    {
        var referral = Receive();

        var problem = referral.Allocate(Staff.FrontDoorPractitioner(), Staff.FrontDoorPractitioner(), AllocatedAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("AllocateTo", Assert.Single(problem!.Errors).Field);
        Assert.Null(referral.AllocatedTo);
    }

    [Theory]
    [MemberData(nameof(OutsideTheFrontDoor))]
    public void Allocate_BySomeoneOutsideTheFrontDoor_Forbidden(AgencyKind kind, Role role)
    {
        var outsider = Staff.In(kind, role);
        var referral = Receive();

        var problem = referral.Allocate(outsider, Staff.FrontDoorPractitioner(), AllocatedAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Null(referral.AllocatedTo);
    }

    [Theory]
    [MemberData(nameof(OutsideTheFrontDoor))]
    public void Allocate_ToAWorkerOutsideTheFrontDoor_InvalidOnAllocateTo(AgencyKind kind, Role role)
    {
        var outsider = Staff.In(kind, role);
        var referral = Receive();

        var problem = referral.Allocate(Staff.FrontDoorManager(), outsider, AllocatedAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("AllocateTo", Assert.Single(problem!.Errors).Field);
        Assert.Null(referral.AllocatedTo);
    }

    [Fact]
    public void Allocate_ToNobody_InvalidOnAllocateTo()
    {
        var problem = Receive().Allocate(Staff.FrontDoorManager(), null, AllocatedAt);

        Assert.Equal("AllocateTo", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void Allocate_AlreadyDecided_ConflictOnAllocateTo()
    {
        var referral = Decided();

        var problem = referral.Allocate(Staff.FrontDoorManager(), Staff.FrontDoorPractitioner(), AllocatedAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("AllocateTo", Assert.Single(problem!.Errors).Field);
        Assert.Null(referral.AllocatedTo);
    }

    [Fact]
    public void Allocate_WaitingForSignOff_StillAllocates()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());
        var worker = Staff.FrontDoorPractitioner();

        Assert.Null(referral.Allocate(Staff.FrontDoorManager(), worker, AllocatedAt));

        Assert.Equal(worker.Id, referral.AllocatedTo);
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void SignOff_AnotherFrontDoorManager_DecisionFinal(Role role)
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());
        var manager = Staff.SocialCareStaff(role);

        Assert.Null(referral.SignOff(manager, SignedOffAt));

        Assert.Equal(ReferralStatus.Decided, referral.Status);
        Assert.Equal(manager.Id, referral.SignedOffBy);
        Assert.Equal(SignedOffAt, referral.SignedOffAt);
        Assert.Equal(ReferralOutcome.NoFurtherAction, referral.Outcome);
    }

    [Fact]
    public void SignOff_TheManagerWhoDecided_RefusedOnAgreeAndStillWaiting()
    {
        var manager = Staff.FrontDoorManager();
        var referral = AwaitingSignOff(manager);

        var problem = referral.SignOff(manager, SignedOffAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Agree", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Null(referral.SignedOffBy);
        Assert.Null(referral.SignedOffAt);
    }

    [Fact]
    public void SignOff_TheManagerWhoDecidedThenAnother_OnlyTheOtherSignsOff()
    {
        var decider = Staff.FrontDoorManager();
        var referral = AwaitingSignOff(decider);
        var other = Staff.FrontDoorManager();

        Assert.NotNull(referral.SignOff(decider, SignedOffAt));
        Assert.Null(referral.SignOff(other, SignedOffAt));

        Assert.Equal(other.Id, referral.SignedOffBy);
    }

    [Fact]
    public void SignOff_FrontDoorPractitioner_InvalidOnAgree()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.SignOff(Staff.FrontDoorPractitioner(), SignedOffAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Agree", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Theory]
    [MemberData(nameof(OutsideTheFrontDoor))]
    public void SignOff_SomeoneOutsideTheFrontDoor_Forbidden(AgencyKind kind, Role role)
    {
        var outsider = Staff.In(kind, role);
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.SignOff(outsider, SignedOffAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Null(referral.SignedOffBy);
    }

    [Fact]
    public void SignOff_NoDecisionYet_ConflictOnAgree()
    {
        var referral = Receive();

        var problem = referral.SignOff(Staff.FrontDoorManager(), SignedOffAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Agree", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
    }

    [Fact]
    public void SignOff_AlreadySignedOff_ConflictAndFirstSignatureKept()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());
        var first = Staff.FrontDoorManager();
        Assert.Null(referral.SignOff(first, SignedOffAt));

        var problem = referral.SignOff(Staff.FrontDoorManager(), SignedOffAt.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal(first.Id, referral.SignedOffBy);
        Assert.Equal(SignedOffAt, referral.SignedOffAt);
    }

    [Fact]
    public void SignOff_DecisionFinalAtOnce_ConflictNothingToSign()
    {
        var problem = Decided().SignOff(Staff.FrontDoorManager(), SignedOffAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
    }

    [Fact]
    public void SendBack_WithAReason_AwaitsAFreshDecisionOnTheSameClock()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        Assert.Null(referral.SendBack(Staff.FrontDoorManager(), "  Check with the school nurse first.  ", SentBackAt));

        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Equal("Check with the school nurse first.", referral.ReturnedReason);
        Assert.Null(referral.Outcome);
        Assert.Null(referral.DecisionRationale);
        Assert.Null(referral.DecidedBy);
        Assert.Null(referral.DecidedAt);
        Assert.Null(referral.SignedOffBy);
        Assert.Equal(DueBy, referral.DecisionDueBy);
    }

    [Fact]
    public void SendBack_ThenDecidedAgainAndSignedOff_HistoryKeepsEveryStepWithTheReasonAndTheDecisionSentBack()
    {
        var practitioner = Staff.FrontDoorPractitioner();
        var manager = Staff.FrontDoorManager();
        var referral = AwaitingSignOff(practitioner);
        Assert.Equal(SignOffDueBy, referral.SignOffDueBy);

        Assert.Null(referral.SendBack(manager, "Check with the school nurse first.", SentBackAt));
        Assert.Equal(practitioner.Id, referral.ReturnedTo);
        Assert.Null(referral.SignOffDueBy);
        var laterDue = SignOffDueBy.AddHours(1);
        Assert.Null(referral.Decide(practitioner, ReferralOutcome.NoFurtherAction, "The nurse has seen her; no new concern.", SentBackAt.AddMinutes(30), Today, laterDue));
        Assert.Null(referral.ReturnedTo);
        Assert.Equal(laterDue, referral.SignOffDueBy);
        Assert.Null(referral.SignOff(manager, SignedOffAt));

        Assert.Equal(
            [ReferralHistoryKind.ProposedForSignOff, ReferralHistoryKind.SentBack, ReferralHistoryKind.ProposedForSignOff, ReferralHistoryKind.SignedOff],
            referral.History.Select(h => h.Kind));
        Assert.Equal("Checks with school and police found no new concern.", referral.History[0].Text);
        Assert.Equal((manager.Id, SentBackAt, "Check with the school nurse first."), (referral.History[1].By!.Value, referral.History[1].At, referral.History[1].Text));
        Assert.Equal((manager.Id, SignedOffAt), (referral.History[3].By!.Value, referral.History[3].At));
    }

    [Fact]
    public void Decide_FinalAtOnce_NoSignOffClock()
    {
        var referral = Decided();

        Assert.Null(referral.SignOffDueBy);
        Assert.Equal(ReferralHistoryKind.Decided, Assert.Single(referral.History).Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void SendBack_NoReason_InvalidOnReasonAndStillWaiting(string? reason)
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.SendBack(Staff.FrontDoorManager(), reason, SentBackAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Equal(ReferralOutcome.NoFurtherAction, referral.Outcome);
    }

    [Fact]
    public void SendBack_ReasonLongerThanTheLimit_InvalidOnReason()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.SendBack(Staff.FrontDoorManager(), new string('r', Referral.RationaleMaxLength + 1), SentBackAt);

        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Fact]
    public void SendBack_FrontDoorPractitioner_InvalidOnAgree()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.SendBack(Staff.FrontDoorPractitioner(), "Not sure.", SentBackAt);

        Assert.Equal("Agree", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Theory]
    [MemberData(nameof(OutsideTheFrontDoor))]
    public void SendBack_SomeoneOutsideTheFrontDoor_Forbidden(AgencyKind kind, Role role)
    {
        var outsider = Staff.In(kind, role);
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        Assert.Equal(FailureKind.Forbidden, referral.SendBack(outsider, "Disagree.", SentBackAt)?.Kind);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Fact]
    public void SendBack_NothingWaitingForSignOff_ConflictOnAgree()
    {
        var referral = Decided();

        var problem = referral.SendBack(Staff.FrontDoorManager(), "Disagree.", SentBackAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Agree", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.Decided, referral.Status);
    }

    [Fact]
    public void Reconsider_SignedOffDecision_BackToTheFrontDoorOnAFreshClock()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());
        Assert.Null(referral.SignOff(Staff.FrontDoorManager(), SignedOffAt));

        Assert.Null(referral.Reconsider(UpholdingManager, "Professional challenge upheld: new disclosure.", SignedOffAt, FreshDueBy));

        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Equal("Professional challenge upheld: new disclosure.", referral.ReturnedReason);
        Assert.Equal(FreshDueBy, referral.DecisionDueBy);
        Assert.Null(referral.Outcome);
        Assert.Null(referral.DecisionRationale);
        Assert.Null(referral.DecidedBy);
        Assert.Null(referral.DecidedAt);
        Assert.Null(referral.SignedOffBy);
        Assert.Null(referral.SignedOffAt);
        var setAside = referral.History[^1];
        Assert.Equal((ReferralHistoryKind.SetAside, UpholdingManager, "Professional challenge upheld: new disclosure."), (setAside.Kind, setAside.By!.Value, setAside.Text));
    }

    [Fact]
    public void Reconsider_ThenDecidedAgain_NewDecisionStands()
    {
        var referral = Decided();
        Assert.Null(referral.Reconsider(UpholdingManager, "Challenge upheld.", SignedOffAt, FreshDueBy));

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.StrategyDiscussion, "Strategy discussion today.", FreshDueBy.AddDays(-1), Today, SignOffDueBy));

        Assert.Equal(ReferralOutcome.StrategyDiscussion, referral.Outcome);
    }

    [Fact]
    public void Reconsider_NotYetDecided_ConflictOnResponse()
    {
        var referral = Receive();

        var problem = referral.Reconsider(UpholdingManager, "Challenge upheld.", SignedOffAt, FreshDueBy);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(DueBy, referral.DecisionDueBy);
    }

    [Fact]
    public void Reconsider_WaitingForSignOff_ConflictAndDecisionKept()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        Assert.Equal(FailureKind.Conflict, referral.Reconsider(UpholdingManager, "Challenge upheld.", SignedOffAt, FreshDueBy)?.Kind);

        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Equal(ReferralOutcome.NoFurtherAction, referral.Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Reconsider_NoReason_Throws(string reason)
    {
        Assert.Throws<ArgumentException>(() => Decided().Reconsider(UpholdingManager, reason, SignedOffAt, FreshDueBy));
    }
}
