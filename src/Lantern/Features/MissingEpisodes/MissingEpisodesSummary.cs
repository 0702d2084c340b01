using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>What the child's record shows about missing episodes, newest first; no alert when the host page lists alerts itself.</summary>
public sealed record MissingEpisodesSummary(
    ChildId ChildId,
    IReadOnlyList<MissingEpisode> Episodes,
    Alert? RepeatMissingAlert,
    DateTimeOffset Now,
    WorkingDayCalendar Calendar)
{
    public IEnumerable<MissingEpisode> InterviewsOutstanding =>
        Episodes.Where(e => e.InterviewOutstanding && e.InterviewDueBy is not null).OrderBy(e => e.InterviewDueBy);
}

/// <summary>
/// The child's page shows every outstanding return home interview with its clock, the repeat-missing
/// alert (unless the host page lists alerts itself: <c>showAlert = false</c>), and the episodes:
/// <c>@await Component.InvokeAsync("MissingEpisodes", new { childId = ..., showAlert = false })</c>.
/// The host page has checked the child is in scope; the component checks again and shows nothing if not.
/// </summary>
[ViewComponent(Name = "MissingEpisodes")]
public sealed class MissingEpisodesViewComponent(LanternDbContext db, DataScope scope, WorkingDayCalendar calendar, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ChildId childId, bool showAlert = true)
    {
        var ct = HttpContext.RequestAborted;
        if (!await scope.Children(db.Children).AnyAsync(c => c.Id == childId, ct))
        {
            return Content("");
        }
        var episodes = await db.MissingEpisodes.AsNoTracking().Where(m => m.ChildId == childId).OrderByDescending(m => m.MissingFrom).ToListAsync(ct);
        var alert = !showAlert ? null : await db.Alerts.AsNoTracking()
            .Where(a => a.ChildId == childId && a.Rule == RepeatMissingRule.RuleKey && a.ClosedAt == null)
            .OrderByDescending(a => a.RaisedAt).FirstOrDefaultAsync(ct);
        return View("~/Features/MissingEpisodes/MissingEpisodesSummary.cshtml", new MissingEpisodesSummary(childId, episodes, alert, time.GetUtcNow(), calendar));
    }
}
