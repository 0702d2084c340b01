using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Admin.Language;

/// <summary>The language guard's phrase list as it is used: the shipped entries, administrators' changes and additions, and the changes made.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(PhraseListEditor editor) : PageModel
{
    public IReadOnlyList<PhraseListItem> Items { get; private set; } = [];

    public IReadOnlyList<PhraseListChange> Changes { get; private set; } = [];

    public long Version { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Version = await editor.VersionAsync(ct);
        Items = await editor.ListAsync(ct);
        Changes = await editor.ChangesAsync(50, ct);
    }

    public static string Describe(PhraseListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var origin = item.Origin switch
        {
            PhraseOrigin.Shipped => "Shipped",
            PhraseOrigin.ShippedEdited => "Shipped, changed",
            PhraseOrigin.Added => "Added",
            _ => throw new ArgumentOutOfRangeException(nameof(item), item.Origin, "Unknown origin"),
        };
        return item.Retired ? origin + ", retired" : origin;
    }
}
