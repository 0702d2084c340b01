using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>The contexts of harm the reader may see, newest change first, or those whose name or reference matches a search.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ContextsModel(NetworkRecords network, AuditTrail audit, IAuthorizationService authorization, WorkingDayCalendar calendar) : PageModel
{
    public const int MaxRows = 200;

    public IReadOnlyList<Context> Contexts { get; private set; } = [];

    public string? Q { get; private set; }

    public bool MayOpen { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Q?.Length > 200)
        {
            Q = Q[..200];
        }
        Contexts = await network.ContextsAsync(Q, MaxRows, ct);
        MayOpen = (await authorization.AuthorizeAsync(User, Policies.Contexts)).Succeeded;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkSearched, "Context", reason: $"{(Q is null ? "contexts listed" : "contexts searched")}; {Contexts.Count} shown"), ct);
    }
}
