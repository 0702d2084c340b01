using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Screenings;

/// <summary>
/// The signed-in person's screening work, over the children they may see: screenings due or overdue, and for
/// managers the screenings waiting for their review. The screenings page lists it and the home page counts it,
/// so a count and the list it links to cannot disagree.
/// </summary>
public sealed class ScreeningWorkList(LanternDbContext db, DataScope scope, Screenings screenings, TimeProvider time)
{
    /// <summary>How far ahead the list looks for screenings coming due.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(14);

    public const string PagePath = "/screenings";

    /// <summary>Whether the person reviews screenings (a manager).</summary>
    public bool IsReviewer => scope.User.Role.IsManager();

    /// <summary>The children the person may see whose screening is overdue or due within <see cref="Ahead"/> of <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<DueScreening>> DueAsync(DateTimeOffset now, CancellationToken ct) =>
        [.. (await screenings.DueForAsync(Mine, ct)).Where(d => d.Due.DueBy <= now + Ahead)];

    /// <summary>The screenings of those children waiting for this person's review; none for anyone but a manager.</summary>
    public async Task<IReadOnlyList<Screening>> ToReviewAsync(CancellationToken ct) =>
        IsReviewer ? await screenings.AwaitingReviewByAsync(await scope.ActorAsync(ct), Mine, ct) : [];

    public async Task<int> CountDueAsync(CancellationToken ct) => (await DueAsync(time.GetUtcNow(), ct)).Count;

    private IQueryable<Child> Mine => scope.Children(db.Children.AsNoTracking());
}
