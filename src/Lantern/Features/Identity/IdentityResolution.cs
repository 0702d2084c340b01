using System.Globalization;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Referrals;
using Lantern.Linking;
using Lantern.Linking.Model;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Identity;

/// <summary>A record about a child that opened a new record, to be checked again once saved.</summary>
public sealed record OpenedRecord(ChildId Child, PersonRecord Record, string RecordType, string RecordReference);

/// <summary>What resolution found: the known child to join (when the engine is confident), and the pairs a person should decide.</summary>
public sealed record Resolution(IdentityCandidate? Join, IReadOnlyList<IdentityCandidate> ForReview);

/// <summary>
/// Resolves each arriving record about a child against every child already known: a confident match joins the
/// known child, with its explanation kept; an uncertain one, or one a rule held back (possible twins, a sibling
/// at one address), is put to a person as a pair, side by side. A pair a person said are two children is never
/// put to anyone again. The caller adds the record and saves.
/// </summary>
public sealed class IdentityResolution(LanternDbContext db, IdentityIndex index, TimeProvider time)
{
    /// <summary>Confident matches this far apart (in bits) are not a tie: the better one is the child.</summary>
    private const double ClearLead = 10;

    private const int MaxForReview = 3;

    /// <summary>
    /// Set by a caller that has caught the index up itself and resolves many records in one transaction (an import's
    /// batch): each record is then resolved without asking the change feed again. A record committed by someone else
    /// meanwhile is found by the check made once the batch is saved (<see cref="RecheckOpenedAsync(IReadOnlyList{OpenedRecord}, AuditTrail, CancellationToken)"/>).
    /// </summary>
    public bool CaughtUp { get; set; }

