using Lantern.Linking.Network;

namespace Lantern.Linking.Tests.Network;

/// <summary>Small graphs whose communities are known.</summary>
internal static class GraphFixtures
{
    public static WeightedGraph Unweighted(int nodes, params (int, int)[] links) =>
        WeightedGraph.FromEdges(nodes, links.Select(l => new WeightedEdge(l.Item1, l.Item2)));

    /// <summary>Cliques of the given size, clique i on nodes i*size .. i*size+size-1.</summary>
    public static List<WeightedEdge> Cliques(int count, int size)
    {
        var edges = new List<WeightedEdge>();
        for (var c = 0; c < count; c++)
        {
            for (var a = 0; a < size; a++)
            {
                for (var b = a + 1; b < size; b++)
                {
                    edges.Add(new WeightedEdge((c * size) + a, (c * size) + b));
                }
            }
        }
        return edges;
    }

    /// <summary>Cliques in a ring, the last node of each linked to the first of the next.</summary>
    public static WeightedGraph RingOfCliques(int count, int size)
    {
        var edges = Cliques(count, size);
        for (var c = 0; c < count; c++)
        {
            edges.Add(new WeightedEdge((c * size) + size - 1, ((c + 1) % count) * size));
        }
        return WeightedGraph.FromEdges(count * size, edges);
    }

    /// <summary>
    /// Zachary's karate club (1977): 34 members, 78 friendships, numbered from 0 here (Zachary numbers from 1).
    /// </summary>
    public static WeightedGraph KarateClub()
    {
        (int, int)[] oneBased =
        [
            (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9), (1, 11), (1, 12), (1, 13), (1, 14), (1, 18), (1, 20), (1, 22), (1, 32),
            (2, 3), (2, 4), (2, 8), (2, 14), (2, 18), (2, 20), (2, 22), (2, 31),
            (3, 4), (3, 8), (3, 9), (3, 10), (3, 14), (3, 28), (3, 29), (3, 33),
            (4, 8), (4, 13), (4, 14),
            (5, 7), (5, 11),
            (6, 7), (6, 11), (6, 17),
            (7, 17),
            (9, 31), (9, 33), (9, 34),
            (10, 34),
            (14, 34),
            (15, 33), (15, 34),
            (16, 33), (16, 34),
            (19, 33), (19, 34),
            (20, 34),
            (21, 33), (21, 34),
            (23, 33), (23, 34),
            (24, 26), (24, 28), (24, 30), (24, 33), (24, 34),
            (25, 26), (25, 28), (25, 32),
            (26, 32),
            (27, 30), (27, 34),
            (28, 34),
            (29, 32), (29, 34),
            (30, 33), (30, 34),
            (31, 33), (31, 34),
            (32, 33), (32, 34),
            (33, 34),
        ];
        return Unweighted(34, [.. oneBased.Select(e => (e.Item1 - 1, e.Item2 - 1))]);
    }

    /// <summary>
    /// A random sparse graph with planted groups: most links inside a group, some between, a few isolated nodes
    /// and small separate pieces, so that a community could easily end up in two parts if moves broke it.
    /// </summary>
    public static WeightedGraph RandomPlanted(int nodes, int groups, double averageDegree, double mixing, int seed)
    {
        var random = new Random(seed);
        var edges = new List<WeightedEdge>();
        var groupSize = nodes / groups;
        var links = (int)(nodes * averageDegree / 2);
        for (var e = 0; e < links; e++)
        {
            var u = random.Next(nodes - 20);
            int v;
            if (random.NextDouble() < mixing)
            {
                v = random.Next(nodes - 20);
            }
            else
            {
                var g = Math.Min(u / groupSize, groups - 1);
                v = Math.Min((g * groupSize) + random.Next(groupSize), nodes - 21);
            }
            edges.Add(new WeightedEdge(u, v, 1 + random.Next(3)));
        }
        // The last 20 nodes: pairs and isolated nodes.
        for (var u = nodes - 20; u < nodes - 10; u += 2)
        {
            edges.Add(new WeightedEdge(u, u + 1));
        }
        return WeightedGraph.FromEdges(nodes, edges);
    }

    /// <summary>Whether the nodes of every community induce a connected subgraph.</summary>
    public static bool EveryCommunityConnected(WeightedGraph graph, IReadOnlyList<int> communityOf)
    {
        var n = graph.NodeCount;
        var seen = new bool[n];
        var started = new HashSet<int>();
        for (var s = 0; s < n; s++)
        {
            if (seen[s])
            {
                continue;
            }
            if (!started.Add(communityOf[s]))
            {
                return false; // a second piece of a community already walked
            }
            var stack = new Stack<int>([s]);
            seen[s] = true;
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                foreach (var v in graph.Neighbours(u))
                {
                    if (!seen[v] && communityOf[v] == communityOf[u])
                    {
                        seen[v] = true;
                        stack.Push(v);
                    }
                }
            }
        }
        return true;
    }
}
