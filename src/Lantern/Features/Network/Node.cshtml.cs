using Lantern.Auditing;
using Lantern.Domain.Calendar;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// A person, vehicle, phone, place or context: what is known of it, every link to it with its grade, agency,
/// date and source, and the children it is linked to that the reader may see (with a count of the others). A
/// context's page adds its assessment and plan with every earlier version.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NodeModel(NetworkRecords network, AuditTrail audit, IAuthorizationService authorization, WorkingDayCalendar calendar,
    Data.LanternDbContext db, DataScope scope, Disruption.DisruptionPlans disruption) : PageModel
{
    public NodeView View { get; private set; } = default!;

    public NodeLinks Links { get; private set; } = default!;

    public IReadOnlyList<(Guid Id, string Name, string Reference)> Namesakes { get; private set; } = [];

    public bool MayFlag { get; private set; }

    /// <summary>The crimes this person is a suspect in, among those the reader may see (a victim within their need to know), with a victim's page to read them on.</summary>
    public IReadOnlyList<(Domain.Investigations.Crime Crime, Domain.Children.ChildId Victim)> Crimes { get; private set; } = [];

    /// <summary>Whether the reader may add links by hand and withdraw links (<see cref="Policies.NetworkLinks"/>).</summary>
    public bool MayLink { get; private set; }

    /// <summary>Whether the reader may open contexts and record their assessment (<see cref="Policies.Contexts"/>).</summary>
    public bool MayAssess { get; private set; }

    /// <summary>The disruption plans about this person or context that the reader may see.</summary>
    public IReadOnlyList<Domain.Disruption.DisruptionPlan> Plans { get; private set; } = [];

    /// <summary>Whether the reader may open a disruption plan about this person or context (<see cref="Policies.Disruption"/>).</summary>
    public bool MayPlan { get; private set; }

    public string PagePath => NetworkRecords.PagePath(View.Node);

    public bool SeesIntelligence => network.SeesIntelligence;

    public WorkingDayCalendar Calendar => calendar;

    public string KindName => NetworkRecords.KindName(View.Node.Kind);

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct)
    {
        if (NetworkRecords.KindOf(kind) is not { } k || await network.FindAsync(new NodeRef(k, id), ct) is not { } view)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, kind, id.ToString(), "not found or not in scope"), ct);
            return NotFound();
        }
        View = view;
        Links = await network.LinksAsync(view.Node, ct);
        if (view.Person is { } person)
        {
            Namesakes = await network.NamesakesAsync(person, ct);
            MayFlag = (await authorization.AuthorizeAsync(User, Policies.PersonsOfConcern)).Succeeded;
            var personId = person.Id;
            var crimes = await Investigations.CrimeRecords.WithParts(scope.Crimes(db.Crimes.AsNoTracking()))
                .Where(c => c.Suspects.Any(x => x.PersonId == personId)).OrderByDescending(c => c.ReportedOn).Take(50).ToListAsync(ct);
            var victims = crimes.SelectMany(c => c.Victims.Select(v => v.ChildId)).Distinct().ToList();
            var visible = await scope.Children(db.Children.AsNoTracking()).Where(c => victims.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            Crimes = [.. crimes.Select(c => (c, c.Victims.Select(v => v.ChildId).First(visible.Contains)))];
        }
        if (view.Node.Kind is NodeKind.Person or NodeKind.Context)
        {
            Plans = await disruption.ListAsync(view.Node, ct);
            MayPlan = (await authorization.AuthorizeAsync(User, Policies.Disruption)).Succeeded;
        }
        MayLink = (await authorization.AuthorizeAsync(User, Policies.NetworkLinks)).Succeeded;
        MayAssess = (await authorization.AuthorizeAsync(User, Policies.Contexts)).Succeeded;
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.NetworkRecordViewed, KindName, view.Reference, $"{Links.Links.Count} links shown, {Links.HiddenChildren} children not in scope, {Plans.Count} disruption plans"), ct);
        return Page();
    }
}
