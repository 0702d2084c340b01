using Lantern.Domain.Language;

namespace Lantern.Domain.Referrals;

/// <summary>What the front door decided to do about a referral (Working Together 2023).</summary>
public enum ReferralOutcome
{
    NoFurtherAction = 1,
    EarlyHelp = 2,
    ChildAndFamilyAssessment = 3,
    StrategyDiscussion = 4,
    ExploitationTeam = 5,
    AddedToOpenCase = 6,
}

public enum ReferralStatus
{
    AwaitingDecision = 1,
    AwaitingSignOff = 2,
    Decided = 3,
}

/// <summary>Why the referrer may share the information (recorded with every referral).</summary>
public enum LawfulBasis
{
    /// <summary>UK GDPR 6(1)(e) with DPA 2018 Schedule 1 paragraph 18, safeguarding of children.</summary>
    SafeguardingChildren = 1,

    /// <summary>DPA 2018 Part 3, law enforcement processing (police).</summary>
    LawEnforcement = 2,

    /// <summary>The family or young person agreed to the referral.</summary>
    Consent = 3,
}

public enum FamilyAwareness
{
    Knows = 1,
    DoesNotKnow = 2,

    /// <summary>Telling the family could put the child at greater risk.</summary>
    NotToldForSafety = 3,
}

public static class ReferralOutcomes
{
    public static string DisplayName(this ReferralOutcome outcome) => outcome switch
    {
        ReferralOutcome.NoFurtherAction => "No further action (with advice or signposting)",
        ReferralOutcome.EarlyHelp => "Early help",
        ReferralOutcome.ChildAndFamilyAssessment => "Child and family assessment (section 17)",
        ReferralOutcome.StrategyDiscussion => "Strategy discussion (section 47)",
        ReferralOutcome.ExploitationTeam => "Referral to the specialist exploitation team",
        ReferralOutcome.AddedToOpenCase => "Added to an already open case",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome"),
    };
}

/// <summary>The rules a decision on a referral must follow before it can be final.</summary>
public static class ReferralRules
{
    /// <summary>
    /// A no-further-action decision on a professional's referral, or on any referral about sexual
    /// harm or exploitation, is not final until a team manager signs it off.
    /// </summary>
    public static bool NeedsSignOff(ReferralOutcome outcome, bool fromProfessional, bool concernsSexualHarmOrExploitation) =>
        outcome == ReferralOutcome.NoFurtherAction && (fromProfessional || concernsSexualHarmOrExploitation);

    /// <summary>
    /// A child cannot consent to their own exploitation: closing a referral about a child under 18
    /// because of the child's "consent", "choice" or "lifestyle" is refused, and the reason says why.
    /// The rationale is read by the language guard's shipped phrase list (category consent-or-choice),
    /// so "she is making her own choices" is refused while "she did not consent" is not. Unlike the
    /// advisory check, the child's words in quotation marks count here: a decision to close that rests
    /// on the child saying "it was my choice" still rests on choice. Returns null when the rationale may stand.
    /// </summary>
    public static string? RefuseConsentAsReasonToClose(ReferralOutcome outcome, int? childAge, string rationale)
    {
        ArgumentNullException.ThrowIfNull(rationale);
        if (outcome != ReferralOutcome.NoFurtherAction || childAge is >= 18)
        {
            return null;
        }
        var finding = LanguageGuard.Shipped.FindFirst(rationale, PhraseCategories.ConsentOrChoice, includeQuotedSpeech: true);
        return finding is null
            ? null
            : $"A child cannot consent to their own exploitation: \"{finding.Phrase}\" cannot be the reason to close a referral about a child under 18. Describe the risk and what was done about it.";
    }
}
