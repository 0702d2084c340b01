using System.Globalization;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Disruption;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Domain.Records;
using Lantern.Features.Alerts;
using Lantern.Features.Investigations;
using Lantern.Features.Network;
using Lantern.Notifications;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Disruption;

/// <summary>A tactic as a person types it: the catalogue's tactic, what is to be done, the owner's account, the day due, and the references it rests on.</summary>
public sealed record TacticInput(string? Tactic, string? Detail, Guid? Owner, string? DueOn, string? Evidence);

/// <summary>An account that may own a tactic, as the form offers it.</summary>
public sealed record OwnerChoice(Guid Id, string Name, string JobTitle, string Agency);

/// <summary>
/// Disruption plans about persons of concern and contexts of harm, from the pages: opening one, adding and moving on
/// tactics, reviewing, asking to close and signing off, and recording a plan on an alert. Every write is saved with its
/// audit event (and any message) in one transaction, and refused as a conflict if someone else changed the plan meanwhile.
/// Need to know (ADR 0022): those who work plans (<see cref="DisruptionPlan.MayWork"/>) see a plan whose subject they may
/// see; the owner of a tactic sees the plan it is on.
/// </summary>
public sealed class DisruptionPlans(
    LanternDbContext db,
    DataScope scope,
    NetworkRecords network,
    AlertList alerts,
    Recipients recipients,
    Notifier notifier,
    AuditTrail audit,
    WorkingDayCalendar calendar,
    IOptions<DisruptionOptions> options,
    TimeProvider time)
{
    public const string ReferencePrefix = "DSP";
    public const string RecordType = "DisruptionPlan";
    public const string TacticRecordType = "DisruptionTactic";
    public const string ListPath = "/disruption";
    public const string OversightPath = "/disruption/oversight";

    public static string PagePath(Guid plan) => $"/disruption/{plan}";

    public static string NewPath(NodeRef subject) => $"/disruption/new/{NetworkRecords.Segment(subject.Kind)}/{subject.Id}";

    /// <summary>What a tactic is called in mails and escalations: its plan's reference and its number.</summary>
    public static string TacticReference(string plan, int number) => $"{plan}-T{number.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Catalogue => options.Value.Catalogue;

    public DateOnly Today => calendar.LocalDate(time.GetUtcNow());

    private static Failure ChangedMeanwhile => Failure.ChangedMeanwhile("Someone else changed this plan at the same moment; nothing of yours was saved. Look at it again.");

    /// <summary>A plan with its parts.</summary>
    public static IQueryable<DisruptionPlan> WithParts(IQueryable<DisruptionPlan> plans) =>
        plans.Include(p => p.Tactics).Include(p => p.Evidence).Include(p => p.Reviews).AsSplitQuery();

    /// <summary>The plan, when it exists and the reader may see it; null otherwise (the two are never told apart).</summary>
    public async Task<DisruptionPlan?> FindAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var plan = await WithParts(tracked ? db.DisruptionPlans : db.DisruptionPlans.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        return plan is not null && await MaySeeAsync(plan, await scope.ActorAsync(ct), ct) ? plan : null;
    }

    /// <summary>The plans the reader may see, open ones first; about one subject when given.</summary>
    public async Task<IReadOnlyList<DisruptionPlan>> ListAsync(NodeRef? about, CancellationToken ct)
    {
        var me = await scope.ActorAsync(ct);
        var query = db.DisruptionPlans.AsNoTracking().Include(p => p.Tactics).AsSplitQuery();
        if (about is { } s)
        {
            query = query.Where(p => p.SubjectKind == s.Kind && p.SubjectId == s.Id);
        }
        if (!DisruptionPlan.MayWork(me))
        {
            var mine = me.Id;
            query = query.Where(p => p.Tactics.Any(t => t.OwnerUserId == mine));
        }
        var plans = await query.OrderBy(p => p.Status == PlanStatus.Closed).ThenByDescending(p => p.OpenedAt).Take(500).ToListAsync(ct);
        var seen = new Dictionary<NodeRef, bool>();
        var visible = new List<DisruptionPlan>(plans.Count);
        foreach (var plan in plans)
        {
            if (!seen.TryGetValue(plan.Subject, out var may))
            {
                seen[plan.Subject] = may = await MaySeeAsync(plan, me, ct);
            }
            if (may || plan.Tactics.Any(t => t.OwnerUserId == me.Id))
            {
                visible.Add(plan);
            }
        }
        return visible;
    }

    private async Task<bool> MaySeeAsync(DisruptionPlan plan, Actor me, CancellationToken ct) =>
        (DisruptionPlan.MayWork(me) && await network.MaySeeAsync(plan.Subject, ct)) || plan.Tactics.Any(t => t.OwnerUserId == me.Id);

    /// <summary>Opens a plan about a person or context the reader may see; the plan, or the problem.</summary>
    public async Task<Result<DisruptionPlan>> OpenAsync(NodeRef subject, string? aim, CancellationToken ct)
    {
        if (subject.Kind is not (NodeKind.Person or NodeKind.Context) || await network.FindAsync(subject, ct) is not { } view)
        {
            return Failure.NotFound("There is no such person or context");
        }
        var me = await scope.ActorAsync(ct);
        var now = time.GetUtcNow();
        var opened = DisruptionPlan.Open(RecordReference.New(ReferencePrefix), subject, view.Reference, aim, me, now, ReviewDueAfter(now));
        if (opened.Failure is { } problem)
        {
            return problem;
        }
        db.DisruptionPlans.Add(opened.Value);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.DisruptionPlanOpened, RecordType, opened.Value.Reference, $"about {view.Reference}"), ct);
        return opened.Value;
    }

    /// <summary>
    /// Adds a tactic to the plan (read at <paramref name="readVersion"/>), tells its owner, and audits; the tactic, or the
    /// problem by the form's field names (Tactic, Detail, Owner, DueOn, Evidence).
    /// </summary>
    public async Task<Result<DisruptionTactic>> AddTacticAsync(DisruptionPlan plan, long readVersion, TacticInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(input);
        if (plan.Version != readVersion)
        {
            return ChangedMeanwhile;
        }
        var me = await scope.ActorAsync(ct);
        var errors = new FieldErrors();
        Actor? owner = null;
        if (input.Owner is { } ownerId && (owner = await OwnerAsync(ownerId, ct)) is null)
        {
            errors.Add("Owner", "Select who owns the tactic from the list");
        }
        DateOnly? dueOn = null;
        if (!string.IsNullOrWhiteSpace(input.DueOn) && (dueOn = ParseDay(input.DueOn)) is null)
        {
            errors.Add("DueOn", "Enter the day as year-month-day, for example 2026-12-18, or day/month/year");
        }
        var evidence = await EvidenceAsync(input.Evidence, errors, ct);
        var added = plan.AddTactic(me, new TacticDetails(input.Tactic, input.Detail, owner, dueOn, dueOn is { } d ? calendar.CutOffOn(d) : time.GetUtcNow(), evidence),
            Catalogue, Today, time.GetUtcNow());
        if (added.Failure is { Kind: not FailureKind.Validation } refused)
        {
            return refused;
        }
        if (added.Failure is { } invalid)
        {
            errors.AddRange(invalid.Errors);
        }
        if (errors.ToFailure("The tactic has problems to fix; nothing was saved") is { } problem)
        {
            // The plan may hold the tactic in memory (its own checks passed, the form's did not): none of it is saved.
            db.ChangeTracker.Clear();
            return problem;
        }
        var tactic = added.Value;
        var reference = TacticReference(plan.Reference, tactic.Number);
        notifier.Tell(await recipients.PeopleAsync([tactic.OwnerUserId], ct), $"Disruption tactic given to you: {reference}",
            $"{me.Name} gave you tactic {reference} ({tactic.Tactic}) of disruption plan {plan.Reference}, due by {calendar.UkTime(tactic.DueBy)}. If it is not done by then, your managers are told.",
            PagePath(plan.Id));
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.DisruptionTacticAdded, TacticRecordType, reference, $"{tactic.Tactic}; {evidence.Count} records as evidence")],
            ChangedMeanwhile, ct) is { } conflict ? conflict : tactic;
    }

    /// <summary>Moves a tactic on; null when saved, or the problem (Status, Outcome).</summary>
    public async Task<Failure?> UpdateTacticAsync(DisruptionPlan plan, long readVersion, Guid tactic, TacticStatus? status, string? outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Version != readVersion)
        {
            return ChangedMeanwhile;
        }
        if (plan.UpdateTactic(await scope.ActorAsync(ct), tactic, status, outcome, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var t = plan.Tactics.Single(x => x.Id == tactic);
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.DisruptionTacticUpdated, TacticRecordType, TacticReference(plan.Reference, t.Number), t.Status.ToString())],
            ChangedMeanwhile, ct);
    }

    /// <summary>Records the plan's review and sets the next one an interval on; null when saved, or the problem (Notes).</summary>
    public async Task<Failure?> ReviewAsync(DisruptionPlan plan, long readVersion, string? notes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Version != readVersion)
        {
            return ChangedMeanwhile;
        }
        var now = time.GetUtcNow();
        if (plan.Review(await scope.ActorAsync(ct), notes, now, ReviewDueAfter(now)) is { } problem)
        {
            return problem;
        }
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.DisruptionPlanReviewed, RecordType, plan.Reference, $"review {plan.Reviews.Count}")], ChangedMeanwhile, ct);
    }

    /// <summary>Asks to close the plan and tells the first managers of the asker's line; null when saved, or the problem (Reason, Rationale).</summary>
    public async Task<Failure?> RequestClosureAsync(DisruptionPlan plan, long readVersion, ClosureReason? reason, string? rationale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Version != readVersion)
        {
            return ChangedMeanwhile;
        }
        var me = await scope.ActorAsync(ct);
        if (plan.RequestClosure(me, reason, rationale, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var managers = (await recipients.FirstManagersAsync(new LineStart(Where.InAgency(me.Agency), Worker: me.Id), ct)).Where(r => r.UserId != me.Id);
        notifier.Tell(managers, $"Sign-off needed: closing disruption plan {plan.Reference}",
            $"{me.Name} asks to close disruption plan {plan.Reference}; the reason given is {plan.ClosureReason!.Value.DisplayName().ToLowerInvariant()}. A manager of the police or of children's social care signs off or sends it back.",
            PagePath(plan.Id));
        return await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.DisruptionClosureRequested, RecordType, plan.Reference, plan.ClosureReason!.Value.ToString())], ChangedMeanwhile, ct);
    }

    /// <summary>A manager signs off closing the plan, or sends it back; null when saved, or the problem (Note).</summary>
    public async Task<Failure?> SignOffAsync(DisruptionPlan plan, long readVersion, bool agree, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Version != readVersion)
        {
            return ChangedMeanwhile;
        }
        if (plan.SignOffClosure(await scope.ActorAsync(ct), agree, note, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var entry = agree
            ? AuditEntry.Allowed(AuditCode.DisruptionClosureSignedOff, RecordType, plan.Reference, $"closed: {plan.ClosureReason}")
            : AuditEntry.Allowed(AuditCode.DisruptionClosureRefused, RecordType, plan.Reference, "closure sent back");
        return await audit.SaveOrConflictAsync([entry], ChangedMeanwhile, ct);
    }

    /// <summary>
    /// Records on an alert the reader may see that this plan is what was done about it (the alert's own "actioned"
    /// step); null when saved, or the problem (Alert).
    /// </summary>
    public async Task<Failure?> ActionAlertAsync(DisruptionPlan plan, string? alertReference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var me = await scope.ActorAsync(ct);
        if (!DisruptionPlan.MayWork(me))
        {
            return Failure.Forbidden("Only those who work disruption plans record them on alerts");
        }
        var reference = alertReference?.Trim().ToUpperInvariant();
        var id = string.IsNullOrEmpty(reference) ? null : await alerts.Visible(scope).Where(a => a.Reference == reference).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var visible = id is { } found ? await db.Alerts.FirstAsync(a => a.Id == found, ct) : null;
        if (visible is null)
        {
            return Failure.Invalid("Reference", "Enter the reference of an alert you can see, for example ALR-7KQ2M9XD4A");
        }
        if (visible.RecordAction(me, $"Disruption plan {plan.Reference} about {plan.SubjectReference} was opened to act on this alert.", time.GetUtcNow()) is { } problem)
        {
            return Failure.Invalid("Reference", problem.Message);
        }
        return await audit.SaveOrConflictAsync(
        [
            AuditEntry.Allowed(AuditCode.DisruptionAlertActioned, RecordType, plan.Reference, visible.Reference),
            AuditEntry.Allowed(AuditCode.AlertActioned, AlertService.RecordType, visible.Reference, $"disruption plan {plan.Reference}"),
        ], Failure.ChangedMeanwhile("Someone else changed the alert at the same moment; nothing of yours was saved. Try again.", "Reference"), ct);
    }

    /// <summary>The accounts that may own a tactic: anyone of the partnership who works with children or offenders (not administrators or data protection officers).</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnerChoicesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Users.AsNoTracking()
            .Where(u => u.Role != Role.Administrator && u.Role != Role.DataProtectionOfficer && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .OrderBy(u => u.Agency!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new OwnerChoice(u.Id, u.DisplayName, u.JobTitle ?? "", u.Agency!.Name))
            .ToListAsync(ct);
    }

    private async Task<Actor?> OwnerAsync(Guid id, CancellationToken ct) =>
        await scope.ActorOfAsync(id, ct) is { Role: not (Role.Administrator or Role.DataProtectionOfficer) } owner ? owner : null;

    /// <summary>
    /// The records a tactic rests on, by their references (crimes CRM-..., alerts ALR-...), each one the reader may see;
    /// a reference that is not is an error on Evidence.
    /// </summary>
    private async Task<IReadOnlyList<EvidenceRef>> EvidenceAsync(string? given, FieldErrors errors, CancellationToken ct)
    {
        var found = new List<EvidenceRef>();
        if (string.IsNullOrWhiteSpace(given))
        {
            return found;
        }
        var references = given.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (references.Count > DisruptionPlan.MaxEvidence)
        {
            errors.Add("Evidence", $"A tactic rests on at most {DisruptionPlan.MaxEvidence} records");
            return found;
        }
        foreach (var reference in references)
        {
            var seen = reference.StartsWith(CrimeRecords.ReferencePrefix + "-", StringComparison.Ordinal)
                ? await scope.Crimes(db.Crimes.AsNoTracking()).AnyAsync(c => c.Reference == reference, ct) ? CrimeRecords.RecordType : null
                : reference.StartsWith("ALR-", StringComparison.Ordinal) && await alerts.Visible(scope).AnyAsync(a => a.Reference == reference, ct) ? AlertService.RecordType : null;
            if (seen is null)
            {
                errors.Add("Evidence", $"{(reference.Length > 30 ? reference[..30] + "..." : reference)} is not the reference of a crime (CRM-...) or an alert (ALR-...) you can see");
                return found;
            }
            found.Add(new EvidenceRef(seen, reference));
        }
        return found;
    }

    private DateTimeOffset ReviewDueAfter(DateTimeOffset at) => calendar.CutOffOn(calendar.LocalDate(at).AddDays(options.Value.ReviewIntervalDays));

    private static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
