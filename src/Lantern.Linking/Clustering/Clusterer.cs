using Lantern.Linking.Model;

namespace Lantern.Linking.Clustering;

/// <summary>A scored pair of records, by index into the run's record list.</summary>
public readonly record struct ScoredPair(int Left, int Right, double Weight, double Probability, HoldBack HoldBack = HoldBack.None);

/// <summary>A link whose removal would split its cluster in two.</summary>
public sealed record Bridge(int Left, int Right, double Probability, int SmallerSide, bool Cut);

/// <summary>
/// The cluster of every record (numbered from 0 in order of each cluster's first record), the bridges found,
/// and the links left out because they would have put two records held apart into one cluster.
/// </summary>
public sealed record ClusterResult(int[] ClusterOf, IReadOnlyList<Bridge> Bridges, IReadOnlyList<ScoredPair> HeldApart)
{
    public int ClusterCount => ClusterOf.Length == 0 ? 0 : ClusterOf.Max() + 1;
}

/// <summary>
/// Connected components over links at or above the threshold, with a guard against chaining: a bridge
/// (a link whose removal splits its cluster) that joins two groups of at least two records each is cut
/// unless its own probability reaches <c>bridgeKeepProbability</c>. Such a link is the typical false join
/// of two different people's clusters through one weak resemblance. Every bridge in a cluster of three or
/// more records is reported, cut or not, so a practitioner can review it.
/// Records held apart (a pair a rule says are two people: twins, a parent and child) never end up in one
/// cluster: links are taken strongest first, and one that would join two clusters holding such a pair
/// is left out and returned in <see cref="ClusterResult.HeldApart"/>.
/// </summary>
public static class Clusterer
{
    public static ClusterResult Cluster(int recordCount, IReadOnlyList<ScoredPair> pairs, double threshold, double bridgeKeepProbability = 0.999,
        IReadOnlyList<(int Left, int Right)>? apart = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var edges = pairs.Where(p => p.Probability >= threshold).ToList();
        var heldApart = new List<ScoredPair>();
        if (apart is { Count: > 0 })
        {
            edges = KeepApart(recordCount, edges, apart, heldApart);
        }
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
        return new ClusterResult(clusterOf, bridges, heldApart);
    }

    /// <summary>
    /// Union-find over the links strongest first, refusing a union that would put both records of a pair
    /// held apart into one cluster. Each cluster keeps the list of its records that have a partner to be
    /// kept from; a union checks the shorter list and merges them.
    /// </summary>
    private static List<ScoredPair> KeepApart(int n, List<ScoredPair> edges, IReadOnlyList<(int Left, int Right)> apart, List<ScoredPair> refused)
    {
        var partners = new Dictionary<int, List<int>>();
        foreach (var (x, y) in apart)
        {
            Add(partners, x, y);
            Add(partners, y, x);
        }
        var parent = NewForest(n);
        int Find(int x) => Root(parent, x);
        var constrained = partners.Keys.ToDictionary(k => k, k => new List<int> { k });
        var kept = new List<ScoredPair>(edges.Count);
        var ordered = edges.OrderByDescending(e => e.Weight).ThenBy(e => e.Left).ThenBy(e => e.Right);
        foreach (var e in ordered)
        {
            var a = Find(e.Left);
            var b = Find(e.Right);
            if (a == b)
            {
                kept.Add(e);
                continue;
            }
            var listA = constrained.GetValueOrDefault(a);
            var listB = constrained.GetValueOrDefault(b);
            if (listA is not null && listB is not null && Conflicts(listA.Count <= listB.Count ? listA : listB, listA.Count <= listB.Count ? b : a))
            {
                refused.Add(e);
                continue;
            }
            parent[b] = a;
            kept.Add(e);
            if (listB is not null)
            {
                constrained.Remove(b);
                if (listA is null)
                {
                    constrained[a] = listB;
                }
                else
                {
                    listA.AddRange(listB);
                }
            }
        }
        return kept;

        bool Conflicts(List<int> members, int otherRoot)
        {
            foreach (var x in members)
            {
                foreach (var y in partners[x])
                {
                    if (Find(y) == otherRoot)
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        static void Add(Dictionary<int, List<int>> map, int key, int value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = [];
                map[key] = list;
            }
            list.Add(value);
        }
    }

    /// <summary>A union-find forest of n single records.</summary>
    private static int[] NewForest(int n)
    {
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        return parent;
    }

    /// <summary>The root of x's tree, halving the path on the way.</summary>
    private static int Root(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static int[] Components(int n, IReadOnlyList<ScoredPair> edges)
    {
        var parent = NewForest(n);
        int Find(int x) => Root(parent, x);
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
