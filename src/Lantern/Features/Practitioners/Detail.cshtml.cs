using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Practitioners;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailModel(LanternDbContext db, DataScope scope, AuditTrail audit) : PageModel
{
    public sealed record Profile(Guid Id, string Name, string? Email, string? Phone, Role Role, string? JobTitle, string Agency, string? Team);

    public Profile Person { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // Authorize twice: the policy let the user in; the scope decides whether this record exists for them.
        var person = await scope.Practitioners(db.Users.AsNoTracking())
            .Where(u => u.Id == id)
            .Select(u => new Profile(u.Id, u.DisplayName, u.Email, u.PhoneNumber, u.Role, u.JobTitle, u.Agency!.Name, u.Team == null ? null : u.Team.Name))
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "User", id.ToString(), "not found or not in scope"), ct);
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PractitionerViewed, "User", id.ToString()), ct);
        Person = person;
        return Page();
    }
}
