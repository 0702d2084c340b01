using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Screening;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>
/// Screening work for the signed-in person, over the children they may see: screenings due or overdue
/// (soonest first), and for managers the screenings waiting for their review.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(LanternDbContext db, ScreeningWorkList work, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public sealed record DueRow(ChildId ChildId, string Child, ScreeningDue Due);

    public sealed record ReviewRow(ChildId ChildId, Guid ScreeningId, string Child, DateTimeOffset ScreenedAt, string By, LevelOfConcern Chosen, LevelOfConcern Band);

    public IReadOnlyList<DueRow> Due { get; private set; } = [];

    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];

    public bool IsReviewer => work.IsReviewer;

    public WorkingDayCalendar Calendar => calendar;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var due = await work.DueAsync(Now, ct);
        var ids = due.Select(d => d.ChildId).ToList();
        var names = await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.GivenName, c.FamilyName }).ToDictionaryAsync(c => c.Id, ct);
        Due = [.. due.OrderBy(d => d.Due.DueBy).Select(d => new DueRow(d.ChildId, $"{names[d.ChildId].GivenName} {names[d.ChildId].FamilyName}", d.Due))];
        Reviews = [.. (await work.ToReviewAsync(ct))
            .OrderBy(s => s.ScreenedAt)
            .Select(s => new ReviewRow(s.ChildId, s.Id, s.Child!.FullName, s.ScreenedAt, s.ScreenedByName, s.ChosenLevel, s.ComputedLevel))];
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ScreeningWorkListViewed, null, null, $"{Due.Count} due, {Reviews.Count} to review"), ct);
        return Page();
    }
}
