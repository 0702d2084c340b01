using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Features.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Alerts;

/// <summary>
/// One alert: what raised it and the records behind it, who has seen it and what was done, and closing
/// it with a reason. Anyone who may see the child it is about may open it, acknowledge it and record an
/// action; closing is for a manager where the rule says so.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AlertPageModel(LanternDbContext db, DataScope scope, AlertService alerts, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public Alert Alert { get; private set; } = default!;

    public string Title { get; private set; } = "";

    public string? ChildName { get; private set; }

    /// <summary>The page of the person, vehicle, phone or place a network alert is about.</summary>
    public string? SubjectPath { get; private set; }

    public WorkingDayCalendar Calendar => calendar;

    public bool ManagerCloses { get; private set; }

    private Actor _me = default!;

    private AgencyKind? _owner;

    public bool CanClose => !Alert.IsClosed && Alert.MayBeClosedBy(_me, ManagerCloses, _owner);

    /// <summary>Who closes this alert, in words, for those who may not.</summary>
    public string Closer => (ManagerCloses ? "A team manager, service manager or head of service" : "Someone")
        + (_owner is { } owner ? " of " + owner.DisplayName().ToLowerInvariant() : "") + " closes this alert.";

    [BindProperty]
    public string? ActionTaken { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertViewed, AlertService.RecordType, Alert.Reference, Alert.Rule), ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => Alert.Acknowledge(_me, time.GetUtcNow()), AuditCode.AlertAcknowledged, "Alert acknowledged", ct);

    public Task<IActionResult> OnPostActionAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => Alert.RecordAction(_me, ActionTaken, time.GetUtcNow()), AuditCode.AlertActioned, "What was done is recorded on the alert", ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => Alert.Close(_me, Reason, ManagerCloses, time.GetUtcNow(), _owner), AuditCode.AlertClosed, "Alert closed", ct);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Failure?> change, AuditCode code, string done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true))
        {
            return NotFound();
        }
        if (change() is { } problem)
        {
            return problem.ToPageResult(this, f => f == "Action" ? nameof(ActionTaken) : f);
        }
        if (await audit.SaveOrConflictAsync([AuditEntry.Allowed(code, AlertService.RecordType, Alert.Reference, Alert.Rule)],
                Failure.ChangedMeanwhile("Someone else changed this alert at the same moment; nothing of yours was saved. Look at it again."), ct) is { } conflict)
        {
            await LoadAsync(id, ct);
            return conflict.ToPageResult(this);
        }
        TempData["Success"] = done;
        return Redirect(AlertService.PagePath(id));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        _me = await scope.ActorAsync(ct);
        // Authorize twice: an alert is seen by those who may see the child it is about, and a network alert (about a person
        // or a thing) by those who see the whole network; otherwise it is not found.
        var visible = scope.Children(db.Children).Select(c => c.Id);
        var network = AlertList.SeesNetworkAlerts(scope);
        var query = tracked ? db.Alerts : db.Alerts.AsNoTracking();
        var alert = await query.Include(a => a.Evidence)
            .FirstOrDefaultAsync(a => a.Id == id && ((a.ChildId != null && visible.Contains(a.ChildId.Value)) || (a.ChildId == null && network)), ct);
        if (alert is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, AlertService.RecordType, id.ToString(), "not found or not in scope"), ct);
            return false;
        }
        Alert = alert;
        var rule = alerts.Rule(alert.Rule);
        Title = rule.Title;
        _owner = rule.Owner;
        ManagerCloses = alerts.ManagerCloses(alert.Rule);
        ChildName = await db.Children.Where(c => c.Id == alert.ChildId).Select(c => c.GivenName + " " + c.FamilyName).FirstOrDefaultAsync(ct);
        if (alert.ChildId is null && Enum.TryParse<NodeKind>(alert.SubjectType, out var kind) && Guid.TryParse(alert.SubjectId, out var node))
        {
            SubjectPath = NetworkRecords.PagePath(new NodeRef(kind, node));
        }
        return true;
    }
}
