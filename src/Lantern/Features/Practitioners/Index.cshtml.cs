using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Practitioners;

/// <summary>Colleagues the user may see (their own agency), so they know whom to call.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(LanternDbContext db, DataScope scope, AuditTrail audit) : PageModel
{
    public sealed record Row(Guid Id, string Name, Role Role, string? JobTitle, string? Team, string Agency);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PractitionerDirectoryViewed, "User"), ct);
        Rows = await scope.Practitioners(db.Users.AsNoTracking())
            .OrderBy(u => u.Agency!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new Row(u.Id, u.DisplayName, u.Role, u.JobTitle, u.Team == null ? null : u.Team.Name, u.Agency!.Name))
            .ToListAsync(ct);
    }
}
