using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>
/// Two records of people side by side, with what supports and what weighs against their being one person, and the
/// decision: the same person (the newer record is merged into the older, which can be undone) or two people (the pair
/// is never put to anyone again). Not found for anyone who may not see both records.
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class ComparePersonsModel(PersonReviewQueries queries, PersonMerges merges, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public PersonPair Pair { get; private set; } = default!;

    public PersonPairDecision? Decided { get; private set; }

    public IReadOnlyList<(NodeRef Node, string Name)> Shared { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>"Same" or "NotSame".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool MayDecide => Decided is null && Pair.A.MergedIntoId is null && Pair.B.MergedIntoId is null;

    public async Task<IActionResult> OnGetAsync(Guid first, Guid second, CancellationToken ct)
    {
        if (!await LoadAsync(first, second, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PersonReviewViewed, "Person", Pair.A.Reference, $"compared with {Pair.B.Reference}"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid first, Guid second, CancellationToken ct)
    {
        if (!await LoadAsync(first, second, ct))
        {
            return NotFound();
        }
        var me = await scope.ActorAsync(ct);
        Failure? failure;
        switch (Decision)
        {
            case "Same":
                var merged = await merges.SameAsync(first, second, Reason, me, ct);
                failure = merged.Failure;
                if (merged.Succeeded)
                {
                    TempData["Success"] = $"The records are joined: everything linked to {Pair.B.Reference} is now on {Pair.A.Reference}. The merge can be undone from this page.";
                    return Redirect(NetworkRecords.PagePath(new NodeRef(NodeKind.Person, merged.Value.SurvivorId)));
                }
                break;
            case "NotSame":
                failure = await merges.NotSameAsync(first, second, Reason, me, ct);
                break;
            default:
                failure = Failure.Invalid(nameof(Decision), "Select whether these records are about the same person");
                break;
        }
        if (failure is not null)
        {
            await LoadAsync(first, second, ct);
            return failure.ToPageResult(this);
        }
        TempData["Success"] = $"Recorded that {Pair.A.Reference} and {Pair.B.Reference} are different people. Lantern will not put this pair to anyone again.";
        return Redirect(PersonReviewPages.Queue);
    }

    private async Task<bool> LoadAsync(Guid first, Guid second, CancellationToken ct)
    {
        if (await queries.PairAsync(first, second, ct) is not { } pair)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Person", $"{first} {second}", "pair not found or not in scope"), ct);
            return false;
        }
        Pair = pair;
        Decided = await queries.DecisionAsync(first, second, ct);
        Shared = await queries.SharedAsync(first, second, ct);
        return true;
    }
}
