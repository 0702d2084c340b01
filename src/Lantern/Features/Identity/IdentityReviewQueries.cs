using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>A child's record as a reviewer compares it: who the child is, and how much hangs off the record.</summary>
public sealed record ChildSide(Guid Id, string Name, string? KnownAs, DateOnly? DateOfBirth, int? EstimatedAge, Gender Gender, string? NhsNumber,
    string? Address, string? Postcode, string? School, DateTimeOffset OpenedAt, int Referrals, int Entries, bool Merged);

/// <summary>One pair awaiting a decision, as the queue lists it.</summary>
public sealed record PairRow(Guid Id, string RecordReference, string NewName, DateOnly? NewDateOfBirth, string KnownName, DateOnly? KnownDateOfBirth,
    double Probability, string? HeldBackBy, DateTimeOffset CreatedAt);

/// <summary>
/// What the review pages read, within the reviewer's scope: a pair is shown only when the reviewer may see both
/// records (the front door sees every child; an analyst, the children they work with).
/// </summary>
public sealed class IdentityReviewQueries(LanternDbContext db, DataScope scope)
{
    /// <summary>The most pairs the review lists at once, oldest first.</summary>
    public const int MaxListed = 500;

    public const string PagePath = "/identity/review";

    public async Task<IReadOnlyList<PairRow>> AwaitingAsync(CancellationToken ct)
    {
        var rows = await Awaiting()
            .OrderBy(m => m.CreatedAt)
            .Take(MaxListed)
            .Join(db.Children, m => m.ChildId, c => c.Id, (m, n) => new { m, n })
            .Join(db.Children, x => x.m.CandidateId, c => c.Id, (x, k) => new PairRow(x.m.Id, x.m.RecordReference,
                x.n.GivenName + " " + x.n.FamilyName, x.n.DateOfBirth, k.GivenName + " " + k.FamilyName, k.DateOfBirth,
                x.m.Probability, x.m.HeldBackBy, x.m.CreatedAt))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>How many pairs the review lists: those awaiting a decision, up to <see cref="MaxListed"/>.</summary>
    public Task<int> CountAwaitingAsync(CancellationToken ct) => Awaiting().Take(MaxListed).CountAsync(ct);

    /// <summary>Pairs awaiting a person's decision whose two records the reviewer may both see.</summary>
    private IQueryable<IdentityMatch> Awaiting()
    {
        var visible = scope.Children(db.Children).Select(c => c.Id);
        return db.IdentityMatches.AsNoTracking()
            .Where(m => m.Status == IdentityMatchStatus.AwaitingReview && m.CandidateId != null
                        && visible.Contains(m.ChildId) && visible.Contains(m.CandidateId.Value));
    }

    /// <summary>The match, when the reviewer may see both of its records.</summary>
    public async Task<IdentityMatch?> PairAsync(Guid id, CancellationToken ct)
    {
        var visible = scope.Children(db.Children).Select(c => c.Id);
        return await db.IdentityMatches.AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id && m.CandidateId != null && visible.Contains(m.ChildId) && visible.Contains(m.CandidateId.Value), ct);
    }

    public Task<ChildSide> SideAsync(ChildId id, CancellationToken ct) =>
        db.Children.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ChildSide(c.Id.Value, c.GivenName + " " + c.FamilyName, c.KnownAs, c.DateOfBirth, c.EstimatedAge, c.Gender, c.NhsNumber,
                c.Addresses.Where(a => a.To == null).OrderByDescending(a => a.Id).Select(a => a.Address).FirstOrDefault(),
                c.Addresses.Where(a => a.To == null).OrderByDescending(a => a.Id).Select(a => a.Postcode).FirstOrDefault(),
                c.School, c.CreatedAt,
                db.Referrals.Count(r => r.ChildId == c.Id),
                db.ChronologyEntries.Count(e => e.ChildId == c.Id),
                c.MergedIntoId != null))
            .FirstAsync(ct);
}

/// <summary>One line of a child's identity history: how records came to be, or not to be, this child's.</summary>
public sealed record IdentityHistoryLine(DateTimeOffset At, string Text, string? Link, string? LinkText, string? Explanation);

/// <summary>Every identity decision about a child, for the child's record: joins on arrival, pairs, merges and their undoing.</summary>
/// <remarks>
/// The other record of a pair is named, and the engine's explanation (which quotes both records' details) shown,
/// only when the viewer may see that record too, or it was joined into this one; otherwise it is "another record".
/// </remarks>
public sealed class IdentityHistory(LanternDbContext db, DataScope scope)
{
    private const string Unseen = "another record you do not have access to";

