using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.Chronology;
using Lantern.Notifications;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// The front door's use cases on a referral, shared by the pages and any API: decide, allocate, sign off,
/// send back. Each finds the referral within the caller's data scope, lets the referral decide whether
/// the change is allowed (<see cref="Referral"/>), tells whoever must know, and saves the change with
/// its audit events in one transaction; mail goes after the commit. A failure is returned, never thrown.
/// </summary>
public sealed class ReferralDecisions(LanternDbContext db, DataScope scope, AuditTrail audit, ChronologyRecords chronology, Notifier notifier,
    Recipients recipients, Investigations.NoChargeReviews reviews, WorkingDayCalendar calendar, IOptions<EscalationOptions> escalation, TimeProvider time)
{
    /// <summary>The referral with this reference that the caller may see, tracked for a change, with its history, or null.</summary>
    public Task<Referral?> FindAsync(string reference, CancellationToken ct) =>
        scope.Referrals(db.Referrals.Include(r => r.Mentions).Include(r => r.History).Include(r => r.SourceAgency)).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Reference == reference, ct);

    /// <summary>
    /// Records the front door's decision. When it needs a manager's sign-off, the sign-off's clock starts
    /// (<see cref="ReferralSignOffDuty"/>) and the first managers above whoever decided are told. When it is final (no sign-off needed) the decision joins the
    /// child's chronology and the referrer is told; a referral about sexual harm or exploitation of a child
    /// closed with no further action opens the mandatory review of that decision. <paramref name="alsoAudit"/> is saved with it (the
    /// language guard's findings on the rationale).
    /// </summary>
    public async Task<Result<Referral>> DecideAsync(string reference, Actor by, ReferralOutcome? outcome, string? rationale,
        IReadOnlyList<AuditEntry>? alsoAudit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await FindOrAuditAsync(reference, ct) is not { } referral)
        {
            return NotFound;
        }
        var now = time.GetUtcNow();
        if (referral.Decide(by, outcome, rationale, now, calendar.LocalDate(now), calendar.AddWorkingTime(now, escalation.Value.SignOffWorkingTime)) is { } problem)
        {
            return problem;
        }
        if (referral.Status == ReferralStatus.AwaitingSignOff)
        {
            notifier.Tell(await recipients.FirstManagersAsync(new LineStart(Where.ChildrensSocialCare, by.Id), ct, except: by.Id),
                $"Sign-off needed: referral {reference}",
                $"{by.Name} recorded a decision on referral {reference} that needs a manager's sign-off by {calendar.UkTime(referral.SignOffDueBy!.Value)}. Sign it off, or send it back with your reason.",
                ReferralPages.PagePath(reference));
        }
        await TellIfFinalAsync(referral, by, ct);
        var review = await reviews.OpenForReferralAsync(referral, ct);
        return await SaveAsync(referral, [AuditEntry.Allowed(AuditCode.ReferralDecided, "Referral", reference, $"{referral.Outcome}; {referral.Status}"), .. alsoAudit ?? [],
            .. review is null ? (AuditEntry[])[] : [review]], ct);
    }

    /// <summary>A front-door manager gives the referral to a front-door worker, who is told.</summary>
    public async Task<Result<Referral>> AllocateAsync(string reference, Actor by, Guid? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await FindOrAuditAsync(reference, ct) is not { } referral)
        {
            return NotFound;
        }
        var worker = to is { } id ? await scope.ActorOfAsync(id, ct) : null;
        if (referral.Allocate(by, worker, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        notifier.Tell(await recipients.PeopleAsync([worker!.Id], ct), $"Referral {reference} allocated to you",
            $"{by.Name} allocated referral {reference} to you. The decision is due by {calendar.UkTime(referral.DecisionDueBy)}.",
            ReferralPages.PagePath(reference));
        return await SaveAsync(referral, [AuditEntry.Allowed(AuditCode.ReferralAllocated, "Referral", reference, $"to {worker.Id}")], ct);
    }

    /// <summary>A front-door manager other than the one who decided agrees: the decision is final, joins the chronology, and the referrer is told.</summary>
    public async Task<Result<Referral>> SignOffAsync(string reference, Actor by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await FindOrAuditAsync(reference, ct) is not { } referral)
        {
            return NotFound;
        }
        if (referral.SignOff(by, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        await TellIfFinalAsync(referral, by, ct);
        var review = await reviews.OpenForReferralAsync(referral, ct);
        return await SaveAsync(referral, [AuditEntry.Allowed(AuditCode.ReferralSignedOff, "Referral", reference), .. review is null ? (AuditEntry[])[] : [review]], ct);
    }

    /// <summary>
    /// A front-door manager sends the decision back with a reason, which stays in the referral's history; the referral
    /// waits for a fresh decision and whoever recorded the one sent back is told (the reason is on the referral's page, not in the mail).
    /// </summary>
    public async Task<Result<Referral>> SendBackAsync(string reference, Actor by, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (await FindOrAuditAsync(reference, ct) is not { } referral)
        {
            return NotFound;
        }
        if (referral.SendBack(by, reason, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        if (referral.ReturnedTo is { } decider)
        {
            notifier.Tell(await recipients.PeopleAsync([decider], ct), $"Decision sent back: referral {reference}",
                $"{by.Name} sent your decision on referral {reference} back. Read why on the referral and decide again; the decision is due by {calendar.UkTime(referral.DecisionDueBy)}.",
                ReferralPages.PagePath(reference));
        }
        return await SaveAsync(referral, [AuditEntry.Allowed(AuditCode.ReferralReturned, "Referral", reference)], ct);
    }

    private static Failure NotFound => Failure.NotFound("No referral with this reference that you may see");

    private async Task<Referral?> FindOrAuditAsync(string reference, CancellationToken ct)
    {
        var referral = await FindAsync(reference, ct);
        if (referral is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Referral", reference, "not found or not in scope"), ct);
        }
        return referral;
    }

    private async Task<Result<Referral>> SaveAsync(Referral referral, IReadOnlyList<AuditEntry> audits, CancellationToken ct)
    {
        if (await audit.SaveOrConflictAsync(audits, Failure.ChangedMeanwhile("Someone else changed this referral at the same moment; nothing of yours was saved. Look at it again."), ct) is { } conflict)
        {
            return conflict;
        }
        await notifier.SendAfterCommitAsync(ct);
        return referral;
    }

    /// <summary>
    /// Once a decision is final it joins the child's chronology, in words that say who signed it off and when, and the
    /// referrer is told without the child's details.
    /// </summary>
    private async Task TellIfFinalAsync(Referral referral, Actor by, CancellationToken ct)
    {
        if (referral.Status != ReferralStatus.Decided)
        {
            return;
        }
        var outcome = referral.Outcome!.Value;
        if (referral.ChildId is { } child)
        {
            var decidedBy = referral.DecidedBy is { } id && id != by.Id
                ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? by.Name
                : by.Name;
            var signedOff = referral.SignedOffAt is { } signedAt ? $" Signed off by {by.Name} on {calendar.UkTime(signedAt)}." : "";
            chronology.Add(child, new NewEntry(
                referral.DecidedAt ?? time.GetUtcNow(),
                EntryType.ReferralDecision,
                $"Decision on referral {referral.Reference}: {outcome.DisplayName()}. {referral.DecisionRationale}{signedOff}",
                outcome is ReferralOutcome.StrategyDiscussion or ReferralOutcome.ExploitationTeam ? Significance.Significant : Significance.Routine,
                by.Agency,
                decidedBy,
                referral.DecidedBy,
                SourceRecord: referral.Reference));
        }
        notifier.Tell(await recipients.ReferrerAsync(referral, ct), $"Decision on referral {referral.Reference}",
            $"Children's social care has decided what happens after your referral {referral.Reference}: {outcome.DisplayName()}.",
            ReferralPages.PagePath(referral.Reference));
    }
}
