using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>
/// One merge of two records: who joined them, when and why, what moved, and undoing it, which moves exactly
/// those referrals, entries, involvements, missing episodes, screenings and alerts back.
/// </summary>
[Authorize(Policy = Policies.IdentityReview)]
public sealed class MergeModel(LanternDbContext db, DataScope scope, ChildMerges merges, IdentityReviewQueries queries, AuditTrail audit, WorkingDayCalendar calendar)
    : PageModel
{
    public ChildMerge Merge { get; private set; } = default!;

    public ChildSide Survivor { get; private set; } = default!;

    public ChildSide Merged { get; private set; } = default!;

    public IReadOnlyList<(string What, int Count)> Moved { get; private set; } = [];

    public WorkingDayCalendar Calendar => calendar;

    [BindProperty]
    public string? UndoReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.IdentityReviewViewed, "ChildMerge", id.ToString(), "merge viewed"), ct);
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
        TempData["Success"] = $"The merge is undone: {Merged.Name} has a record of their own again, with everything that was moved from it.";
        return Redirect($"/children/{Merged.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // Authorize twice: the merge is found only when the surviving record is within the reviewer's scope.
        var visible = scope.Children(db.Children).Select(c => c.Id);
        var merge = await db.ChildMerges.AsNoTracking().Include(m => m.Moves).FirstOrDefaultAsync(m => m.Id == id && visible.Contains(m.SurvivorId), ct);
        if (merge is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "ChildMerge", id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        // Once undone, the merged record is a child of its own again: shown only to those who may see it.
        if (merge.UndoneAt is not null && !await visible.ContainsAsync(merge.MergedId, ct))
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "ChildMerge", id.ToString(), "the record split off again is not in scope"), ct);
            return false;
        }
        Merge = merge;
        Survivor = await queries.SideAsync(merge.SurvivorId, ct);
        Merged = await queries.SideAsync(merge.MergedId, ct);
        Moved = [.. merge.Moves.GroupBy(m => Words(m.Table)).Select(g => (g.Key, g.Count()))];
        return true;
    }

    private static string Words(string table) => table switch
    {
        "Referrals" => "referrals",
        "ChronologyEntries" => "chronology entries",
        "Involvements" => "involvements",
        "MissingEpisodes" => "missing episodes",
        "Screenings" => "screenings",
        "CrimeVictims" => "crimes against the child",
        "NoChargeReviews" => "reviews of decisions not to prosecute",
        "Alerts" => "alerts",
        "ChildVulnerabilities" => "vulnerabilities",
        "ChildRelationships" => "people in the child's life",
        "IdentityMatches.ChildId" or "IdentityMatches.CandidateId" => "pairs waiting for a decision, now put against this record",
        _ => table,
    };
}
