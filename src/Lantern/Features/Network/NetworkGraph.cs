using System.Globalization;
using System.Text;
using System.Xml;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>What the analyst asks of the network around a record: how many steps out, over which dates, which kinds of link, how sure.</summary>
public sealed record GraphFilter(int Steps, int? FromYear, int? ToYear, IReadOnlySet<LinkType>? Types, LinkConfidence? AtLeast)
{
    public const int MaxSteps = 3;

    public static GraphFilter Default { get; } = new(2, null, null, null, null);
}

/// <summary>A record on the graph: what it is, what it is called, how far from the centre, and where its page is.</summary>
public sealed record GraphNode(string Id, NodeRef Node, string Kind, string Label, string Path, int Step, bool OfConcern);

/// <summary>A link on the graph, with everything an analyst weighs it by.</summary>
public sealed record GraphEdge(string Id, string From, string To, string Type, string Confidence, string? Grade, string? Agency, DateTimeOffset On, string RecordType, string RecordId);

/// <summary>The network around a record as the reader may see it, and what was left out.</summary>
public sealed record GraphView(GraphNode Centre, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int HiddenChildren, bool Capped);

/// <summary>
/// The network around a child, person, vehicle, phone, place or context, a few steps out, read with the same need to know as
/// every network page: children the reader may not read about are left off (and counted), links carrying a police grade
/// are shown only to the roles that see them, withdrawn links never. At most <see cref="MaxNodes"/> records are drawn, the
/// nearest first, so that a youth club linked to half a town cannot make the page unusable.
/// </summary>
public sealed class NetworkGraph(LanternDbContext db, NetworkRecords network)
{
    public const int MaxNodes = 400;

    private const int MaxLinksAStep = 20_000;

    public async Task<GraphView?> AroundAsync(NodeRef centre, GraphFilter filter, CancellationToken ct) =>
        await network.MaySeeAsync(centre, ct) ? await AroundAsync([centre], [], filter, ct) : null;

    /// <summary>
    /// The network around several records at once (the members of an alert), each at the centre; members that are children
    /// the reader may not read about are left off and counted. Null when the reader may see none of them.
    /// </summary>
    public async Task<GraphView?> AroundAllAsync(IReadOnlyList<NodeRef> members, GraphFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(members);
        var visibleChildren = new Dictionary<Guid, bool>();
        await SeeChildrenAsync(members.Where(n => n.Kind == NodeKind.Child).Select(n => n.Id), visibleChildren, ct);
        var centres = new List<NodeRef>();
        var hidden = new List<Guid>();
        foreach (var member in members.Distinct())
        {
            if (member.Kind == NodeKind.Child ? visibleChildren[member.Id] : await network.MaySeeAsync(member, ct))
            {
                centres.Add(member);
            }
            else if (member.Kind == NodeKind.Child)
            {
                hidden.Add(member.Id);
            }
        }
        return centres.Count == 0 ? null : await AroundAsync(centres, hidden, filter, ct);
    }

