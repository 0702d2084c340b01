using Lantern.Domain.Referrals;

namespace Lantern.Domain.Tests.Referrals;

public sealed class ReferralRulesTests
{
    [Theory]
    [InlineData(ReferralOutcome.NoFurtherAction, true, false, true)]
    [InlineData(ReferralOutcome.NoFurtherAction, false, true, true)]
    [InlineData(ReferralOutcome.NoFurtherAction, false, false, false)]
    [InlineData(ReferralOutcome.EarlyHelp, true, true, false)]
    [InlineData(ReferralOutcome.StrategyDiscussion, true, true, false)]
    public void NeedsSignOff_OnlyNoFurtherActionFromAProfessionalOrAboutSexualHarm(ReferralOutcome outcome, bool professional, bool sexualHarm, bool expected)
    {
        Assert.Equal(expected, ReferralRules.NeedsSignOff(outcome, professional, sexualHarm));
    }

    [Theory]
    [InlineData("She is making her own choices")]
    [InlineData("He chose to go with them")]
    [InlineData("The sex was consensual")]
    [InlineData("She consents to the relationship")]
    [InlineData("It is a lifestyle choice")]
    public void RefuseConsentAsReasonToClose_ChildUnder18_Refused(string rationale)
    {
        Assert.NotNull(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, rationale));
    }

    [Theory]
    [InlineData("No concerns found after checks with school and police")]
    [InlineData("Consultant paediatrician reviewed")]
    [InlineData("Ran the lifeguard course")]
    public void RefuseConsentAsReasonToClose_OtherWords_Allowed(string rationale)
    {
        Assert.Null(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, rationale));
    }

    [Fact]
    public void RefuseConsentAsReasonToClose_NotClosingOrAdult_Allowed()
    {
        Assert.Null(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.StrategyDiscussion, 15, "she says she consents"));
        Assert.Null(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 18, "her own choices"));
    }

    [Fact]
    public void RefuseConsentAsReasonToClose_AgeUnknown_TreatedAsAChild()
    {
        Assert.NotNull(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, null, "her own choice"));
    }
}
