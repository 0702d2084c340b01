using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;
using Lantern.Domain.Records;
using Lantern.Domain.Referrals;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Investigations;

/// <summary>
/// The one place a mandatory review of a decision not to prosecute is opened, whichever door the decision came
/// through (a police system, the pages, an agency's extract, the front door closing a referral), and where the
/// people who own it are told: the police force's senior investigating officers (its team managers) and the
/// exploitation team's managers. Opened reviews are added to the context, to be saved with the decision.
/// </summary>
public sealed class NoChargeReviews(LanternDbContext db, Recipients recipients, Notifier notifier, WorkingDayCalendar calendar,
    IOptions<InvestigationOptions> options, IOptions<ChildRecordOptions> childRecords)
{
    public const string ReferencePrefix = "REV";
    public const string RecordType = "NoChargeReview";

    public InvestigationOptions Options => options.Value;

    /// <summary>Where people read a review; mails carry this link and the reference, never the child's name.</summary>
    public static string PagePath(ChildId child) => CrimeRecords.ListPath(child) + "#reviews";

    /// <summary>When a review of a decision made (or learnt of) at <paramref name="from"/> is due.</summary>
    public DateTimeOffset DueBy(DateTimeOffset from) => calendar.DueAfter(from, Options.ReviewWorkingDays);

    /// <summary>
    /// Opens the review an outcome calls for, if it calls for one (<see cref="InvestigationRules.OpensReview"/>), due
    /// from <paramref name="from"/>. Returns the review and its audit event, or null.
    /// </summary>
    public (NoChargeReview Review, AuditEntry Audit)? OpenForOutcome(Crime crime, CrimeOutcome outcome, DateTimeOffset from, AgencyKind recordedByKind)
    {
        ArgumentNullException.ThrowIfNull(crime);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!InvestigationRules.OpensReview(outcome.Type, crime.Category, crime.Victims.Select(v => v.AgeAtOffence)))
        {
            return null;
        }
        var child = crime.ChildVictims.First().ChildId;
        var subject = $"{outcome.Type.DisplayName()} on crime {crime.Reference} ({crime.Offence}), decided {outcome.DecidedOn:yyyy-MM-dd}";
        var review = NoChargeReview.OfOutcome(RecordReference.New(ReferencePrefix), child, crime, outcome, subject, from, DueBy(from),
            // The force whose officer decided is the one whose managers answer for the review; a prosecutor's decision goes to every force.
            recordedByKind == AgencyKind.Police ? outcome.RecordedByAgencyId : null);
        db.NoChargeReviews.Add(review);
        return (review, AuditEntry.Allowed(AuditCode.NoChargeReviewOpened, RecordType, review.Reference,
            $"{outcome.Type} on {crime.Reference}; due {review.DueBy:O}"));
    }

    /// <summary>
    /// Opens the review of a referral about sexual harm or exploitation closed with no further action, when the child
    /// was under 18 when it was received. Returns its audit event, or null when no review is owed.
    /// </summary>
    public async Task<AuditEntry?> OpenForReferralAsync(Referral referral, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.Status != ReferralStatus.Decided || referral.ChildId is not { } child)
        {
            return null;
        }
        var ageThen = await db.Children.AsNoTracking().Where(c => c.Id == child).FirstOrDefaultAsync(ct) is { } c
            ? c.AgeOn(calendar.LocalDate(referral.ReceivedAt))
            : null;
        if (!ReferralCallsForReview(referral, ageThen)
            || await db.NoChargeReviews.AnyAsync(r => r.ReferralReference == referral.Reference, ct)
            || db.NoChargeReviews.Local.Any(r => r.ReferralReference == referral.Reference))
        {
            return null;
        }
        var review = OpenForReferral(referral, referral.SignedOffAt ?? referral.DecidedAt ?? referral.ReceivedAt);
        await TellOpenedAsync(review, ct);
        return Opened(review);
    }

    /// <summary>
    /// Opens the review of a referral closed with no further action, due from <paramref name="from"/> (for a referral
    /// from an agency's history, its decision's own time). The caller has checked that the referral calls for one.
    /// </summary>
    public NoChargeReview OpenForReferral(Referral referral, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var review = NoChargeReview.OfReferral(RecordReference.New(ReferencePrefix), referral.ChildId!.Value, referral.Reference,
            $"Referral {referral.Reference} about sexual harm or exploitation closed with no further action", from, DueBy(from));
        db.NoChargeReviews.Add(review);
        return review;
    }

    /// <summary>Whether a referral's decision calls for the review: no further action, about sexual harm or exploitation, of a child then.</summary>
    public static bool ReferralCallsForReview(Referral referral, int? ageWhenReceived)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return referral.Outcome == ReferralOutcome.NoFurtherAction && referral.ConcernsSexualHarmOrExploitation && referral.ChildId is not null
            && InvestigationRules.WasAChild(ageWhenReceived);
    }

    public static AuditEntry Opened(NoChargeReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return AuditEntry.Allowed(AuditCode.NoChargeReviewOpened, RecordType, review.Reference,
            $"referral {review.ReferralReference} closed with no further action; due {review.DueBy:O}");
    }

    /// <summary>Tells the owners of a review just opened (sent after the commit, with the rest of the request's mail).</summary>
    public async Task TellOpenedAsync(NoChargeReview review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        var told = (await PoliceOwnersAsync(review, ct)).Concat(await ExploitationTeamManagersAsync(ct)).DistinctBy(r => r.UserId).ToList();
        notifier.Tell(told, $"Review due: decision not to prosecute {review.Reference}",
            $"{review.Subject}. A decision not to prosecute on an allegation of sexual abuse or exploitation of a child must be reviewed by a senior investigating officer and the exploitation team manager by {calendar.UkTime(review.DueBy)}. The child's protection continues whatever the decision.",
            PagePath(review.ChildId));
    }

    /// <summary>Where the police's management line starts: the force that recorded the decision, or every police force.</summary>
    public static Where PoliceWhere(NoChargeReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.PoliceAgencyId is { } agency ? Where.InAgency(agency) : new Where(Kind: AgencyKind.Police);
    }

    /// <summary>The exploitation team of children's social care, by its configured name.</summary>
    public Task<TeamId?> ExploitationTeamAsync(CancellationToken ct) =>
        db.Teams.AsNoTracking().Where(t => t.Name == childRecords.Value.ExploitationTeam && t.Agency!.Kind == AgencyKind.ChildrensSocialCare)
            .OrderBy(t => t.Name).Select(t => (TeamId?)t.Id).FirstOrDefaultAsync(ct);

    private Task<IReadOnlyList<Recipient>> PoliceOwnersAsync(NoChargeReview review, CancellationToken ct) =>
        recipients.ManagementLineAsync(Domain.Escalation.EscalationLevel.TeamManager, new LineStart(PoliceWhere(review)), ct);

    private async Task<IReadOnlyList<Recipient>> ExploitationTeamManagersAsync(CancellationToken ct) =>
        await ExploitationTeamAsync(ct) is { } team
            ? await recipients.ManagementLineAsync(Domain.Escalation.EscalationLevel.TeamManager, new LineStart(Where.ChildrensSocialCare, Team: team), ct)
            : [];
}
