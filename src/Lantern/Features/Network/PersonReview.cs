using System.Globalization;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>Where people see the person review.</summary>
public static class PersonReviewPages
{
    public const string Queue = "/network/persons/review";

    /// <summary>The compare page of a pair, the two ids in the pair's one order so that each pair has one address.</summary>
    public static string ComparePath(Guid a, Guid b)
    {
        var (first, second) = PersonPairDecision.Order(a, b);
        return $"/network/persons/review/{first}/{second}";
    }

    public static string MergePath(Guid merge) => $"/network/persons/merges/{merge}";
}

/// <summary>One person record as the review shows it.</summary>
public sealed record PersonSide(Guid Id, string Reference, string Name, IReadOnlyList<string> Names, string Age, string? DateOfBirth, string? Description,
    DateTimeOffset CreatedAt, bool OfConcern, Guid? MergedIntoId, IReadOnlyList<string> Agencies, int Children);

/// <summary>What supports two records being one person, and what weighs against, in words; the score orders the queue.</summary>
public sealed record PairEvidence(IReadOnlyList<string> Supports, IReadOnlyList<string> Against, int Score);

/// <summary>One pair in the queue.</summary>
public sealed record PersonPair(PersonSide A, PersonSide B, PairEvidence Evidence)
{
    public string ComparePath => PersonReviewPages.ComparePath(A.Id, B.Id);
}

/// <summary>A name shared by more records than can be weighed pair by pair: one note instead of thousands of pairs.</summary>
public sealed record CrowdedName(string Name, int Records);

/// <summary>A page of the queue: the pairs on it, how many there are in all, and the crowded names.</summary>
public sealed record PersonQueuePage(IReadOnlyList<PersonPair> Pairs, int Total, int Page, int Pages, IReadOnlyList<CrowdedName> Crowded);

/// <summary>A merge as the person pages list it.</summary>
public sealed record PersonMergeLine(Guid Id, Guid SurvivorId, string SurvivorReference, Guid MergedId, string MergedReference, string MergedByName,
    DateTimeOffset MergedAt, string Reason, DateTimeOffset? UndoneAt, string? UndoneByName, string? UndoReason, int LinksMoved, int CrimesMoved);

/// <summary>
/// The review of person records that may be one person: every pair of records (not merged) that share a name or
/// nickname and that nobody has decided, with what supports and what weighs against, most evidence first. Only
/// the readers who see the whole network (<see cref="NetworkRecords.SeesAll"/>) are given it: for anyone else it is
/// empty, and a pair not found.
/// </summary>
public sealed class PersonReviewQueries(LanternDbContext db, NetworkRecords network)
{
    public const int PageSize = 25;

    /// <summary>The most records weighed for the queue at once; beyond this the queue says it shows part of the whole.</summary>
    public const int MaxRecordsWeighed = 5000;

