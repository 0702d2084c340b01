using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>Recording a context's assessment and plan as a new version; the form starts from the current version.</summary>
[Authorize(Policy = Policies.Contexts)]
public sealed class ContextAssessmentModel(LanternDbContext db, NetworkRecords network, ContextRecords contexts, AuditTrail audit) : PageModel
{
    public Context Context { get; private set; } = default!;

    [BindProperty]
    public ContextInput Input { get; set; } = new();

    public ContextTypeField TypeField => new("Input.Type", Input.Type, ModelState.TryGetValue("Input.Type", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = new ContextInput { Name = Context.Name, Type = Context.Type.ToString(), Assessment = Context.Assessment, Plan = Context.Plan, Version = Context.Version };
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkRecordViewed, "Context", Context.Reference, "assessment form opened"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (await contexts.AssessAsync(id, Input.Version, Input.ToDetails(), ct) is { } problem)
        {
            if (problem.MayPassOnRetry)
            {
                // Someone else's version is now the current one: the form moves on to it, and keeps what was typed.
                await LoadAsync(id, ct);
                ModelState.Remove("Input.Version");
                Input.Version = Context.Version;
            }
            return problem.ToPageResult(this, "Input.");
        }
        TempData["Success"] = "Assessment and plan recorded";
        return Redirect(NetworkRecords.PagePath(new NodeRef(NodeKind.Context, id)));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await network.FindAsync(new NodeRef(NodeKind.Context, id), ct) is null
            || await db.Contexts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } context)
        {
            return false;
        }
        Context = context;
        return true;
    }
}
