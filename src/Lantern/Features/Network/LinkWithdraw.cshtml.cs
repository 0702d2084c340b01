using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>Withdrawing a link found wrong, with the reason: it stays on both records, shown as withdrawn.</summary>
[Authorize(Policy = Policies.NetworkLinks)]
public sealed class LinkWithdrawModel(NetworkRecords network, ManualLinks links, AuditTrail audit, WorkingDayCalendar calendar) : PageModel
{
    public NodeView View { get; private set; } = default!;

    public LinkRow Link { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    public string PagePath => NetworkRecords.PagePath(View.Node);

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, Guid link, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, link, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkRecordViewed, NetworkRecords.KindName(View.Node.Kind), View.Reference, $"form to withdraw link {link} opened"), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, Guid link, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, link, ct))
        {
            return NotFound();
        }
        if (await links.WithdrawAsync(View.Node, link, Reason, ct) is { } problem)
        {
            return problem.ToPageResult(this);
        }
        TempData["Success"] = $"The link to {Link.OtherName} is withdrawn";
        return Redirect(PagePath);
    }

    private async Task<bool> LoadAsync(string kind, Guid id, Guid link, CancellationToken ct)
    {
        if (NetworkRecords.KindOf(kind) is not { } k || await network.FindAsync(new NodeRef(k, id), ct) is not { } view
            || await links.FindAsync(view.Node, link, ct) is not { } row)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Link", link.ToString(), "not found or not in scope"), ct);
            return false;
        }
        (View, Link) = (view, row);
        return true;
    }
}
