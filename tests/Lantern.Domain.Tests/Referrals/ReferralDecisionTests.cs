using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Domain.Tests.Partnership;
using static Lantern.Domain.Tests.Referrals.ReferralFixture;

namespace Lantern.Domain.Tests.Referrals;

public sealed class ReferralDecisionTests
{
    private const string OwnChoices = "No further action. Chloe is making her own choices.";

    public static TheoryData<AgencyKind, Role> OutsideTheFrontDoor => new()
    {
        { AgencyKind.Police, Role.TeamManager },
        { AgencyKind.Police, Role.PoliceInvestigator },
        { AgencyKind.School, Role.Practitioner },
        { AgencyKind.ChildrensSocialCare, Role.Referrer },
        { AgencyKind.ChildrensSocialCare, Role.Administrator },
    };

    [Fact]
    public void Decide_EarlyHelpByAPractitioner_FinalAtOnce()
    {
        var referral = Receive();
        var practitioner = Staff.FrontDoorPractitioner();

        var problem = referral.Decide(practitioner, ReferralOutcome.EarlyHelp, "  Early help offered to the family.  ", DecidedAt, Today, SignOffDueBy);

        Assert.Null(problem);
        Assert.Equal(ReferralStatus.Decided, referral.Status);
        Assert.Equal(ReferralOutcome.EarlyHelp, referral.Outcome);
        Assert.Equal("Early help offered to the family.", referral.DecisionRationale);
        Assert.Equal(practitioner.Id, referral.DecidedBy);
        Assert.Equal(DecidedAt, referral.DecidedAt);
        Assert.Null(referral.SignedOffBy);
    }

    [Fact]
    public void Decide_NoFurtherActionOnAProfessionalsReferral_AwaitsSignOff()
    {
        var referral = Receive(Details(fromProfessional: true, sexualHarm: false));

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, "Checks found no new concern.", DecidedAt, Today, SignOffDueBy);

