namespace Lantern.Linking.Bench;

/// <summary>A generated edge list: link ends and weights, node numbers 0..Nodes-1.</summary>
internal sealed record EdgeList(int Nodes, int[] Sources, int[] Targets, double[] Weights, string Description);

/// <summary>
/// A synthetic network shaped like a region's safeguarding links, and hard for community detection:
/// - isolated records and many small separate groups (a child, a parent, a car; a handful of friends);
/// - a few large components, the largest about a third of all nodes, each made of planted communities whose
///   sizes are heavy-tailed (many groups of ten, a few of thousands), with a share of each community's links
///   (10% to 45%, drawn per community) going to other communities, most to neighbouring ones (the same estate),
///   the rest anywhere in the component;
/// - popular members inside a community (a few people named in many links);
/// - hubs: places such as schools, youth clubs and takeaways, each linked to hundreds or thousands of people,
///   mostly from a catchment of nearby communities;
/// - link weights as the confidence of a link: 3 confirmed, 2 tentative, 1 unconfirmed; a place's links are
///   unconfirmed (being at the same school says little), links between communities are mostly weak.
/// Node numbers are shuffled, as record numbers in a database follow the order records arrived in, not the
/// network's shape. The same seed gives the same graph.
/// </summary>
internal sealed class SafeguardingNetworkGraph
{
    private readonly Random _random;
    private readonly HashSet<long> _seen;
    private readonly int[] _sources;
    private readonly int[] _targets;
    private readonly double[] _weights;
    private int _count;

    private SafeguardingNetworkGraph(int edges, int seed)
    {
        _random = new Random(seed);
        _seen = new HashSet<long>(edges);
        _sources = new int[edges];
        _targets = new int[edges];
        _weights = new double[edges];
    }

