using Lantern.Common;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Admin.Language;

/// <summary>Adds a phrase to the language guard's list.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class NewModel(PhraseListEditor editor) : PageModel, IPhraseForm
{
    [BindProperty]
    public PhraseInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await editor.SaveAsync(Input, existing: null, ct) is { } problem)
        {
            return problem.ToPageResult(this, PhraseInput.FormField);
        }
        var id = Input.Id!.Trim();
        TempData["Success"] = $"The phrase {id} has been added. The language guard looks for it from now on.";
        return Redirect($"/admin/language/{id}");
    }
}
