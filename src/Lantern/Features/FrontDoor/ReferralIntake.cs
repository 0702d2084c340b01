using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Partnership;
using Lantern.Domain.People;
using Lantern.Domain.Records;
using Lantern.Domain.Referrals;
using Lantern.Features.Children;
using Lantern.Features.Identity;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// Receives a referral from any door (pages or API): validates it, stamps it with its reference and
/// decision clock, and saves it with its audit event in one transaction.
/// </summary>
public sealed partial class ReferralIntake(LanternDbContext db, WorkingDayCalendar calendar, TimeProvider time, Notifier notifier,
    Recipients recipients, ChildRecords children, AlertService alerts, RepeatedConcernRule repeatedConcern,
    IdentityResolution identity, AuditTrail audit, Network.MentionLinker mentions, ILogger<ReferralIntake> logger)
{
    public Failure? Validate(ReferralRequest request) =>
        ReferralValidation.Validate(request, ReferralValidation.Today(calendar, time));

    /// <summary>
    /// Stores the referral. <paramref name="save"/> is called with the receipt just before the
    /// transaction commits, so a caller can add its own record (an idempotent response) to it.
    /// </summary>
    public async Task<ReferralReceipt> AcceptAsync(ReferralRequest request, AgencyId agency, Guid? apiKeyId, Guid? referrerUserId,
        Action<ReferralReceipt, string> save, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(save);
        var child = request.Child!;
        var concern = request.Concern!;
        var referrer = request.Referrer!;
        var received = time.GetUtcNow();
        var referral = Referral.Receive(RecordReference.New("REF"), new ReferralDetails
        {
            ReferrerName = referrer.Name!.Trim(),
            ReferrerRole = Clean(referrer.Role),
            ReferrerPhone = Clean(referrer.Phone),
            ReferrerEmail = Clean(referrer.Email),
            ChildGivenName = child.GivenName!.Trim(),
            ChildFamilyName = child.FamilyName!.Trim(),
            ChildKnownAs = Clean(child.KnownAs),
            ChildDateOfBirth = child.DateOfBirth,
            ChildApproximateAge = child.ApproximateAge,
            ChildAddress = Clean(child.Address),
            ChildPostcode = Clean(child.Postcode)?.ToUpperInvariant(),
            ChildSchool = Clean(child.School),
            ChildNhsNumber = NhsNumber.Normalise(child.NhsNumber),
            ChildUniquePupilNumber = Clean(child.UniquePupilNumber),
            ChildPoliceReference = Clean(child.PoliceReference),
            WhatHappened = concern.WhatHappened!.Trim(),
            WhyWorried = concern.WhyWorried!.Trim(),
            ConcernsSexualHarmOrExploitation = concern.SexualHarmOrExploitation,
            FamilyAwareness = request.FamilyAware!.Value,
            LawfulBasis = request.LawfulBasis!.Value,
            Mentions = MentionRules.Clean([.. (request.Mentions ?? []).Select(m => (m.Kind, m.Value, m.Detail))]),
        }, agency, referrerUserId, apiKeyId, received, calendar.DecisionDue(received));
        db.Referrals.Add(referral);
        var (resolved, identityAudit) = await children.FindOrOpenForReferralAsync(referral, ct);
        var opened = db.Entry(resolved).State == EntityState.Added;
        var receipt = new ReferralReceipt(referral.Reference, referral.ReceivedAt, referral.DecisionDueBy, referral.Status, referral.ChildId?.Value);
        save(receipt, ReferralEndpoints.Location(referral.Reference));
        await AcknowledgeAsync(referral, ct);
        await alerts.SaveWithAlertAsync(await RepeatedConcernAsync(referral, ct),
            [AuditEntry.Allowed(AuditCode.ReferralReceived, "Referral", referral.Reference, $"due {referral.DecisionDueBy:O}"), .. identityAudit], ct);
        await notifier.SendAfterCommitAsync(ct);
        await mentions.LinkAfterSaveAsync(ct);
        if (opened)
        {
            await RecheckAsync(resolved.Id, referral, ct);
        }
        return receipt;
    }

    /// <summary>
    /// A new record was opened: once saved, it is checked again against every record saved meanwhile, so that two
    /// referrals about one new child arriving together still reach the review queue as a pair. The referral is
    /// stored and acknowledged already; a failure here is logged, never answered.
    /// </summary>
    private async Task RecheckAsync(ChildId opened, Referral referral, CancellationToken ct)
    {
        try
        {
            await identity.RecheckOpenedAsync(opened, IdentityResolution.RecordOf(referral), "Referral", referral.Reference, audit, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecheckFailed(logger, e, referral.Reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Referral {Reference} was stored, but checking its new record again against records saved meanwhile failed")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string reference);

    /// <summary>Every referral is acknowledged on receipt, in the same transaction: to the referrer's inbox and by mail.</summary>
    private async Task AcknowledgeAsync(Referral referral, CancellationToken ct)
    {
        var subject = $"Referral {referral.Reference} received";
        var body = $"Your referral {referral.Reference} was received on {calendar.UkTime(referral.ReceivedAt)}. "
                   + $"Children's social care must decide what happens by {calendar.UkTime(referral.DecisionDueBy)}; you will be told the outcome.";
        notifier.Tell(await recipients.ReferrerAsync(referral, ct), subject, body, ReferralPages.PagePath(referral.Reference));
    }

    /// <summary>
    /// "The same child" is the child identity resolution joined the referral to (merges move referrals with
    /// them). Two agencies within 30 days, or three referrals within 90, make a repeated concern: the referral
    /// is marked, and the child's repeated-concern alert is raised (or this referral joins the one open) and the
    /// front door's team managers are told.
    /// </summary>
    private async Task<AlertDue?> RepeatedConcernAsync(Referral referral, CancellationToken ct)
    {
        if (referral.ChildId is not { } childId)
        {
            return null;
        }
        var since = referral.ReceivedAt - TimeSpan.FromDays(90);
        var earlier = await db.Referrals.AsNoTracking()
            .Where(r => r.ChildId == childId && r.ReceivedAt >= since && r.Id != referral.Id)
            .Select(r => new { r.Reference, r.ReceivedAt, r.SourceAgencyId, Agency = r.SourceAgency!.Name })
            .ToListAsync(ct);
        var recentAgencies = earlier.Where(r => r.ReceivedAt >= referral.ReceivedAt - TimeSpan.FromDays(30))
            .Select(r => r.SourceAgencyId).Append(referral.SourceAgencyId).Distinct().Count();
        if (recentAgencies < 2 && earlier.Count + 1 < 3)
        {
            return null;
        }
        referral.MarkRepeatedConcern();
        var agencyName = await db.Agencies.Where(a => a.Id == referral.SourceAgencyId).Select(a => a.Name).FirstAsync(ct);
        var evidence = earlier.Select(r => new AlertEvidenceText("Referral", r.Reference, $"Referral from {r.Agency}", r.ReceivedAt, ReferralPages.PagePath(r.Reference)))
            .Append(new AlertEvidenceText("Referral", referral.Reference, $"Referral from {agencyName}", referral.ReceivedAt, ReferralPages.PagePath(referral.Reference)))
            .ToList();
        return new AlertDue(repeatedConcern, AlertSubject.OfChild(childId),
            $"Referred {earlier.Count + 1} times in 90 days, by {recentAgencies} agencies in the last 30 days (latest {referral.Reference}). Look at the referrals together.",
            evidence);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