    public static EdgeList Generate(int nodes, int edges, int seed)
    {
        if (nodes < 1000 || edges < nodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), "Use at least 1,000 nodes and as many links as nodes.");
        }
        return new SafeguardingNetworkGraph(edges, seed).Build(nodes, edges);
    }

    private EdgeList Build(int nodes, int edges)
    {
        var isolated = nodes / 20;
        var smallNodes = nodes / 4;
        var largeNodes = nodes - isolated - smallNodes;

        // Small components: sizes 2.. heavy-tailed, a tree plus a few extra links each.
        var next = isolated;
        var smallComponents = 0;
        while (next < isolated + smallNodes)
        {
            var size = Math.Min(2 + (int)Pareto(1, 1.6, 60), isolated + smallNodes - next);
            if (size < 2)
            {
                break;
            }
            for (var i = 1; i < size; i++)
            {
                Add(next + i, next + _random.Next(i), StrongWeight());
            }
            for (var extra = 0; extra < size / 2; extra++)
            {
                Add(next + _random.Next(size), next + _random.Next(size), StrongWeight());
            }
            next += size;
            smallComponents++;
        }
        next = isolated + smallNodes;

        // Large components, split into planted communities.
        double[] shares = [0.48, 0.18, 0.12, 0.09, 0.07, 0.06];
        var components = new List<LargeComponent>();
        var placed = 0;
        for (var c = 0; c < shares.Length; c++)
        {
            var size = c == shares.Length - 1 ? largeNodes - placed : (int)(largeNodes * shares[c]);
            components.Add(Plant(next + placed, size));
            placed += size;
        }

        // Hubs: one per 4,000 nodes, degree heavy-tailed from 300 up to 30,000 (bounded by the component).
        var hubCount = Math.Max(1, nodes / 4000);
        var hubLinks = 0;
        var hubDegrees = new List<int>();
        for (var h = 0; h < hubCount; h++)
        {
            var component = components[Math.Min(components.Count - 1, (int)(Math.Pow(_random.NextDouble(), 1.5) * components.Count))];
            var degree = Math.Min((int)Pareto(300, 1.3, 30_000), component.Size / 3);
            var community = _random.Next(component.Communities.Count);
            var hub = component.Communities[community].Start + _random.Next(component.Communities[community].Size);
            var made = 0;
            for (var attempt = 0; made < degree && attempt < degree * 3; attempt++)
            {
                // Most of a school's pupils live within a few neighbourhoods of it.
                var target = _random.NextDouble() < 0.7
                    ? component.Communities[Nearby(community, component.Communities.Count, 8)].Pick(_random)
                    : component.Start + _random.Next(component.Size);
                if (Add(hub, target, 1))
                {
                    made++;
                }
            }
            hubLinks += made;
            hubDegrees.Add(made);
        }

        // The rest of the budget: links within and between communities, spread over components by size.
        var remaining = edges - _count;
        foreach (var component in components)
        {
            var budget = _count + (int)((long)remaining * component.Size / largeNodes);
            FillComponent(component, Math.Min(budget, edges));
        }
        var guard = 0;
        while (_count < edges && guard++ < 100)
        {
            FillComponent(components[0], edges);
        }

        var relabel = new int[nodes];
        for (var i = 0; i < nodes; i++)
        {
            relabel[i] = i;
        }
        _random.Shuffle(relabel);
        for (var e = 0; e < _count; e++)
        {
            _sources[e] = relabel[_sources[e]];
            _targets[e] = relabel[_targets[e]];
        }
        var communityCount = components.Sum(c => c.Communities.Count);
        var largestCommunity = components.Max(c => c.Communities.Max(x => x.Size));
        hubDegrees.Sort();
        var description = $"{nodes:N0} nodes, {_count:N0} links: {isolated:N0} isolated, {smallNodes:N0} in {smallComponents:N0} small components, "
            + $"{largeNodes:N0} in {components.Count} large ones ({string.Join(", ", components.Select(c => c.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}) "
            + $"holding {communityCount:N0} planted communities (largest {largestCommunity:N0}); {hubCount} hubs with {hubLinks:N0} links "
            + $"(median degree {hubDegrees[hubDegrees.Count / 2]:N0}, {hubDegrees.Count(d => d >= 1000)} over 1,000, largest {hubDegrees[^1]:N0})";
        return new EdgeList(nodes, _sources[.._count], _targets[.._count], _weights[.._count], description);
    }

    private sealed record Community(int Start, int Size, double Mixing)
    {
        /// <summary>A member, favouring the first ones: some people are named in many more links than others.</summary>
        public int Pick(Random random) => Start + (int)(Size * Math.Pow(random.NextDouble(), 1.8));
    }

    private sealed record LargeComponent(int Start, int Size, List<Community> Communities, int[] CommunityOf);

    private LargeComponent Plant(int start, int size)
    {
        var communities = new List<Community>();
        var placed = 0;
        while (placed < size)
        {
            var s = Math.Min((int)Pareto(8, 1.4, 5000), size - placed);
            if (size - placed - s < 8)
            {
                s = size - placed;
            }
            communities.Add(new Community(start + placed, s, 0.1 + (0.35 * _random.NextDouble())));
            placed += s;
        }
        var communityOf = new int[size];
        for (var c = 0; c < communities.Count; c++)
        {
            var community = communities[c];
            for (var i = 0; i < community.Size; i++)
            {
                communityOf[community.Start - start + i] = c;
            }
            // A tree keeps every community, and a link to the previous one every component, in one piece.
            for (var i = 1; i < community.Size; i++)
            {
                Add(community.Start + i, community.Start + _random.Next(i), StrongWeight());
            }
            if (c > 0)
            {
                Add(community.Pick(_random), communities[c - 1].Pick(_random), WeakWeight());
            }
        }
        return new LargeComponent(start, size, communities, communityOf);
    }

    private void FillComponent(LargeComponent component, int until)
    {
        var attempts = 0L;
        var limit = 4L * (until - _count) + 1000;
        while (_count < until && attempts++ < limit)
        {
            var u = component.Start + _random.Next(component.Size);
            var c = component.CommunityOf[u - component.Start];
            var community = component.Communities[c];
            if (_random.NextDouble() < community.Mixing)
            {
                var other = _random.NextDouble() < 0.6
                    ? component.Communities[Nearby(c, component.Communities.Count, 5)]
                    : component.Communities[component.CommunityOf[_random.Next(component.Size)]];
                Add(u, other.Pick(_random), WeakWeight());
            }
            else
            {
                Add(u, community.Pick(_random), StrongWeight());
            }
        }
    }

    private int Nearby(int community, int count, int reach)
    {
        var offset = _random.Next(-reach, reach + 1);
        return Math.Clamp(community + offset, 0, count - 1);
    }

    private double StrongWeight()
    {
        var r = _random.NextDouble();
        return r < 0.3 ? 3 : r < 0.7 ? 2 : 1;
    }

    private double WeakWeight()
    {
        var r = _random.NextDouble();
        return r < 0.1 ? 3 : r < 0.4 ? 2 : 1;
    }

    /// <summary>A Pareto draw from <paramref name="minimum"/> with tail exponent alpha, capped.</summary>
    private double Pareto(double minimum, double alpha, double cap) =>
        Math.Min(cap, minimum / Math.Pow(1 - _random.NextDouble(), 1 / alpha));

    /// <summary>Adds a link unless it is a loop or already there (the file holds each link once).</summary>
    private bool Add(int u, int v, double weight)
    {
        if (u == v || _count == _sources.Length)
        {
            return false;
        }
        // Multiplying by an odd constant is one-to-one, and spreads the pair over the hash: long's own hash folds
        // the two halves together (min ^ max), which collides for most pairs of small numbers.
        var key = (((long)Math.Min(u, v) << 32) | (uint)Math.Max(u, v)) * unchecked((long)0x9E3779B97F4A7C15);
        if (!_seen.Add(key))
        {
            return false;
        }
        _sources[_count] = u;
        _targets[_count] = v;
        _weights[_count++] = weight;
        return true;
    }
}
