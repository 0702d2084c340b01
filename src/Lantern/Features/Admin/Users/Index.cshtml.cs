using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Users;

[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(LanternDbContext db, DataScope scope, AuditTrail audit) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, Role Role, string Agency, string? Team);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.UserListViewed, "User"), ct);
        Rows = await scope.Practitioners(db.Users.AsNoTracking())
            .OrderBy(u => u.Agency!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Role, u.Agency!.Name, u.Team == null ? null : u.Team.Name))
            .ToListAsync(ct);
    }
}
