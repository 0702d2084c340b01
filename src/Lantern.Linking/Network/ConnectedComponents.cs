namespace Lantern.Linking.Network;

/// <summary>
/// The connected component of every node, numbered from 0 in order of each component's lowest node, and the
/// size of each component. An isolated node is a component of one.
/// </summary>
public sealed class ConnectedComponents
{
    private ConnectedComponents(int[] componentOf, int[] sizes)
    {
        ComponentOf = componentOf;
        Sizes = sizes;
    }

    public IReadOnlyList<int> ComponentOf { get; }

    public IReadOnlyList<int> Sizes { get; }

    public int Count => Sizes.Count;

    /// <summary>The largest component (the first of equal sizes), or -1 for a graph with no nodes.</summary>
    public int Largest
    {
        get
        {
            var best = -1;
            for (var c = 0; c < Sizes.Count; c++)
            {
                if (best < 0 || Sizes[c] > Sizes[best])
                {
                    best = c;
                }
            }
            return best;
        }
    }

    /// <summary>
    /// Breadth-first search with one array as the queue for every component: no recursion, so a chain of a
    /// million nodes costs no stack, and each node and row is read once.
    /// </summary>
    public static ConnectedComponents Find(WeightedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var offsets = graph.OffsetArray;
        var neighbours = graph.NeighbourArray;
        var componentOf = new int[n];
        Array.Fill(componentOf, -1);
        var queue = new int[n];
        var sizes = new List<int>();
        for (var start = 0; start < n; start++)
        {
            if (componentOf[start] >= 0)
            {
                continue;
            }
            var id = sizes.Count;
            componentOf[start] = id;
            queue[0] = start;
            var (head, tail) = (0, 1);
            while (head < tail)
            {
                var u = queue[head++];
                for (var i = offsets[u]; i < offsets[u + 1]; i++)
                {
                    var v = neighbours[i];
                    if (componentOf[v] < 0)
                    {
                        componentOf[v] = id;
                        queue[tail++] = v;
                    }
                }
            }
            sizes.Add(tail);
        }
        return new ConnectedComponents(componentOf, [.. sizes]);
    }

    internal int[] ComponentArray => (int[])ComponentOf;
}
