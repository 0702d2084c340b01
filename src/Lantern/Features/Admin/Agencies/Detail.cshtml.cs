using System.ComponentModel.DataAnnotations;
using Lantern.Auditing;
using Lantern.Data;
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
        var name = Input.Name?.Trim();
        if (ModelState.IsValid && Agency.Teams.Any(t => t.Name == name))
        {
            ModelState.AddModelError("Input.Name", $"{Agency.Name} already has a team with this name");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var team = new Team { Name = name!, AgencyId = Agency.Id, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
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
    [Required(ErrorMessage = "Enter the team's name")]
    [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? Name { get; set; }
}
