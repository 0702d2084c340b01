using System.Globalization;
using Lantern.Alerts;
using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

/// <summary>One link as the rules read it: its ends, type, grading, the record, agency and time it came from.</summary>
public sealed record LinkFact(Guid Id, NodeKind FromKind, Guid FromId, NodeKind ToKind, Guid ToId, LinkType Type, LinkConfidence Confidence, string? Grade,
    string RecordType, string RecordId, AgencyId? Agency, DateTimeOffset On, string? Note)
{
    public NodeRef From => new(FromKind, FromId);

    public NodeRef To => new(ToKind, ToId);

    /// <summary>The end that is not <paramref name="node"/>.</summary>
    public NodeRef Other(NodeRef node) => From == node ? To : From;
}

/// <summary>
/// The network's alert rules, evaluated as links arrive: after a record's mentions are read, after a batch of an
/// import is written, after a link is added by hand, after two person records are merged or the merge undone. Only
/// the neighbourhood of the new links is read (the links of each person and thing they touch, with a few queries for
/// the whole set, never one a link), so an import evaluates once a batch. Each rule finds when its evidence became
/// complete by walking the records in their own time order, so history replayed by an import raises the alerts that
/// would have been raised then, dated then (docs/adr/0020-network-alerts.md).
/// </summary>
public sealed partial class NetworkAlerts(LanternDbContext db, AlertService alerts, AuditTrail audit, MultipleVictimsRule multipleVictims, HotspotRule hotspot,
    IOptions<NetworkAlertOptions> options, TimeProvider time, ILogger<NetworkAlerts> logger)
{
    private const int Chunk = 500;

    private NetworkAlertOptions Options => options.Value;

    /// <summary>
    /// The one entry point once links are saved. The links are stored and acknowledged already, so a failure here is
    /// logged, never answered: the next link to the same person or thing evaluates the rules again.
    /// </summary>
    public async Task AfterLinksSavedAsync(IReadOnlyCollection<Link> links, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return;
        }
        try
        {
            await EvaluateAsync([.. links.SelectMany(l => new[] { l.From, l.To })], links.Select(l => l.Id).ToHashSet(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogEvaluationFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Links were stored, but evaluating the network's alert rules around them failed; the next link evaluates them again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);

    /// <summary>
    /// After two person records were merged: the links moved to the survivor are new evidence about him, so an alert is
    /// raised (the merge joined two men's children into one man's) or his open alert is joined.
    /// </summary>
    public async Task AfterMergeAsync(Guid survivor, IReadOnlyCollection<Guid> moved, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(moved);
        try
        {
            await EvaluateAsync([Node(survivor)], moved.ToHashSet(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogEvaluationFailed(logger, e);
        }
    }

    /// <summary>
    /// After a merge was undone: the records that went back to the other person leave the survivor's open alert (which
    /// says what it rests on now), and the other person is evaluated on his own links.
    /// </summary>
    public async Task AfterMergeUndoneAsync(Guid survivor, Guid merged, IReadOnlyCollection<Guid> movedBack, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(movedBack);
        try
        {
            await WithdrawMovedBackAsync(survivor, movedBack, ct);
            await EvaluateAsync([Node(merged)], movedBack.ToHashSet(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogEvaluationFailed(logger, e);
        }
    }

    private async Task WithdrawMovedBackAsync(Guid survivor, IReadOnlyCollection<Guid> movedBack, CancellationToken ct)
    {
        var subject = AlertSubject.OfNetwork(Node(survivor));
        var alert = await db.Alerts.Include(a => a.Evidence)
            .FirstOrDefaultAsync(a => a.Rule == multipleVictims.Key && a.SubjectType == subject.Type && a.SubjectId == subject.Id && a.ClosedAt == null, ct);
        if (alert is null || movedBack.Count == 0)
        {
            return;
        }
        var facts = new Facts();
        var ids = movedBack.ToList();
        var back = await db.Links.AsNoTracking().Where(l => ids.Contains(l.Id)).Select(l => new { l.RecordType, l.RecordId, l.FromKind, l.FromId, l.ToKind, l.ToId }).ToListAsync(ct);
        var still = await LinksOfAsync(NodeKind.Person, [survivor], null, ct);
        await ChildrenAsync(facts, back.Select(l => l.FromKind == NodeKind.Child ? l.FromId : l.ToId).Concat(still.Select(l => l.Other(Node(survivor)).Id)), ct);
        var standing = still.Where(l => l.Other(Node(survivor)).Kind == NodeKind.Child)
            .Select(l => (l.RecordType, l.RecordId, $"Child:{facts.Standing(l.Other(Node(survivor)).Id)}")).ToHashSet();
        var gone = back.Where(l => l.FromKind == NodeKind.Child || l.ToKind == NodeKind.Child)
            .Select(l => (l.RecordType, l.RecordId, $"Child:{facts.Standing(l.FromKind == NodeKind.Child ? l.FromId : l.ToId)}"))
            .Where(k => !standing.Contains(k)).ToHashSet();
        if (!alert.Evidence.Any(e => gone.Contains((e.RecordType, e.RecordReference, e.Member ?? ""))))
        {
            return;
        }
        var due = await MultipleVictimsAsync([survivor], null, facts, ct);
        var now = (due.Count > 0 ? due[0].Summary : null)
            ?? "Since a merge of two person records was undone, this person is no longer linked to enough children for the rule; the records that still join him are kept.";
        var left = alert.Withdraw(e => gone.Contains((e.RecordType, e.RecordReference, e.Member ?? "")), now, time.GetUtcNow());
        db.RemoveRange(left);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.AlertEvidenceWithdrawn, AlertService.RecordType, alert.Reference,
            $"{alert.Rule}; a merge undone took back {left.Count} records: {string.Join(", ", left.Select(e => e.RecordReference).Distinct(StringComparer.Ordinal))}"), ct);
    }

    /// <summary>
    /// Evaluates the rules about <paramref name="nodes"/>; an alert is raised or joined only where one of <paramref name="fresh"/>
    /// (the links just saved, or moved by a merge) is among its evidence, so evaluating again brings nothing twice.
    /// </summary>
    public async Task EvaluateAsync(IReadOnlyCollection<NodeRef> nodes, IReadOnlySet<Guid> fresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(fresh);
        if (fresh.Count == 0)
        {
            return;
        }
        var persons = nodes.Where(n => n.Kind == NodeKind.Person).Select(n => n.Id).Distinct().ToList();
        var things = nodes.Where(n => n.Kind is NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place).Distinct().ToList();
        var facts = new Facts();
        var dues = new List<AlertDue>();
        dues.AddRange(await MultipleVictimsAsync(persons, fresh, facts, ct));
        dues.AddRange(await HotspotsAsync(things, fresh, facts, ct));
        await SaveAsync(dues, facts, ct);
    }

    /// <summary>
    /// After a person was flagged as of concern: the lower threshold now applies to the records already linking him, so
    /// the alert is raised (or his open alert told again) without waiting for the next record.
    /// </summary>
    public async Task AfterFlaggedAsync(Guid person, CancellationToken ct)
    {
        try
        {
            var facts = new Facts();
            await SaveAsync(await MultipleVictimsAsync([person], null, facts, ct), facts, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            LogEvaluationFailed(logger, e);
        }
    }

    private async Task SaveAsync(IReadOnlyList<AlertDue> dues, Facts facts, CancellationToken ct)
    {
        if (dues.Count > 0)
        {
            await AgencyNamesAsync(facts, ct);
            await alerts.SaveWithAlertsAsync([.. dues.Select(d => d with { Evidence = [.. d.Evidence.Select(e => e with { Agency = facts.AgencyName(e.Agency) })] })], [], ct);
        }
    }

    /// <summary>What one evaluation has read, shared by the rules.</summary>
    private sealed class Facts
    {
        public Dictionary<Guid, (string Reference, PlaceType? Type)> Things { get; } = [];

        public Dictionary<Guid, bool> Generic { get; } = [];

        /// <summary>Each child record read, to the record that stands for it (a merged child's survivor).</summary>
        public Dictionary<Guid, Guid> Children { get; } = [];

        public Dictionary<string, string> Agencies { get; } = new(StringComparer.Ordinal);

        public string? AgencyName(string? id) => id is null ? null : Agencies.GetValueOrDefault(id, id);

        /// <summary>The child record that stands for <paramref name="child"/>: itself, or the record it was merged into.</summary>
        public Guid Standing(Guid child) => Children.GetValueOrDefault(child, child);

        /// <summary>Children's records put to a person as possibly one child, each to one record of its group.</summary>
        public Dictionary<Guid, Guid> PossiblyOne { get; } = [];

        /// <summary>
        /// The child a record counts as: records put to a person as possibly one child count once until someone decides they
        /// are two (a girl recorded twice by two agencies is not two girls).
        /// </summary>
        public Guid Counted(Guid child)
        {
            child = Standing(child);
            while (PossiblyOne.TryGetValue(child, out var up) && up != child)
            {
                child = up;
            }
            return child;
        }

        public void SamePossibly(Guid a, Guid b)
        {
            var (ra, rb) = (Counted(a), Counted(b));
            if (ra != rb)
            {
                PossiblyOne[rb] = ra;
            }
        }
    }

    // ---- Rule 1: an adult linked through concerning records to children of different households ----

    /// <summary>The alerts due about these adults: where <paramref name="fresh"/> is given, only those it brings evidence to.</summary>
    private async Task<IReadOnlyList<AlertDue>> MultipleVictimsAsync(List<Guid> ids, IReadOnlySet<Guid>? fresh, Facts facts, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var persons = new List<(Guid Id, string Reference, bool OfConcern)>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            persons.AddRange((await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.Id) && p.MergedIntoId == null)
                .Select(p => new { p.Id, p.Reference, p.OfConcern }).ToListAsync(ct)).Select(p => (p.Id, p.Reference, p.OfConcern)));
        }
        if (persons.Count == 0)
        {
            return [];
        }
        var links = await LinksOfAsync(NodeKind.Person, [.. persons.Select(p => p.Id)], null, ct);
        var byPerson = persons.ToDictionary(p => p.Id, _ => new List<LinkFact>());
        foreach (var l in links)
        {
            foreach (var end in (NodeRef[])[l.From, l.To])
            {
                if (end.Kind == NodeKind.Person && byPerson.TryGetValue(end.Id, out var list))
                {
                    list.Add(l);
                }
            }
        }
        var concerning = Options.Concerning;
        var household = Options.Household;
        // The places the adults live and work at, and every child they are linked to, read once for them all.
        var places = links.Select(l => l.FromKind == NodeKind.Place ? l.FromId : l.ToKind == NodeKind.Place ? l.ToId : Guid.Empty).Where(g => g != Guid.Empty);
        var childIds = links.SelectMany(l => new[] { l.From, l.To }).Where(n => n.Kind == NodeKind.Child).Select(n => n.Id).ToHashSet();
        var childLinks = await LinksOfAsync(NodeKind.Child, childIds, [.. household, LinkType.LivesAt], ct);
        await ChildrenAsync(facts, childIds.Concat(childLinks.SelectMany(l => new[] { l.From, l.To }).Where(n => n.Kind == NodeKind.Child).Select(n => n.Id)), ct);
        await ThingsAsync(facts, [.. places.Concat(childLinks.Where(l => l.Type == LinkType.LivesAt).Select(l => l.FromKind == NodeKind.Place ? l.FromId : l.ToId))
            .Distinct().Select(p => new NodeRef(NodeKind.Place, p))], ct);
        var households = new Households(facts, childLinks, household);
        var dues = new List<AlertDue>();
        foreach (var (id, reference, ofConcern) in persons)
        {
            var me = Node(id);
            var mine = byPerson[id];
            var homes = mine.Where(l => l.Type == LinkType.LivesAt && l.Other(me).Kind == NodeKind.Place && !facts.Generic.GetValueOrDefault(l.Other(me).Id))
                .Select(l => l.Other(me).Id).ToHashSet();
            var professional = mine.Any(l => l.Type == LinkType.WorksAt && l.Other(me).Kind == NodeKind.Place
                && facts.Things.TryGetValue(l.Other(me).Id, out var place) && place.Type is { } type && Options.Workplaces.Contains(type));
            // His own children, and children living where he lives, are his household: they do not count by that alone.
            var own = mine.Where(l => l.Other(me).Kind == NodeKind.Child && household.Contains(l.Type)).Select(l => facts.Counted(l.Other(me).Id))
                .Concat(childLinks.Where(l => l.Type == LinkType.LivesAt && homes.Contains(l.FromKind == NodeKind.Place ? l.FromId : l.ToId))
                    .Select(l => facts.Counted(l.FromKind == NodeKind.Child ? l.FromId : l.ToId)))
                .ToHashSet();
            var counted = mine.Where(l => l.Other(me).Kind == NodeKind.Child && concerning.Contains(l.Type) && !own.Contains(facts.Counted(l.Other(me).Id))
                    && !InRole(l, professional))
                .OrderBy(l => l.On).ThenBy(l => l.Id).ToList();
            var threshold = ofConcern ? Options.MultipleVictimsChildrenOfConcern : Options.MultipleVictimsChildren;
            var seen = new HashSet<Guid>();
            DateTimeOffset? complete = null;
            foreach (var l in counted)
            {
                seen.Add(households.Of(facts.Counted(l.Other(me).Id)));
                if (seen.Count >= threshold)
                {
                    complete = l.On;
                    break;
                }
            }
            if (complete is null || (fresh is not null && !counted.Any(l => fresh.Contains(l.Id))))
            {
                continue;
            }
            var records = counted.Select(l => facts.Standing(l.Other(me).Id)).Distinct().ToList();
            var children = records.Select(facts.Counted).Distinct().ToList();
            var groups = children.Select(households.Of).Distinct().Count();
            var agencies = counted.Select(l => l.Agency).Distinct().Count();
            var ofHouseholds = (groups == children.Count ? "" : string.Create(CultureInfo.InvariantCulture, $" of {groups} households"))
                + (records.Count == children.Count ? "" : string.Create(CultureInfo.InvariantCulture, $" ({records.Count} children's records, some possibly one child awaiting a decision)"));
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{reference}{(ofConcern ? ", a person of concern," : "")} is linked through concerning records to {children.Count} {(children.Count == 1 ? "child" : "children")}{ofHouseholds}, recorded by {agencies} {(agencies == 1 ? "agency" : "agencies")}.");
            dues.Add(new AlertDue(multipleVictims, AlertSubject.OfNetwork(me), summary,
                [.. counted.Select(l => Evidence(l, reference, new NodeRef(NodeKind.Child, facts.Standing(l.Other(me).Id))))], EvidenceCompleteAt: complete));
        }
        return dues;
    }

    /// <summary>Whether the adult was there in his role: the agency recorded him as a professional, or he works with children and the link is one his work explains.</summary>
    private bool InRole(LinkFact link, bool professional) =>
        (Link.RoleIn(link.Note) is { } role && Options.Professional.Contains(role)) || (professional && Options.InRole.Contains(link.Type));

    /// <summary>Children of one household (siblings, household members, living at one place that is not generic) counted once.</summary>
    private sealed class Households
    {
        private readonly Dictionary<Guid, Guid> _parent = [];

        public Households(Facts facts, IReadOnlyList<LinkFact> childLinks, IReadOnlySet<LinkType> household)
        {
            var carers = new Dictionary<NodeRef, Guid>();
            foreach (var l in childLinks.Where(l => household.Contains(l.Type)))
            {
                if (l.FromKind == NodeKind.Child && l.ToKind == NodeKind.Child)
                {
                    Join(facts.Counted(l.FromId), facts.Counted(l.ToId));
                }
                else if (l.FromKind == NodeKind.Child || l.ToKind == NodeKind.Child)
                {
                    // Children an agency records with one parent or carer (his children, his household) are one household.
                    var (child, carer) = l.FromKind == NodeKind.Child ? (l.FromId, l.To) : (l.ToId, l.From);
                    if (carers.TryGetValue(carer, out var first))
                    {
                        Join(first, facts.Counted(child));
                    }
                    else
                    {
                        carers[carer] = facts.Counted(child);
                    }
                }
            }
            foreach (var home in childLinks.Where(l => l.Type == LinkType.LivesAt).GroupBy(l => l.FromKind == NodeKind.Place ? l.FromId : l.ToId))
            {
                if (facts.Generic.GetValueOrDefault(home.Key))
                {
                    continue;
                }
                var living = home.Select(l => facts.Counted(l.FromKind == NodeKind.Child ? l.FromId : l.ToId)).Distinct().ToList();
                foreach (var child in living.Skip(1))
                {
                    Join(living[0], child);
                }
            }
        }

        public Guid Of(Guid child)
        {
            while (_parent.TryGetValue(child, out var up) && up != child)
            {
                child = up;
            }
            return child;
        }

        private void Join(Guid a, Guid b)
        {
            var (ra, rb) = (Of(a), Of(b));
            if (ra != rb)
            {
                _parent[rb] = ra;
            }
        }
    }

    // ---- Rule 2: a vehicle, phone or place linked to several children within months through concerning events ----

    private async Task<IReadOnlyList<AlertDue>> HotspotsAsync(List<NodeRef> things, IReadOnlySet<Guid> fresh, Facts facts, CancellationToken ct)
    {
        if (things.Count == 0)
        {
            return [];
        }
        await ThingsAsync(facts, things, ct);
        var candidates = things.Where(t => facts.Things.ContainsKey(t.Id) && !facts.Generic.GetValueOrDefault(t.Id)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }
        var kinds = Options.Hotspot;
        var links = new List<LinkFact>();
        foreach (var group in candidates.GroupBy(t => t.Kind))
        {
            links.AddRange(await LinksOfAsync(group.Key, [.. group.Select(t => t.Id)], kinds, ct));
        }
        await ChildrenAsync(facts, links.SelectMany(l => new[] { l.From, l.To }).Where(n => n.Kind == NodeKind.Child).Select(n => n.Id), ct);
        var inRole = await RecordsWithAProfessionalInRoleAsync(links, ct);
        var dues = new List<AlertDue>();
        foreach (var thing in candidates)
        {
            var around = links.Where(l => ((l.From == thing && l.ToKind == NodeKind.Child) || (l.To == thing && l.FromKind == NodeKind.Child)) && !inRole.Contains((l.RecordType, l.RecordId)))
                .OrderBy(l => l.On).ThenBy(l => l.Id).ToList();
            var (complete, evidence) = Window(around, l => facts.Counted(l.Other(thing).Id), Options.HotspotChildren, Options.HotspotMonths);
            if (complete is null || !evidence.Any(l => fresh.Contains(l.Id)))
            {
                continue;
            }
            var reference = facts.Things[thing.Id].Reference;
            var children = evidence.Select(l => facts.Counted(l.Other(thing).Id)).Distinct().Count();
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{NetworkRecords.KindName(thing.Kind)} {reference} is linked through concerning events to {children} children within {Options.HotspotMonths} months.");
            dues.Add(new AlertDue(hotspot, AlertSubject.OfNetwork(thing), summary,
                [.. evidence.Select(l => Evidence(l, reference, new NodeRef(NodeKind.Child, facts.Standing(l.Other(thing).Id))))], EvidenceCompleteAt: complete));
        }
        return dues;
    }

    /// <summary>
    /// The records among these links' that also name an adult there in his professional role: the agency gave his role as a
    /// professional's, or his link to the child is his work (works at, drives for). Children in a school's contracted minibus
    /// with its driver, or at a youth club's session with its worker, are where their day put them: such a record is not a
    /// concerning event about the vehicle or place, whatever else it says.
    /// </summary>
    private async Task<HashSet<(string, string)>> RecordsWithAProfessionalInRoleAsync(IReadOnlyList<LinkFact> links, CancellationToken ct)
    {
        var found = new HashSet<(string, string)>();
        var work = Options.WorkLinkTypes.ToList();
        foreach (var (type, chunk) in links.GroupBy(l => l.RecordType, StringComparer.Ordinal)
                     .SelectMany(g => g.Select(l => l.RecordId).Distinct(StringComparer.Ordinal).Chunk(Chunk).Select(c => (g.Key, c))))
        {
            var named = await db.Links.AsNoTracking()
                .Where(l => l.WithdrawnAt == null && l.RecordType == type && chunk.Contains(l.RecordId) && (l.FromKind == NodeKind.Person || l.ToKind == NodeKind.Person)
                    && (work.Contains(l.Type) || l.Note != null))
                .Select(l => new { l.RecordType, l.RecordId, l.Type, l.Note }).ToListAsync(ct);
            found.UnionWith(named.Where(l => work.Contains(l.Type) || (Link.RoleIn(l.Note) is { } role && Options.Professional.Contains(role))).Select(l => (l.RecordType, l.RecordId)));
        }
        return found;
    }

    /// <summary>
    /// Walks the links in time order with a window of <paramref name="months"/>: the time of the first link at which the window
    /// holds <paramref name="threshold"/> children (null if never), and every link of a window that held them.
    /// </summary>
    public static (DateTimeOffset? Complete, IReadOnlyList<LinkFact> Evidence) Window(IReadOnlyList<LinkFact> ordered, Func<LinkFact, Guid> child, int threshold, int months)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(child);
        DateTimeOffset? complete = null;
        var evidence = new HashSet<int>();
        var inWindow = new Dictionary<Guid, int>();
        var start = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = child(ordered[i]);
            inWindow[c] = inWindow.GetValueOrDefault(c) + 1;
            while (ordered[start].On < ordered[i].On.AddMonths(-months))
            {
                var gone = child(ordered[start]);
                if (--inWindow[gone] == 0)
                {
                    inWindow.Remove(gone);
                }
                start++;
            }
            if (inWindow.Count >= threshold)
            {
                complete ??= ordered[i].On;
                for (var j = start; j <= i; j++)
                {
                    evidence.Add(j);
                }
            }
        }
        return (complete, [.. evidence.Order().Select(i => ordered[i])]);
    }

    // ---- Reading, a few queries for the whole set ----

    private static NodeRef Node(Guid person) => new(NodeKind.Person, person);

    /// <summary>The links standing (not withdrawn) of these records of one kind, of the given types or all.</summary>
    private async Task<List<LinkFact>> LinksOfAsync(NodeKind kind, IReadOnlyCollection<Guid> ids, IReadOnlyCollection<LinkType>? types, CancellationToken ct)
    {
        var found = new List<LinkFact>();
        var typeList = types?.ToList();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var query = db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && ((l.FromKind == kind && chunk.Contains(l.FromId)) || (l.ToKind == kind && chunk.Contains(l.ToId))));
            if (typeList is not null)
            {
                query = query.Where(l => typeList.Contains(l.Type));
            }
            found.AddRange(await query.Select(l => new LinkFact(l.Id, l.FromKind, l.FromId, l.ToKind, l.ToId, l.Type, l.Confidence, l.IntelligenceGrade,
                l.RecordType, l.RecordId, l.SourceAgencyId, l.On, l.Note)).ToListAsync(ct));
        }
        return [.. found.DistinctBy(l => l.Id)];
    }

    /// <summary>
    /// The children's records not read yet, each to the record that stands for it, and the pairs of them put to a person as
    /// possibly one child (awaiting a decision), which count once.
    /// </summary>
    private async Task ChildrenAsync(Facts facts, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Where(id => !facts.Children.ContainsKey(id)).Distinct().Select(id => new ChildId(id)).ToList();
        var pairs = new List<(Guid, Guid)>();
        foreach (var chunk in wanted.Chunk(Chunk))
        {
            foreach (var c in await db.Children.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.MergedIntoId }).ToListAsync(ct))
            {
                facts.Children[c.Id.Value] = c.MergedIntoId?.Value ?? c.Id.Value;
            }
            pairs.AddRange((await db.IdentityMatches.AsNoTracking()
                    .Where(m => m.Status == IdentityMatchStatus.AwaitingReview && m.CandidateId != null && (chunk.Contains(m.ChildId) || chunk.Contains(m.CandidateId.Value)))
                    .Select(m => new { m.ChildId, m.CandidateId }).ToListAsync(ct))
                .Select(m => (m.ChildId.Value, m.CandidateId!.Value.Value)));
        }
        foreach (var (a, b) in pairs)
        {
            facts.SamePossibly(a, b);
        }
    }

    /// <summary>
    /// The vehicles, phones and places not read yet: their references, the place's type, and whether each is generic (set so by
    /// an administrator, of a generic type, or linked to more children than the setting allows: learned from the data).
    /// </summary>
    private async Task ThingsAsync(Facts facts, IReadOnlyCollection<NodeRef> things, CancellationToken ct)
    {
        var wanted = things.Where(t => !facts.Things.ContainsKey(t.Id)).ToList();
        foreach (var chunk in wanted.Chunk(Chunk))
        {
            var vehicles = chunk.Where(t => t.Kind == NodeKind.Vehicle).Select(t => t.Id).ToList();
            var phones = chunk.Where(t => t.Kind == NodeKind.Phone).Select(t => t.Id).ToList();
            var places = chunk.Where(t => t.Kind == NodeKind.Place).Select(t => t.Id).ToList();
            if (vehicles.Count > 0)
            {
                foreach (var v in await db.Vehicles.AsNoTracking().Where(v => vehicles.Contains(v.Id)).Select(v => new { v.Id, v.Reference }).ToListAsync(ct))
                {
                    facts.Things[v.Id] = (v.Reference, null);
                }
            }
            if (phones.Count > 0)
            {
                foreach (var p in await db.Phones.AsNoTracking().Where(p => phones.Contains(p.Id)).Select(p => new { p.Id, p.Reference }).ToListAsync(ct))
                {
                    facts.Things[p.Id] = (p.Reference, null);
                }
            }
            if (places.Count > 0)
            {
                foreach (var p in await db.Places.AsNoTracking().Where(p => places.Contains(p.Id)).Select(p => new { p.Id, p.Reference, p.Type }).ToListAsync(ct))
                {
                    facts.Things[p.Id] = (p.Reference, p.Type);
                }
            }
            var ids = chunk.Select(t => t.Id).ToList();
            // How many children each is linked to, by any link: what many children share is generic.
            var counts = (await db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && l.FromKind == NodeKind.Child && ids.Contains(l.ToId))
                    .GroupBy(l => l.ToId).Select(g => new { g.Key, Children = g.Select(l => l.FromId).Distinct().Count() }).ToListAsync(ct))
                .Concat(await db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && l.ToKind == NodeKind.Child && ids.Contains(l.FromId))
                    .GroupBy(l => l.FromId).Select(g => new { g.Key, Children = g.Select(l => l.ToId).Distinct().Count() }).ToListAsync(ct))
                .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Children));
            foreach (var id in ids.Where(facts.Things.ContainsKey))
            {
                var (reference, type) = facts.Things[id];
                facts.Generic[id] = !Options.NotGenericReferences.Contains(reference)
                    && (Options.GenericReferences.Contains(reference) || (type is { } t && Options.GenericTypes.Contains(t)) || counts.GetValueOrDefault(id) > Options.GenericChildren);
            }
        }
    }

    private async Task AgencyNamesAsync(Facts facts, CancellationToken ct)
    {
        var names = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        foreach (var a in names)
        {
            facts.Agencies[a.Id.ToString()] = a.Name;
        }
    }

    /// <summary>One record that joined a child to the alert's subject: the record, the agency, the date, the grading.</summary>
    private static AlertEvidenceText Evidence(LinkFact link, string subject, NodeRef child)
    {
        var grade = Link.Describe(link.Confidence) + (link.Grade is null ? "" : ", " + link.Grade);
        return new AlertEvidenceText(link.RecordType, link.RecordId, $"{subject}: {Link.Describe(link.Type)} (a child), {grade}", link.On,
            NetworkRecords.PagePath(child), child.ToString(), link.Agency?.ToString(), grade);
    }
}
