namespace Lantern.Linking.Network;

/// <summary>One undirected link between two nodes, by index; its weight defaults to 1.</summary>
public readonly record struct WeightedEdge(int Source, int Target, double Weight = 1.0);

/// <summary>
/// An undirected weighted graph held as compressed sparse rows: for node <c>u</c> its neighbours are
/// <c>Neighbours[Offsets[u]..Offsets[u + 1]]</c> with the matching <c>Weights</c>. Each link appears in both
/// ends' rows. Parallel links are summed into one. A self-loop is kept apart from the rows, as
/// modularity counts it: once in the weight inside a community and twice in the node's strength, so a node's
/// strength is the sum of its row's weights plus twice its self-loop, and the total weight <c>m</c> is half the
/// sum of all strengths (the convention of igraph and leidenalg).
/// </summary>
public sealed class WeightedGraph
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;
    private readonly double[] _weights;
    private readonly double[] _selfLoops;
    private readonly double[] _strengths;

    internal WeightedGraph(int[] offsets, int[] neighbours, double[] weights, double[] selfLoops, double[] strengths)
    {
        _offsets = offsets;
        _neighbours = neighbours;
        _weights = weights;
        _selfLoops = selfLoops;
        _strengths = strengths;
        var total = 0.0;
        foreach (var s in strengths)
        {
            total += s;
        }
        TotalWeight = total / 2;
    }

    public int NodeCount => _selfLoops.Length;

    /// <summary>Distinct links between two different nodes (parallel links counted once, self-loops not counted).</summary>
    public int LinkCount => _neighbours.Length / 2;

    /// <summary>The sum of all link weights, self-loops included once: the <c>m</c> of modularity.</summary>
    public double TotalWeight { get; }

    public ReadOnlySpan<int> Neighbours(int node) => _neighbours.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public ReadOnlySpan<double> Weights(int node) => _weights.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public int Degree(int node) => _offsets[node + 1] - _offsets[node];

    public double SelfLoop(int node) => _selfLoops[node];

    public double Strength(int node) => _strengths[node];

    internal int[] OffsetArray => _offsets;
    internal int[] NeighbourArray => _neighbours;
    internal double[] WeightArray => _weights;
    internal double[] SelfLoopArray => _selfLoops;
    internal double[] StrengthArray => _strengths;

    public static WeightedGraph FromEdges(int nodeCount, IEnumerable<WeightedEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var list = edges as IReadOnlyCollection<WeightedEdge> ?? [.. edges];
        var sources = new int[list.Count];
        var targets = new int[list.Count];
        var weights = new double[list.Count];
        var i = 0;
        foreach (var e in list)
        {
            (sources[i], targets[i], weights[i]) = (e.Source, e.Target, e.Weight);
            i++;
        }
        return FromEdges(nodeCount, sources, targets, weights);
    }

    /// <summary>
    /// Builds the graph from parallel arrays of link ends; <paramref name="weights"/> may be empty for weight 1
    /// everywhere. Weights must be positive and finite: a link of no weight is no link, and a negative one has
    /// no meaning for modularity.
    /// </summary>
    public static WeightedGraph FromEdges(int nodeCount, ReadOnlySpan<int> sources, ReadOnlySpan<int> targets, ReadOnlySpan<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (sources.Length != targets.Length || (!weights.IsEmpty && weights.Length != sources.Length))
        {
            throw new ArgumentException("Sources, targets and weights must be the same length.", nameof(targets));
        }
        var offsets = new int[nodeCount + 1];
        var selfLoops = new double[nodeCount];
        for (var e = 0; e < sources.Length; e++)
        {
            var (s, t) = (sources[e], targets[e]);
            if ((uint)s >= (uint)nodeCount || (uint)t >= (uint)nodeCount)
            {
                throw new ArgumentOutOfRangeException(nameof(sources), $"Link {e} joins {s} and {t}, outside 0..{nodeCount - 1}.");
            }
            var w = weights.IsEmpty ? 1.0 : weights[e];
            if (!(w > 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), $"Link {e} has weight {w}; weights must be positive and finite.");
            }
            if (s == t)
            {
                selfLoops[s] += w;
            }
            else
            {
                offsets[s + 1]++;
                offsets[t + 1]++;
            }
        }
        for (var u = 0; u < nodeCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }
        var neighbours = new int[offsets[nodeCount]];
        var rowWeights = new double[offsets[nodeCount]];
        var cursor = offsets.AsSpan(0, nodeCount).ToArray();
        for (var e = 0; e < sources.Length; e++)
        {
            var (s, t) = (sources[e], targets[e]);
            if (s == t)
            {
                continue;
            }
            var w = weights.IsEmpty ? 1.0 : weights[e];
            neighbours[cursor[s]] = t;
            rowWeights[cursor[s]++] = w;
            neighbours[cursor[t]] = s;
            rowWeights[cursor[t]++] = w;
        }
        return MergeParallel(nodeCount, offsets, neighbours, rowWeights, selfLoops);
    }

    /// <summary>
    /// Sums parallel links in place, without sorting: a row is read once, and the slot where each neighbour
    /// was first written is remembered for the row being compacted. The write position never passes the read
    /// position, so one pair of arrays serves.
    /// </summary>
    private static WeightedGraph MergeParallel(int nodeCount, int[] offsets, int[] neighbours, double[] weights, double[] selfLoops)
    {
        var owner = new int[nodeCount];
        Array.Fill(owner, -1);
        var slot = new int[nodeCount];
        var strengths = new double[nodeCount];
        var write = 0;
        var rowStart = 0;
        for (var u = 0; u < nodeCount; u++)
        {
            var rowEnd = offsets[u + 1];
            offsets[u] = write;
            var strength = 2 * selfLoops[u];
            for (var i = rowStart; i < rowEnd; i++)
            {
                var v = neighbours[i];
                var w = weights[i];
                strength += w;
                if (owner[v] == u)
                {
                    weights[slot[v]] += w;
                    continue;
                }
                owner[v] = u;
                slot[v] = write;
                neighbours[write] = v;
                weights[write++] = w;
            }
            strengths[u] = strength;
            rowStart = rowEnd;
        }
        offsets[nodeCount] = write;
        if (write < neighbours.Length)
        {
            Array.Resize(ref neighbours, write);
            Array.Resize(ref weights, write);
        }
        return new WeightedGraph(offsets, neighbours, weights, selfLoops, strengths);
    }
}
