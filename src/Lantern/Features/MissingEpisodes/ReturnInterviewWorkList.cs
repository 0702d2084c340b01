using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>A return home interview still owed: the child, the episode, when the child returned and when the interview is due.</summary>
public sealed record InterviewDueRow(ChildId ChildId, string Child, Guid EpisodeId, string Reference, DateTimeOffset? ReturnedAt, DateTimeOffset DueBy, ReturnInterviewStatus Status);

/// <summary>
/// The return home interviews still owed (due, offered or accepted, with a clock) for the children the signed-in
/// person may see, soonest due first. The list page and the home page's count both ask here, so they agree.
/// </summary>
public sealed class ReturnInterviewWorkList(LanternDbContext db, DataScope scope)
{
    public const string PagePath = "/missing-episodes/interviews";

    private static readonly ReturnInterviewStatus[] OwedStatuses = [ReturnInterviewStatus.Due, ReturnInterviewStatus.Offered, ReturnInterviewStatus.Accepted];

    /// <summary>The episodes whose return home interview is still owed: due, offered or accepted, and not done, declined or recorded as not done.</summary>
    public static IQueryable<MissingEpisode> Owed(IQueryable<MissingEpisode> episodes) =>
        episodes.Where(m => OwedStatuses.Contains(m.InterviewStatus) && m.InterviewDueBy != null);

    private IQueryable<MissingEpisode> Outstanding()
    {
        var children = scope.Children(db.Children).Select(c => c.Id);
        return Owed(db.MissingEpisodes.AsNoTracking()).Where(m => children.Contains(m.ChildId));
    }

    public Task<int> CountAsync(CancellationToken ct) => Outstanding().CountAsync(ct);

    public async Task<IReadOnlyList<InterviewDueRow>> DueAsync(CancellationToken ct)
    {
        var rows = await Outstanding()
            .Select(m => new
            {
                m.ChildId,
                m.Id,
                m.Reference,
                m.ReturnedAt,
                m.InterviewDueBy,
                m.InterviewStatus,
                Name = db.Children.Where(c => c.Id == m.ChildId).Select(c => c.GivenName + " " + c.FamilyName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new InterviewDueRow(r.ChildId, r.Name ?? "", r.Id, r.Reference, r.ReturnedAt, r.InterviewDueBy!.Value, r.InterviewStatus))
            .OrderBy(r => r.DueBy).ThenBy(r => r.Reference, StringComparer.Ordinal)];
    }
}
