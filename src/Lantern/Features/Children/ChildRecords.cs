using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Referrals;
using Lantern.Features.Chronology;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// The child's record: found or opened when a referral arrives, with the referral's entry on the
/// chronology. The caller saves.
/// </summary>
public sealed class ChildRecords(LanternDbContext db, ChronologyRecords chronology, WorkingDayCalendar calendar, TimeProvider time)
{
    /// <summary>
    /// The child a referral is about: an exact match of name and date of birth (until identity resolution
    /// serves the front door), otherwise a new record opened from what the referral says. The referral's
    /// entry joins the chronology. Adds to the pending changes; the caller saves.
    /// </summary>
    public async Task<Child> FindOrOpenForReferralAsync(Referral referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        Child? child = null;
        if (referral.ChildDateOfBirth is { } dob)
        {
            // Few children share a date of birth, so the names are compared here, ignoring case.
            child = (await db.Children.Where(c => c.DateOfBirth == dob).OrderBy(c => c.CreatedAt).ToListAsync(ct))
                .FirstOrDefault(c => string.Equals(c.GivenName, referral.ChildGivenName, StringComparison.OrdinalIgnoreCase)
                                     && string.Equals(c.FamilyName, referral.ChildFamilyName, StringComparison.OrdinalIgnoreCase));
        }
        var now = time.GetUtcNow();
        if (child is null)
        {
            child = Child.Open(new NewChild
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
            }, now, calendar.LocalDate(now));
            db.Children.Add(child);
        }
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
        return child;
    }
}
