using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Chronology;

/// <summary>
/// Adds every agency's fragments to a child's one chronology, and corrects them: entries are never
/// edited; a correction is a new entry that supersedes the old one, and both stay. The caller saves.
/// </summary>
public sealed class ChronologyRecords(LanternDbContext db, DataScope scope, TimeProvider time)
{
    /// <summary>Adds an entry to the pending changes; the caller saves.</summary>
    public ChronologyEntry Add(ChildId child, NewEntry entry)
    {
        var row = ChronologyEntry.Record(child, entry, time.GetUtcNow());
        db.ChronologyEntries.Add(row);
        return row;
    }

    /// <summary>
    /// A correction of <paramref name="corrected"/>, an entry of the child the caller may correct (an
    /// agency system: only its own agency's): the new entry, or the problem keyed by field. The caller saves.
    /// </summary>
    public async Task<Result<ChronologyEntry>> CorrectAsync(ChildId child, Guid corrected, NewEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var old = await scope.EntriesToCorrect(db.ChronologyEntries).FirstOrDefaultAsync(e => e.Id == corrected && e.ChildId == child, ct);
        if (old is null)
        {
            // Not there, or not the caller's to correct: the two are never told apart.
            return Failure.NotFound(scope.IsAgencySystem
                ? "There is no entry with this id from your agency on this child's chronology"
                : "There is no such entry on this child's chronology");
        }
        var correction = old.Correct(entry, time.GetUtcNow());
        if (correction.Succeeded)
        {
            db.ChronologyEntries.Add(correction.Value);
        }
        return correction;
    }

    /// <summary>The latest version of an entry: the one at the end of its chain of corrections.</summary>
    public async Task<Guid> LatestVersionAsync(Guid entry, CancellationToken ct)
    {
        var latest = entry;
        while (await db.ChronologyEntries.Where(e => e.Id == latest).Select(e => e.SupersededById).FirstOrDefaultAsync(ct) is { } next)
        {
            latest = next;
        }
        return latest;
    }
}
