using System.Globalization;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// The child's record: who they are, what is known to make them vulnerable, who else is involved,
/// and everything every agency has shared, in one chronology.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RecordModel(LanternDbContext db, ChildAccess access, ChronologyQuery chronology, DataScope scope, AuditTrail audit,
    WorkingDayCalendar calendar, TimeProvider time) : PageModel
{
    public Child Child { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    public IReadOnlyList<ChronologyLine> Entries { get; private set; } = [];

    public TwelveMonthCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public sealed record InvolvementRow(Guid Id, string Agency, string? Team, string? Practitioner, string Role, string? Phone, string? Email, DateTimeOffset Since, bool Mine);

    public IReadOnlyList<InvolvementRow> Involvements { get; private set; } = [];

    public IReadOnlyList<ChildAlert> Alerts { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public ChronologyFilter Filter { get; private set; } = new();

    public int? Age => Child.AgeOn(calendar.LocalDate(time.GetUtcNow()));

    public bool IsFrontDoor => scope.IsFrontDoor;

    [BindProperty]
    public string? NewVulnerability { get; set; }

    [BindProperty]
    public string? EndReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        var (filter, errors) = ChronologyFilters.Parse(Request.Query);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
        Filter = filter;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildViewed, "Child", id.ToString()), ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVulnerabilityAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracked: true) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        var text = NewVulnerability?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            ModelState.AddModelError(nameof(NewVulnerability), "Describe the vulnerability");
        }
        else if (text.Length > 1000)
        {
            ModelState.AddModelError(nameof(NewVulnerability), "The vulnerability must be 1,000 characters or fewer");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        db.ChildVulnerabilities.Add(new ChildVulnerability { ChildId = child.Id, Description = text!, RecordedAt = time.GetUtcNow(), RecordedBy = scope.User.DisplayName });
        child.Version++;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ChildUpdated, "Child", id.ToString(), "vulnerability added"), ct);
        TempData["Success"] = "Vulnerability added";
        return Redirect($"/children/{id}");
    }

    public async Task<IActionResult> OnPostEndInvolvementAsync(Guid id, Guid involvement, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } child)
        {
            return NotFound();
        }
        Child = child;
        var row = await db.Involvements.FirstOrDefaultAsync(i => i.Id == involvement && i.ChildId == child.Id, ct);
        if (row is null)
        {
            return NotFound();
        }
        // The front door, or the involved agency itself, ends an involvement.
        if (!scope.IsFrontDoor && row.AgencyId != scope.User.AgencyId)
        {
            return Forbid();
        }
        if (row.End(EndReason, scope.User.Id, time.GetUtcNow()) is { } p)
        {
            ModelState.AddModelError(p.Field, p.Message);
            await LoadAsync(ct);
            return Page();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.InvolvementEnded, "Child", id.ToString(), $"involvement {involvement}"), ct);
        TempData["Success"] = "Involvement ended";
        return Redirect($"/children/{id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Entries = await chronology.ReadAsync(Child.Id, Filter, ct);
        Counts = await chronology.CountsAsync(Child.Id, ct);
        var me = scope.User.Id;
        Involvements = await db.Involvements.AsNoTracking()
            .Where(i => i.ChildId == Child.Id && i.EndedAt == null)
            .OrderBy(i => i.StartedAt)
            .Select(i => new InvolvementRow(i.Id, i.Agency!.Name, i.Team == null ? null : i.Team.Name, i.Practitioner == null ? null : i.Practitioner.DisplayName,
                i.Role, i.ContactPhone ?? (i.Practitioner == null ? null : i.Practitioner.PhoneNumber), i.ContactEmail ?? (i.Practitioner == null ? null : i.Practitioner.Email),
                i.StartedAt, i.PractitionerId == me))
            .ToListAsync(ct);
        Alerts = await db.ChildAlerts.AsNoTracking().Where(a => a.ChildId == Child.Id && a.ClearedAt == null).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        Agencies = [.. await db.Agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new SelectListItem(a.Name, a.Id.Value.ToString())).ToListAsync(ct)];
    }

    public string Date(DateTimeOffset instant) =>
        calendar.ToLocalTime(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
