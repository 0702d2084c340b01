namespace Lantern.Linking.Network;

/// <summary>
/// Newman-Girvan modularity with a resolution parameter:
/// Q = sum over communities c of ( w_c / m - resolution * (K_c / 2m)^2 ), where w_c is the weight of the links
/// inside c (self-loops once), K_c the sum of its nodes' strengths and m the graph's total weight. It is the
/// quantity igraph's <c>modularity()</c> and leidenalg's <c>ModularityVertexPartition</c> report, so the two
/// can be compared figure for figure. A graph with no weight has modularity 0.
/// </summary>
public static class Modularity
{
    public static double Of(WeightedGraph graph, IReadOnlyList<int> communityOf, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(communityOf);
        var n = graph.NodeCount;
        if (communityOf.Count != n)
        {
            throw new ArgumentException($"A partition of {n} nodes needs {n} community numbers, not {communityOf.Count}.", nameof(communityOf));
        }
        var ids = communityOf as int[] ?? [.. communityOf];
        var count = 0;
        foreach (var c in ids)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(communityOf));
            count = Math.Max(count, c + 1);
        }
        var m = graph.TotalWeight;
        if (m <= 0)
        {
            return 0;
        }
        var inside = new double[count];
        var strength = new double[count];
        var offsets = graph.OffsetArray;
        var neighbours = graph.NeighbourArray;
        var weights = graph.WeightArray;
        for (var u = 0; u < n; u++)
        {
            var c = ids[u];
            strength[c] += graph.Strength(u);
            inside[c] += graph.SelfLoop(u);
            for (var i = offsets[u]; i < offsets[u + 1]; i++)
            {
                // Each link is in both rows: take it from its lower end only.
                var v = neighbours[i];
                if (v > u && ids[v] == c)
                {
                    inside[c] += weights[i];
                }
            }
        }
        var q = 0.0;
        for (var c = 0; c < count; c++)
        {
            var share = strength[c] / (2 * m);
            q += (inside[c] / m) - (resolution * share * share);
        }
        return q;
    }
}
