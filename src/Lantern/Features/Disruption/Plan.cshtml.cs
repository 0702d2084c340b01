using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Disruption;
using Lantern.Domain.Partnership;
using Lantern.Features.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Disruption;

/// <summary>
/// One disruption plan: its subject and aim, its tactics with owners, due days, where they stand, outcomes, evidence
/// and escalations, its reviews, and its closure. Those who work plans add tactics, review, ask to close and record
/// the plan on an alert; a tactic's owner moves their tactic on; a manager signs off closing. Need to know: a plan the
/// reader may not see is not found.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PlanModel(DisruptionPlans plans, NetworkRecords network, LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar,
    TimeProvider time) : PageModel
{
    public DisruptionPlan Plan { get; private set; } = default!;

    public string SubjectName { get; private set; } = "";

    public IReadOnlyList<EscalationStep> Escalations { get; private set; } = [];

    public IReadOnlyList<OwnerChoice> Owners { get; private set; } = [];

    public Actor Me { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    public bool MayWork => DisruptionPlan.MayWork(Me);

    public bool MaySignOff => DisruptionPlan.MaySignOff(Me) && Plan.Status == PlanStatus.ClosureRequested && Plan.ClosureRequestedByUserId != Me.Id;

    /// <summary>The tactics the reader may move on: all open ones for those who work the plan, their own for an owner.</summary>
    public IReadOnlyList<DisruptionTactic> Movable => Plan.IsClosed ? [] : [.. Plan.Tactics.Where(t => !t.IsFinished && (MayWork || t.OwnerUserId == Me.Id))];

    [BindProperty]
    public long Version { get; set; }

    [BindProperty]
    public TacticForm Tactic { get; set; } = new();

    [BindProperty]
    public UpdateForm Update { get; set; } = new();

    [BindProperty]
    public ReviewForm Review { get; set; } = new();

    [BindProperty]
    public CloseForm Close { get; set; } = new();

    [BindProperty]
    public SignOffForm SignOff { get; set; } = new();

    [BindProperty]
    public AlertForm Alert { get; set; } = new();

    public IEnumerable<SelectListItem> TacticChoices => plans.Catalogue.Select(t => new SelectListItem(t, t));

    public IEnumerable<SelectListItem> OwnerItems => Owners.Select(o => new SelectListItem($"{o.Name}{(o.JobTitle.Length > 0 ? ", " + o.JobTitle : "")} ({o.Agency})", o.Id.ToString()));

    public IEnumerable<SelectListItem> MovableItems => Movable.Select(t => new SelectListItem($"{t.Number}. {t.Tactic} ({t.OwnerName})", t.Id.ToString()));

    public RadiosField StatusField => RadiosField.Of(ModelState, "Update.Status", "Where does it stand now?", null,
        [.. new[] { TacticStatus.InProgress, TacticStatus.Done, TacticStatus.NotPursued }.Select(s => (s.ToString(), s.DisplayName()))], Update.Status);

    public RadiosField ReasonField => RadiosField.Of(ModelState, "Close.Reason", "Why is the plan to close?",
        "A closure for resources is recorded as such and shown to the partnership's leaders",
        [(nameof(ClosureReason.EnquiriesExhausted), "Its lines of enquiry are exhausted: every tactic has its outcome"), (nameof(ClosureReason.Resources), "Resources: it is stopped to free officers or money")],
        Close.Reason);

    public RadiosField DecisionField => RadiosField.Of(ModelState, "SignOff.Decision", "Do you sign off closing the plan?", null,
        [("Agree", "Yes, close the plan"), ("Refuse", "No, the plan stays open")], SignOff.Decision);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return await NotFoundAsync(id, ct);
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.DisruptionPlanViewed, DisruptionPlans.RecordType, Plan.Reference, $"{Plan.Tactics.Count} tactics"), ct);
        return Page();
    }

    public Task<IActionResult> OnPostTacticAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "Tactic.", async () =>
    {
        var added = await plans.AddTacticAsync(Plan, Version, new TacticInput(Tactic.Tactic, Tactic.Detail, Tactic.Owner, Tactic.DueOn, Tactic.Evidence), ct);
        return added.Failure is { } problem ? (problem, "") : (null, $"Tactic {added.Value.Number} added; {added.Value.OwnerName} has been told");
    }, ct);

    public Task<IActionResult> OnPostUpdateAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "Update.", async () =>
    {
        if (Update.TacticId is not { } tactic || !Plan.Tactics.Any(t => t.Id == tactic))
        {
            return (Failure.Invalid("TacticId", "Select the tactic"), "");
        }
        TacticStatus? status = Enum.TryParse<TacticStatus>(Update.Status, out var s) && Enum.IsDefined(s) && !int.TryParse(Update.Status, out _) ? s : null;
        return (await plans.UpdateTacticAsync(Plan, Version, tactic, status, Update.Outcome, ct), "Tactic updated");
    }, ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "Review.", async () =>
        (await plans.ReviewAsync(Plan, Version, Review.Notes, ct), "Review recorded; the next is due by " + calendar.UkTime(Plan.NextReviewDue)), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "Close.", async () =>
    {
        ClosureReason? reason = Enum.TryParse<ClosureReason>(Close.Reason, out var r) && Enum.IsDefined(r) && !int.TryParse(Close.Reason, out _) ? r : null;
        return (await plans.RequestClosureAsync(Plan, Version, reason, Close.Rationale, ct), "Closing the plan is asked for; a manager signs it off");
    }, ct);

    public Task<IActionResult> OnPostSignOffAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "SignOff.", async () =>
    {
        if (SignOff.Decision is not ("Agree" or "Refuse"))
        {
            return (Failure.Invalid("Decision", "Select whether you sign off closing the plan"), "");
        }
        var agree = SignOff.Decision == "Agree";
        return (await plans.SignOffAsync(Plan, Version, agree, SignOff.Note, ct), agree ? "Plan closed" : "Closure sent back; the plan stays open");
    }, ct);

    public Task<IActionResult> OnPostAlertAsync(Guid id, CancellationToken ct) => ChangeAsync(id, "Alert.", async () =>
        (await plans.ActionAlertAsync(Plan, Alert.Reference, ct), "The plan is recorded on the alert as what was done about it"), ct);

    private async Task<IActionResult> ChangeAsync(Guid id, string prefix, Func<Task<(Failure? Problem, string Done)>> change, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return await NotFoundAsync(id, ct);
        }
        var (problem, done) = await change();
        if (problem is not null)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            await LoadAsync(id, tracked: false, ct);
            // A field the domain names (Notes) is the form's (Review.Notes).
            return problem.ToPageResult(this, prefix);
        }
        TempData["Success"] = done;
        return Redirect(DisruptionPlans.PagePath(id));
    }

    private async Task<IActionResult> NotFoundAsync(Guid id, CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, DisruptionPlans.RecordType, id.ToString(), "not found or not in scope"), ct);
        return NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        Me = await scope.ActorAsync(ct);
        if (await plans.FindAsync(id, tracked, ct) is not { } plan)
        {
            return false;
        }
        Plan = plan;
        SubjectName = await network.NameOfAsync(plan.Subject, ct);
        var subjects = plan.Tactics.Select(t => t.Id).Append(plan.Id).ToList();
        Escalations = await db.EscalationSteps.AsNoTracking().Where(s => subjects.Contains(s.SubjectId)).OrderBy(s => s.PerformedAt).ThenBy(s => s.Level).ToListAsync(ct);
        if (!tracked)
        {
            Version = plan.Version;
        }
        Owners = MayWork ? await plans.OwnerChoicesAsync(ct) : [];
        return true;
    }
}

public sealed class TacticForm
{
    public string? Tactic { get; set; }

    public string? Detail { get; set; }

    public Guid? Owner { get; set; }

    public string? DueOn { get; set; }

    public string? Evidence { get; set; }
}

public sealed class UpdateForm
{
    public Guid? TacticId { get; set; }

    public string? Status { get; set; }

    public string? Outcome { get; set; }
}

public sealed class ReviewForm
{
    public string? Notes { get; set; }
}

public sealed class CloseForm
{
    public string? Reason { get; set; }

    public string? Rationale { get; set; }
}

public sealed class SignOffForm
{
    public string? Decision { get; set; }

    public string? Note { get; set; }
}

public sealed class AlertForm
{
    public string? Reference { get; set; }
}
