using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
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

    private TeamId? _team;

    /// <summary>The screener's management line may review a screening that awaits review (see <see cref="Screenings.MayReview"/>).</summary>
    public bool CanReview => Screening.ReviewStatus == ScreeningReviewStatus.Awaiting
                             && Screenings.MayReview(Screening, scope.User.Id, scope.User.Role, scope.User.AgencyId, _team);

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
        if (Screening.ScreenedBy != scope.User.Id && !Screenings.MayReview(Screening, scope.User.Id, scope.User.Role, scope.User.AgencyId, _team))
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
            if (ScreeningInput.ParseLevel(NewLevel) is { } l)
            {
                level = l;
            }
            else
            {
                ModelState.AddModelError(nameof(NewLevel), "Choose the level of concern you are setting");
            }
            if (string.IsNullOrWhiteSpace(Note))
            {
                ModelState.AddModelError(nameof(Note), "Say why you are setting a different level");
            }
        }
        if (Note is { Length: > 4000 })
        {
            ModelState.AddModelError(nameof(Note), "The note must be 4,000 characters or fewer");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (done, problem) = await screenings.ReviewAsync(Screening, new Screener(scope.User.Id, scope.User.DisplayName, scope.User.AgencyId, _team), level, Note, ct);
        if (!done)
        {
            ModelState.AddModelError(nameof(Decision), problem!);
            await LoadAsync(id, screeningId, ct);
            return Page();
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
        _team = await scope.MyTeamAsync(ct);
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
