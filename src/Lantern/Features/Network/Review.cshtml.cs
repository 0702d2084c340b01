using Lantern.Auditing;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>
/// Records of people that may be the same person, awaiting a person's decision, most evidence first. Those who decide
/// whether two records are one child (the front door and intelligence analysts, <see cref="Policies.IdentityReview"/>)
/// decide about people too: they are the readers who see the whole network.
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class PersonReviewModel(PersonReviewQueries queries, AuditTrail audit) : PageModel
{
    public PersonQueuePage Queue { get; private set; } = default!;

    /// <summary>The page asked for: <c>?page=2</c>, read from the query alone (the route's own "page" value names the Razor page).</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? number, CancellationToken ct)
    {
        Queue = await queries.QueueAsync(number ?? 1, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PersonReviewViewed, "Person", reason: $"{Queue.Total} pairs waiting; page {Queue.Page}"), ct);
        return Page();
    }
}
