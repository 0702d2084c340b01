using Lantern.Data;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Admin.Agencies;

[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(LanternDbContext db) : PageModel
{
    public sealed record Row(AgencyId Id, string Name, string Kind, int Teams);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Kind, Teams = a.Teams.Count })
            .ToListAsync(ct);
        Rows = [.. agencies.Select(a => new Row(a.Id, a.Name, Domain.Partnership.AgencyKinds.DisplayName(a.Kind), a.Teams))];
    }
}
