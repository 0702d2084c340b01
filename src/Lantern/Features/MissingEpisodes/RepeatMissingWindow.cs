using Lantern.Data;
using Lantern.Domain.Children;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.MissingEpisodes;

/// <summary>A child's missing episodes in the repeat-missing window: the one query for the alert and for screening's rules.</summary>
public static class RepeatMissingWindow
{
    /// <summary>The child's episodes that began within the configured days up to <paramref name="now"/>.</summary>
    public static IQueryable<MissingEpisode> Episodes(LanternDbContext db, ChildId child, DateTimeOffset now, ChildRecordOptions options)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var since = now - TimeSpan.FromDays(options.RepeatMissingDays);
        return db.MissingEpisodes.AsNoTracking().Where(m => m.ChildId == child && m.MissingFrom >= since && m.MissingFrom <= now);
    }
}
