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
    [InlineData("NFA: he made his own choice to go back to the flat")]
    [InlineData("She is 16 and over the age of consent")]
    [InlineData("She went willingly and it was her choice")]
    public void RefuseConsentAsReasonToClose_ChildUnder18_Refused(string rationale)
    {
        Assert.NotNull(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, rationale));
    }

    [Theory]
    [InlineData("No concerns found after checks with school and police")]
    [InlineData("Consultant paediatrician reviewed")]
    [InlineData("Ran the lifeguard course")]
    [InlineData("She did not consent; police are investigating and the exploitation team has the case")]
    [InlineData("A child cannot consent to their own exploitation; the risk is held by the open case")]
    [InlineData("Mum gave consent for the referral to early help, which is already in place")]
    [InlineData("The family's choice of school was respected; no safeguarding concerns found")]
    [InlineData("She sings in the choir and there was a consensus that the worry was about a peer")]
    public void RefuseConsentAsReasonToClose_OtherWords_Allowed(string rationale)
    {
        Assert.Null(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, rationale));
    }

    [Fact]
    public void RefuseConsentAsReasonToClose_RefusalQuotesThePhraseFound()
    {
        var refusal = ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, "No further action. Chloe is making her own choices.");
        Assert.Contains("\"making her own choices\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseConsentAsReasonToClose_ChildsOwnWordsQuoted_StillRefused()
    {
        // The advisory check leaves the child's quoted words alone; a decision to close cannot rest on them.
        Assert.NotNull(ReferralRules.RefuseConsentAsReasonToClose(ReferralOutcome.NoFurtherAction, 15, "She told me \"it's my choice, I'm not a kid\", so no further action."));
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
