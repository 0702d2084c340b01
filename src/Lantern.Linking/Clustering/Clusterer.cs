namespace Lantern.Linking.Clustering;

/// <summary>A scored pair of records, by index into the run's record list.</summary>
public readonly record struct ScoredPair(int Left, int Right, double Weight, double Probability);

/// <summary>A link whose removal would split its cluster in two.</summary>
public sealed record Bridge(int Left, int Right, double Probability, int SmallerSide, bool Cut);

/// <summary>The cluster of every record (numbered from 0 in order of each cluster's first record) and the bridges found.</summary>
public sealed record ClusterResult(int[] ClusterOf, IReadOnlyList<Bridge> Bridges)
{
    public int ClusterCount => ClusterOf.Length == 0 ? 0 : ClusterOf.Max() + 1;
}

/// <summary>
/// Connected components over links at or above the threshold, with a guard against chaining: a bridge
/// (a link whose removal splits its cluster) that joins two groups of at least two records each is cut
/// unless its own probability reaches <c>bridgeKeepProbability</c>. Such a link is the typical false join
/// of two different people's clusters through one weak resemblance. Every bridge in a cluster of three or
/// more records is reported, cut or not, so a practitioner can review it.
/// </summary>
public static class Clusterer
{
    public static ClusterResult Cluster(int recordCount, IReadOnlyList<ScoredPair> pairs, double threshold, double bridgeKeepProbability = 0.999)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var edges = pairs.Where(p => p.Probability >= threshold).ToList();
        var first = Components(recordCount, edges);
        var bridges = new List<Bridge>();
        var cut = new HashSet<(int, int)>();
        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < recordCount; i++)
        {
            if (!members.TryGetValue(first[i], out var list))
            {
                list = [];
                members[first[i]] = list;
            }
            list.Add(i);
        }
        var edgesByComponent = edges.GroupBy(e => first[e.Left]).Where(g => members[g.Key].Count >= 3);
        foreach (var group in edgesByComponent.OrderBy(g => g.Key))
        {
            foreach (var bridge in FindBridges(members[group.Key], [.. group]))
            {
                var doCut = bridge.SmallerSide >= 2 && bridge.Probability < bridgeKeepProbability;
                bridges.Add(bridge with { Cut = doCut });
                if (doCut)
                {
                    cut.Add((bridge.Left, bridge.Right));
                }
            }
        }
        var kept = cut.Count == 0 ? edges : edges.Where(e => !cut.Contains((e.Left, e.Right))).ToList();
        var roots = cut.Count == 0 ? first : Components(recordCount, kept);
        // Number clusters in order of their first record so the output is stable.
        var number = new Dictionary<int, int>();
        var clusterOf = new int[recordCount];
        for (var i = 0; i < recordCount; i++)
        {
            if (!number.TryGetValue(roots[i], out var id))
            {
                id = number.Count;
                number[roots[i]] = id;
            }
            clusterOf[i] = id;
        }
        return new ClusterResult(clusterOf, bridges);
    }

    private static int[] Components(int n, IReadOnlyList<ScoredPair> edges)
    {
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        foreach (var e in edges)
        {
            var a = Find(e.Left);
            var b = Find(e.Right);
            if (a != b)
            {
                parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }
        var root = new int[n];
        for (var i = 0; i < n; i++)
        {
            root[i] = Find(i);
        }
        return root;
    }

    /// <summary>Tarjan's bridge finding, iterative so a long chain cannot overflow the stack.</summary>
    private static List<Bridge> FindBridges(List<int> nodes, List<ScoredPair> edges)
    {
        var local = new Dictionary<int, int>();
        foreach (var node in nodes)
        {
            local[node] = local.Count;
        }
        var n = nodes.Count;
        var adjacency = new List<(int To, int Edge)>[n];
        for (var i = 0; i < n; i++)
        {
            adjacency[i] = [];
        }
        for (var e = 0; e < edges.Count; e++)
        {
            var a = local[edges[e].Left];
            var b = local[edges[e].Right];
            adjacency[a].Add((b, e));
            adjacency[b].Add((a, e));
        }
        var order = new int[n];
        var low = new int[n];
        var size = new int[n];
        Array.Fill(order, -1);
        var result = new List<Bridge>();
        var counter = 0;
        var stack = new Stack<(int Node, int ParentEdge, int Next)>();
        stack.Push((0, -1, 0));
        order[0] = low[0] = counter++;
        size[0] = 1;
        while (stack.Count > 0)
        {
            var (node, parentEdge, next) = stack.Pop();
            if (next < adjacency[node].Count)
            {
                stack.Push((node, parentEdge, next + 1));
                var (to, edge) = adjacency[node][next];
                if (edge == parentEdge)
                {
                    continue;
                }
                if (order[to] == -1)
                {
                    order[to] = low[to] = counter++;
                    size[to] = 1;
                    stack.Push((to, edge, 0));
                }
                else
                {
                    low[node] = Math.Min(low[node], order[to]);
                }
                continue;
            }
            if (parentEdge >= 0)
            {
                var e = edges[parentEdge];
                var parent = local[e.Left] == node ? local[e.Right] : local[e.Left];
                low[parent] = Math.Min(low[parent], low[node]);
                size[parent] += size[node];
                if (low[node] > order[parent])
                {
                    result.Add(new Bridge(e.Left, e.Right, e.Probability, Math.Min(size[node], n - size[node]), false));
                }
            }
        }
        return result;
    }
}
