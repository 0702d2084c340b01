using Lantern.Auditing;
using Lantern.Common;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Lantern.Features.Children;

/// <summary>
/// Changes the child's details, and adds addresses and household members. Anyone who can see the
/// child may; every change is audited, and the record's version guards against two people saving at once.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(ChildAccess access, AuditTrail audit, WorkingDayCalendar calendar, TimeProvider time) : PageModel
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
        // The form shows the child's details: opening it is a read of the record, audited as one.
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildEditFormOpened, "Child", id.ToString()), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        if (Details.Version != child.Version)
        {
            ModelState.AddModelError("Details.GivenName", "Someone else changed this record while you were editing it; look at their changes and make yours again");
            Details = DetailsInput.From(child);
            return Page();
        }
        if (child.ChangeDetails(Details.ToDetails()) is { } problem)
        {
            return problem.ToPageResult(this, "Details.");
        }
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
        if (child.MoveTo(NewAddress.Address, NewAddress.Postcode, calendar.LocalDate(time.GetUtcNow())) is { } problem)
        {
            return problem.ToPageResult(this, "NewAddress.");
        }
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
        RelationshipKind? kind = Enum.TryParse<RelationshipKind>(NewRelationship.Kind, out var k) && Enum.IsDefined(k) ? k : null;
        if (child.AddRelationship(NewRelationship.Name, kind, NewRelationship.LivesWithChild, NewRelationship.Contact) is { } problem)
        {
            return problem.ToPageResult(this, "NewRelationship.");
        }
        return await SavedAsync(id, "household", ct);
    }

    private async Task<IActionResult> SavedAsync(Guid id, string what, CancellationToken ct)
    {
        if (await audit.SaveOrConflictAsync([AuditEntry.Allowed(AuditCode.ChildUpdated, "Child", id.ToString(), what)],
                Failure.ChangedMeanwhile("Someone else changed this record at the same moment; nothing of yours was saved. Make your change again", "GivenName"), ct) is { } conflict)
        {
            Child = (await access.FindAsync(id, ct))!;
            Details = DetailsInput.From(Child);
            return conflict.ToPageResult(this, "Details.");
        }
        TempData["Success"] = "Saved";
        return Redirect($"/children/{id}");
    }

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

    public ChildDetails ToDetails() => new()
    {
        GivenName = GivenName,
        FamilyName = FamilyName,
        KnownAs = KnownAs,
        Gender = Enum.TryParse<Domain.Children.Gender>(Gender, out var gender) && Enum.IsDefined(gender) ? gender : null,
        Ethnicity = Ethnicity,
        NhsNumber = NhsNumber,
        UniquePupilNumber = UniquePupilNumber,
        PoliceReference = PoliceReference,
        School = School,
        LookedAfter = LookedAfter,
        ChildProtectionPlan = ChildProtectionPlan,
        ChildInNeed = ChildInNeed,
    };

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
