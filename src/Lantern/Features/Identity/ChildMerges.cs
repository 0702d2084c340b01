using System.Globalization;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>
/// A person's decision on a pair of records awaiting review. Confirming merges the newer record into the known
/// child without destroying anything: the merged record stays, marked, and every referral, chronology entry,
/// involvement, missing episode, screening and alert that hung off it is moved to the known child and listed
/// on the merge. Undoing moves exactly those rows back. Rejecting keeps the two records apart for good.
/// </summary>
public sealed class ChildMerges(LanternDbContext db, AuditTrail audit, IdentityIndex index, TimeProvider time)
{
    private const string ChildType = "Child";
    private const string PairChild = "IdentityMatches.ChildId";
    private const string PairCandidate = "IdentityMatches.CandidateId";

    public async Task<Failure?> ConfirmAsync(Guid matchId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var match = await db.IdentityMatches.FirstOrDefaultAsync(m => m.Id == matchId, ct);
        if (match is null || match.CandidateId is not { } survivorId)
        {
            return Failure.NotFound("There is no such pair to decide");
        }
        if (match.Status != IdentityMatchStatus.AwaitingReview)
        {
            return Failure.Conflict("Someone has already decided this pair");
        }
        if (Clean(reason) is { Length: > IdentityMatch.ReasonMaxLength })
        {
            return Failure.Invalid("Reason", $"The reason must be {IdentityMatch.ReasonMaxLength:N0} characters or fewer");
        }
        if (StorableText.Check(reason, "Reason", TextShape.MultiLine) is { } unstorable)
        {
            return Failure.Invalid("Reason", unstorable);
        }
        var one = await db.Children.FirstAsync(c => c.Id == match.ChildId, ct);
        var other = await db.Children.FirstAsync(c => c.Id == survivorId, ct);
        // The newer record is merged into the one known longer, whichever side of the pair it is on.
        var (merged, survivor) = one.CreatedAt >= other.CreatedAt ? (one, other) : (other, one);
        if (merged.MergeInto(survivor, time.GetUtcNow()) is { } refused)
        {
            return refused;
        }
        survivor.TakeOnSafetyOf(merged);
        // The survivor is saved with its version checked, even when nothing of its own changed, so two merges into
        // or out of it at the same moment cannot both pass (one would move rows onto a record being merged away).
        db.Entry(survivor).State = EntityState.Modified;
        var merge = new ChildMerge
        {
            SurvivorId = survivor.Id,
            MergedId = merged.Id,
            MatchId = match.Id,
            MergedAt = time.GetUtcNow(),
            MergedBy = actor.Id,
            MergedByName = actor.Name,
            Reason = Clean(reason),
        };
        db.ChildMerges.Add(merge);
        Decide(match, IdentityMatchStatus.Confirmed, actor, reason);
        match.MergeId = merge.Id;
        var failure = await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.IdentityConfirmed, ChildType, survivor.Id.ToString(), $"merged {merged.Id} into {survivor.Id}; merge {merge.Id}")],
            Failure.ChangedMeanwhile("Someone changed one of these records at the same moment; look again and decide"),
            async token =>
            {
                await MoveAsync(merge, merged.Id, survivor.Id, token);
                return [];
            }, ct);
        if (failure is null)
        {
            await index.CatchUpAsync(db, ct);
        }
        return failure;
    }

    public async Task<Failure?> RejectAsync(Guid matchId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var match = await db.IdentityMatches.FirstOrDefaultAsync(m => m.Id == matchId, ct);
        if (match is null || match.CandidateId is null)
        {
            return Failure.NotFound("There is no such pair to decide");
        }
        if (match.Status != IdentityMatchStatus.AwaitingReview)
        {
            return Failure.Conflict("Someone has already decided this pair");
        }
        if (StorableText.Check(reason, "Reason", TextShape.MultiLine, required: "Say why these are two different children, so nobody asks again without cause") is { } problem)
        {
            return Failure.Invalid("Reason", problem);
        }
        var why = Clean(reason)!;
        if (why.Length > IdentityMatch.ReasonMaxLength)
        {
            return Failure.Invalid("Reason", $"The reason must be {IdentityMatch.ReasonMaxLength:N0} characters or fewer");
        }
        Decide(match, IdentityMatchStatus.Rejected, actor, why);
        return await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.IdentityRejected, ChildType, match.CandidateId.ToString(), $"{match.ChildId} is a different child: {why}")],
            Failure.ChangedMeanwhile("Someone decided this pair at the same moment"), ct);
    }

    public async Task<Failure?> UndoAsync(Guid mergeId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var merge = await db.ChildMerges.Include(m => m.Moves).FirstOrDefaultAsync(m => m.Id == mergeId, ct);
        if (merge is null)
        {
            return Failure.NotFound("There is no such merge");
        }
        if (merge.UndoneAt is not null)
        {
            return Failure.Conflict("This merge has already been undone");
        }
        if (StorableText.Check(reason, "Reason", TextShape.MultiLine, required: "Say why these are two different children") is { } problem)
        {
            return Failure.Invalid("UndoReason", problem);
        }
        var why = Clean(reason)!;
        if (why.Length > IdentityMatch.ReasonMaxLength)
        {
            return Failure.Invalid("UndoReason", $"The reason must be {IdentityMatch.ReasonMaxLength:N0} characters or fewer");
        }
        var survivor = await db.Children.FirstAsync(c => c.Id == merge.SurvivorId, ct);
        if (survivor.MergedIntoId is not null)
        {
            return Failure.Conflict("The record this one was merged into has since been merged into another: undo that merge first", "UndoReason");
        }
        var merged = await db.Children.FirstAsync(c => c.Id == merge.MergedId, ct);
        if (merged.Unmerge() is { } refused)
        {
            return refused;
        }
        db.Entry(survivor).State = EntityState.Modified;
        // One open alert per rule and subject: an alert that goes back about the merged record cannot meet one
        // opened about it since (an agency may have sent it something before the merge was read only).
        var returning = merge.Moves.Where(m => m.Table == nameof(db.Alerts) && m.SubjectMoved).Select(m => Guid.Parse(m.RowId)).ToList();
        var mergedText = merged.Id.ToString();
        var returningRules = await db.Alerts.Where(a => returning.Contains(a.Id) && a.ClosedAt == null).Select(a => a.Rule).ToListAsync(ct);
        if (returningRules.Count > 0 && await db.Alerts.AnyAsync(a => a.SubjectType == ChildType && a.SubjectId == mergedText && a.ClosedAt == null && returningRules.Contains(a.Rule), ct))
        {
            return Failure.Conflict("The record has an open alert of its own of the same kind as one that would go back to it: close one of them first", "UndoReason");
        }
        var now = time.GetUtcNow();
        merge.UndoneAt = now;
        merge.UndoneBy = actor.Id;
        merge.UndoneByName = actor.Name;
        merge.UndoReason = why;
        if (merge.MatchId is { } matchId && await db.IdentityMatches.FirstOrDefaultAsync(m => m.Id == matchId, ct) is { } match)
        {
            // The pair now counts as two children: never put to anyone again.
            match.Status = IdentityMatchStatus.MergeUndone;
        }
        var failure = await audit.SaveOrConflictAsync(
            [AuditEntry.Allowed(AuditCode.ChildMergeUndone, ChildType, merged.Id.ToString(), $"merge {merge.Id} into {survivor.Id} undone: {why}")],
            Failure.ChangedMeanwhile("Someone changed one of these records at the same moment; look again"),
            async token =>
            {
                await MoveBackAsync(merge, token);
                return [];
            }, ct);
        if (failure is null)
        {
            await index.CatchUpAsync(db, ct);
        }
        return failure;
    }

    // How the merge lists the links it moved: by the end the child was at.
    private const string LinksFrom = "LinksFromChild";
    private const string LinksTo = "LinksToChild";

    /// <summary>Moves every row of the merged child to the survivor, listing each on the merge. Runs inside the save's transaction.</summary>
    private async Task MoveAsync(ChildMerge merge, ChildId from, ChildId to, CancellationToken ct)
    {
        merge.Moves.Clear();
        void Moved(string table, IEnumerable<string> ids) =>
            merge.Moves.AddRange(ids.Select(id => new ChildMergeMove { MergeId = merge.Id, Table = table, RowId = id }));

        Moved(nameof(db.Referrals), (await db.Referrals.Where(r => r.ChildId == from).Select(r => r.Id).ToListAsync(ct)).Select(i => i.Value.ToString()));
        await db.Referrals.Where(r => r.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, to), ct);
        Moved(nameof(db.ChronologyEntries), (await db.ChronologyEntries.Where(e => e.ChildId == from).Select(e => e.Id).ToListAsync(ct)).Select(Text));
        await db.ChronologyEntries.Where(e => e.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.ChildId, to), ct);
        Moved(nameof(db.Involvements), (await db.Involvements.Where(i => i.ChildId == from).Select(i => i.Id).ToListAsync(ct)).Select(Text));
        await db.Involvements.Where(i => i.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(i => i.ChildId, to), ct);
        Moved(nameof(db.MissingEpisodes), (await db.MissingEpisodes.Where(m => m.ChildId == from).Select(m => m.Id).ToListAsync(ct)).Select(Text));
        await db.MissingEpisodes.Where(m => m.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(m => m.ChildId, to), ct);
        Moved(nameof(db.Screenings), (await db.Screenings.Where(s => s.ChildId == from).Select(s => s.Id).ToListAsync(ct)).Select(Text));
        await db.Screenings.Where(s => s.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChildId, to), ct);
        // A crime against both records keeps the merged record's place among its victims: the survivor is one already.
        var victims = await db.CrimeVictims.Where(v => v.ChildId == from && !db.CrimeVictims.Any(o => o.CrimeId == v.CrimeId && o.ChildId == to)).Select(v => v.Id).ToListAsync(ct);
        Moved(nameof(db.CrimeVictims), victims.Select(Text));
        await db.CrimeVictims.Where(v => victims.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.ChildId, to), ct);
        Moved(nameof(db.NoChargeReviews), (await db.NoChargeReviews.Where(r => r.ChildId == from).Select(r => r.Id).ToListAsync(ct)).Select(Text));
        await db.NoChargeReviews.Where(r => r.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, to), ct);
        Moved(nameof(db.ChildVulnerabilities), (await db.ChildVulnerabilities.Where(v => v.ChildId == from).Select(v => v.Id).ToListAsync(ct)).Select(Number));
        await db.ChildVulnerabilities.Where(v => v.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(v => v.ChildId, to), ct);
        Moved(nameof(db.ChildRelationships), (await db.ChildRelationships.Where(r => r.ChildId == from).Select(r => r.Id).ToListAsync(ct)).Select(Number));
        await db.ChildRelationships.Where(r => r.ChildId == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, to), ct);
        // The network's links follow the child: the same car or man around the survivor.
        var (fromId, toId) = (from.Value, to.Value);
        Moved(LinksFrom, (await db.Links.Where(l => l.FromKind == NodeKind.Child && l.FromId == fromId).Select(l => l.Id).ToListAsync(ct)).Select(Text));
        await db.Links.Where(l => l.FromKind == NodeKind.Child && l.FromId == fromId).ExecuteUpdateAsync(s => s.SetProperty(l => l.FromId, toId), ct);
        Moved(LinksTo, (await db.Links.Where(l => l.ToKind == NodeKind.Child && l.ToId == fromId).Select(l => l.Id).ToListAsync(ct)).Select(Text));
        await db.Links.Where(l => l.ToKind == NodeKind.Child && l.ToId == fromId).ExecuteUpdateAsync(s => s.SetProperty(l => l.ToId, toId), ct);

        // Other pairs waiting on the merged record are now about the survivor: a pair with the survivor itself is
        // decided by this merge; any other is put again as the survivor against the other record.
        var waiting = await db.IdentityMatches
            .Where(m => m.Status == IdentityMatchStatus.AwaitingReview && m.Id != merge.MatchId && (m.ChildId == from || m.CandidateId == from))
            .ToListAsync(ct);
        foreach (var pair in waiting)
        {
            var otherSide = pair.ChildId == from ? pair.CandidateId : pair.ChildId;
            if (otherSide == to)
            {
                pair.Status = IdentityMatchStatus.Confirmed;
                pair.MergeId = merge.Id;
                continue;
            }
            var column = pair.ChildId == from ? PairChild : PairCandidate;
            merge.Moves.Add(new ChildMergeMove { MergeId = merge.Id, Table = column, RowId = Text(pair.Id) });
            await (column == PairChild
                ? db.IdentityMatches.Where(m => m.Id == pair.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ChildId, to), ct)
                : db.IdentityMatches.Where(m => m.Id == pair.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CandidateId, to), ct));
        }

        // An alert about the merged child becomes an alert about the survivor, unless the survivor already has one
        // open of the same rule (one open alert per rule and subject): then it is shown on the survivor's record as it is.
        var fromText = from.ToString();
        var toText = to.ToString();
        var alerts = await db.Alerts.Where(a => a.ChildId == from)
            .Select(a => new { a.Id, a.Rule, a.SubjectType, a.SubjectId, a.ClosedAt }).ToListAsync(ct);
        var openOnSurvivor = await db.Alerts.Where(a => a.SubjectType == ChildType && a.SubjectId == toText && a.ClosedAt == null)
            .Select(a => a.Rule).ToListAsync(ct);
        foreach (var alert in alerts)
        {
            var subjectMoves = alert.SubjectType == ChildType && alert.SubjectId == fromText && (alert.ClosedAt is not null || !openOnSurvivor.Contains(alert.Rule));
            merge.Moves.Add(new ChildMergeMove { MergeId = merge.Id, Table = nameof(db.Alerts), RowId = Text(alert.Id), SubjectMoved = subjectMoves });
            await (subjectMoves
                ? db.Alerts.Where(a => a.Id == alert.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ChildId, to).SetProperty(a => a.SubjectId, toText), ct)
                : db.Alerts.Where(a => a.Id == alert.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ChildId, to), ct));
        }
    }

    /// <summary>Moves exactly the rows the merge moved back to the merged child; rows added to the survivor since stay with it.</summary>
    private async Task MoveBackAsync(ChildMerge merge, CancellationToken ct)
    {
        var back = merge.MergedId;
        var backText = back.ToString();
        List<Guid> Ids(string table) => [.. merge.Moves.Where(m => m.Table == table).Select(m => Guid.Parse(m.RowId))];

        var referrals = Ids(nameof(db.Referrals)).Select(g => new ReferralId(g)).ToList();
        await db.Referrals.Where(r => referrals.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, back), ct);
        var entries = Ids(nameof(db.ChronologyEntries));
        await db.ChronologyEntries.Where(e => entries.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ChildId, back), ct);
        var involvements = Ids(nameof(db.Involvements));
        await db.Involvements.Where(i => involvements.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ChildId, back), ct);
        var episodes = Ids(nameof(db.MissingEpisodes));
        await db.MissingEpisodes.Where(m => episodes.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.ChildId, back), ct);
        var screenings = Ids(nameof(db.Screenings));
        await db.Screenings.Where(s => screenings.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChildId, back), ct);
        var victims = Ids(nameof(db.CrimeVictims));
        await db.CrimeVictims.Where(v => victims.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.ChildId, back), ct);
        var reviews = Ids(nameof(db.NoChargeReviews));
        await db.NoChargeReviews.Where(r => reviews.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, back), ct);
        List<long> Numbers(string table) => [.. merge.Moves.Where(m => m.Table == table).Select(m => long.Parse(m.RowId, CultureInfo.InvariantCulture))];
        var vulnerabilities = Numbers(nameof(db.ChildVulnerabilities));
        await db.ChildVulnerabilities.Where(v => vulnerabilities.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.ChildId, back), ct);
        var relationships = Numbers(nameof(db.ChildRelationships));
        await db.ChildRelationships.Where(r => relationships.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildId, back), ct);
        var linksFrom = Ids(LinksFrom);
        await db.Links.Where(l => linksFrom.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.FromId, back.Value), ct);
        var linksTo = Ids(LinksTo);
        await db.Links.Where(l => linksTo.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.ToId, back.Value), ct);
        // Pairs put again against the survivor go back to the merged record while still waiting; a decided one stays as decided.
        var pairChild = Ids(PairChild);
        await db.IdentityMatches.Where(m => pairChild.Contains(m.Id) && m.Status == IdentityMatchStatus.AwaitingReview)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ChildId, back), ct);
        var pairCandidate = Ids(PairCandidate);
        await db.IdentityMatches.Where(m => pairCandidate.Contains(m.Id) && m.Status == IdentityMatchStatus.AwaitingReview)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CandidateId, back), ct);
        var alertMoves = merge.Moves.Where(m => m.Table == nameof(db.Alerts)).ToList();
        var withSubject = alertMoves.Where(m => m.SubjectMoved).Select(m => Guid.Parse(m.RowId)).ToList();
        var childOnly = alertMoves.Where(m => !m.SubjectMoved).Select(m => Guid.Parse(m.RowId)).ToList();
        await db.Alerts.Where(a => withSubject.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ChildId, back).SetProperty(a => a.SubjectId, backText), ct);
        await db.Alerts.Where(a => childOnly.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.ChildId, back), ct);
    }

    private void Decide(IdentityMatch match, IdentityMatchStatus status, Actor actor, string? reason)
    {
        match.Status = status;
        match.DecidedBy = actor.Id;
        match.DecidedByName = actor.Name;
        match.DecidedAt = time.GetUtcNow();
        match.Reason = Clean(reason);
    }

    private static string Text(Guid id) => id.ToString();

    private static string Number(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
