using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Users;

[Authorize(Policy = Policies.Administration)]
public sealed class NewModel(LanternDbContext db, CreateUserHandler handler) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public static IEnumerable<SelectListItem> RoleItems =>
        Roles.All.Select(r => new SelectListItem(r.DisplayName(), r.ToString()));

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(
            new CreateUserRequest(Input.Email ?? "", Input.DisplayName, Input.Role ?? "", Input.Agency ?? "", Input.Team, Input.Password ?? ""), ct);
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError("Input." + field, message);
        }
        if (!ModelState.IsValid || outcome.User is null)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        TempData["Success"] = $"Account created for {outcome.User.DisplayName}. Give them their password in person or by phone, never by email";
        return Redirect("/admin/users");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Include(a => a.Teams).OrderBy(a => a.Name).ToListAsync(ct);
        Agencies = [.. agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString()))];
        Teams = [.. agencies.SelectMany(a => a.Teams.OrderBy(t => t.Name).Select(t => new SelectListItem($"{a.Name}: {t.Name}", t.Id.ToString())))];
    }
}

public sealed class NewUserInput
{
    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Role { get; set; }

    public string? Agency { get; set; }

    public string? Team { get; set; }

    public string? Password { get; set; }
}