    public async Task<IReadOnlyList<IdentityHistoryLine>> ForChildAsync(ChildId child, CancellationToken ct)
    {
        var names = db.Children.Select(c => new { c.Id, Name = c.GivenName + " " + c.FamilyName });
        var matches = await db.IdentityMatches.AsNoTracking()
            .Where(m => m.ChildId == child || m.CandidateId == child)
            .Select(m => new
            {
                m.Id,
                m.Status,
                m.ChildId,
                m.CandidateId,
                m.RecordType,
                m.RecordReference,
                m.Probability,
                m.HeldBackBy,
                m.Explanation,
                m.CreatedAt,
                m.DecidedByName,
                m.DecidedAt,
                m.Reason,
                Other = names.Where(n => n.Id == (m.ChildId == child ? m.CandidateId : m.ChildId)).Select(n => n.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var merges = await db.ChildMerges.AsNoTracking()
            .Where(m => m.SurvivorId == child || m.MergedId == child)
            .Select(m => new
            {
                m.Id,
                m.SurvivorId,
                m.MergedId,
                m.MergedAt,
                m.MergedByName,
                m.Reason,
                m.UndoneAt,
                m.UndoneByName,
                m.UndoReason,
                Survivor = names.Where(n => n.Id == m.SurvivorId).Select(n => n.Name).First(),
                Merged = names.Where(n => n.Id == m.MergedId).Select(n => n.Name).First(),
            })
            .ToListAsync(ct);
        ChildId? OtherOf(ChildId a, ChildId? b) => a == child ? b : a;
        var others = matches.Select(m => OtherOf(m.ChildId, m.CandidateId)).Concat(merges.Select(m => OtherOf(m.SurvivorId, m.MergedId)))
            .Where(o => o is not null).Select(o => o!.Value).Distinct().ToList();
        var visible = scope.Children(db.Children).Select(c => c.Id);
        var seen = (await visible.Where(id => others.Contains(id)).ToListAsync(ct)).ToHashSet();
        seen.UnionWith(await db.Children.Where(c => others.Contains(c.Id) && c.MergedIntoId == child).Select(c => c.Id).ToListAsync(ct));
        seen.Add(child);
        string NameOf(ChildId? id, string? name) => id is { } i && seen.Contains(i) ? name ?? Unseen : Unseen;
        // A join on arrival has no other child: its explanation compares the arriving record with this one.
        string? Explained(ChildId? other, string? explanation) => other is not { } o || seen.Contains(o) ? explanation : null;

        var lines = new List<IdentityHistoryLine>();
        foreach (var m in matches)
        {
            var otherId = OtherOf(m.ChildId, m.CandidateId);
            var other = NameOf(otherId, m.Other);
            var explanation = Explained(otherId, m.Explanation);
            var what = $"{m.RecordType.ToLowerInvariant()} {m.RecordReference}";
            switch (m.Status)
            {
                case IdentityMatchStatus.LinkedOnArrival:
                    lines.Add(new(m.CreatedAt, $"The {what} was joined to this record on arrival: {IdentityWords.Likelihood(m.Probability).ToLowerInvariant()}.", null, null, explanation));
                    break;
                case IdentityMatchStatus.AwaitingReview:
                    lines.Add(new(m.CreatedAt, $"This record may be the same child as {other} (from the {what}): waiting for a person to decide.",
                        other == Unseen ? null : IdentityPages.PairPath(m.Id), other == Unseen ? null : "Compare and decide", explanation));
                    break;
                case IdentityMatchStatus.Rejected:
                case IdentityMatchStatus.MergeUndone:
                    lines.Add(new(m.DecidedAt ?? m.CreatedAt, $"{m.DecidedByName} decided this is a different child from {other}{(m.Reason is null ? "" : ": " + m.Reason)}. The pair will not be suggested again.",
                        null, null, explanation));
                    break;
                case IdentityMatchStatus.Confirmed:
                    break; // The merge it made says it.
                default:
                    throw new InvalidOperationException($"Unknown status {m.Status}");
            }
        }
        foreach (var m in merges)
        {
            var joined = m.SurvivorId == child
                ? $"{m.MergedByName} joined {NameOf(m.MergedId, m.Merged + "'s record")} into this one"
                : $"{m.MergedByName} joined this record into {NameOf(m.SurvivorId, m.Survivor + "'s")}";
            lines.Add(new(m.MergedAt, joined + (m.Reason is null ? "." : ": " + m.Reason), $"/identity/merges/{m.Id}",
                m.UndoneAt is null ? "Look at or undo the merge" : "Look at the merge", null));
            if (m.UndoneAt is { } undone)
            {
                lines.Add(new(undone, $"{m.UndoneByName} undid the merge of {NameOf(m.MergedId, m.Merged + "'s record")}: {m.UndoReason}", null, null, null));
            }
        }
        return [.. lines.OrderByDescending(l => l.At)];
    }
}
