using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.People;
using Lantern.Features.Identity;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>A child as a list or search shows it, with why it matched when searched.</summary>
public sealed record FoundChild(Guid Id, string Name, string? KnownAs, DateOnly? DateOfBirth, int? Age, IReadOnlyList<string> Reasons);

/// <summary>
/// The children the user may see, found by what they type, through the identity engine; the one search the children's
/// page and any page that picks a child use. Records joined into another are left out.
/// </summary>
public sealed class ChildFinder(LanternDbContext db, DataScope scope, ChildSearch search, WorkingDayCalendar calendar, TimeProvider time)
{
    /// <summary>Someone who may see at most this many children has every one of them scored by a search.</summary>
    public const int ScoreAllUpTo = 5_000;

    /// <summary>The first children the user may see by family name.</summary>
    public async Task<IReadOnlyList<FoundChild>> ListAsync(int max, CancellationToken ct)
    {
        var today = calendar.LocalDate(time.GetUtcNow());
        return [.. (await Visible().OrderBy(c => c.FamilyName).ThenBy(c => c.GivenName).Take(max)
                .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn }).ToListAsync(ct))
            .Select(c => new FoundChild(c.Id.Value, $"{c.GivenName} {c.FamilyName}", c.KnownAs, c.DateOfBirth, Age.On(today, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn), []))];
    }

    /// <summary>The children the user may see that <paramref name="q"/> may be about, best first.</summary>
    public async Task<IReadOnlyList<FoundChild>> SearchAsync(string q, int max, CancellationToken ct)
    {
        var today = calendar.LocalDate(time.GetUtcNow());
        var visible = Visible();
        // The engine finds candidates among every child and the scope decides which of them this person may see;
        // someone who may see only a few children has each of theirs scored, so a common name cannot crowd them out.
        IReadOnlyCollection<ChildId>? among = null;
        if (!scope.IsFrontDoor)
        {
            var mine = await visible.Select(c => c.Id).Take(ScoreAllUpTo + 1).ToListAsync(ct);
            among = mine.Count <= ScoreAllUpTo ? mine : null;
        }
        var hits = await search.FindAsync(q, max * 2, ct, among);
        var ids = hits.Select(h => h.Id).ToList();
        var children = await visible.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn })
            .ToDictionaryAsync(c => c.Id, ct);
        return [.. hits.Where(h => children.ContainsKey(h.Id)).Take(max).Select(h =>
        {
            var c = children[h.Id];
            return new FoundChild(c.Id.Value, $"{c.GivenName} {c.FamilyName}", c.KnownAs, c.DateOfBirth, Age.On(today, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn), h.Reasons);
        })];
    }

    private IQueryable<Child> Visible() => scope.Children(db.Children.AsNoTracking()).Where(c => c.MergedIntoId == null);
}
