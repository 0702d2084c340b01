using Lantern.Data;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin;

[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(LanternDbContext db) : PageModel
{
    public int Agencies { get; private set; }

    public int Teams { get; private set; }

    public int Users { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.CountAsync(ct);
        Teams = await db.Teams.CountAsync(ct);
        Users = await db.Users.CountAsync(ct);
    }
}
