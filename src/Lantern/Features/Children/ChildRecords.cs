using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Referrals;
using Lantern.Features.Chronology;
using Lantern.Features.Identity;

namespace Lantern.Features.Children;

/// <summary>
/// The child's record: found or opened when a referral arrives, with the referral's entry on the
/// chronology. The caller saves.
/// </summary>
public sealed class ChildRecords(IdentityResolution identity, ChronologyRecords chronology, WorkingDayCalendar calendar, TimeProvider time)
{
    /// <summary>
    /// The child a referral is about, resolved by the linking engine against every child already known: a
    /// confident match joins that child; otherwise a new record is opened from what the referral says, and any
    /// uncertain match is put to a person to decide (see <see cref="IdentityResolution"/>). The referral's entry
    /// joins the chronology. Adds to the pending changes; the caller saves.
    /// </summary>
    public async Task<(Child Child, IReadOnlyList<AuditEntry> Audit)> FindOrOpenForReferralAsync(Referral referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var now = time.GetUtcNow();
        var (child, audit) = await identity.FindOrOpenAsync(IdentityResolution.RecordOf(referral), "Referral", referral.Reference, () => Child.Open(new NewChild
        {
            GivenName = referral.ChildGivenName,
            FamilyName = referral.ChildFamilyName,
            KnownAs = referral.ChildKnownAs,
            DateOfBirth = referral.ChildDateOfBirth,
            EstimatedAge = referral.ChildApproximateAge,
            NhsNumber = referral.ChildNhsNumber,
            UniquePupilNumber = referral.ChildUniquePupilNumber,
            PoliceReference = referral.ChildPoliceReference,
            School = referral.ChildSchool,
            Address = referral.ChildAddress,
            Postcode = referral.ChildPostcode,
        }, now, calendar.LocalDate(now)), ct);
        referral.JoinChild(child.Id);
        chronology.Add(child.Id, new NewEntry(
            referral.ReceivedAt,
            EntryType.Referral,
            $"Referral {referral.Reference}: {referral.WhatHappened} Why they are worried: {referral.WhyWorried}",
            referral.ConcernsSexualHarmOrExploitation ? Significance.Significant : Significance.Routine,
            referral.SourceAgencyId,
            referral.ReferrerName,
            referral.ReferrerUserId,
            referral.ApiKeyId,
            SourceRecord: referral.Reference,
            Mentions: [.. referral.Mentions.Select(m => m.Text)]));
        return (child, audit);
    }
}
