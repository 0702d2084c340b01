using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Escalation;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;
using Lantern.Features.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Investigations;

/// <summary>
/// The crimes against a child: each with its decisions in order and the review each decision not to prosecute
/// opened (due, done, late, not done, and its escalation); a police officer adds a decision, and a police or social
/// care manager records a review. Need to know as on the child's record.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CrimesModel(LanternDbContext db, ChildAccess access, DataScope scope, AuditTrail audit, CrimeRecords crimes, WorkingDayCalendar calendar,
    TimeProvider time) : PageModel
{
    public Child Child { get; private set; } = default!;

    public IReadOnlyList<Crime> Crimes { get; private set; } = [];

    public IReadOnlyList<NoChargeReview> Reviews { get; private set; } = [];

    public IReadOnlyList<EscalationStep> Escalations { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Police officers (and police and prosecution staff) add decisions; the form shows only to them.</summary>
    public bool MayAddOutcome => scope.User.AgencyKind is AgencyKind.Police or AgencyKind.Prosecution;

    public bool MayReview { get; private set; }

    [BindProperty]
    public OutcomeInput Outcome { get; set; } = new();

    [BindProperty]
    public ReviewInput Review { get; set; } = new();

    public static IEnumerable<SelectListItem> OutcomeTypes =>
        Enum.GetValues<CrimeOutcomeType>().Select(t => new SelectListItem(t.DisplayName(), t.ToString()));

    public static IEnumerable<SelectListItem> Decisions =>
        Enum.GetValues<ReviewDecision>().Select(d => new SelectListItem(d.DisplayName(), d.ToString()));

    public IEnumerable<SelectListItem> CrimeChoices => Crimes.Select(c => new SelectListItem($"{c.Reference}: {c.Offence} (police reference {c.CrimeReference})", c.Id.ToString()));

    /// <summary>Reviews still to record: due, or shown as not done by an agency's history (which may still be done, late).</summary>
    public IEnumerable<SelectListItem> OpenReviews => Reviews.Where(r => r.Status != ReviewStatus.Done)
        .Select(r => new SelectListItem($"{r.Reference}: {r.Subject}", r.Id.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.CrimesViewed, "Child", id.ToString(), $"{Crimes.Count} crimes, {Reviews.Count} reviews"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!MayAddOutcome)
        {
            return Forbid();
        }
        if (Crimes.FirstOrDefault(c => c.Id == Outcome.CrimeId) is not { } crime)
        {
            ModelState.AddModelError("Outcome.CrimeId", "Select the crime the decision is on");
            return Page();
        }
        var request = new OutcomeRequest
        {
            Type = Enum.TryParse<CrimeOutcomeType>(Outcome.Type, out var t) && Enum.IsDefined(t) ? t : null,
            DecidedOn = DateOnly.TryParseExact(Outcome.DecidedOn?.Trim(), "yyyy-MM-dd", out var d) ? d : null,
            Reason = Outcome.Reason,
            DecidedBy = Outcome.DecidedBy,
        };
        if (Outcome.DecidedOn is { Length: > 0 } && request.DecidedOn is null)
        {
            ModelState.AddModelError("Outcome.DecidedOn", "Enter the day as year-month-day, for example 2026-11-03");
            return Page();
        }
        if (CrimeValidation.ValidateOutcome(request, crime.ReportedOn, crimes.Today, recordedByRequired: false) is { } invalid)
        {
            return invalid.ToPageResult(this, f => "Outcome." + char.ToUpperInvariant(f[0]) + f[1..]);
        }
        var tracked = await CrimeRecords.WithParts(scope.CrimesToUpdate(db.Crimes)).FirstAsync(c => c.Id == crime.Id, ct);
        var added = await crimes.AddOutcomeAsync(tracked, request, new Recorder(scope.User.AgencyId, scope.User.DisplayName, scope.User.Id),
            scope.User.AgencyKind ?? AgencyKind.Other, null, ct);
        if (added.Failure is { } problem)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return problem.ToPageResult(this, f => "Outcome." + char.ToUpperInvariant(f[0]) + f[1..]);
        }
        var opened = await db.NoChargeReviews.AsNoTracking().AnyAsync(r => r.OutcomeId == added.Value.Id, ct);
        TempData["Success"] = $"Decision recorded on crime {crime.Reference}" + (opened ? ". It opened a review by a senior investigating officer and the exploitation team manager." : ".");
        return Redirect(CrimeRecords.ListPath(Child.Id));
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!MayReview)
        {
            return Forbid();
        }
        if (!Reviews.Any(r => r.Id == Review.ReviewId))
        {
            ModelState.AddModelError("Review.ReviewId", "Select the review you are recording");
            return Page();
        }
        var review = await db.NoChargeReviews.FirstAsync(r => r.Id == Review.ReviewId, ct);
        ReviewDecision? decision = Enum.TryParse<ReviewDecision>(Review.Decision, out var d) && Enum.IsDefined(d) ? d : null;
        if (await crimes.RecordReviewAsync(review, await scope.ActorAsync(ct), decision, Review.Findings, ct) is { } problem)
        {
            if (problem.Kind == FailureKind.Conflict)
            {
                db.ChangeTracker.Clear();
                await LoadAsync(id, ct);
            }
            return problem.ToPageResult(this, f => "Review." + char.ToUpperInvariant(f[0]) + f[1..]);
        }
        TempData["Success"] = $"Review {review.Reference} recorded: {review.Decision!.Value.DisplayName()}";
        return Redirect(CrimeRecords.ListPath(Child.Id));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return false;
        }
        Child = child;
        Crimes = await CrimeRecords.WithParts(scope.Crimes(db.Crimes.AsNoTracking()))
            .Where(c => c.Victims.Any(v => v.ChildId == child.Id))
            .OrderByDescending(c => c.ReportedOn).ThenByDescending(c => c.RecordedAt)
            .ToListAsync(ct);
        var crimeIds = Crimes.Select(c => c.Id).ToList();
        Reviews = await db.NoChargeReviews.AsNoTracking()
            .Where(r => r.ChildId == child.Id || (r.CrimeId != null && crimeIds.Contains(r.CrimeId.Value)))
            .OrderByDescending(r => r.OpenedAt)
            .ToListAsync(ct);
        var reviewIds = Reviews.Select(r => r.Id).ToList();
        Escalations = await db.EscalationSteps.AsNoTracking().Where(s => reviewIds.Contains(s.SubjectId))
            .OrderBy(s => s.PerformedAt).ThenBy(s => s.Level).ToListAsync(ct);
        MayReview = NoChargeReview.MayReview(await scope.ActorAsync(ct));
        return true;
    }
}

public sealed class OutcomeInput
{
    public Guid CrimeId { get; set; }

    public string? Type { get; set; }

    public string? DecidedOn { get; set; }

    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }
}

public sealed class ReviewInput
{
    public Guid ReviewId { get; set; }

    public string? Decision { get; set; }

    public string? Findings { get; set; }
}
