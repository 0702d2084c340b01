using System.ComponentModel.DataAnnotations;
using Lantern.Auditing;
using Lantern.Data;
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
        var name = Input.Name?.Trim();
        if (ModelState.IsValid && await db.Agencies.AnyAsync(a => a.Name == name, ct))
        {
            ModelState.AddModelError("Input.Name", "An agency with this name already exists");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var agency = new Agency { Name = name!, Kind = Input.Kind!.Value, CreatedAt = time.GetUtcNow() };
        db.Agencies.Add(agency);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AgencyCreated, "Agency", agency.Id.ToString()), ct);
        TempData["Success"] = $"{agency.Name} has been added";
        return Redirect($"/admin/agencies/{agency.Id}");
    }
}

public sealed class NewAgencyInput
{
    [Required(ErrorMessage = "Enter the agency's name")]
    [StringLength(200, ErrorMessage = "Name must be 200 characters or fewer")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Select what kind of agency it is")]
    [EnumDataType(typeof(AgencyKind), ErrorMessage = "Select what kind of agency it is")]
    public AgencyKind? Kind { get; set; }
}