    public async Task<PersonQueuePage> QueueAsync(int page, CancellationToken ct)
    {
        if (!network.SeesAll)
        {
            return new([], 0, 1, 1, []);
        }
        var unmerged = db.Persons.Where(p => p.MergedIntoId == null).Select(p => p.Id);
        var shared = await db.PersonNames.AsNoTracking().Where(n => unmerged.Contains(n.PersonId))
            .GroupBy(n => n.Key).Select(g => new { g.Key, Count = g.Select(n => n.PersonId).Distinct().Count(), Name = g.Min(n => n.Value) })
            .Where(g => g.Count > 1).ToListAsync(ct);
        var crowded = shared.Where(s => s.Count > PersonMatching.MaxCandidates).OrderByDescending(s => s.Count).Select(s => new CrowdedName(s.Name!, s.Count)).ToList();
        var keys = shared.Where(s => s.Count <= PersonMatching.MaxCandidates).Select(s => s.Key).ToList();
        var named = await db.PersonNames.AsNoTracking().Where(n => keys.Contains(n.Key) && unmerged.Contains(n.PersonId))
            .OrderBy(n => n.PersonId).Select(n => new { n.Key, n.PersonId }).Take(MaxRecordsWeighed * 4).ToListAsync(ct);
        var pairs = new HashSet<(Guid, Guid)>();
        foreach (var group in named.GroupBy(n => n.Key))
        {
            var ids = group.Select(n => n.PersonId).Distinct().ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    pairs.Add(PersonPairDecision.Order(ids[i], ids[j]));
                }
            }
        }
        var involved = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().Take(MaxRecordsWeighed).ToList();
        var decided = (await db.PersonPairDecisions.AsNoTracking().Where(d => involved.Contains(d.FirstId))
            .Select(d => new { d.FirstId, d.SecondId }).ToListAsync(ct)).Select(d => (d.FirstId, d.SecondId)).ToHashSet();
        var weighed = involved.ToHashSet();
        var open = pairs.Where(p => !decided.Contains(p) && weighed.Contains(p.Item1) && weighed.Contains(p.Item2)).ToList();
        var known = await KnowAsync([.. open.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct()], ct);
        var all = open.Select(p => Weigh(known, p.Item1, p.Item2))
            .OrderByDescending(p => p.Evidence.Score).ThenBy(p => p.A.CreatedAt).ThenBy(p => p.A.Id).ThenBy(p => p.B.Id).ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        return new([.. all.Skip((page - 1) * PageSize).Take(PageSize)], all.Count, page, pages, crowded);
    }

    /// <summary>The pair side by side with its evidence, when the reader sees the whole network and both records exist.</summary>
    public async Task<PersonPair?> PairAsync(Guid a, Guid b, CancellationToken ct)
    {
        if (a == b || !network.SeesAll
            || await network.FindAsync(new NodeRef(NodeKind.Person, a), ct) is null || await network.FindAsync(new NodeRef(NodeKind.Person, b), ct) is null)
        {
            return null;
        }
        var known = await KnowAsync([a, b], ct);
        return known.Persons.Count == 2 ? Weigh(known, a, b) : null;
    }

    /// <summary>The decision on the pair, if anyone has made one.</summary>
    public Task<PersonPairDecision?> DecisionAsync(Guid a, Guid b, CancellationToken ct)
    {
        var (first, second) = PersonPairDecision.Order(a, b);
        return db.PersonPairDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.FirstId == first && d.SecondId == second, ct);
    }

    /// <summary>The children both records are linked to, and the vehicles, phones and places, named, for the compare page.</summary>
    public async Task<IReadOnlyList<(NodeRef Node, string Name)>> SharedAsync(Guid a, Guid b, CancellationToken ct)
    {
        var known = await KnowAsync([a, b], ct);
        var both = known.Linked[a].Intersect(known.Linked[b]).ToList();
        var children = both.Where(n => n.Kind == NodeKind.Child).Select(n => new ChildId(n.Id)).ToList();
        var names = await db.Children.AsNoTracking().Where(c => children.Contains(c.Id)).Select(c => new { c.Id, Name = c.GivenName + " " + c.FamilyName }).ToListAsync(ct);
        return [.. both.Select(n => (n, n.Kind == NodeKind.Child ? names.FirstOrDefault(c => c.Id.Value == n.Id)?.Name ?? "A child" : known.ThingNames.GetValueOrDefault(n, "")))
            .OrderBy(x => x.n.Kind).ThenBy(x => x.Item2, StringComparer.Ordinal)];
    }

    /// <summary>The merges into or out of a person, newest first.</summary>
    public async Task<IReadOnlyList<PersonMergeLine>> MergesAsync(Guid person, CancellationToken ct) =>
        await Lines(db.PersonMerges.Where(m => m.SurvivorId == person || m.MergedId == person).OrderByDescending(m => m.MergedAt)).ToListAsync(ct);

    public Task<PersonMergeLine?> MergeAsync(Guid id, CancellationToken ct) => Lines(db.PersonMerges.Where(m => m.Id == id)).FirstOrDefaultAsync(ct);

    private IQueryable<PersonMergeLine> Lines(IQueryable<PersonMerge> merges)
    {
        var references = db.Persons.Select(p => new { p.Id, p.Reference });
        return merges.AsNoTracking()
            .Select(m => new PersonMergeLine(m.Id, m.SurvivorId, references.Where(r => r.Id == m.SurvivorId).Select(r => r.Reference).First(),
                m.MergedId, references.Where(r => r.Id == m.MergedId).Select(r => r.Reference).First(), m.MergedByName, m.MergedAt, m.Reason,
                m.UndoneAt, m.UndoneByName, m.UndoReason, m.Moves.Count(x => x.What == PersonMergeMove.LinkFrom || x.What == PersonMergeMove.LinkTo),
                m.Moves.Count(x => x.What == PersonMergeMove.Suspect)));
    }

    /// <summary>What is known of some persons: the records, what each is linked to, and the agencies that recorded them.</summary>
    private sealed record Known(Dictionary<Guid, Person> Persons, Dictionary<Guid, HashSet<NodeRef>> Linked, Dictionary<Guid, HashSet<string>> Agencies,
        Dictionary<NodeRef, string> ThingNames, HashSet<NodeRef> Generic);

    private async Task<Known> KnowAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var persons = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var query = db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null
            && ((l.FromKind == NodeKind.Person && ids.Contains(l.FromId)) || (l.ToKind == NodeKind.Person && ids.Contains(l.ToId))));
        if (!network.SeesIntelligence)
        {
            // What a graded link says is not shown to this reader on any page; it does not count here either.
            query = query.Where(l => l.IntelligenceGrade == null);
        }
        var links = await query.Select(l => new { l.FromKind, l.FromId, l.ToKind, l.ToId, l.SourceAgencyId, l.RecordType, l.RecordId }).ToListAsync(ct);
        var agencyNames = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var linked = ids.ToDictionary(id => id, _ => new HashSet<NodeRef>());
        var agencies = ids.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));
        var records = ids.ToDictionary(id => id, _ => new HashSet<(string, string)>());
        foreach (var l in links)
        {
            foreach (var (self, other) in new[] { (new NodeRef(l.FromKind, l.FromId), new NodeRef(l.ToKind, l.ToId)), (new NodeRef(l.ToKind, l.ToId), new NodeRef(l.FromKind, l.FromId)) })
            {
                if (self.Kind == NodeKind.Person && linked.TryGetValue(self.Id, out var set))
                {
                    set.Add(other);
                    records[self.Id].Add((l.RecordType, l.RecordId));
                    if (l.SourceAgencyId is { } agency && agencyNames.TryGetValue(agency, out var name))
                    {
                        agencies[self.Id].Add(name);
                    }
                }
            }
        }
        // A vehicle, phone or place named in the same record as the man counts as his, as when matching: a referral
        // names the man and the car each around the child, not the one around the other.
        var recordIds = records.Values.SelectMany(r => r).Select(r => r.Item2).Distinct().ToList();
        var recordTypes = records.Values.SelectMany(r => r).Select(r => r.Item1).Distinct().ToList();
        var thingKinds = new[] { NodeKind.Vehicle, NodeKind.Phone, NodeKind.Place };
        var named = await db.Links.AsNoTracking()
            .Where(l => l.WithdrawnAt == null && recordTypes.Contains(l.RecordType) && recordIds.Contains(l.RecordId) && (thingKinds.Contains(l.ToKind) || thingKinds.Contains(l.FromKind)))
            .Select(l => new { l.FromKind, l.FromId, l.ToKind, l.ToId, l.RecordType, l.RecordId, l.IntelligenceGrade }).Take(20_000).ToListAsync(ct);
        foreach (var l in named.Where(l => network.SeesIntelligence || l.IntelligenceGrade is null))
        {
            var thing = thingKinds.Contains(l.ToKind) ? new NodeRef(l.ToKind, l.ToId) : new NodeRef(l.FromKind, l.FromId);
            foreach (var (id, set) in records)
            {
                if (set.Contains((l.RecordType, l.RecordId)))
                {
                    linked[id].Add(thing);
                }
            }
        }
        // Only what two or more of these records share is named and weighed.
        var things = linked.Values.SelectMany(s => s).Where(n => n.Kind is NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place)
            .GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var thingIds = things.Select(t => t.Id).ToList();
        var names = new Dictionary<NodeRef, string>();
        foreach (var v in await db.Vehicles.AsNoTracking().Where(v => thingIds.Contains(v.Id)).Select(v => new { v.Id, v.Registration }).ToListAsync(ct))
        {
            names[new NodeRef(NodeKind.Vehicle, v.Id)] = $"vehicle {v.Registration}";
        }
        foreach (var p in await db.Phones.AsNoTracking().Where(p => thingIds.Contains(p.Id)).Select(p => new { p.Id, p.Number }).ToListAsync(ct))
        {
            names[new NodeRef(NodeKind.Phone, p.Id)] = $"phone {p.Number}";
        }
        foreach (var p in await db.Places.AsNoTracking().IgnoreAutoIncludes().Where(p => thingIds.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToListAsync(ct))
        {
            names[new NodeRef(NodeKind.Place, p.Id)] = $"place {p.DisplayName}";
        }
        // A thing named in very many records (a youth club, a taxi office) says nothing of who a man is, as when matching.
        var counts = await db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && (thingIds.Contains(l.FromId) || thingIds.Contains(l.ToId)))
            .Select(l => new { Id = thingIds.Contains(l.FromId) ? l.FromId : l.ToId, l.RecordType, l.RecordId }).Distinct()
            .GroupBy(r => r.Id).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        var generic = things.Where(t => counts.Any(c => c.Id == t.Id && c.Count > PersonMatching.MaxRecordsOfASharedThing)).ToHashSet();
        return new Known(persons, linked, agencies, names, generic);
    }

    private static PersonPair Weigh(Known known, Guid a, Guid b)
    {
        var (pa, pb) = (known.Persons[a], known.Persons[b]);
        // The older record on the left: it is the one that stays if they are one person.
        if (pb.CreatedAt < pa.CreatedAt || (pb.CreatedAt == pa.CreatedAt && pb.Id.CompareTo(pa.Id) < 0))
        {
            (pa, pb, a, b) = (pb, pa, b, a);
        }
        var supports = new List<string>();
        var against = new List<string>();
        var score = 0;
        var shared = known.Linked[a].Intersect(known.Linked[b]).ToList();
        var children = shared.Count(n => n.Kind == NodeKind.Child);
        if (children > 0)
        {
            supports.Add(children == 1 ? "Both are named around the same child" : $"Both are named around the same {children} children");
            score += 2 * children;
        }
        foreach (var thing in shared.Where(n => n.Kind is NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place).OrderBy(n => n.Kind))
        {
            var name = known.ThingNames.GetValueOrDefault(thing, NetworkRecords.KindName(thing.Kind).ToLowerInvariant());
            if (known.Generic.Contains(thing))
            {
                supports.Add($"Both are linked to {name}, but it is named in very many records, so it says little");
            }
            else
            {
                supports.Add($"Both are linked to {name}");
                score += 3;
            }
        }
        if (pa.DateOfBirth is { } da && pb.DateOfBirth is { } db2)
        {
            if (da == db2)
            {
                supports.Add($"The same date of birth ({Date(da)})");
                score += 4;
            }
            else
            {
                against.Add($"Different dates of birth ({Date(da)} and {Date(db2)})");
                score -= 8;
            }
        }
        if (Range(pa) is { } ra && Range(pb) is { } rb)
        {
            if (WrittenAge.Compatible(ra.Range, ra.On, rb.Range, rb.On))
            {
                supports.Add($"The ages as written could be one man's ({pa.AgeAsWritten}, {pb.AgeAsWritten})");
                score += 1;
            }
            else
            {
                against.Add($"The ages as written cannot be one man's ({pa.AgeAsWritten} on {Date(ra.On)}, {pb.AgeAsWritten} on {Date(rb.On)})");
                score -= 4;
            }
        }
        if (shared.Count == 0)
        {
            against.Add("Nothing links them but the name: no child, vehicle, phone or place in common");
        }
        return new PersonPair(Side(known, pa), Side(known, pb), new PairEvidence(supports, against, score));
    }

    private static ((int, int) Range, DateOnly On)? Range(Person p) =>
        p.YoungestAge is { } y && p.OldestAge is { } o && p.AgeWrittenOn is { } on ? ((y, o), on) : null;

    private static PersonSide Side(Known known, Person p) => new(p.Id, p.Reference, p.DisplayName,
        [.. p.Names.Select(n => n.Kind == PersonNameKind.Nickname ? $"'{n.Value}'" : n.Value)],
        p.AgeAsWritten is null ? "Not known" : $"{p.AgeAsWritten}{(p.AgeWrittenOn is { } on ? $" (written {Date(on)})" : "")}",
        p.DateOfBirth is { } dob ? Date(dob) : null, p.Description, p.CreatedAt, p.OfConcern, p.MergedIntoId,
        [.. known.Agencies[p.Id].Order(StringComparer.Ordinal)], known.Linked[p.Id].Count(n => n.Kind == NodeKind.Child));

    private static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
