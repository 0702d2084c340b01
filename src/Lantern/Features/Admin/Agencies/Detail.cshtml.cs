using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Agencies;

[Authorize(Policy = Policies.Administration)]
public sealed class DetailModel(LanternDbContext db, AuditTrail audit, TimeProvider time) : PageModel
{
    public Agency Agency { get; private set; } = default!;

    [BindProperty]
    public NewTeamInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var added = Agency.AddTeam(Input.Name, time.GetUtcNow());
        if (added.Failure is { } problem)
        {
            return problem.ToPageResult(this, "Input.");
        }
        var team = added.Value;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.TeamCreated, "Team", team.Id.ToString(), $"agency {Agency.Id}"), ct);
        TempData["Success"] = $"{team.Name} has been added";
        return Redirect($"/admin/agencies/{Agency.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Teams).FirstOrDefaultAsync(a => a.Id == new AgencyId(id), ct);
        if (agency is null)
        {
            return false;
        }
        Agency = agency;
        return true;
    }
}

public sealed class NewTeamInput
{
    public string? Name { get; set; }
}
