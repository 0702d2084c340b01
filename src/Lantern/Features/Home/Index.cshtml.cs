using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Home;

/// <summary>The signed-in person's home page: what their role is for, what is waiting for them, and where to go.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(CurrentUser user, WorkList work) : PageModel
{
    public CurrentUser Me => user;

    public IReadOnlyList<WorkItem> Work { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Work = await work.ForAsync(user, ct);
}
