using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Network;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// Flagging a person as a person of concern, and ending the flag, each with a reason and audited. Flagging
/// raises, for every child in the person's household, an alert to assess the child's safety.
/// </summary>
public sealed class PersonsOfConcern(LanternDbContext db, DataScope scope, NetworkRecords network, AlertService alerts, PersonOfConcernInHouseholdRule rule,
    NetworkAlerts networkAlerts, TimeProvider time)
{
    /// <summary>Flags the person; null when flagged, or the problem.</summary>
    public async Task<Failure?> FlagAsync(Guid id, string? reason, CancellationToken ct)
    {
        var person = await FindAsync(id, ct);
        if (person is null)
        {
            return Failure.NotFound("There is no such person");
        }
        var me = await scope.ActorAsync(ct);
        if (person.Flag(me, reason, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var household = await PersonOfConcernInHouseholdRule.HouseholdChildrenAsync(db, person.Id, ct);
        var now = time.GetUtcNow();
        var evidence = new AlertEvidenceText("Person", person.Reference, $"{person.DisplayName} flagged as a person of concern: {person.ConcernReason}", now, NetworkRecords.PagePath(new NodeRef(NodeKind.Person, person.Id)));
        var dues = household.Select(child => new AlertDue(rule, AlertSubject.OfChild(child),
            "A person of concern is recorded in this child's household: assess the child's safety", [evidence])).ToList();
        try
        {
            await alerts.SaveWithAlertsAsync(dues,
                [AuditEntry.Allowed(AuditCode.PersonFlagged, "Person", person.Reference, $"{person.ConcernReason}; {household.Count} children in the household")], ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.ChangedMeanwhile("Someone else changed this person's record at the same moment; nothing of yours was saved. Look at it again.");
        }
        // The lower threshold of a person of concern now applies to the children already linked to him.
        await networkAlerts.AfterFlaggedAsync(person.Id, ct);
        return null;
    }

    /// <summary>Ends the flag; null when ended, or the problem.</summary>
    public async Task<Failure?> UnflagAsync(Guid id, string? reason, CancellationToken ct)
    {
        var person = await FindAsync(id, ct);
        if (person is null)
        {
            return Failure.NotFound("There is no such person");
        }
        var me = await scope.ActorAsync(ct);
        if (person.Unflag(me, reason, time.GetUtcNow()) is { } problem)
        {
            return problem;
        }
        var audit = AuditEntry.Allowed(AuditCode.PersonUnflagged, "Person", person.Reference, reason!.Trim());
        try
        {
            await alerts.SaveWithAlertsAsync([], [audit], ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.ChangedMeanwhile("Someone else changed this person's record at the same moment; nothing of yours was saved. Look at it again.");
        }
        return null;
    }

    private async Task<Person?> FindAsync(Guid id, CancellationToken ct) =>
        await network.FindAsync(new NodeRef(NodeKind.Person, id), ct) is null ? null : await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
}
