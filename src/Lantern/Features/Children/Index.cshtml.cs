using Lantern.Auditing;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Children;

/// <summary>
/// The children the user may see, found by what they type, through the identity engine: names that are
/// variants, nicknames, misspelt or the wrong way round ("Amyra Kahn" finds Amira Khan, "Katie" finds Katherine),
/// with a date of birth or a year if known; or a reference that names the child. Each result says why it matched.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(ChildFinder children, Network.NetworkRecords network, AuditTrail audit) : PageModel
{
    public const int MaxRows = 200;

    public IReadOnlyList<FoundChild> Rows { get; private set; } = [];

    public string? Q { get; private set; }

    /// <summary>People, vehicles, phones, places and contexts that match the search, as the network knows them.</summary>
    public IReadOnlyList<Network.NetworkRecords.Found> Others { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Q?.Length > 200)
        {
            Q = Q[..200];
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildrenSearched, "Child", reason: Q is null ? "list" : "search"), ct);
        if (Q is null)
        {
            Rows = await children.ListAsync(MaxRows, ct);
            return;
        }
        Others = await network.SearchAsync(Q, 50, ct);
        Rows = await children.SearchAsync(Q, MaxRows, ct);
    }
}
