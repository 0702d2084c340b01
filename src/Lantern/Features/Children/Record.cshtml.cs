using System.Globalization;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Calendar;
using Lantern.Domain.Children;
using Lantern.Features.Chronology;
using Lantern.Features.Identity;
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
    WorkingDayCalendar calendar, TimeProvider time, AlertService alerts, IdentityHistory identity, Network.NetworkRecords network) : PageModel
{
    /// <summary>The people, vehicles, phones, places, contexts and other children linked to the child that the reader may see (links standing).</summary>
    public IReadOnlyList<Network.LinkRow> NetworkLinks { get; private set; } = [];

    public Child Child { get; private set; } = default!;

    public WorkingDayCalendar Calendar => calendar;

    public IReadOnlyList<ChronologyLine> Entries { get; private set; } = [];

    public TwelveMonthCounts Counts { get; private set; } = new(0, 0, 0, 0);

    public sealed record InvolvementRow(Guid Id, string Agency, string? Team, string? Practitioner, string Role, string? Phone, string? Email, DateTimeOffset Since, bool Mine);

    public IReadOnlyList<InvolvementRow> Involvements { get; private set; } = [];

    /// <summary>An alert about the child that is not closed.</summary>
    public sealed record AlertRow(Guid Id, string Reference, string Title, string Summary, DateTimeOffset RaisedAt, string Status);

    public IReadOnlyList<AlertRow> Alerts { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public ChronologyFilter Filter { get; private set; } = new();

    public int? Age => Child.AgeOn(calendar.LocalDate(time.GetUtcNow()));

    public bool IsFrontDoor => scope.IsFrontDoor;

    /// <summary>How records came to be, or not to be, this child's: joins on arrival, pairs awaiting a decision, merges.</summary>
    public IReadOnlyList<IdentityHistoryLine> IdentityLines { get; private set; } = [];

    /// <summary>When this record was merged into another: that child's id and name.</summary>
    public (Guid Id, string Name)? MergedInto { get; private set; }

    /// <summary>Records joined into this one: their own details (names, date of birth, identifiers) stay on them and are shown here.</summary>
    public IReadOnlyList<JoinedRecord> Joined { get; private set; } = [];

    public sealed record JoinedRecord(Guid Id, string Name, DateOnly? DateOfBirth, string? NhsNumber, string? UniquePupilNumber, string? PoliceReference, string? KnownAs);

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
        if (child.AddVulnerability(NewVulnerability, scope.User.DisplayName, time.GetUtcNow()) is { } problem)
        {
            await LoadAsync(ct);
            return problem.ToPageResult(this);
        }
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
        if (row.End(await scope.ActorAsync(ct), EndReason, time.GetUtcNow()) is { } problem)
        {
            await LoadAsync(ct);
            return problem.ToPageResult(this);
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.InvolvementEnded, "Child", id.ToString(), $"involvement {involvement}"), ct);
        TempData["Success"] = "Involvement ended";
        return Redirect($"/children/{id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Entries = await chronology.ReadAsync(Child.Id, Filter, ct);
        Counts = await chronology.CountsAsync(Child.Id, ct);
        NetworkLinks = [.. (await network.LinksAsync(new Domain.Network.NodeRef(Domain.Network.NodeKind.Child, Child.Id.Value), ct)).Links.Where(l => l.WithdrawnAt is null)];
        var me = scope.User.Id;
        Involvements = await db.Involvements.AsNoTracking()
            .Where(i => i.ChildId == Child.Id && i.EndedAt == null)
            .OrderBy(i => i.StartedAt)
            .Select(i => new
            {
                i.Id,
                Agency = i.Agency!.Name,
                Team = i.Team == null ? null : i.Team.Name,
                Practitioner = db.Users.Where(u => u.Id == i.PractitionerId).Select(u => new { u.DisplayName, u.PhoneNumber, u.Email }).FirstOrDefault(),
                i.Role,
                i.ContactPhone,
                i.ContactEmail,
                i.StartedAt,
                i.PractitionerId,
            })
            .AsAsyncEnumerable()
            .Select(i => new InvolvementRow(i.Id, i.Agency, i.Team, i.Practitioner?.DisplayName, i.Role, i.ContactPhone ?? i.Practitioner?.PhoneNumber,
                i.ContactEmail ?? i.Practitioner?.Email, i.StartedAt, i.PractitionerId == me))
            .ToListAsync(ct);
        Alerts = [.. (await db.Alerts.AsNoTracking().Where(a => a.ChildId == Child.Id && a.ClosedAt == null).OrderBy(a => a.RaisedAt).ToListAsync(ct))
            .Select(a => new AlertRow(a.Id, a.Reference, alerts.Rule(a.Rule).Title, a.Summary, a.RaisedAt, a.Status.DisplayName()))];
        IdentityLines = await identity.ForChildAsync(Child.Id, ct);
        var self = Child.Id;
        Joined = await db.Children.AsNoTracking().Where(c => c.MergedIntoId == self).OrderBy(c => c.MergedAt)
            .Select(c => new JoinedRecord(c.Id.Value, c.GivenName + " " + c.FamilyName, c.DateOfBirth, c.NhsNumber, c.UniquePupilNumber, c.PoliceReference, c.KnownAs))
            .ToListAsync(ct);
        if (Child.MergedIntoId is { } into)
        {
            MergedInto = (into.Value, await db.Children.Where(c => c.Id == into).Select(c => c.GivenName + " " + c.FamilyName).FirstAsync(ct));
        }
        Agencies = [.. await db.Agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new SelectListItem(a.Name, a.Id.Value.ToString())).ToListAsync(ct)];
    }

    public string Date(DateTimeOffset instant) =>
        calendar.ToLocalTime(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
