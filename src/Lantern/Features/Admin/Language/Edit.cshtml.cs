using Lantern.Common;
using Lantern.Domain;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Admin.Language;

/// <summary>Changes, retires or restores one phrase of the language guard's list.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class EditModel(PhraseListEditor editor) : PageModel, IPhraseForm
{
    public PhraseListItem Item { get; private set; } = default!;

    [BindProperty]
    public PhraseInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }
        Input = PhraseInput.From(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }
        return Done(await editor.SaveAsync(Input, Item, ct), $"The phrase {Item.Entry.Id} has been changed. The language guard uses the change from now on.");
    }

    public async Task<IActionResult> OnPostRetireAsync(string entryId, CancellationToken ct) => await RetireAsync(entryId, retire: true, ct);

    public async Task<IActionResult> OnPostRestoreAsync(string entryId, CancellationToken ct) => await RetireAsync(entryId, retire: false, ct);

    private async Task<IActionResult> RetireAsync(string entryId, bool retire, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }
        var problem = await editor.RetireAsync(Item, retire, Input.Version, ct);
        if (problem is not null)
        {
            Input = PhraseInput.From(Item);
        }
        return Done(problem, retire
            ? $"The phrase {Item.Entry.Id} has been retired. The language guard no longer looks for it."
            : $"The phrase {Item.Entry.Id} has been restored. The language guard looks for it again.");
    }

    private IActionResult Done(Failure? problem, string success)
    {
        if (problem is not null)
        {
            return problem.ToPageResult(this, PhraseInput.FormField);
        }
        TempData["Success"] = success;
        return Redirect($"/admin/language/{Item.Entry.Id}");
    }

    private async Task<bool> LoadAsync(string entryId, CancellationToken ct)
    {
        if (await editor.FindAsync(entryId, ct) is not { } item)
        {
            return false;
        }
        Item = item;
        return true;
    }
}
