using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Identity;

/// <summary>
/// One pair of records that may be the same child, side by side with the engine's reasons field by field, and the
/// decision: the same child (the new record is merged into the known one, which can be undone) or two children
/// (remembered: the pair is never put to anyone again).
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class PairModel(IdentityReviewQueries queries, ChildMerges merges, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public IdentityMatch Match { get; private set; } = default!;

    public ChildSide New { get; private set; } = default!;

    public ChildSide Known { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    /// <summary>"Same" or "Different".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.IdentityReviewViewed, "IdentityMatch", id.ToString(), "pair compared"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var me = await scope.ActorAsync(ct);
        var failure = Decision switch
        {
            "Same" => await merges.ConfirmAsync(id, Reason, me, ct),
            "Different" => await merges.RejectAsync(id, Reason, me, ct),
            _ => Failure.Invalid(nameof(Decision), "Select whether these records are about the same child"),
        };
        if (failure is not null)
        {
            await LoadAsync(id, ct);
            return failure.ToPageResult(this);
        }
        TempData["Success"] = Decision == "Same"
            ? $"The records are joined: everything recorded about {New.Name} is now on {Known.Name}'s record. The merge can be undone from that record."
            : $"Recorded that {New.Name} and {Known.Name} are different children. Lantern will not suggest this pair again.";
        return Decision == "Same" ? Redirect($"/children/{Known.Id}") : Redirect(IdentityPages.Review);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await queries.PairAsync(id, ct) is not { } match)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "IdentityMatch", id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        Match = match;
        New = await queries.SideAsync(match.ChildId, ct);
        Known = await queries.SideAsync(match.CandidateId!.Value, ct);
        return true;
    }
}
