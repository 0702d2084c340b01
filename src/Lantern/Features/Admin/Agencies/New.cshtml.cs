using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Agencies;

[Authorize(Policy = Policies.Administration)]
public sealed class NewModel(LanternDbContext db, AuditTrail audit, TimeProvider time) : PageModel
{
    [BindProperty]
    public NewAgencyInput Input { get; set; } = new();

    public static IEnumerable<SelectListItem> Kinds =>
        Enum.GetValues<AgencyKind>().Select(k => new SelectListItem(k.DisplayName(), k.ToString()));

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The agency checks what it is given; only that no other agency has the name needs the database.
        ModelState.Clear();
        var created = Agency.Create(Input.Name, Input.Kind ?? default, time.GetUtcNow());
        if (created.Failure is { } problem)
        {
            return problem.ToPageResult(this, "Input.");
        }
        var agency = created.Value;
        if (await db.Agencies.AnyAsync(a => a.Name == agency.Name, ct))
        {
            return Failure.Invalid("Name", "An agency with this name already exists").ToPageResult(this, "Input.");
        }
        db.Agencies.Add(agency);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AgencyCreated, "Agency", agency.Id.ToString()), ct);
        TempData["Success"] = $"{agency.Name} has been added";
        return Redirect($"/admin/agencies/{agency.Id}");
    }
}

public sealed class NewAgencyInput
{
    public string? Name { get; set; }

    public AgencyKind? Kind { get; set; }
}
