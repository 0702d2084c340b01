using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Referrals;

/// <summary>Referrals as the front door receives them, on a fixed clock: received Monday 23 November 2026, due the next day.</summary>
internal static class ReferralFixture
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset DueBy = new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 23);

    public static readonly DateTimeOffset DecidedAt = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset SignedOffAt = new(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);

    /// <summary>When a sign-off asked for at <see cref="DecidedAt"/> is due: 4 working hours later.</summary>
    public static readonly DateTimeOffset SignOffDueBy = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset SentBackAt = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Born 14 May 2011: 15 when referred.</summary>
    public static readonly DateOnly FifteenYearOld = new(2011, 5, 14);

    public static ReferralDetails Details(bool fromProfessional = true, bool sexualHarm = false, DateOnly? dateOfBirth = null, int? approximateAge = null) => new()
    {
        ReferrerName = "Sam School",
        ReferrerRole = "Designated safeguarding lead",
        FromProfessional = fromProfessional,
        ChildGivenName = "Chloe",
        ChildFamilyName = "Example",
        ChildDateOfBirth = dateOfBirth ?? (approximateAge is null ? FifteenYearOld : null),
        ChildApproximateAge = approximateAge,
        WhatHappened = "Seen getting into a car with an older man after school.",
        WhyWorried = "New phone and clothes she cannot explain.",
        ConcernsSexualHarmOrExploitation = sexualHarm,
        FamilyAwareness = FamilyAwareness.Knows,
        LawfulBasis = LawfulBasis.SafeguardingChildren,
        Mentions = [new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra")],
    };

    public static Referral Receive(ReferralDetails? details = null, Guid? referrer = null) =>
        Referral.Receive("REF-7KQ2M9XD4A", details ?? Details(), Staff.School, referrer, null, ReceivedAt, DueBy);

    /// <summary>A professional's referral decided "no further action" by <paramref name="decider"/>: it waits for a manager's sign-off.</summary>
    public static Referral AwaitingSignOff(Actor decider, Guid? referrer = null)
    {
        var referral = Receive(referrer: referrer);
        Assert.Null(referral.Decide(decider, ReferralOutcome.NoFurtherAction, "Checks with school and police found no new concern.", DecidedAt, Today, SignOffDueBy));
        Assert.Equal(ReferralStatus.AwaitingSignOff, referral.Status);
        return referral;
    }

    /// <summary>A referral decided "early help" by a front-door practitioner: final at once.</summary>
    public static Referral Decided(Guid? referrer = null)
    {
        var referral = Receive(referrer: referrer);
        Assert.Null(referral.Decide(Staff.FrontDoorPractitioner(), ReferralOutcome.EarlyHelp, "Early help offered to the family.", DecidedAt, Today, SignOffDueBy));
        Assert.Equal(ReferralStatus.Decided, referral.Status);
        return referral;
    }
}
