using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Home;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(CurrentUser user) : PageModel
{
    public CurrentUser Me => user;

    public void OnGet()
    {
    }
}
