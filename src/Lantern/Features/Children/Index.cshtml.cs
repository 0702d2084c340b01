using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.People;
using Lantern.Linking.Text;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// The children the user may see, found by name in a way that forgives spelling: a name matches when
/// it sounds the same (Double Metaphone), is a known variant (Kate, Katherine) or is spelt nearly the
/// same (Jaro-Winkler), so "Amyra Kahn" finds Amira Khan.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(LanternDbContext db, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? KnownAs, DateOnly? DateOfBirth, int? Age);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Q { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildrenSearched, "Child", reason: Q is null ? "list" : "search"), ct);
        var today = calendar.LocalDate(time.GetUtcNow());
        var children = await scope.Children(db.Children.AsNoTracking())
            .OrderBy(c => c.FamilyName).ThenBy(c => c.GivenName)
            .Select(c => new { c.Id, c.GivenName, c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn })
            .ToListAsync(ct);
        var wanted = Q is null ? [] : NameText.Tokens(Q);
        Rows = [.. children
            .Where(c => wanted.Count == 0 || wanted.All(w => NameText.Tokens($"{c.GivenName} {c.FamilyName} {c.KnownAs}").Any(n => Matches(w, n))))
            .Take(200)
            .Select(c => new Row(c.Id.Value, $"{c.GivenName} {c.FamilyName}", c.KnownAs, c.DateOfBirth, Age.On(today, c.DateOfBirth, c.EstimatedAge, c.EstimatedAgeOn)))];
    }

    /// <summary>Whether a searched word and a name word are the same name, allowing for spelling.</summary>
    public static bool Matches(string searched, string name)
    {
        ArgumentNullException.ThrowIfNull(searched);
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(searched, name, StringComparison.OrdinalIgnoreCase) || (searched.Length >= 3 && name.StartsWith(searched, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var (a1, a2) = DoubleMetaphone.Encode(searched);
        var (b1, b2) = DoubleMetaphone.Encode(name);
        if (a1.Length > 0 && (a1 == b1 || a1 == b2 || (a2.Length > 0 && (a2 == b1 || a2 == b2))))
        {
            return true;
        }
        return StringSimilarity.JaroWinkler(searched.ToUpperInvariant(), name.ToUpperInvariant()) >= 0.9 || NameVariants.Default.AreVariants(searched, name) || NameVariants.Default.AreNicknames(searched, name);
    }
}