        Assert.Null(problem);
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        Assert.Equal(ReferralOutcome.NoFurtherAction, referral.Outcome);
    }

    [Fact]
    public void Decide_NoFurtherActionAboutSexualHarmFromAFamilyMember_AwaitsSignOff()
    {
        var referral = Receive(Details(fromProfessional: false, sexualHarm: true));

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, "Checks found no new concern.", DecidedAt, Today, SignOffDueBy));

        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Fact]
    public void Decide_NoFurtherActionFromAFamilyMemberNotAboutSexualHarm_FinalAtOnce()
    {
        var referral = Receive(Details(fromProfessional: false, sexualHarm: false));

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, "Advice given to the family.", DecidedAt, Today, SignOffDueBy));

        Assert.Equal(ReferralStatus.Decided, referral.Status);
    }

    [Theory]
    [MemberData(nameof(OutsideTheFrontDoor))]
    public void Decide_SomeoneOutsideTheFrontDoor_ForbiddenAndUndecided(AgencyKind kind, Role role)
    {
        var outsider = Staff.In(kind, role);
        var referral = Receive();

        var problem = referral.Decide(outsider, ReferralOutcome.EarlyHelp, "Early help.", DecidedAt, Today, SignOffDueBy);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Null(referral.Outcome);
    }

    [Fact]
    public void Decide_AlreadyDecided_ConflictOnOutcomeAndFirstDecisionKept()
    {
        var referral = Decided();

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.StrategyDiscussion, "Strategy discussion needed.", DecidedAt.AddHours(1), Today, SignOffDueBy);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Outcome", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralOutcome.EarlyHelp, referral.Outcome);
    }

    [Fact]
    public void Decide_WaitingForSignOff_ConflictSaysSo()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, "Early help.", DecidedAt, Today, SignOffDueBy);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Contains("sign-off", problem!.Title, StringComparison.Ordinal);
        Assert.Equal(ReferralOutcome.NoFurtherAction, referral.Outcome);
    }

    [Fact]
    public void Decide_NoOutcomeNorRationale_NamesBothFieldsAndUndecided()
    {
        var referral = Receive();

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), null, "  ", DecidedAt, Today, SignOffDueBy);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal(["Outcome", "Rationale"], problem!.Errors.Select(e => e.Field));
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Null(referral.DecidedBy);
    }

    [Fact]
    public void Decide_UnknownOutcome_NamesOutcome()
    {
        var problem = Receive().Decide(Staff.FrontDoorPractitioner(), (ReferralOutcome)99, "Rationale", DecidedAt, Today, SignOffDueBy);

        Assert.Equal("Outcome", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void Decide_RationaleLongerThanTheLimit_NamesRationale()
    {
        var referral = Receive();

        Assert.Null(Receive().CheckDecision(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, new string('r', Referral.RationaleMaxLength), Today));
        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, new string('r', Referral.RationaleMaxLength + 1), DecidedAt, Today, SignOffDueBy);

        Assert.Equal("Rationale", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
    }

    [Fact]
    public void Decide_NoFurtherActionBecauseAChildUnder18MakesHerOwnChoices_RefusedOnRationale()
    {
        var referral = Receive();

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, OwnChoices, DecidedAt, Today, SignOffDueBy);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        var error = Assert.Single(problem!.Errors);
        Assert.Equal("Rationale", error.Field);
        Assert.Contains("\"making her own choices\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Null(referral.Outcome);
    }

    [Fact]
    public void Decide_SameWordsTheDayBeforeHerEighteenthBirthday_Refused()
    {
        var referral = Receive(Details(dateOfBirth: Today.AddYears(-18).AddDays(1)));

        var problem = referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, OwnChoices, DecidedAt, Today, SignOffDueBy);

        Assert.Equal("Rationale", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void Decide_SameWordsOnHerEighteenthBirthday_Allowed()
    {
        var referral = Receive(Details(dateOfBirth: Today.AddYears(-18)));

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, OwnChoices, DecidedAt, Today, SignOffDueBy));

        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
    }

    [Fact]
    public void Decide_SameWordsWithAnOutcomeThatKeepsItOpen_Allowed()
    {
        var referral = Receive();

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.ExploitationTeam, OwnChoices, DecidedAt, Today, SignOffDueBy));

        Assert.Equal(ReferralStatus.Decided, referral.Status);
    }

    [Fact]
    public void Decide_AfterSentBack_ReturnedReasonCleared()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner());
        Assert.Null(referral.SendBack(Staff.FrontDoorManager(), "Check with the school nurse first.", SentBackAt));

        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, "Nurse confirms; early help.", DecidedAt.AddHours(1), Today, SignOffDueBy));

        Assert.Null(referral.ReturnedReason);
        Assert.Equal(ReferralStatus.Decided, referral.Status);
    }

    [Fact]
    public void CheckDecision_ValidDecision_NoProblemAndNothingChanged()
    {
        var referral = Receive();

        Assert.Null(referral.CheckDecision(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, "Early help.", Today));

        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Null(referral.Outcome);
    }

    [Fact]
    public void CheckDecision_OwnChoicesAndSomeoneOutside_ForbiddenBeforeAnyField()
    {
        var problem = Receive().CheckDecision(Staff.PoliceStaff(Role.TeamManager), ReferralOutcome.NoFurtherAction, OwnChoices, Today);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Empty(problem!.Errors);
    }

    [Fact]
    public void CheckDecision_OwnChoices_RefusedWithTheSameWordsAsRefusalToClose()
    {
        var referral = Receive();

        var problem = referral.CheckDecision(Staff.FrontDoorPractitioner(), ReferralOutcome.NoFurtherAction, OwnChoices, Today);

        Assert.Equal(referral.RefusalToClose(ReferralOutcome.NoFurtherAction, OwnChoices, Today), Assert.Single(problem!.Errors).Message);
    }

    [Fact]
    public void RefusalToClose_ChildUnder18ClosedOnChoice_SaysWhy()
    {
        var refusal = Receive().RefusalToClose(ReferralOutcome.NoFurtherAction, OwnChoices, Today);

        Assert.Contains("A child cannot consent to their own exploitation", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, OwnChoices)]
    [InlineData((ReferralOutcome)99, OwnChoices)]
    [InlineData(ReferralOutcome.NoFurtherAction, null)]
    [InlineData(ReferralOutcome.NoFurtherAction, " ")]
    [InlineData(ReferralOutcome.NoFurtherAction, "Checks with school and police found no new concern.")]
    [InlineData(ReferralOutcome.StrategyDiscussion, OwnChoices)]
    public void RefusalToClose_NothingToRefuse_Null(ReferralOutcome? outcome, string? rationale)
    {
        Assert.Null(Receive().RefusalToClose(outcome, rationale, Today));
    }

    [Fact]
    public void RefusalToClose_AgeNotKnown_TreatedAsAChild()
    {
        var referral = Receive(Details() with { ChildDateOfBirth = null, ChildApproximateAge = null });

        Assert.NotNull(referral.RefusalToClose(ReferralOutcome.NoFurtherAction, OwnChoices, Today));
    }
}
