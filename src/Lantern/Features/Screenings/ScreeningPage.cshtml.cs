using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Features.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>One screening: what was ticked and why, the supporting band, the level chosen, and the manager's review when it diverged.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ScreeningPageModel(ChildAccess access, LanternDbContext db, Screenings screenings, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public Child Child { get; private set; } = default!;

    public Screening Screening { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    private Actor _me = default!;

    /// <summary>The screener's management line may review a screening that awaits review (see <see cref="Screening.MayBeReviewedBy"/>).</summary>
    public bool CanReview => Screening.MayBeReviewedBy(_me);

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? NewLevel { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid screeningId, CancellationToken ct)
    {
        if (!await LoadAsync(id, screeningId, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ScreeningViewed, Screenings.RecordType, screeningId.ToString(), $"child {id}"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid screeningId, CancellationToken ct)
    {
        if (!await LoadAsync(id, screeningId, ct, tracked: true))
        {
            return NotFound();
        }
        if (Screening.CheckReviewer(_me) is { Kind: FailureKind.Forbidden })
        {
            return Forbid();
        }
        ModelState.Clear();
        LevelOfConcern? level = null;
        if (Decision is not ("agree" or "change"))
        {
            ModelState.AddModelError(nameof(Decision), "Say whether you agree with the practitioner's level of concern or set a different one");
        }
        else if (Decision == "change")
        {
            level = ScreeningInput.ParseLevel(NewLevel);
            if (level is null)
            {
                ModelState.AddModelError(nameof(NewLevel), "Choose the level of concern you are setting");
            }
            else if (string.IsNullOrWhiteSpace(Note))
            {
                ModelState.AddModelError(nameof(Note), "Say why you are setting a different level");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await screenings.ReviewAsync(Screening, _me, level, Note, ct) is { } problem)
        {
            if (problem.Kind == FailureKind.Conflict)
            {
                await LoadAsync(id, screeningId, ct);
            }
            return problem.ToPageResult(this);
        }
        TempData["Success"] = $"Review saved. The level of concern is {Screening.Level.DisplayName().ToLowerInvariant()}";
        return Redirect(Screenings.PagePath(Child.Id, Screening.Id));
    }

    private async Task<bool> LoadAsync(Guid id, Guid screeningId, CancellationToken ct, bool tracked = false)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return false;
        }
        Child = child;
        _me = await scope.ActorAsync(ct);
        var query = tracked ? db.Screenings : db.Screenings.AsNoTracking();
        var screening = await query.Include(s => s.Items).ThenInclude(i => i.SourceAgency).Include(s => s.Agency)
            .FirstOrDefaultAsync(s => s.Id == screeningId && s.ChildId == child.Id, ct);
        if (screening is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, Screenings.RecordType, screeningId.ToString(), "not found or not of this child"), ct);
            return false;
        }
        Screening = screening;
        return true;
    }
}
