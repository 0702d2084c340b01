using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// A person's decision on two person records that may be one person, each with a reason and audited. The same
/// person: the newer record is merged into the older, which takes on its names; every live link of the newer
/// record moves to the older one and is listed on the merge, and the merged record's page points to the one it
/// joined. Not the same person: the pair is never put to anyone again. Undoing a merge moves exactly the links
/// it moved back, takes back what the older record took on, and the pair is then two people for good.
/// </summary>
public sealed class PersonMerges(LanternDbContext db, AuditTrail audit, AlertService alerts, PersonOfConcernInHouseholdRule rule, NetworkAlerts network, TimeProvider time)
{
    private const string PersonType = "Person";

    /// <summary>Merges the newer record into the older; the merge, or the problem.</summary>
    public async Task<Result<PersonMerge>> SameAsync(Guid a, Guid b, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(reason, "Reason", "Say how you know these records are about the same person") is { } problem)
        {
            return problem;
        }
        var persons = await db.Persons.Where(p => p.Id == a || p.Id == b).ToListAsync(ct);
        if (a == b || persons.Count != 2)
        {
            return Failure.NotFound("There is no such pair to decide");
        }
        if (await DecidedAsync(a, b, ct) is { } decided)
        {
            return decided;
        }
        // The newer record joins the one known longer: the older reference is the one people have been quoting.
        var ordered = persons.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
        var (survivor, merged) = (ordered[0], ordered[1]);
        var newlyInHousehold = await NewlyInHouseholdAsync(survivor, merged, ct);
        var taken = merged.MergeTracked(survivor);
        if (!taken.Succeeded)
        {
            return taken.Failure!;
        }
        // The survivor is saved with its version checked even if nothing of its own changed, so two merges into or
        // out of it at once cannot both pass.
        db.Entry(survivor).State = EntityState.Modified;
        var now = time.GetUtcNow();
        var (first, second) = PersonPairDecision.Order(a, b);
        var decision = new PersonPairDecision
        {
            FirstId = first,
            SecondId = second,
            Outcome = PersonPairOutcome.Same,
            DecidedBy = actor.Id,
            DecidedByName = actor.Name,
            DecidedAt = now,
            Reason = reason!.Trim(),
        };
        var merge = new PersonMerge
        {
            SurvivorId = survivor.Id,
            MergedId = merged.Id,
            DecisionId = decision.Id,
            MergedAt = now,
            MergedBy = actor.Id,
            MergedByName = actor.Name,
            Reason = decision.Reason,
            TookAge = taken.Value.Age,
            TookDateOfBirth = taken.Value.DateOfBirth,
            TookFlag = taken.Value.Flag,
            DescriptionBefore = taken.Value.DescriptionBefore,
            DescriptionAfter = taken.Value.DescriptionAfter,
        };
        merge.Moves.AddRange(taken.Value.NameKeys.Select(k => new PersonMergeMove { MergeId = merge.Id, What = PersonMergeMove.NameKey, Value = k }));
        decision.MergeId = merge.Id;
        db.PersonPairDecisions.Add(decision);
        db.PersonMerges.Add(merge);
        // A person of concern now in a child's household that neither record put him in before: the child's safety is
        // assessed, as when a person is flagged. Raised in the merge's own transaction, so a merge is never kept without it.
        var evidence = new AlertEvidenceText(PersonType, survivor.Reference,
            $"{merged.Reference} was found to be {survivor.Reference}, a person of concern: {survivor.ConcernReason}", now, NetworkRecords.PagePath(new NodeRef(NodeKind.Person, survivor.Id)));
        var raise = await alerts.UnderLockAsync([.. newlyInHousehold.Select(child => new AlertDue(rule, AlertSubject.OfChild(child),
            "A person of concern is recorded in this child's household: assess the child's safety", [evidence]))], ct);
        var failure = await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.PersonsMerged, PersonType, survivor.Reference, $"{merged.Reference} merged into {survivor.Reference}; merge {merge.Id}: {decision.Reason}")],
            Failure.ChangedMeanwhile("Someone decided about one of these records at the same moment; nothing of yours was saved. Look at them again."),
            async token =>
            {
                await ThrowIfDecidedMeanwhileAsync(first, second, token);
                await MoveLinksAsync(merge, merged.Id, survivor.Id, token);
                return await raise(token);
            }, ct);
        if (failure is not null)
        {
            return failure;
        }
        // The links that moved are new evidence about the survivor: two men's children may now be one man's.
        await network.AfterMergeAsync(survivor.Id, MovedLinks(merge), ct);
        return merge;
    }

    /// <summary>
    /// The children in one record's household who were not in the other's, when the other is a person of concern: the
    /// household of a flagged record was alerted when it was flagged, the other record's household never was.
    /// </summary>
    private async Task<IReadOnlyList<ChildId>> NewlyInHouseholdAsync(Person survivor, Person merged, CancellationToken ct)
    {
        if (survivor.OfConcern == merged.OfConcern)
        {
            return [];
        }
        var ofSurvivor = await PersonOfConcernInHouseholdRule.HouseholdChildrenAsync(db, survivor.Id, ct);
        var ofMerged = await PersonOfConcernInHouseholdRule.HouseholdChildrenAsync(db, merged.Id, ct);
        return survivor.OfConcern ? [.. ofMerged.Except(ofSurvivor)] : [.. ofSurvivor.Except(ofMerged)];
    }

    /// <summary>Keeps the two records apart for good; null when saved, or the problem.</summary>
    public async Task<Failure?> NotSameAsync(Guid a, Guid b, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(reason, "Reason", "Say why these are two different people, so nobody asks again without cause") is { } problem)
        {
            return problem;
        }
        var persons = await db.Persons.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Id == a || p.Id == b).Select(p => new { p.Id, p.Reference, p.MergedIntoId }).ToListAsync(ct);
        if (a == b || persons.Count != 2)
        {
            return Failure.NotFound("There is no such pair to decide");
        }
        if (await DecidedAsync(a, b, ct) is { } decided)
        {
            return decided;
        }
        if (persons.Any(p => p.MergedIntoId is not null))
        {
            return Failure.Conflict("One of these records has been merged into another since: compare that one instead");
        }
        var (first, second) = PersonPairDecision.Order(a, b);
        db.PersonPairDecisions.Add(new PersonPairDecision
        {
            FirstId = first,
            SecondId = second,
            Outcome = PersonPairOutcome.NotSame,
            DecidedBy = actor.Id,
            DecidedByName = actor.Name,
            DecidedAt = time.GetUtcNow(),
            Reason = reason!.Trim(),
        });
        var references = string.Join(" and ", persons.OrderBy(p => p.Reference, StringComparer.Ordinal).Select(p => p.Reference));
        return await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.PersonsKeptApart, PersonType, persons[0].Reference, $"{references} are different people: {reason.Trim()}")],
            Failure.ChangedMeanwhile("Someone decided this pair at the same moment; nothing of yours was saved. Look at it again."),
            async token =>
            {
                await ThrowIfDecidedMeanwhileAsync(first, second, token);
                return [];
            }, ct);
    }

    /// <summary>Undoes a merge; null when undone, or the problem.</summary>
    public async Task<Failure?> UndoAsync(Guid mergeId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var merge = await db.PersonMerges.Include(m => m.Moves).FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            return Failure.NotFound("There is no such merge");
        }
        if (merge.UndoneAt is not null)
        {
            return Failure.Conflict("This merge has already been undone");
        }
        if (Check(reason, "UndoReason", "Say why these are two different people") is { } problem)
        {
            return problem;
        }
        var survivor = await db.Persons.FirstAsync(p => p.Id == merge.SurvivorId, ct);
        if (survivor.MergedIntoId is not null)
        {
            return Failure.Conflict("The record this one was merged into has since been merged into another: undo that merge first", "UndoReason");
        }
        var merged = await db.Persons.FirstAsync(p => p.Id == merge.MergedId, ct);
        var keys = merge.Moves.Where(m => m.What == PersonMergeMove.NameKey).Select(m => m.Value).ToList();
        var namesTaken = survivor.Names.Where(n => keys.Contains(n.Key)).ToList();
        if (merged.Unmerge(survivor, new PersonMergeTaken(keys, merge.TookAge, merge.TookDateOfBirth, merge.TookFlag, merge.DescriptionBefore, merge.DescriptionAfter)) is { } refused)
        {
            return refused;
        }
        // The names the survivor took on were copies of the merged record's own, which it keeps.
        db.PersonNames.RemoveRange(namesTaken);
        db.Entry(survivor).State = EntityState.Modified;
        var now = time.GetUtcNow();
        merge.UndoneAt = now;
        merge.UndoneBy = actor.Id;
        merge.UndoneByName = actor.Name;
        merge.UndoReason = reason!.Trim();
        var decision = await db.PersonPairDecisions.FirstAsync(d => d.Id == merge.DecisionId, ct);
        // The pair now counts as two people: never put to anyone again.
        decision.Outcome = PersonPairOutcome.MergeUndone;
        var failure = await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.PersonMergeUndone, PersonType, merged.Reference, $"merge {merge.Id} of {merged.Reference} into {survivor.Reference} undone: {merge.UndoReason}")],
            Failure.ChangedMeanwhile("Someone changed one of these records at the same moment; nothing of yours was saved. Look again."),
            async token =>
            {
                await MoveLinksBackAsync(merge, token);
                return [];
            }, ct);
        if (failure is null)
        {
            // The network's alert about the survivor goes back to what his own links show; the other man's are his again.
            await network.AfterMergeUndoneAsync(merge.SurvivorId, merge.MergedId, MovedLinks(merge), ct);
        }
        return failure;
    }

    private static List<Guid> MovedLinks(PersonMerge merge) =>
        [.. merge.Moves.Where(m => m.What is PersonMergeMove.LinkFrom or PersonMergeMove.LinkTo).Select(m => Guid.Parse(m.Value))];

    /// <summary>Moves every live link of the merged record to the survivor, listing each on the merge. Runs inside the save's transaction.</summary>
    private async Task MoveLinksAsync(PersonMerge merge, Guid from, Guid to, CancellationToken ct)
    {
        // A retried save runs this again: the links are listed afresh.
        merge.Moves.RemoveAll(m => m.What != PersonMergeMove.NameKey);
        // A link between the two records themselves stays as it was: moved, it would join the survivor to itself.
        var fromEnd = db.Links.Where(l => l.WithdrawnAt == null && l.FromKind == NodeKind.Person && l.FromId == from && !(l.ToKind == NodeKind.Person && l.ToId == to));
        merge.Moves.AddRange((await fromEnd.Select(l => l.Id).ToListAsync(ct)).Select(id => new PersonMergeMove { MergeId = merge.Id, What = PersonMergeMove.LinkFrom, Value = id.ToString() }));
        await fromEnd.ExecuteUpdateAsync(s => s.SetProperty(l => l.FromId, to), ct);
        var toEnd = db.Links.Where(l => l.WithdrawnAt == null && l.ToKind == NodeKind.Person && l.ToId == from && !(l.FromKind == NodeKind.Person && l.FromId == to));
        merge.Moves.AddRange((await toEnd.Select(l => l.Id).ToListAsync(ct)).Select(id => new PersonMergeMove { MergeId = merge.Id, What = PersonMergeMove.LinkTo, Value = id.ToString() }));
        await toEnd.ExecuteUpdateAsync(s => s.SetProperty(l => l.ToId, to), ct);
        // A crime naming the merged record as its suspect names the survivor, so his page lists it.
        var suspects = db.CrimeSuspects.Where(s => s.PersonId == from);
        merge.Moves.AddRange((await suspects.Select(s => s.Id).ToListAsync(ct)).Select(id => new PersonMergeMove { MergeId = merge.Id, What = PersonMergeMove.Suspect, Value = id.ToString() }));
        await suspects.ExecuteUpdateAsync(s => s.SetProperty(x => x.PersonId, to), ct);
    }

    /// <summary>Moves exactly the links the merge moved back to the merged record; links made to the survivor since stay with it.</summary>
    private async Task MoveLinksBackAsync(PersonMerge merge, CancellationToken ct)
    {
        List<Guid> Ids(string what) => [.. merge.Moves.Where(m => m.What == what).Select(m => Guid.Parse(m.Value))];
        var (back, survivor) = (merge.MergedId, merge.SurvivorId);
        var fromEnd = Ids(PersonMergeMove.LinkFrom);
        await db.Links.Where(l => fromEnd.Contains(l.Id) && l.FromKind == NodeKind.Person && l.FromId == survivor).ExecuteUpdateAsync(s => s.SetProperty(l => l.FromId, back), ct);
        var toEnd = Ids(PersonMergeMove.LinkTo);
        await db.Links.Where(l => toEnd.Contains(l.Id) && l.ToKind == NodeKind.Person && l.ToId == survivor).ExecuteUpdateAsync(s => s.SetProperty(l => l.ToId, back), ct);
        var suspects = Ids(PersonMergeMove.Suspect);
        await db.CrimeSuspects.Where(s => suspects.Contains(s.Id) && s.PersonId == survivor).ExecuteUpdateAsync(s => s.SetProperty(x => x.PersonId, back), ct);
    }

    private async Task<Failure?> DecidedAsync(Guid a, Guid b, CancellationToken ct)
    {
        var (first, second) = PersonPairDecision.Order(a, b);
        var decided = await db.PersonPairDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.FirstId == first && d.SecondId == second, ct);
        return decided is null ? null
            : Failure.Conflict($"{decided.DecidedByName} has already decided this pair: {(decided.Outcome == PersonPairOutcome.Same ? "the same person" : "two different people")}. Nothing of yours was saved.");
    }

    /// <summary>Under the trail's write lock: a decision saved by someone else since this one was read wins, and this one is refused.</summary>
    private async Task ThrowIfDecidedMeanwhileAsync(Guid first, Guid second, CancellationToken ct)
    {
        if (await db.PersonPairDecisions.AsNoTracking().AnyAsync(d => d.FirstId == first && d.SecondId == second, ct))
        {
            throw new DbUpdateConcurrencyException("The pair was decided meanwhile");
        }
    }

    private static Failure? Check(string? reason, string field, string required) =>
        StorableText.Check(reason, "Reason", TextShape.MultiLine, required) is { } problem ? Failure.Invalid(field, problem)
        : reason!.Trim().Length > PersonPairDecision.ReasonMaxLength ? Failure.Invalid(field, $"The reason must be {PersonPairDecision.ReasonMaxLength:N0} characters or fewer")
        : null;
}
