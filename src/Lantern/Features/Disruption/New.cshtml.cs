using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Network;
using Lantern.Features.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Disruption;

/// <summary>Opening a disruption plan about a person of concern or a context of harm, from its page.</summary>
[Authorize(Policy = Policies.Disruption)]
public sealed class NewModel(NetworkRecords network, DisruptionPlans plans, AuditTrail audit) : PageModel
{
    [BindProperty]
    public string? Aim { get; set; }

    public NodeView Subject { get; private set; } = default!;

    public string KindName => NetworkRecords.KindName(Subject.Node.Kind).ToLowerInvariant();

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.DisruptionPlanFormOpened, NetworkRecords.KindName(Subject.Node.Kind), Subject.Reference, "form to open a disruption plan"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct))
        {
            return NotFound();
        }
        var opened = await plans.OpenAsync(Subject.Node, Aim, ct);
        if (opened.Failure is { } problem)
        {
            return problem.ToPageResult(this);
        }
        TempData["Success"] = $"Disruption plan {opened.Value.Reference} opened. Add its tactics, each with an owner and a due day";
        return Redirect(DisruptionPlans.PagePath(opened.Value.Id));
    }

    private async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        if (NetworkRecords.KindOf(kind) is not (NodeKind.Person or NodeKind.Context) || await network.FindAsync(new NodeRef(NetworkRecords.KindOf(kind)!.Value, id), ct) is not { } view)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, kind, id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        Subject = view;
        return true;
    }
}
