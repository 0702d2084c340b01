using Lantern.Data;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>What a person's page says of merges and of records that may be the same person.</summary>
/// <param name="Person">The person the page is about.</param>
/// <param name="MergedInto">The record this one was merged into, when it was: its id and reference.</param>
/// <param name="Merges">Merges into or out of this record (shown to reviewers).</param>
/// <param name="Undecided">Records of the same name nobody has decided about, to compare (shown to reviewers).</param>
/// <param name="MayReview">Whether the reader decides whether records are one person.</param>
public sealed record PersonMergesSummary(Person Person, (Guid Id, string Reference)? MergedInto, IReadOnlyList<PersonMergeLine> Merges,
    IReadOnlyList<(Guid Id, string Name, string Reference)> Undecided, bool MayReview);

/// <summary>
/// On a person's page: "merged into PER-…" on a merged record, and for those who decide (<see cref="Policies.IdentityReview"/>)
/// the merges with the way to undo them, and the records of the same name waiting for a decision:
/// <c>@await Component.InvokeAsync("PersonMerges", new { person = ... })</c>. The host page has checked the reader may see the person.
/// </summary>
[ViewComponent(Name = "PersonMerges")]
public sealed class PersonMergesViewComponent(LanternDbContext db, NetworkRecords network, PersonReviewQueries queries, IAuthorizationService authorization)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var ct = HttpContext.RequestAborted;
        (Guid, string)? mergedInto = person.MergedIntoId is { } survivor
            ? (survivor, await db.Persons.Where(p => p.Id == survivor).Select(p => p.Reference).FirstAsync(ct))
            : null;
        var mayReview = network.SeesAll && (await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.IdentityReview)).Succeeded;
        IReadOnlyList<PersonMergeLine> merges = [];
        IReadOnlyList<(Guid, string, string)> undecided = [];
        if (mayReview)
        {
            merges = await queries.MergesAsync(person.Id, ct);
            if (person.MergedIntoId is null)
            {
                var decided = await db.PersonPairDecisions.AsNoTracking().Where(d => d.FirstId == person.Id || d.SecondId == person.Id)
                    .Select(d => d.FirstId == person.Id ? d.SecondId : d.FirstId).ToListAsync(ct);
                undecided = [.. (await network.NamesakesAsync(person, ct)).Where(n => !decided.Contains(n.Id))];
            }
        }
        return View("~/Features/Network/PersonMergesSummary.cshtml", new PersonMergesSummary(person, mergedInto, merges, undecided, mayReview));
    }
}
