using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// Changes the child's details, and adds addresses and household members. Anyone who can see the
/// child may; every change is audited, and the record's version guards against two people saving at once.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(ChildAccess access, LanternDbContext db, AuditTrail audit, TimeProvider time) : PageModel
{
    public Child Child { get; private set; } = default!;

    [BindProperty]
    public DetailsInput Details { get; set; } = new();

    [BindProperty]
    public AddressInput NewAddress { get; set; } = new();

    [BindProperty]
    public RelationshipInput NewRelationship { get; set; } = new();

    public static IEnumerable<SelectListItem> Genders => Enum.GetValues<Gender>().Select(g => new SelectListItem(g == Gender.NotKnown ? "Not known" : g.ToString(), g.ToString()));

    public static IEnumerable<SelectListItem> Ethnicities => ChildRecordNames.Ethnicities.Select(e => new SelectListItem($"{e.Value} ({e.Key})", e.Key));

    public static IEnumerable<SelectListItem> Kinds => Enum.GetValues<RelationshipKind>().Select(k => new SelectListItem(k.DisplayName(), k.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        Details = DetailsInput.From(child);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        if (string.IsNullOrWhiteSpace(Details.GivenName) || Details.GivenName.Trim().Length > 200)
        {
            ModelState.AddModelError("Details.GivenName", "Enter the child's first name (up to 200 characters)");
        }
        if (string.IsNullOrWhiteSpace(Details.FamilyName) || Details.FamilyName.Trim().Length > 200)
        {
            ModelState.AddModelError("Details.FamilyName", "Enter the child's last name (up to 200 characters)");
        }
        if (!Enum.TryParse<Gender>(Details.Gender, out var gender) || !Enum.IsDefined(gender))
        {
            ModelState.AddModelError("Details.Gender", "Select the child's gender, or not known");
        }
        if (!string.IsNullOrEmpty(Details.Ethnicity) && !ChildRecordNames.Ethnicities.ContainsKey(Details.Ethnicity))
        {
            ModelState.AddModelError("Details.Ethnicity", "Select an ethnicity from the DfE list");
        }
        var nhs = Details.NhsNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(nhs) && (nhs.Length != 10 || !nhs.All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError("Details.NhsNumber", "The NHS number must be 10 digits, like 485 777 3457");
        }
        if (Details.UniquePupilNumber?.Trim().Length > 13)
        {
            ModelState.AddModelError("Details.UniquePupilNumber", "The unique pupil number must be 13 characters");
        }
        if (Details.PoliceReference?.Trim().Length > 40 || Details.School?.Trim().Length > 200 || Details.KnownAs?.Trim().Length > 500)
        {
            ModelState.AddModelError("Details.KnownAs", "A value is too long");
        }
        if (Details.Version != child.Version)
        {
            ModelState.AddModelError("Details.GivenName", "Someone else changed this record while you were editing it; look at their changes and make yours again");
            Details = DetailsInput.From(child);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        child.GivenName = Details.GivenName!.Trim();
        child.FamilyName = Details.FamilyName!.Trim();
        child.KnownAs = Clean(Details.KnownAs);
        child.Gender = gender;
        child.Ethnicity = Clean(Details.Ethnicity);
        child.NhsNumber = string.IsNullOrEmpty(nhs) ? null : nhs;
        child.UniquePupilNumber = Clean(Details.UniquePupilNumber);
        child.PoliceReference = Clean(Details.PoliceReference);
        child.School = Clean(Details.School);
        child.LookedAfter = Details.LookedAfter;
        child.ChildProtectionPlan = Details.ChildProtectionPlan;
        child.ChildInNeed = Details.ChildInNeed;
        child.Version++;
        return await SavedAsync(id, "details", ct);
    }

    public async Task<IActionResult> OnPostAddressAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        Details = DetailsInput.From(child);
        if (string.IsNullOrWhiteSpace(NewAddress.Address) || NewAddress.Address.Trim().Length > 500)
        {
            ModelState.AddModelError("NewAddress.Address", "Enter the address (up to 500 characters)");
        }
        if (NewAddress.Postcode?.Trim().Length > 10)
        {
            ModelState.AddModelError("NewAddress.Postcode", "Enter a real postcode, like NB1 4AA");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var current in child.Addresses.Where(a => a.To is null))
        {
            current.To = today;
        }
        db.ChildAddresses.Add(new ChildAddress { ChildId = child.Id, Address = NewAddress.Address!.Trim(), Postcode = Clean(NewAddress.Postcode)?.ToUpperInvariant(), From = today });
        child.Version++;
        return await SavedAsync(id, "address", ct);
    }

    public async Task<IActionResult> OnPostRelationshipAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        Details = DetailsInput.From(child);
        if (string.IsNullOrWhiteSpace(NewRelationship.Name) || NewRelationship.Name.Trim().Length > 200)
        {
            ModelState.AddModelError("NewRelationship.Name", "Enter the person's name (up to 200 characters)");
        }
        if (!Enum.TryParse<RelationshipKind>(NewRelationship.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("NewRelationship.Kind", "Select how they are related to the child");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.ChildRelationships.Add(new ChildRelationship { ChildId = child.Id, Name = NewRelationship.Name!.Trim(), Kind = kind, LivesWithChild = NewRelationship.LivesWithChild, Contact = Clean(NewRelationship.Contact) });
        child.Version++;
        return await SavedAsync(id, "household", ct);
    }

    private async Task<IActionResult> SavedAsync(Guid id, string what, CancellationToken ct)
    {
        try
        {
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildUpdated, "Child", id.ToString(), what), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("Details.GivenName", "Someone else changed this record at the same moment; nothing of yours was saved. Make your change again");
            db.ChangeTracker.Clear();
            Child = (await access.FindAsync(id, ct))!;
            Details = DetailsInput.From(Child);
            return Page();
        }
        TempData["Success"] = "Saved";
        return Redirect($"/children/{id}");
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class DetailsInput
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? KnownAs { get; set; }

    public string? Gender { get; set; }

    public string? Ethnicity { get; set; }

    public string? NhsNumber { get; set; }

    public string? UniquePupilNumber { get; set; }

    public string? PoliceReference { get; set; }

    public string? School { get; set; }

    public bool LookedAfter { get; set; }

    public bool ChildProtectionPlan { get; set; }

    public bool ChildInNeed { get; set; }

    public long Version { get; set; }

    public static DetailsInput From(Child child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return new()
        {
            GivenName = child.GivenName,
            FamilyName = child.FamilyName,
            KnownAs = child.KnownAs,
            Gender = child.Gender.ToString(),
            Ethnicity = child.Ethnicity,
            NhsNumber = child.NhsNumber,
            UniquePupilNumber = child.UniquePupilNumber,
            PoliceReference = child.PoliceReference,
            School = child.School,
            LookedAfter = child.LookedAfter,
            ChildProtectionPlan = child.ChildProtectionPlan,
            ChildInNeed = child.ChildInNeed,
            Version = child.Version,
        };
    }
}

public sealed class AddressInput
{
    public string? Address { get; set; }

    public string? Postcode { get; set; }
}

public sealed class RelationshipInput
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public bool LivesWithChild { get; set; }

    public string? Contact { get; set; }
}