    private async Task<GraphView> AroundAsync(IReadOnlyList<NodeRef> centres, IReadOnlyList<Guid> hiddenCentres, GraphFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var step = centres.ToDictionary(c => c, _ => 0);
        var edges = new Dictionary<Guid, Link>();
        var hidden = new HashSet<Guid>(hiddenCentres);
        var visibleChildren = new Dictionary<Guid, bool>();
        var frontier = centres.ToList();
        var capped = false;
        for (var s = 1; s <= Math.Clamp(filter.Steps, 1, GraphFilter.MaxSteps) && frontier.Count > 0 && !capped; s++)
        {
            var links = await LinksOfAsync(frontier, filter, ct);
            await SeeChildrenAsync(links.SelectMany(l => new[] { l.From, l.To }).Where(n => n.Kind == NodeKind.Child).Select(n => n.Id), visibleChildren, ct);
            var next = new List<NodeRef>();
            foreach (var link in links.OrderBy(l => l.On).ThenBy(l => l.Id))
            {
                if (edges.ContainsKey(link.Id))
                {
                    continue;
                }
                var ends = new[] { link.From, link.To };
                var hiddenEnd = ends.FirstOrDefault(n => n.Kind == NodeKind.Child && !visibleChildren.GetValueOrDefault(n.Id));
                if (hiddenEnd != default)
                {
                    hidden.Add(hiddenEnd.Id);
                    continue;
                }
                var fresh = ends.Where(n => !step.ContainsKey(n)).ToList();
                if (step.Count + fresh.Count > MaxNodes)
                {
                    capped = true;
                    continue;
                }
                foreach (var n in fresh)
                {
                    step[n] = s;
                    next.Add(n);
                }
                edges[link.Id] = link;
            }
            frontier = next;
        }
        var names = await network.NamesOfAsync([.. step.Keys], ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        GraphNode ToNode(NodeRef n)
        {
            var (name, concern) = names.TryGetValue(n, out var known) ? known : ("(record not found)", false);
            return new GraphNode(Key(n), n, NetworkRecords.KindName(n.Kind), name, NetworkRecords.PagePath(n), step[n], concern);
        }
        var nodes = step.Keys.Select(ToNode).OrderBy(n => n.Step).ThenBy(n => n.Kind, StringComparer.Ordinal).ThenBy(n => n.Label, StringComparer.CurrentCulture).ToList();
        var graphEdges = edges.Values.OrderBy(l => l.On).ThenBy(l => l.Id).Select(l => new GraphEdge(l.Id.ToString(), Key(l.From), Key(l.To), Link.Describe(l.Type),
            Link.Describe(l.Confidence), l.IntelligenceGrade, l.SourceAgencyId is { } a && agencies.TryGetValue(a, out var agency) ? agency : null, l.On, l.RecordType, l.RecordId)).ToList();
        return new GraphView(nodes[0], nodes, graphEdges, hidden.Count, capped);
    }

    public static string Key(NodeRef node) => $"{NetworkRecords.Segment(node.Kind)}-{node.Id}";

    /// <summary>The links of the frontier the filter lets through, in chunks so that no query carries thousands of ids.</summary>
    private async Task<List<Link>> LinksOfAsync(IReadOnlyList<NodeRef> frontier, GraphFilter filter, CancellationToken ct)
    {
        var result = new List<Link>();
        var from = filter.FromYear is { } fy ? new DateTimeOffset(fy, 1, 1, 0, 0, 0, TimeSpan.Zero) : (DateTimeOffset?)null;
        var to = filter.ToYear is { } ty ? new DateTimeOffset(ty + 1, 1, 1, 0, 0, 0, TimeSpan.Zero) : (DateTimeOffset?)null;
        foreach (var chunk in frontier.Select(n => n.Id).Distinct().Chunk(200))
        {
            var query = db.Links.AsNoTracking().Where(l => l.WithdrawnAt == null && (chunk.Contains(l.FromId) || chunk.Contains(l.ToId)));
            if (from is { } f)
            {
                query = query.Where(l => l.On >= f);
            }
            if (to is { } t)
            {
                query = query.Where(l => l.On < t);
            }
            if (filter.AtLeast is { } least)
            {
                // Confirmed is 1, tentative 2, unconfirmed 3: at least tentative keeps 1 and 2.
                query = query.Where(l => l.Confidence <= least);
            }
            if (!network.SeesIntelligence)
            {
                query = query.Where(l => l.IntelligenceGrade == null);
            }
            result.AddRange(await query.OrderBy(l => l.On).Take(MaxLinksAStep).ToListAsync(ct));
        }
        var ids = frontier.ToHashSet();
        return [.. result.Where(l => (ids.Contains(l.From) || ids.Contains(l.To)) && (filter.Types is null || filter.Types.Contains(l.Type))).DistinctBy(l => l.Id)];
    }

    private async Task SeeChildrenAsync(IEnumerable<Guid> ids, Dictionary<Guid, bool> seen, CancellationToken ct)
    {
        var unknown = ids.Where(i => !seen.ContainsKey(i)).Distinct().ToList();
        foreach (var chunk in unknown.Chunk(500))
        {
            var mine = await network.VisibleChildrenAsync([.. chunk.Select(i => new ChildId(i))], ct);
            foreach (var id in chunk)
            {
                seen[id] = mine.Contains(new ChildId(id));
            }
        }
    }

    /// <summary>The graph as GraphML (nodes and links with their attributes), for analysts' own tools.</summary>
    public static string GraphMl(GraphView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            xml.WriteStartElement("graphml", "http://graphml.graphdrawing.org/xmlns");
            void Key(string id, string on, string name)
            {
                xml.WriteStartElement("key");
                xml.WriteAttributeString("id", id);
                xml.WriteAttributeString("for", on);
                xml.WriteAttributeString("attr.name", name);
                xml.WriteAttributeString("attr.type", "string");
                xml.WriteEndElement();
            }
            foreach (var (id, on) in new[] { ("kind", "node"), ("label", "node"), ("step", "node"), ("ofConcern", "node"), ("type", "edge"), ("confidence", "edge"), ("grade", "edge"),
                ("agency", "edge"), ("on", "edge"), ("recordType", "edge"), ("recordId", "edge") })
            {
                Key(id, on, id);
            }
            xml.WriteStartElement("graph");
            xml.WriteAttributeString("id", view.Centre.Id);
            xml.WriteAttributeString("edgedefault", "undirected");
            void Data(string key, string? value)
            {
                if (value is null)
                {
                    return;
                }
                xml.WriteStartElement("data");
                xml.WriteAttributeString("key", key);
                xml.WriteString(value);
                xml.WriteEndElement();
            }
            foreach (var n in view.Nodes)
            {
                xml.WriteStartElement("node");
                xml.WriteAttributeString("id", n.Id);
                Data("kind", n.Kind);
                Data("label", n.Label);
                Data("step", n.Step.ToString(CultureInfo.InvariantCulture));
                Data("ofConcern", n.OfConcern ? "yes" : "no");
                xml.WriteEndElement();
            }
            foreach (var e in view.Edges)
            {
                xml.WriteStartElement("edge");
                xml.WriteAttributeString("id", e.Id);
                xml.WriteAttributeString("source", e.From);
                xml.WriteAttributeString("target", e.To);
                Data("type", e.Type);
                Data("confidence", e.Confidence);
                Data("grade", e.Grade);
                Data("agency", e.Agency);
                Data("on", e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Data("recordType", e.RecordType);
                Data("recordId", e.RecordId);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return text.ToString();
    }

    /// <summary>The graph's links as CSV, one a line with both ends named, for a spreadsheet or an analyst's chart.</summary>
    public static string Csv(GraphView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var byId = view.Nodes.ToDictionary(n => n.Id);
        var text = new StringBuilder("from_kind,from,to_kind,to,link,confidence,grade,agency,date,record_type,record_id\r\n");
        foreach (var e in view.Edges)
        {
            var (a, b) = (byId[e.From], byId[e.To]);
            text.AppendJoin(',', new[] { a.Kind, a.Label, b.Kind, b.Label, e.Type, e.Confidence, e.Grade ?? "", e.Agency ?? "", e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                e.RecordType, e.RecordId }.Select(Chronology.ChronologyExportCsv.Field)).Append("\r\n");
        }
        return text.ToString();
    }
}
