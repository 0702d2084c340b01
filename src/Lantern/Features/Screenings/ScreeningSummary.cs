using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.Screening;
using Lantern.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>One point of the level of concern over time.</summary>
public sealed record ScreeningPoint(Guid Id, DateTimeOffset ScreenedAt, LevelOfConcern Level, LevelOfConcern SupportingBand, string By, ScreeningReviewStatus Review);

/// <summary>What the child's record shows about screening: when the next is due, and the level of concern over time.</summary>
public sealed record ScreeningSummary(ChildId ChildId, ScreeningDue? Due, IReadOnlyList<ScreeningPoint> History, DateTimeOffset Now, WorkingDayCalendar Calendar);

/// <summary>
/// The child's page shows the screening due (with its clock), a button to screen, and the level of
/// concern over time as a chart with the same figures in a table behind it:
/// <c>@await Component.InvokeAsync("Screening", new { childId = ... })</c>. The component checks scope again.
/// </summary>
[ViewComponent(Name = "Screening")]
public sealed class ScreeningViewComponent(LanternDbContext db, DataScope scope, Screenings screenings, WorkingDayCalendar calendar, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ChildId childId)
    {
        var ct = HttpContext.RequestAborted;
        if (!await scope.Children(db.Children).AnyAsync(c => c.Id == childId, ct))
        {
            return Content("");
        }
        var history = await screenings.HistoryAsync(childId, ct);
        var due = await screenings.DueAsync(childId, ct);
        return View("~/Features/Screenings/ScreeningSummary.cshtml", new ScreeningSummary(childId, due, history, time.GetUtcNow(), calendar));
    }
}
