using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Referrals;
using Lantern.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// Receives a referral from any door (pages or API): validates it, stamps it with its reference and
/// decision clock, and saves it with its audit event in one transaction.
/// </summary>
public sealed partial class ReferralIntake(LanternDbContext db, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time, Notifier notifier,
    Children.ChildRecords children, ILogger<ReferralIntake> logger)
{
    public Dictionary<string, string[]> Validate(ReferralRequest request) =>
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
        var referral = new Referral
        {
            Reference = NewReference(),
            ReceivedAt = received,
            DecisionDueBy = calendar.DecisionDue(received),
            SourceAgencyId = agency,
            ApiKeyId = apiKeyId,
            ReferrerUserId = referrerUserId,
            ReferrerName = referrer.Name!.Trim(),
            ReferrerRole = Clean(referrer.Role),
            ReferrerPhone = Clean(referrer.Phone),
            ReferrerEmail = Clean(referrer.Email),
            ChildGivenName = child.GivenName!.Trim(),
            ChildFamilyName = child.FamilyName!.Trim(),
            ChildKnownAs = Clean(child.KnownAs),
            ChildDateOfBirth = child.DateOfBirth,
            ChildApproximateAge = child.DateOfBirth is null ? child.ApproximateAge : null,
            ChildAddress = Clean(child.Address),
            ChildPostcode = Clean(child.Postcode)?.ToUpperInvariant(),
            ChildSchool = Clean(child.School),
            ChildNhsNumber = Clean(child.NhsNumber)?.Replace(" ", "", StringComparison.Ordinal),
            ChildUniquePupilNumber = Clean(child.UniquePupilNumber),
            ChildPoliceReference = Clean(child.PoliceReference),
            WhatHappened = concern.WhatHappened!.Trim(),
            WhyWorried = concern.WhyWorried!.Trim(),
            ConcernsSexualHarmOrExploitation = concern.SexualHarmOrExploitation,
            FamilyAwareness = request.FamilyAware!.Value,
            LawfulBasis = request.LawfulBasis!.Value,
            Status = ReferralStatus.AwaitingDecision,
        };
        foreach (var m in request.Mentions ?? [])
        {
            referral.Mentions.Add(new ReferralMention { ReferralId = referral.Id, Kind = m.Kind!.Value, Value = m.Value!.Trim(), Detail = Clean(m.Detail) });
        }
        db.Referrals.Add(referral);
        await children.FindOrOpenForReferralAsync(referral, ct);
        var receipt = new ReferralReceipt(referral.Reference, referral.ReceivedAt, referral.DecisionDueBy, referral.Status, referral.ChildId?.Value);
        save(receipt, ReferralEndpoints.Location(referral.Reference));
        await AcknowledgeAsync(referral, ct);
        await FlagRepeatedConcernAsync(referral, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralReceived, "Referral", referral.Reference,
            $"due {referral.DecisionDueBy:O}"), ct);
        await SendMailAsync(notifier, logger, ct);
        return receipt;
    }

    /// <summary>Every referral is acknowledged on receipt, in the same transaction: to the referrer's inbox and by mail.</summary>
    private async Task AcknowledgeAsync(Referral referral, CancellationToken ct)
    {
        var subject = $"Referral {referral.Reference} received";
        var body = $"Your referral {referral.Reference} was received on {calendar.UkTime(referral.ReceivedAt)}. "
                   + $"Children's social care must decide what happens by {calendar.UkTime(referral.DecisionDueBy)}; you will be told the outcome.";
        await notifier.AddForReferrerAsync(referral, subject, body, ct);
    }

    /// <summary>
    /// Until the linking engine serves the front door, "the same child" is an exact match of name
    /// and date of birth. Two agencies within 30 days, or three referrals within 90, alert the
    /// front door's managers and mark the referral.
    /// </summary>
    private async Task FlagRepeatedConcernAsync(Referral referral, CancellationToken ct)
    {
        if (referral.ChildDateOfBirth is not { } dob)
        {
            return;
        }
        var since = referral.ReceivedAt - TimeSpan.FromDays(90);
        // Few children share a date of birth in 90 days, so the names are compared here, ignoring case.
        var earlier = (await db.Referrals.AsNoTracking()
            .Where(r => r.ChildDateOfBirth == dob && r.ReceivedAt >= since)
            .Select(r => new { r.ReceivedAt, r.SourceAgencyId, r.ChildGivenName, r.ChildFamilyName })
            .ToListAsync(ct))
            .Where(r => string.Equals(r.ChildGivenName, referral.ChildGivenName, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(r.ChildFamilyName, referral.ChildFamilyName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var recentAgencies = earlier.Where(r => r.ReceivedAt >= referral.ReceivedAt - TimeSpan.FromDays(30))
            .Select(r => r.SourceAgencyId).Append(referral.SourceAgencyId).Distinct().Count();
        if (recentAgencies < 2 && earlier.Count + 1 < 3)
        {
            return;
        }
        referral.RepeatedConcern = true;
        await notifier.AddForChildrensSocialCareAsync(Domain.Partnership.Role.TeamManager, $"Repeated concern: referral {referral.Reference}",
            $"Referral {referral.Reference} is about a child referred {earlier.Count + 1} times in 90 days, by {recentAgencies} agencies in the last 30 days. Look at the referrals together.",
            $"/referrals/{referral.Reference}", ct);
    }

    /// <summary>
    /// Mail goes after the commit. The inbox message is already safe, and an unsent mail stays
    /// marked unsent, so a failure here must not turn a stored referral into an error.
    /// </summary>
    public static async Task SendMailAsync(Notifier notifier, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        try
        {
            await notifier.SendPendingMailAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            LogMailDeferred(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail deferred after a database error ({Error})")]
    private static partial void LogMailDeferred(ILogger logger, string error);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>REF- and ten random characters (50 bits): unguessable and unique in practice; a unique index guards it.</summary>
    public static string NewReference() => Domain.Records.RecordReference.New("REF");
}
