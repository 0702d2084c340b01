using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Referrals;
using Lantern.Domain.Tests.Partnership;
using static Lantern.Domain.Tests.Referrals.ReferralFixture;

namespace Lantern.Domain.Tests.Referrals;

public sealed class ReferralTests
{
    [Fact]
    public void Receive_ProfessionalsReferral_AwaitsDecisionOnItsClock()
    {
        var referrer = Guid.NewGuid();

        var referral = Receive(referrer: referrer);

        Assert.Equal(ReferralStatus.AwaitingDecision, referral.Status);
        Assert.Equal("REF-7KQ2M9XD4A", referral.Reference);
        Assert.Equal(ReceivedAt, referral.ReceivedAt);
        Assert.Equal(DueBy, referral.DecisionDueBy);
        Assert.Equal(Staff.School, referral.SourceAgencyId);
        Assert.Equal(referrer, referral.ReferrerUserId);
        Assert.Null(referral.ApiKeyId);
        Assert.Equal("Chloe Example", referral.ChildName);
        Assert.Null(referral.Outcome);
        Assert.Null(referral.ChildId);
        Assert.Null(referral.AllocatedTo);
        Assert.False(referral.RepeatedConcern);
        Assert.Equal(new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), Assert.Single(referral.Mentions).Text);
    }

    [Fact]
    public void Receive_DateOfBirthAndApproximateAge_KeepsOnlyTheDateOfBirth()
    {
        var referral = Receive(Details() with { ChildDateOfBirth = FifteenYearOld, ChildApproximateAge = 12 });

        Assert.Null(referral.ChildApproximateAge);
        Assert.Equal(15, referral.ChildAgeOn(Today));
    }

    [Fact]
    public void Receive_ApproximateAgeOnly_AgeMovesOnFromTheDayReceived()
    {
        var referral = Receive(Details(approximateAge: 14));

        Assert.Equal(14, referral.ChildAgeOn(Today));
        Assert.Equal(14, referral.ChildAgeOn(Today.AddYears(1).AddDays(-1)));
        Assert.Equal(15, referral.ChildAgeOn(Today.AddYears(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Receive_NoReference_Throws(string reference)
    {
        Assert.Throws<ArgumentException>(() => Referral.Receive(reference, Details(), Staff.School, null, null, ReceivedAt, DueBy));
    }

    [Fact]
    public void JoinChild_NotYetJoined_Joined()
    {
        var referral = Receive();
        var child = ChildId.New();

        referral.JoinChild(child);

        Assert.Equal(child, referral.ChildId);
    }

    [Fact]
    public void JoinChild_SameChildAgain_StaysJoined()
    {
        var referral = Receive();
        var child = ChildId.New();
        referral.JoinChild(child);

        referral.JoinChild(child);

        Assert.Equal(child, referral.ChildId);
    }

    [Fact]
    public void JoinChild_AnotherChild_ThrowsAndKeepsTheFirst()
    {
        var referral = Receive();
        var child = ChildId.New();
        referral.JoinChild(child);

        Assert.Throws<InvalidOperationException>(() => referral.JoinChild(ChildId.New()));
        Assert.Equal(child, referral.ChildId);
    }

    [Fact]
    public void MarkRepeatedConcern_NewReferral_Marked()
    {
        var referral = Receive();

        referral.MarkRepeatedConcern();

        Assert.True(referral.RepeatedConcern);
    }
}
