using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Domain.Tests.Partnership;
using Microsoft.Extensions.Time.Testing;
using static Lantern.Domain.Tests.Referrals.ReferralFixture;

namespace Lantern.Domain.Tests.Referrals;

public sealed class ProfessionalChallengeTests
{
    private static readonly Guid Referrer = Guid.NewGuid();

    private static readonly DateTimeOffset ChallengedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset AnswerDueBy = new(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset AnsweredAt = new(2026, 11, 26, 11, 0, 0, TimeSpan.Zero);

    private static ProfessionalChallenge RaiseAboutDecision() =>
        ProfessionalChallenge.Raise(Decided(Referrer), Referrer, "She disclosed more to me today.", [], ChallengedAt, AnswerDueBy).Value;

    private static ProfessionalChallenge RaiseAboutDelay() =>
        ProfessionalChallenge.Raise(Receive(referrer: Referrer), Referrer, "No decision yet.", [], DueBy.AddHours(1), AnswerDueBy).Value;

    [Fact]
    public void CanRaise_ReferrerAfterTheDecision_True()
    {
        Assert.True(ProfessionalChallenge.CanRaise(Decided(Referrer), Referrer, [], ChallengedAt));
    }

    [Fact]
    public void CanRaise_SomeoneOtherThanTheReferrer_False()
    {
        Assert.False(ProfessionalChallenge.CanRaise(Decided(Referrer), Guid.NewGuid(), [], ChallengedAt));
    }

    [Fact]
    public void CanRaise_ReferralRaisedThroughAnAgencySystem_NobodyCan()
    {
        var referral = Decided(referrer: null);

        Assert.False(ProfessionalChallenge.CanRaise(referral, Guid.Empty, [], ChallengedAt));
    }

    [Fact]
    public void CanRaise_UndecidedReferral_OnlyOnceTheDecisionIsOverdue()
    {
        var referral = Receive(referrer: Referrer);
        var clock = new FakeTimeProvider(ReceivedAt);

        Assert.False(ProfessionalChallenge.CanRaise(referral, Referrer, [], clock.GetUtcNow()));
        clock.SetUtcNow(DueBy);
        Assert.False(ProfessionalChallenge.CanRaise(referral, Referrer, [], clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(ProfessionalChallenge.CanRaise(referral, Referrer, [], clock.GetUtcNow()));
    }

    [Fact]
    public void CanRaise_WaitingForSignOffAndNotOverdue_False()
    {
        var referral = AwaitingSignOff(Staff.FrontDoorPractitioner(), Referrer);

        Assert.False(ProfessionalChallenge.CanRaise(referral, Referrer, [], DecidedAt));
    }

    [Fact]
    public void CanRaise_EarlierChallengeStillOpen_False()
    {
        var referral = Decided(Referrer);
        var open = ProfessionalChallenge.Raise(referral, Referrer, "Disagree.", [], ChallengedAt, AnswerDueBy).Value;

        Assert.False(ProfessionalChallenge.CanRaise(referral, Referrer, [open], ChallengedAt.AddHours(1)));
    }

    [Fact]
    public void CanRaise_EarlierChallengeAnswered_True()
    {
        var referral = Decided(Referrer);
        var answered = ProfessionalChallenge.Raise(referral, Referrer, "Disagree.", [], ChallengedAt, AnswerDueBy).Value;
        Assert.Null(answered.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, "Early help is right.", AnsweredAt));

        Assert.True(ProfessionalChallenge.CanRaise(referral, Referrer, [answered], AnsweredAt.AddDays(1)));
    }

    [Fact]
    public void Raise_AfterTheDecision_OpenChallengeAboutTheDecision()
    {
        var referral = Decided(Referrer);

        var challenge = ProfessionalChallenge.Raise(referral, Referrer, "  She disclosed more to me today.  ", [], ChallengedAt, AnswerDueBy).Value;

        Assert.Equal(ChallengeStatus.Open, challenge.Status);
        Assert.True(challenge.AboutDecision);
        Assert.Equal(referral.Id, challenge.ReferralId);
        Assert.Equal(Referrer, challenge.RaisedBy);
        Assert.Equal(ChallengedAt, challenge.RaisedAt);
        Assert.Equal(AnswerDueBy, challenge.DueBy);
        Assert.Equal("She disclosed more to me today.", challenge.Reason);
        Assert.Null(challenge.Response);
    }

    [Fact]
    public void Raise_DecisionOverdue_ChallengeAboutTheDelay()
    {
        Assert.False(RaiseAboutDelay().AboutDecision);
    }

    [Fact]
    public void Raise_SomeoneOtherThanTheReferrer_InvalidOnReason()
    {
        var result = ProfessionalChallenge.Raise(Decided(Referrer), Guid.NewGuid(), "Disagree.", [], ChallengedAt, AnswerDueBy);

        Assert.Equal(FailureKind.Validation, result.Failure?.Kind);
        Assert.Equal("Reason", Assert.Single(result.Failure!.Errors).Field);
    }

    [Fact]
    public void Raise_BeforeTheDecisionIsDue_InvalidOnReason()
    {
        var result = ProfessionalChallenge.Raise(Receive(referrer: Referrer), Referrer, "Hurry up.", [], ReceivedAt.AddHours(1), AnswerDueBy);

        Assert.Equal("Reason", Assert.Single(result.Failure!.Errors).Field);
        Assert.Contains("once it is made", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_EarlierChallengeStillOpen_InvalidSayingItIsWaiting()
    {
        var referral = Decided(Referrer);
        var open = ProfessionalChallenge.Raise(referral, Referrer, "Disagree.", [], ChallengedAt, AnswerDueBy).Value;

        var result = ProfessionalChallenge.Raise(referral, Referrer, "Disagree again.", [open], ChallengedAt.AddHours(1), AnswerDueBy);

        Assert.Equal("Reason", Assert.Single(result.Failure!.Errors).Field);
        Assert.Contains("already challenged", result.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Raise_NoReason_InvalidOnReason(string? reason)
    {
        var result = ProfessionalChallenge.Raise(Decided(Referrer), Referrer, reason, [], ChallengedAt, AnswerDueBy);

        Assert.Equal("Reason", Assert.Single(result.Failure!.Errors).Field);
    }

    [Fact]
    public void Raise_ReasonLongerThanTheLimit_InvalidOnReason()
    {
        var result = ProfessionalChallenge.Raise(Decided(Referrer), Referrer, new string('r', ProfessionalChallenge.TextMaxLength + 1), [], ChallengedAt, AnswerDueBy);

        Assert.Equal("Reason", Assert.Single(result.Failure!.Errors).Field);
    }

    [Theory]
    [InlineData(Role.ServiceManager, true)]
    [InlineData(Role.HeadOfService, true)]
    [InlineData(Role.TeamManager, false)]
    [InlineData(Role.Practitioner, false)]
    public void CanAnswer_SocialCare_OnlyServiceManagerOrHeadOfService(Role role, bool expected)
    {
        Assert.Equal(expected, ProfessionalChallenge.CanAnswer(Staff.SocialCareStaff(role)));
    }

    [Fact]
    public void CanAnswer_PoliceServiceManager_False()
    {
        Assert.False(ProfessionalChallenge.CanAnswer(Staff.PoliceStaff(Role.ServiceManager)));
    }

    [Theory]
    [InlineData(ChallengeResponse.DecisionStands)]
    [InlineData(ChallengeResponse.Reconsider)]
    public void Answer_ChallengeAboutTheDecision_Answered(ChallengeResponse response)
    {
        var challenge = RaiseAboutDecision();
        var manager = Staff.SocialCareStaff(Role.ServiceManager);

        Assert.Null(challenge.Answer(manager, response, "  I have read the file again.  ", AnsweredAt));

        Assert.Equal(ChallengeStatus.Answered, challenge.Status);
        Assert.Equal(response, challenge.Response);
        Assert.Equal("I have read the file again.", challenge.ResponseNote);
        Assert.Equal(manager.Id, challenge.AnsweredBy);
        Assert.Equal(AnsweredAt, challenge.AnsweredAt);
    }

    [Fact]
    public void Answer_ChallengeAboutTheDelayExpedited_Answered()
    {
        var challenge = RaiseAboutDelay();

        Assert.Null(challenge.Answer(Staff.SocialCareStaff(Role.HeadOfService), ChallengeResponse.DecisionExpedited, "Allocated today.", AnsweredAt));

        Assert.Equal(ChallengeResponse.DecisionExpedited, challenge.Response);
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.Practitioner)]
    public void Answer_NotASeniorFrontDoorManager_ForbiddenAndStillOpen(Role role)
    {
        var challenge = RaiseAboutDecision();

        var problem = challenge.Answer(Staff.SocialCareStaff(role), ChallengeResponse.DecisionStands, "Stands.", AnsweredAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_ServiceManagerOfAnotherAgency_Forbidden()
    {
        var challenge = RaiseAboutDecision();

        Assert.Equal(FailureKind.Forbidden, challenge.Answer(Staff.PoliceStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, "Stands.", AnsweredAt)?.Kind);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_AlreadyAnswered_ConflictOnResponseAndFirstAnswerKept()
    {
        var challenge = RaiseAboutDecision();
        Assert.Null(challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, "Stands.", AnsweredAt));

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.HeadOfService), ChallengeResponse.Reconsider, "Reconsider.", AnsweredAt.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeResponse.DecisionStands, challenge.Response);
    }

    [Fact]
    public void Answer_NoResponse_InvalidOnResponse()
    {
        var challenge = RaiseAboutDecision();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), null, "Note.", AnsweredAt);

        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_ReconsiderWhenThereWasNoDecision_InvalidOnResponse()
    {
        var challenge = RaiseAboutDelay();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.Reconsider, "Reconsider.", AnsweredAt);

        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_DecisionStandsWhenThereWasNoDecision_InvalidOnResponse()
    {
        // A challenge about the delay has no decision to stand: the page offers only "a decision is being made now",
        // and the referrer would otherwise be told "the decision stands" about a referral nobody has decided.
        var challenge = RaiseAboutDelay();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, "Stands.", AnsweredAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_ExpeditedWhenThereWasADecision_InvalidOnResponse()
    {
        var challenge = RaiseAboutDecision();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionExpedited, "Expedited.", AnsweredAt);

        Assert.Equal("Response", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Answer_NoNote_InvalidOnNote(string? note)
    {
        var challenge = RaiseAboutDecision();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, note, AnsweredAt);

        Assert.Equal("Note", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ChallengeStatus.Open, challenge.Status);
    }

    [Fact]
    public void Answer_NoteLongerThanTheLimit_InvalidOnNote()
    {
        var challenge = RaiseAboutDecision();

        var problem = challenge.Answer(Staff.SocialCareStaff(Role.ServiceManager), ChallengeResponse.DecisionStands, new string('n', ProfessionalChallenge.TextMaxLength + 1), AnsweredAt);

        Assert.Equal("Note", Assert.Single(problem!.Errors).Field);
    }
}
