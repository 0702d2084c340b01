using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Network;

/// <summary>The kind-of-context radios of a form: the field's name, what was chosen, and its error.</summary>
public sealed record ContextTypeField(string Name, string? Selected, string? Error);

/// <summary>Opening a context of harm, about a person, vehicle, phone or place when opened from its page.</summary>
[Authorize(Policy = Policies.Contexts)]
public sealed class ContextNewModel(NetworkRecords network, ContextRecords contexts, AuditTrail audit) : PageModel
{
    [BindProperty]
    public ContextInput Input { get; set; } = new();

    /// <summary>The record the context is about, when opened from its page.</summary>
    public (NodeRef Node, string Name)? About { get; private set; }

    public ContextTypeField TypeField => new("Input.Type", Input.Type, ModelState.TryGetValue("Input.Type", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null);

    public async Task<IActionResult> OnGetAsync(string? about, CancellationToken ct)
    {
        if (!await LoadAboutAsync(about, ct))
        {
            return NotFound();
        }
        if (About is { } a)
        {
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkRecordViewed, NetworkRecords.KindName(a.Node.Kind), a.Node.Id.ToString(), "form to open a context about it"), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? about, CancellationToken ct)
    {
        if (!await LoadAboutAsync(about, ct))
        {
            return NotFound();
        }
        var opened = await contexts.OpenAsync(Input.ToDetails(), About?.Node, ct);
        if (opened.Failure is { } problem)
        {
            return problem.ToPageResult(this, "Input.");
        }
        TempData["Success"] = $"Context {opened.Value.Reference} opened. Record its assessment and plan, and link the children in it";
        return Redirect(NetworkRecords.PagePath(opened.Value.Node));
    }

    /// <summary>Reads "places/{id}" into the record it names, when the reader may see it; false when it names none they may.</summary>
    private async Task<bool> LoadAboutAsync(string? about, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(about))
        {
            return true;
        }
        var parts = about.Split('/');
        if (parts.Length != 2 || NetworkRecords.KindOf(parts[0]) is not { } kind || kind == NodeKind.Context || !Guid.TryParse(parts[1], out var id)
            || await network.FindAsync(new NodeRef(kind, id), ct) is not { } view)
        {
            return false;
        }
        About = (view.Node, view.Title);
        return true;
    }
}

/// <summary>The form to open a context, and to record its assessment.</summary>
public sealed class ContextInput
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Assessment { get; set; }

    public string? Plan { get; set; }

    public long Version { get; set; }

    public ContextDetails ToDetails() =>
        new(Name, Enum.TryParse<ContextType>(Type, out var t) && Enum.IsDefined(t) && !int.TryParse(Type, out _) ? t : null, Assessment, Plan);
}