    public async Task<Resolution> ResolveAsync(PersonRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!CaughtUp)
        {
            await index.CatchUpAsync(db, ct);
        }
        var candidates = index.Candidates(record, MaxForReview + 2, index.Options.ReviewThreshold);
        var linkable = candidates.Where(c => c.HoldBack == HoldBack.None && c.Probability >= index.Options.LinkThreshold).ToList();
        var join = linkable.Count == 1 || (linkable.Count > 1 && linkable[0].Weight - linkable[1].Weight >= ClearLead) ? linkable[0] : null;
        return new Resolution(join, [.. candidates.Where(c => c != join).Take(MaxForReview)]);
    }

    /// <summary>
    /// Resolves a referral's child: the child joined, or a new record opened (by <paramref name="open"/>), and the
    /// match records (a confident join's explanation; pairs awaiting review) added to the pending changes, with the
    /// audit events the caller saves with them.
    /// </summary>
    public async Task<(Child Child, IReadOnlyList<AuditEntry> Audit)> FindOrOpenAsync(PersonRecord record, string recordType, string recordReference,
        Func<Child> open, CancellationToken ct)
    {
        var audit = new List<AuditEntry>();
        ArgumentNullException.ThrowIfNull(open);
        var resolution = await ResolveAsync(record, ct);
        var now = time.GetUtcNow();
        // The child to join may be one opened earlier in the same batch and not saved yet (found among the pending
        // changes), or, seen from another request, one whose save has not committed (not found: a record is opened).
        var joined = resolution.Join is { } best ? await db.Children.FindAsync([best.ChildId], ct) : null;
        Child child;
        if (resolution.Join is { } join && joined is not null)
        {
            child = joined;
            db.IdentityMatches.Add(new IdentityMatch
            {
                Status = IdentityMatchStatus.LinkedOnArrival,
                ChildId = child.Id,
                RecordType = recordType,
                RecordReference = recordReference,
                Probability = join.Probability,
                Explanation = Explanation(join.Explanation),
                CreatedAt = now,
            });
            audit.Add(AuditEntry.Allowed(AuditCode.IdentityLinkedOnArrival, "Child", child.Id.ToString(),
                $"{recordType} {recordReference} joined at probability {join.Probability.ToString("0.000", CultureInfo.InvariantCulture)}"));
        }
        else
        {
            child = open();
            db.Children.Add(child);
        }
        var decided = await DecidedPairsAsync(child.Id, [.. resolution.ForReview.Select(c => c.ChildId)], ct);
        foreach (var candidate in resolution.ForReview.Where(c => c.ChildId != child.Id && !decided.Contains(c.ChildId)))
        {
            db.IdentityMatches.Add(Pair(child.Id, candidate, recordType, recordReference, now));
            audit.Add(ReviewRequested(child.Id, candidate, recordType, recordReference));
        }
        return (child, audit);
    }

    /// <summary>
    /// After a record was opened and saved: resolves it again, now that every record saved meanwhile is in the
    /// index, and puts to a person each pair it makes that is not already waiting or decided. Two referrals about
    /// a new child arriving at the same moment each open a record, neither seeing the other; the later of the two
    /// checks finds the other record, so the pair reaches the review queue. Returns the pairs added.
    /// </summary>
    public Task<int> RecheckOpenedAsync(ChildId opened, PersonRecord record, string recordType, string recordReference, AuditTrail audit, CancellationToken ct) =>
        RecheckOpenedAsync([new OpenedRecord(opened, record, recordType, recordReference)], audit, ct);

    /// <summary>
    /// The same for every record a batch opened, in one transaction: each is resolved against the index, and the pairs
    /// they make are added once (two records of one batch that find each other make one pair, not two).
    /// </summary>
    public async Task<int> RecheckOpenedAsync(IReadOnlyList<OpenedRecord> opened, AuditTrail audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(audit);
        var found = new List<(OpenedRecord Opened, List<IdentityCandidate> Others)>();
        // Caught up once for all of them, as an import's batch is.
        await index.CatchUpAsync(db, ct);
        var caughtUp = CaughtUp;
        CaughtUp = true;
        try
        {
            foreach (var o in opened)
            {
                var resolution = await ResolveAsync(o.Record, ct);
                var others = resolution.ForReview.Concat(resolution.Join is { } join ? [join] : []).Where(c => c.ChildId != o.Child).ToList();
                if (others.Count > 0)
                {
                    found.Add((o, others));
                }
            }
        }
        finally
        {
            CaughtUp = caughtUp;
        }
        if (found.Count == 0)
        {
            return 0;
        }
        var added = 0;
        await audit.SaveAsync([], async token =>
        {
            // Under the trail's lock: the other record's own check cannot add the same pair at the same moment.
            var ids = found.Select(f => f.Opened.Child).ToList();
            var merged = (await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id) && c.MergedIntoId != null).Select(c => c.Id).ToListAsync(token)).ToHashSet();
            var paired = new HashSet<(ChildId, ChildId)>();
            var entries = new List<AuditEntry>();
            foreach (var (o, others) in found.Where(f => !merged.Contains(f.Opened.Child)))
            {
                var decided = await DecidedPairsAsync(o.Child, [.. others.Select(c => c.ChildId)], token);
                foreach (var candidate in others.Where(c => !decided.Contains(c.ChildId)))
                {
                    var key = o.Child.Value.CompareTo(candidate.ChildId.Value) < 0 ? (o.Child, candidate.ChildId) : (candidate.ChildId, o.Child);
                    if (!paired.Add(key))
                    {
                        continue;
                    }
                    db.IdentityMatches.Add(Pair(o.Child, candidate, o.RecordType, o.RecordReference, time.GetUtcNow()));
                    entries.Add(ReviewRequested(o.Child, candidate, o.RecordType, o.RecordReference));
                    added++;
                }
            }
            return entries;
        }, ct);
        return added;
    }

    private static IdentityMatch Pair(ChildId child, IdentityCandidate candidate, string recordType, string recordReference, DateTimeOffset now) => new()
    {
        Status = IdentityMatchStatus.AwaitingReview,
        ChildId = child,
        CandidateId = candidate.ChildId,
        RecordType = recordType,
        RecordReference = recordReference,
        Probability = candidate.Probability,
        HeldBackBy = candidate.HoldBack == HoldBack.None ? null : HoldBackRules.Words[candidate.HoldBack],
        Explanation = Explanation(candidate.Explanation),
        CreatedAt = now,
    };

    private static AuditEntry ReviewRequested(ChildId child, IdentityCandidate candidate, string recordType, string recordReference) =>
        AuditEntry.Allowed(AuditCode.IdentityReviewRequested, "Child", child.ToString(),
            $"{recordType} {recordReference} may be {candidate.ChildId}; probability {candidate.Probability.ToString("0.000", CultureInfo.InvariantCulture)}"
            + (candidate.HoldBack == HoldBack.None ? "" : $"; held back: {candidate.HoldBack}"));

    /// <summary>
    /// Children that <paramref name="child"/> must not be paired with again: a person said they are two children,
    /// a merge of them was undone, or the pair already awaits a decision.
    /// </summary>
    private async Task<HashSet<ChildId>> DecidedPairsAsync(ChildId child, IReadOnlyList<ChildId> others, CancellationToken ct)
    {
        if (others.Count == 0)
        {
            return [];
        }
        var pairs = await db.IdentityMatches.AsNoTracking()
            .Where(m => m.CandidateId != null && m.Status != IdentityMatchStatus.Confirmed
                        && ((m.ChildId == child && others.Contains(m.CandidateId!.Value)) || (m.CandidateId == child && others.Contains(m.ChildId))))
            .Select(m => new { m.ChildId, m.CandidateId })
            .ToListAsync(ct);
        return [.. pairs.Select(p => p.ChildId == child ? p.CandidateId!.Value : p.ChildId)];
    }

    /// <summary>The engine's explanation as kept on the record, one line a field.</summary>
    public static string Explanation(PairExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var text = string.Join('\n', explanation.Lines());
        return text.Length <= IdentityMatch.ExplanationMaxLength ? text : text[..IdentityMatch.ExplanationMaxLength];
    }

    /// <summary>What a referral says about its child, as the engine reads a record.</summary>
    public static PersonRecord RecordOf(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new PersonRecord(referral.Reference)
        {
            Given = referral.ChildGivenName,
            Family = referral.ChildFamilyName,
            DateOfBirth = referral.ChildDateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Identifier = referral.ChildNhsNumber,
            Address = referral.ChildAddress,
            Postcode = referral.ChildPostcode,
        };
    }
}
