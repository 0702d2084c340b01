using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Domain.People;
using Lantern.Features.Identity;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// The children the user may see, found by what they type, through the identity engine: names that are
/// variants, nicknames, misspelt or the wrong way round ("Amyra Kahn" finds Amira Khan, "Katie" finds Katherine),
/// with a date of birth or a year if known; or a reference that names the child. Each result says why it matched.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(LanternDbContext db, DataScope scope, ChildSearch search, Network.NetworkRecords network, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public const int MaxRows = 200;

    /// <summary>Someone who may see at most this many children has every one of them scored by a search.</summary>
    public const int ScoreAllUpTo = 5_000;

    public sealed record Row(Guid Id, string Name, string? KnownAs, DateOnly? DateOfBirth, int? Age, IReadOnlyList<string> Reasons);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Q { get; private set; }

    /// <summary>People, vehicles, phones and places that match the search, as the network knows them.</summary>
    public IReadOnlyList<Network.NetworkRecords.Found> Others { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Q?.Length > 200)
        {
            Q = Q[..200];
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildrenSearched, "Child", reason: Q is null ? "list" : "search"), ct);
        var today = calendar.LocalDate(time.GetUtcNow());
        var visible = scope.Children(db.Children.AsNoTracking()).Where(c => c.MergedIntoId == null);
        if (Q is null)
        {
            Rows = [.. (await visible.OrderBy(c => c.FamilyName).ThenBy(c => c.GivenName).Take(MaxRows)
                    .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn }).ToListAsync(ct))
                .Select(c => new Row(c.Id.Value, $"{c.GivenName} {c.FamilyName}", c.KnownAs, c.DateOfBirth, Age.On(today, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn), []))];
            return;
        }
        // The engine finds candidates among every child and the scope decides which of them this person may see;
        // someone who may see only a few children has each of theirs scored, so a common name cannot crowd them out.
        IReadOnlyCollection<ChildId>? among = null;
        if (!scope.IsFrontDoor)
        {
            var mine = await visible.Select(c => c.Id).Take(ScoreAllUpTo + 1).ToListAsync(ct);
            among = mine.Count <= ScoreAllUpTo ? mine : null;
        }
        Others = await network.SearchAsync(Q, 50, ct);
        var hits = await search.FindAsync(Q, MaxRows * 2, ct, among);
        var ids = hits.Select(h => h.Id).ToList();
        var children = await visible.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn })
            .ToDictionaryAsync(c => c.Id, ct);
        Rows = [.. hits.Where(h => children.ContainsKey(h.Id)).Take(MaxRows).Select(h =>
        {
            var c = children[h.Id];
            return new Row(c.Id.Value, $"{c.GivenName} {c.FamilyName}", c.KnownAs, c.DateOfBirth, Age.On(today, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn), h.Reasons);
        })];
    }
}
