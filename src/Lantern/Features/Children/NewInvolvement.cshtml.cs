using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Notifications;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// Records who works with the child. An involvement is also access: its practitioner (or, with nobody
/// named, its team) can then see the child. The front door records any agency's; others their own.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NewInvolvementModel(LanternDbContext db, ChildAccess access, DataScope scope, AuditTrail audit, Recipients recipients, Notifier notifier, TimeProvider time) : PageModel
{
    public Child Child { get; private set; } = default!;

    [BindProperty]
    public InvolvementInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Practitioners { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // The form shows the child's name and who is involved: opening it is a read of the record, audited as one.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.InvolvementFormOpened, "Child", id.ToString()), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        LanternUser? practitioner = null;
        Team? team = null;
        if (Guid.TryParse(Input.Practitioner, out var userId))
        {
            practitioner = await Eligible(db.Users).FirstOrDefaultAsync(u => u.Id == userId, ct);
        }
        if (Guid.TryParse(Input.Team, out var teamId))
        {
            team = await EligibleTeams().FirstOrDefaultAsync(t => t.Id == new TeamId(teamId), ct);
        }
        var started = Involvement.Start(Child.Id, practitioner?.AgencyId ?? team?.AgencyId ?? default, practitioner?.TeamId ?? team?.Id, practitioner?.Id,
            Input.Role, Input.Phone, Input.Email, scope.User.Id, time.GetUtcNow());
        if (started.Failure is { } problem)
        {
            return problem.ToPageResult(this, "Input.");
        }
        var involvement = started.Value;
        db.Involvements.Add(involvement);
        await TellWhoIsAddedAsync(involvement, ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.InvolvementAdded, "Child", id.ToString(), $"involvement {involvement.Id}"), ct);
        await notifier.SendAfterCommitAsync(ct);
        TempData["Success"] = "Involvement added";
        return Redirect($"/children/{id}");
    }

    /// <summary>
    /// The practitioner named (or, with nobody named, every member of the team) is told that they now work with a child
    /// and can open the record; nobody is told of what they recorded themselves. The mail names no child.
    /// </summary>
    private async Task TellWhoIsAddedAsync(Involvement involvement, CancellationToken ct)
    {
        var told = involvement.PractitionerId is { } practitioner
            ? await recipients.PeopleAsync([practitioner], ct)
            : await recipients.TeamAsync(involvement.TeamId!.Value, ct);
        var by = scope.User;
        notifier.Tell(told.Where(r => r.UserId != by.Id), "You now work with a child in Lantern",
            $"{by.DisplayName} recorded that you work with a child, as {involvement.Role}{(involvement.PractitionerId is null ? " (for your team)" : "")}. You can now open the child's record and chronology.",
            $"/children/{involvement.ChildId}");
    }

    private IQueryable<LanternUser> Eligible(IQueryable<LanternUser> users)
    {
        var mine = scope.User.AgencyId;
        return scope.IsFrontDoor ? users : users.Where(u => u.AgencyId == mine);
    }

    private IQueryable<Team> EligibleTeams()
    {
        var mine = scope.User.AgencyId;
        return scope.IsFrontDoor ? db.Teams : db.Teams.Where(t => t.AgencyId == mine);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return false;
        }
        Child = child;
        Practitioners = [.. await Eligible(db.Users.AsNoTracking()).Where(u => u.Role != Domain.Partnership.Role.Administrator)
            .OrderBy(u => u.Agency!.Name).ThenBy(u => u.DisplayName)
            .Select(u => new SelectListItem(u.DisplayName + " (" + u.Agency!.Name + ")", u.Id.ToString()))
            .ToListAsync(ct)];
        Teams = [.. await EligibleTeams().AsNoTracking().OrderBy(t => t.Agency!.Name).ThenBy(t => t.Name)
            .Select(t => new SelectListItem(t.Name + " (" + t.Agency!.Name + ")", t.Id.Value.ToString()))
            .ToListAsync(ct)];
        return true;
    }
}

public sealed class InvolvementInput
{
    public string? Practitioner { get; set; }

    public string? Team { get; set; }

    public string? Role { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }
}
