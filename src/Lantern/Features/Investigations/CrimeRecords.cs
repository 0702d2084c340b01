using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;
using Lantern.Domain.Records;
using Lantern.Features.Chronology;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Investigations;

/// <summary>
/// Crimes and their outcomes from any door (a police system's API, the pages): recording a crime with its victims,
/// suspects and any decisions already made, adding a decision, and recording the review a decision not to prosecute
/// opened. Each write is saved with its chronology entries, the reviews it opens and its audit events in one
/// transaction. Nothing here ends an involvement, a plan or an alert: a decision not to prosecute ends nobody's protection.
/// </summary>
public sealed partial class CrimeRecords(
    LanternDbContext db,
    ChronologyRecords chronology,
    NoChargeReviews reviews,
    AuditTrail audit,
    Notifier notifier,
    WorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<CrimeRecords> logger)
{
    public const string ReferencePrefix = "CRM";
    public const string RecordType = "Crime";

    public static string ListPath(ChildId child) => $"/children/{child}/crimes";

    public static string PagePath(ChildId child, Guid crime) => $"/children/{child}/crimes/{crime}";

    public DateOnly Today => calendar.LocalDate(time.GetUtcNow());

    /// <summary>A crime with its parts, tracked for a change.</summary>
    public static IQueryable<Crime> WithParts(IQueryable<Crime> crimes) =>
        crimes.Include(c => c.Victims).Include(c => c.Suspects).Include(c => c.Outcomes).AsSplitQuery();

    /// <summary>
    /// Records a validated crime about <paramref name="child"/> and the <paramref name="otherVictims"/>, with any
    /// decisions already made. <paramref name="beforeCommit"/> is called with the crime just before the transaction
    /// commits, to store an idempotent answer. Returns the crime, or the problem (a suspect id Lantern does not hold, a
    /// police reference the agency has already recorded).
    /// </summary>
    public async Task<Result<Crime>> RecordAsync(Child child, IReadOnlyList<Child> otherVictims, CrimeRequest request, Recorder by, AgencyKind byKind,
        Action<Crime>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(otherVictims);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        // One crime per police reference and agency: a system sending a crime again adds its later decisions as outcomes.
        var crimeReference = request.CrimeReference!;
        if (await db.Crimes.AsNoTracking().Where(c => c.RecordedByAgencyId == by.Agency && c.CrimeReference == crimeReference).Select(c => c.Reference).FirstOrDefaultAsync(ct) is { } known)
        {
            return Failure.Conflict($"Your agency has already recorded crime {crimeReference} (Lantern reference {known}): add a later decision to it as an outcome");
        }
        var suspects = await SuspectsAsync(request.Suspects ?? [], ct);
        if (suspects.Failure is { } problem)
        {
            return problem;
        }
        var now = time.GetUtcNow();
        var from = request.OffenceFrom!.Value;
        var crime = Crime.Record(RecordReference.New(ReferencePrefix),
            new CrimeDetails(request.CrimeReference!, request.Offence!, request.Category!.Value, from, request.OffenceTo, request.ReportedOn!.Value, request.InvestigatingOfficer),
            [.. new[] { child }.Concat(otherVictims).Select(c => new VictimDetails(c.Id, c.AgeOn(from)))], suspects.Value, by, now);
        db.Crimes.Add(crime);
        List<AuditEntry> audits = [AuditEntry.Allowed(AuditCode.CrimeRecorded, RecordType, crime.Reference,
            $"{crime.Category}; {crime.Victims.Count} victims, {crime.Suspects.Count} suspects")];
        var opened = new List<NoChargeReview>();
        foreach (var o in (request.Outcomes ?? []).OrderBy(o => o.DecidedOn))
        {
            audits.AddRange(AddOutcome(crime, o, by, byKind, now, opened));
        }
        foreach (var victim in crime.Victims)
        {
            chronology.Add(victim.ChildId, new NewEntry(now, EntryType.Crime, Summary(crime), IsSerious(crime) ? Significance.Critical : Significance.Significant,
                by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: crime.Id.ToString()));
        }
        foreach (var review in opened)
        {
            await reviews.TellOpenedAsync(review, ct);
        }
        beforeCommit?.Invoke(crime);
        await audit.SaveAsync(audits, ct);
        LogRecorded(logger, crime.Reference, opened.Count);
        await notifier.SendAfterCommitAsync(ct);
        return crime;
    }

    /// <summary>
    /// Adds a validated decision to a crime (tracked, with its parts): appended to its history, never replacing a
    /// decision before it. A decision not to prosecute on an allegation of sexual abuse or exploitation of a child
    /// opens its review. <paramref name="beforeCommit"/> as for <see cref="RecordAsync"/>.
    /// </summary>
    public async Task<Result<CrimeOutcome>> AddOutcomeAsync(Crime crime, OutcomeRequest request, Recorder by, AgencyKind byKind,
        Action<Crime, CrimeOutcome>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crime);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        var opened = new List<NoChargeReview>();
        var before = crime.Outcomes.Count;
        var audits = AddOutcome(crime, request, by, byKind, now, opened);
        if (audits.Count == 0)
        {
            return CrimeValidation.ValidateOutcome(request, crime.ReportedOn, Today, recordedByRequired: false)
                ?? Failure.Invalid("type", "The outcome could not be recorded");
        }
        var outcome = crime.Outcomes[before];
        foreach (var victim in crime.Victims)
        {
            chronology.Add(victim.ChildId, new NewEntry(now, EntryType.Crime, OutcomeSummary(crime, outcome), Significance.Significant,
                by.Agency, by.Name, by.UserId, by.ApiKeyId, SourceRecord: crime.Id.ToString()));
        }
        foreach (var review in opened)
        {
            await reviews.TellOpenedAsync(review, ct);
        }
        beforeCommit?.Invoke(crime, outcome);
        if (await audit.SaveOrConflictAsync(audits, Changed, ct) is { } conflict)
        {
            return conflict;
        }
        await notifier.SendAfterCommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Records a review as done by <paramref name="by"/>. Reopening the investigation reopens the crime; the decisions
    /// before stay on its history. The review joins the chronology of the child it is on.
    /// </summary>
    public async Task<Failure?> RecordReviewAsync(NoChargeReview review, Actor by, ReviewDecision? decision, string? findings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(by);
        var now = time.GetUtcNow();
        if (review.Record(by, decision, findings, now) is { } problem)
        {
            return problem;
        }
        List<AuditEntry> audits = [AuditEntry.Allowed(AuditCode.NoChargeReviewRecorded, NoChargeReviews.RecordType, review.Reference,
            $"{review.Decision}; {(review.IsLate(now) ? "late" : "in time")}")];
        if (review.Decision == ReviewDecision.ReopenInvestigation && review.CrimeId is { } crimeId)
        {
            var crime = await db.Crimes.FirstAsync(c => c.Id == crimeId, ct);
            crime.Reopen(now);
            audits.Add(AuditEntry.Allowed(AuditCode.CrimeReopened, RecordType, crime.Reference, $"by review {review.Reference}"));
        }
        chronology.Add(review.ChildId, new NewEntry(now, EntryType.Crime,
            $"Review {review.Reference} of a decision not to prosecute: {review.Decision!.Value.DisplayName()}. {review.Findings}",
            Significance.Significant, by.Agency, by.Name, by.Id, SourceRecord: review.Id.ToString()));
        return await audit.SaveOrConflictAsync(audits, Changed, ct);
    }

    private static Failure Changed { get; } = Failure.ChangedMeanwhile("Someone else changed this record at the same moment. Check what it says now and try again", "type");

    private List<AuditEntry> AddOutcome(Crime crime, OutcomeRequest o, Recorder by, AgencyKind byKind, DateTimeOffset now, List<NoChargeReview> opened)
    {
        var added = crime.AddOutcome(new OutcomeDetails(o.Type!.Value, o.DecidedOn!.Value, o.Reason, o.DecidedBy!), by, now);
        if (!added.Succeeded)
        {
            return [];
        }
        var outcome = added.Value;
        List<AuditEntry> audits = [AuditEntry.Allowed(AuditCode.CrimeOutcomeRecorded, RecordType, crime.Reference, $"{outcome.Type} decided {outcome.DecidedOn:yyyy-MM-dd}")];
        // A decision recorded in Lantern is reviewed from when Lantern learns of it.
        if (reviews.OpenForOutcome(crime, outcome, now, byKind) is { } review)
        {
            opened.Add(review.Review);
            audits.Add(review.Audit);
        }
        return audits;
    }

    private async Task<Result<List<SuspectDetails>>> SuspectsAsync(IReadOnlyList<SuspectRequest> given, CancellationToken ct)
    {
        var ids = given.Where(s => s.PersonId is not null).Select(s => s.PersonId!.Value).Distinct().ToList();
        var people = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var suspects = new List<SuspectDetails>();
        for (var i = 0; i < given.Count; i++)
        {
            var s = given[i];
            if (s.PersonId is { } id)
            {
                if (!people.TryGetValue(id, out var name))
                {
                    return Failure.Invalid($"suspects[{i}].personId", "Lantern holds no person with this id");
                }
                suspects.Add(new SuspectDetails(id, string.IsNullOrWhiteSpace(s.Name) ? name : s.Name));
            }
            else
            {
                suspects.Add(new SuspectDetails(null, s.Name!));
            }
        }
        return suspects;
    }

    public static CrimeReceipt Receipt(Crime crime, ChildId child, IReadOnlyList<NoChargeReview> reviewsOfCrime)
    {
        ArgumentNullException.ThrowIfNull(crime);
        ArgumentNullException.ThrowIfNull(reviewsOfCrime);
        return new(crime.Reference, crime.CrimeReference, child.Value, crime.Category, crime.Status,
            [.. crime.Outcomes.OrderBy(o => o.DecidedOn).ThenBy(o => o.RecordedAt).Select(o => new OutcomeReceipt(o.Type, o.DecidedOn, InvestigationRules.DecidedBy(o.Type),
                reviewsOfCrime.FirstOrDefault(r => r.OutcomeId == o.Id) is { } r ? new ReviewReceipt(r.Reference, r.Status, r.DueBy, r.DoneAt) : null))]);
    }

    /// <summary>The crime in words on each victim's chronology, with the decisions it came with.</summary>
    public static string Summary(Crime crime)
    {
        ArgumentNullException.ThrowIfNull(crime);
        var dates = crime.OffenceTo is { } to ? $"between {crime.OffenceFrom:yyyy-MM-dd} and {to:yyyy-MM-dd}" : $"on {crime.OffenceFrom:yyyy-MM-dd}";
        var text = $"Crime {crime.Reference} (police reference {crime.CrimeReference}): {crime.Offence} ({crime.Category.DisplayName()}), alleged {dates}, reported {crime.ReportedOn:yyyy-MM-dd}."
                   + (crime.InvestigatingOfficer is { } officer ? $" Investigating officer: {officer}." : "");
        foreach (var o in crime.Outcomes.OrderBy(o => o.DecidedOn))
        {
            text += " " + OutcomeText(o);
        }
        return text;
    }

    public static string OutcomeSummary(Crime crime, CrimeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(crime);
        ArgumentNullException.ThrowIfNull(outcome);
        return $"Crime {crime.Reference} (police reference {crime.CrimeReference}), {crime.Offence}: {OutcomeText(outcome)}";
    }

    private static string OutcomeText(CrimeOutcome o) =>
        $"Outcome: {o.Type.DisplayName()}, decided {o.DecidedOn:yyyy-MM-dd} by {o.DecidedBy}." + (o.Reason is { } reason ? $" Reason: {reason}" : "");

    private static bool IsSerious(Crime crime) => InvestigationRules.IsSexual(crime.Category) && crime.ChildVictims.Any();

    [LoggerMessage(Level = LogLevel.Information, Message = "Crime {Reference} recorded; {Reviews} reviews opened")]
    private static partial void LogRecorded(ILogger logger, string reference, int reviews);
}
