using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>
/// One merge of two records of people: who joined them, when and why, how many links moved, and undoing it, which
/// moves exactly those links back and leaves the merged record standing on its own again.
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class PersonMergeModel(PersonReviewQueries queries, PersonMerges merges, NetworkRecords network, DataScope scope, AuditTrail audit, WorkingDayCalendar calendar)
    : PageModel
{
    public PersonMergeLine Merge { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    [BindProperty]
    public string? UndoReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PersonReviewViewed, "PersonMerge", id.ToString(), "merge viewed"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (await merges.UndoAsync(id, UndoReason, await scope.ActorAsync(ct), ct) is { } failure)
        {
            await LoadAsync(id, ct);
            return failure.ToPageResult(this);
        }
        TempData["Success"] = $"The merge is undone: {Merge.MergedReference} stands on its own again, with every link that was moved from it.";
        return Redirect(NetworkRecords.PagePath(new NodeRef(NodeKind.Person, Merge.MergedId)));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // Authorize twice: only the readers who see the whole network see a merge of two of its records.
        var merge = network.SeesAll ? await queries.MergeAsync(id, ct) : null;
        if (merge is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "PersonMerge", id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        Merge = merge;
        return true;
    }
}
