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
        var problems = await editor.RetireAsync(Item, retire, Input.Version, ct);
        if (problems.Count > 0)
        {
            Input = PhraseInput.From(Item);
        }
        return Done(problems, retire
            ? $"The phrase {Item.Entry.Id} has been retired. The language guard no longer looks for it."
            : $"The phrase {Item.Entry.Id} has been restored. The language guard looks for it again.");
    }

    private IActionResult Done(IReadOnlyList<(string Field, string Message)> problems, string success)
    {
        foreach (var (field, message) in problems)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
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
