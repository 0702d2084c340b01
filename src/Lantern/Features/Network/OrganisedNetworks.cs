using System.Globalization;
using Lantern.Alerts;
using Lantern.Data;
using Lantern.Domain.Alerts;
using Lantern.Domain.Network;
using Lantern.Jobs;
using Lantern.Linking.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

/// <summary>
/// The possible organised network (docs/network.md, "Alerts"): a connected group of children and adults joined by
/// concerning links, found over the whole network by the scheduled work, because a group can only be seen whole. The graph
/// is read from the links standing: an adult to a child by a concerning link (not in his role, not his household's
/// child), a child to a vehicle, phone or place by a concerning event (not a generic one, not a record of a worker there
/// for his work), an adult to the vehicles, phones and places he uses, and children seen together (named in one such
/// record, or linked to each other as missing or seen together), which join groups but are never an adult. Large groups
/// are split into communities with Leiden (ADR 0017). A group that meets the thresholds raises one alert, or, when it
/// shares members with an open one, adds to that alert: a new link that joins two groups, or a merge of two identities,
/// updates the existing alert rather than adding one.
/// </summary>
public sealed class OrganisedNetworks(LanternDbContext db, AlertService alerts, OrganisedNetworkRule rule, IOptions<NetworkAlertOptions> options, OrganisedNetworkState state)
    : IScheduledWork
{
    private NetworkAlertOptions Options => options.Value;

    /// <summary>Link types between an adult and the vehicles, phones and places he uses: they join his children to those of the others who use them.</summary>
    private static readonly LinkType[] Uses =
        [LinkType.Drives, LinkType.KeeperOf, LinkType.UsesPhone, LinkType.LivesAt, LinkType.OperatorOf, LinkType.WorksAt, LinkType.DrivesFor];

    /// <summary>Link types between two children that say they were together.</summary>
    private static readonly LinkType[] Together = [LinkType.MissingWith, LinkType.SeenWith, LinkType.AssociatesWith];

    public async Task RunAsync(CancellationToken ct)
    {
        // Only when the links have changed since this node last looked: the whole network is read.
        var mark = await db.Links.AsNoTracking().GroupBy(_ => 1).Select(g => new { Count = g.Count(), Last = g.Max(l => l.RecordedAt), Gone = g.Max(l => l.WithdrawnAt) })
            .SingleOrDefaultAsync(ct);
        var now = (mark?.Count ?? 0, mark?.Last, mark?.Gone);
        if (state.Seen == now)
        {
            return;
        }
        await EvaluateAsync(ct);
        state.Seen = now;
    }

    /// <summary>A link of the graph: the record that made it (none for a man's car, or children named in one record), and when it held from.</summary>
    private sealed record Edge(int A, int B, LinkFact? Evidence, DateTimeOffset? On);

    /// <summary>Reads the network, finds the groups and raises or updates their alerts; returns how many alerts were raised or updated.</summary>
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var o = Options;
        var concerning = o.Concerning.ToList();
        var hotspot = o.Hotspot.ToList();
        var household = o.Household.ToList();
        var read = concerning.Concat(hotspot).Concat(household).Concat(Uses).Concat(Together).Distinct().ToList();
        var links = await db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && read.Contains(l.Type))
            .Select(l => new LinkFact(l.Id, l.FromKind, l.FromId, l.ToKind, l.ToId, l.Type, l.Confidence, l.IntelligenceGrade, l.RecordType, l.RecordId, l.SourceAgencyId, l.On, l.Note))
            .ToListAsync(ct);
        var merged = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId != null).Select(p => p.Id).ToListAsync(ct);
        var mergedChildren = await db.Children.AsNoTracking().Where(c => c.MergedIntoId != null).Select(c => c.Id).ToListAsync(ct);
        var gone = merged.Concat(mergedChildren.Select(c => c.Value)).ToHashSet();
        links = [.. links.Where(l => !gone.Contains(l.FromId) && !gone.Contains(l.ToId))];
        var generic = await GenericThingsAsync(links, ct);
        var inRole = links.Where(l => o.WorkLinkTypes.Contains(l.Type) && (l.FromKind == NodeKind.Child || l.ToKind == NodeKind.Child))
            .Select(l => (l.RecordType, l.RecordId)).ToHashSet();
        var householdPairs = links.Where(l => household.Contains(l.Type)).Select(l => (l.FromId, l.ToId)).SelectMany(p => new[] { p, (p.ToId, p.FromId) }).ToHashSet();

        var index = new Dictionary<NodeRef, int>();
        var nodes = new List<NodeRef>();
        int Of(NodeRef n)
        {
            if (!index.TryGetValue(n, out var i))
            {
                index[n] = i = nodes.Count;
                nodes.Add(n);
            }
            return i;
        }
        static bool IsThing(NodeKind k) => k is NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place;
        var edges = new List<Edge>();
        var childrenOfRecord = new Dictionary<(string, string), List<(int Child, DateTimeOffset On)>>();
        foreach (var l in links)
        {
            var (from, to) = (l.From, l.To);
            var child = from.Kind == NodeKind.Child ? from : to.Kind == NodeKind.Child ? to : default;
            var other = child == from ? to : from;
            if (child != default && other.Kind == NodeKind.Person && concerning.Contains(l.Type))
            {
                // An adult and a child: concerning, unless he was there in his role or she is of his household.
                if ((Link.RoleIn(l.Note) is { } role && o.Professional.Contains(role)) || inRole.Contains((l.RecordType, l.RecordId)) || householdPairs.Contains((from.Id, to.Id)))
                {
                    continue;
                }
            }
            else if (child != default && IsThing(other.Kind) && hotspot.Contains(l.Type))
            {
                if (generic.Contains(other.Id) || inRole.Contains((l.RecordType, l.RecordId)))
                {
                    continue;
                }
            }
            else if (from.Kind == NodeKind.Person && IsThing(to.Kind) && Uses.Contains(l.Type) || to.Kind == NodeKind.Person && IsThing(from.Kind) && Uses.Contains(l.Type))
            {
                if (generic.Contains(IsThing(to.Kind) ? to.Id : from.Id))
                {
                    continue;
                }
                edges.Add(new Edge(Of(from), Of(to), null, null));
                continue;
            }
            else if (from.Kind == NodeKind.Child && to.Kind == NodeKind.Child && Together.Contains(l.Type))
            {
                edges.Add(new Edge(Of(from), Of(to), l, l.On));
                continue;
            }
            else
            {
                continue;
            }
            edges.Add(new Edge(Of(from), Of(to), l, l.On));
            var key = (l.RecordType, l.RecordId);
            if (!childrenOfRecord.TryGetValue(key, out var together))
            {
                childrenOfRecord[key] = together = [];
            }
            together.Add((Of(child), l.On));
        }
        // Children named in one concerning record were together: a chain joins them without a link for every pair.
        foreach (var record in childrenOfRecord.Values)
        {
            var together = record.Select(c => c.Child).Distinct().ToList();
            for (var i = 1; i < together.Count; i++)
            {
                edges.Add(new Edge(together[i - 1], together[i], null, record.Min(c => c.On)));
            }
        }
        var groups = Groups(nodes, edges);
        return await SaveAsync(groups, nodes, edges, ct);
    }

    /// <summary>The groups meeting the thresholds: whole components, or the communities of a large one.</summary>
    private List<List<int>> Groups(List<NodeRef> nodes, List<Edge> edges)
    {
        var o = Options;
        var graph = WeightedGraph.FromEdges(nodes.Count, edges.Select(e => new WeightedEdge(e.A, e.B, Weight(e.Evidence))));
        var components = ConnectedComponents.Find(graph);
        bool Meets(IEnumerable<int> members) =>
            members.Count(m => nodes[m].Kind == NodeKind.Child) >= o.OrganisedNetworkChildren && members.Count(m => nodes[m].Kind == NodeKind.Person) >= o.OrganisedNetworkAdults;
        var byComponent = Enumerable.Range(0, nodes.Count).GroupBy(n => components.ComponentOf[n]).Select(g => g.ToList()).Where(Meets).ToList();
        var groups = byComponent.Where(c => c.Count <= o.OrganisedNetworkLargeGroup).ToList();
        if (byComponent.Any(c => c.Count > o.OrganisedNetworkLargeGroup))
        {
            // A school or a youth club can join half a town: a large group is where to look, its communities what to show.
            var communities = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 1 });
            groups.AddRange(byComponent.Where(c => c.Count > o.OrganisedNetworkLargeGroup)
                .SelectMany(c => c.GroupBy(n => communities.CommunityOf[n]).Select(g => g.ToList())).Where(Meets));
        }
        return groups;
    }

    /// <summary>How much a link holds a group together: a confirmed link three times an unconfirmed one.</summary>
    private static double Weight(LinkFact? link) => link?.Confidence switch
    {
        LinkConfidence.Confirmed => 3,
        LinkConfidence.Tentative => 2,
        _ => 1,
    };

    private async Task<int> SaveAsync(List<List<int>> groups, List<NodeRef> nodes, List<Edge> edges, CancellationToken ct)
    {
        if (groups.Count == 0)
        {
            return 0;
        }
        var raised = await db.Alerts.AsNoTracking().Include(a => a.Evidence).Where(a => a.Rule == rule.Key).AsSplitQuery().ToListAsync(ct);
        var open = raised.Where(a => a.ClosedAt == null).ToList();
        var closed = raised.Where(a => a.ClosedAt != null).ToList();
        var groupOf = new Dictionary<int, int>();
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var n in groups[g])
            {
                groupOf[n] = g;
            }
        }
        var persons = nodes.Where(n => n.Kind == NodeKind.Person).Select(n => n.Id).ToList();
        var references = new Dictionary<Guid, string>();
        foreach (var chunk in persons.Chunk(500))
        {
            foreach (var p in await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Reference }).ToListAsync(ct))
            {
                references[p.Id] = p.Reference;
            }
        }
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id.ToString(), a => a.Name, ct);
        var edgesOf = edges.Where(e => groupOf.TryGetValue(e.A, out var a) && groupOf.TryGetValue(e.B, out var b) && a == b).ToLookup(e => groupOf[e.A]);
        var dues = new List<AlertDue>();
        for (var g = 0; g < groups.Count; g++)
        {
            var inGroup = edgesOf[g].Where(e => e.Evidence is not null).ToList();
            var members = groups[g].Select(n => nodes[n]).ToList();
            var memberKeys = members.Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
            var children = members.Count(m => m.Kind == NodeKind.Child);
            var adults = members.Where(m => m.Kind == NodeKind.Person).ToList();
            // The group's alert already open (it shares a member) is updated; otherwise its subject is the adult linked to most of its children.
            var existing = open.FirstOrDefault(a => a.Evidence.Any(e => e.Member is { } m && memberKeys.Contains(m)));
            var lead = adults.OrderByDescending(a => inGroup.Count(e => nodes[e.A] == a || nodes[e.B] == a)).ThenBy(a => a.Id).First();
            var subject = existing is null ? AlertSubject.OfNetwork(lead) : new AlertSubject(existing.SubjectType, existing.SubjectId);
            var evidence = inGroup.SelectMany(e => Evidence(e.Evidence!, nodes[e.A], nodes[e.B], references, agencies)).ToList();
            if (existing is not null && evidence.All(e => existing.Evidence.Any(x => x.RecordType == e.RecordType && x.RecordReference == e.RecordReference && x.Member == e.Member)))
            {
                continue;
            }
            // A group whose alert was closed is raised again only on evidence its closed alert did not hold: closing it was a
            // decision about those records, and the job looking again (another link elsewhere, a restart) is not news.
            if (existing is null && closed.Any(c => c.Evidence.Any(e => e.Member is { } m && memberKeys.Contains(m))
                    && evidence.All(e => c.Evidence.Any(x => x.RecordType == e.RecordType && x.RecordReference == e.RecordReference && x.Member == e.Member))))
            {
                continue;
            }
            var agencyCount = inGroup.Select(e => e.Evidence!.Agency).Distinct().Count();
            var things = members.Count(m => m.Kind is NodeKind.Vehicle or NodeKind.Phone or NodeKind.Place);
            var named = string.Join(", ", adults.Select(a => references.GetValueOrDefault(a.Id, a.Id.ToString())).Take(10)) + (adults.Count > 10 ? ", ..." : "");
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"A connected group of {children} children and {adults.Count} adults ({named}) joined by concerning records of {agencyCount} {(agencyCount == 1 ? "agency" : "agencies")}{(things == 0 ? "" : $", with {things} vehicles, phones or places")}.");
            dues.Add(new AlertDue(rule, subject, summary, evidence, EvidenceCompleteAt: Complete(groups[g], nodes, edgesOf[g])));
        }
        await alerts.SaveWithAlertsAsync(dues, [], ct);
        return dues.Count;
    }

    /// <summary>When the group's evidence first met the thresholds: its links joined in the order of the time they record.</summary>
    private DateTimeOffset? Complete(List<int> group, List<NodeRef> nodes, IEnumerable<Edge> edges)
    {
        var parent = group.ToDictionary(n => n, n => n);
        var counts = group.ToDictionary(n => n, n => (Children: nodes[n].Kind == NodeKind.Child ? 1 : 0, Adults: nodes[n].Kind == NodeKind.Person ? 1 : 0));
        int Root(int n)
        {
            while (parent[n] != n)
            {
                n = parent[n] = parent[parent[n]];
            }
            return n;
        }
        // Links with no time of their own (a man's car, children in one record) hold from the start.
        foreach (var e in edges.OrderBy(e => e.On ?? DateTimeOffset.MinValue))
        {
            var (a, b) = (Root(e.A), Root(e.B));
            if (a != b)
            {
                parent[b] = a;
                counts[a] = (counts[a].Children + counts[b].Children, counts[a].Adults + counts[b].Adults);
            }
            if (e.On is { } on && counts[a].Children >= Options.OrganisedNetworkChildren && counts[a].Adults >= Options.OrganisedNetworkAdults)
            {
                return on;
            }
        }
        return null;
    }

    private static IEnumerable<AlertEvidenceText> Evidence(LinkFact link, NodeRef a, NodeRef b, Dictionary<Guid, string> references, Dictionary<string, string> agencies)
    {
        var grade = Link.Describe(link.Confidence) + (link.Grade is null ? "" : ", " + link.Grade);
        var agency = link.Agency is { } id ? agencies.GetValueOrDefault(id.ToString(), id.ToString()) : null;
        foreach (var member in new[] { a, b }.Where(n => n.Kind is NodeKind.Child or NodeKind.Person))
        {
            var other = member == a ? b : a;
            var name = other.Kind == NodeKind.Person ? references.GetValueOrDefault(other.Id, "an adult") : NetworkRecords.KindName(other.Kind).ToLowerInvariant();
            yield return new AlertEvidenceText(link.RecordType, link.RecordId, $"{Link.Describe(link.Type)}: {name}, {grade}", link.On,
                NetworkRecords.PagePath(member), member.ToString(), agency, grade);
        }
    }

    /// <summary>The vehicles, phones and places that are generic (by type, by an administrator, or linked to more children than the setting allows).</summary>
    private async Task<HashSet<Guid>> GenericThingsAsync(List<LinkFact> links, CancellationToken ct)
    {
        var o = Options;
        var childrenOf = links.Where(l => (l.FromKind == NodeKind.Child) != (l.ToKind == NodeKind.Child))
            .Select(l => l.FromKind == NodeKind.Child ? (Thing: l.ToId, Child: l.FromId) : (Thing: l.FromId, Child: l.ToId))
            .GroupBy(x => x.Thing).ToDictionary(g => g.Key, g => g.Select(x => x.Child).Distinct().Count());
        var generic = childrenOf.Where(c => c.Value > o.GenericChildren).Select(c => c.Key).ToHashSet();
        var types = o.GenericTypes.ToList();
        generic.UnionWith(await db.Places.AsNoTracking().Where(p => types.Contains(p.Type)).Select(p => p.Id).ToListAsync(ct));
        var named = o.GenericReferences.ToList();
        if (named.Count > 0)
        {
            generic.UnionWith(await db.Places.AsNoTracking().Where(p => named.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
            generic.UnionWith(await db.Vehicles.AsNoTracking().Where(p => named.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
            generic.UnionWith(await db.Phones.AsNoTracking().Where(p => named.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
        }
        var notGeneric = o.NotGenericReferences.ToList();
        if (notGeneric.Count > 0)
        {
            generic.ExceptWith(await db.Places.AsNoTracking().Where(p => notGeneric.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
            generic.ExceptWith(await db.Vehicles.AsNoTracking().Where(p => notGeneric.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
            generic.ExceptWith(await db.Phones.AsNoTracking().Where(p => notGeneric.Contains(p.Reference)).Select(p => p.Id).ToListAsync(ct));
        }
        return generic;
    }
}

/// <summary>What the links looked like when this node last evaluated the organised networks: unchanged links need no new look.</summary>
public sealed class OrganisedNetworkState
{
    public (int Count, DateTimeOffset? Last, DateTimeOffset? Withdrawn)? Seen { get; set; }
}
