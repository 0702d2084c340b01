using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>Flagging a person as a person of concern, or ending the flag, with the reason.</summary>
[Authorize(Policy = Policies.PersonsOfConcern)]
public sealed class ConcernModel(NetworkRecords network, PersonsOfConcern persons, AuditTrail audit) : PageModel
{
    public NodeView View { get; private set; } = default!;

    public Person Person => View.Person!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.PersonConcernFormOpened, "Person", Person.Reference), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var wasFlagged = Person.OfConcern;
        var problem = wasFlagged ? await persons.UnflagAsync(id, Reason, ct) : await persons.FlagAsync(id, Reason, ct);
        if (problem is not null)
        {
            return problem.ToPageResult(this);
        }
        TempData["Success"] = wasFlagged ? "The person of concern flag is ended" : "Flagged as a person of concern";
        return Redirect($"/network/persons/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await network.FindAsync(new NodeRef(NodeKind.Person, id), ct) is not { Person: not null } view)
        {
            return false;
        }
        View = view;
        return true;
    }
}
