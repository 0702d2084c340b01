using Lantern.Linking.Network;

namespace Lantern.Linking.Tests.Network;

public sealed class ConnectedComponentsTests
{
    [Fact]
    public void Find_SeveralComponentsAndIsolatedNodes_NumbersThemInOrderOfLowestNode()
    {
        var graph = GraphFixtures.Unweighted(8, (5, 6), (0, 2), (2, 4), (6, 7));
        var components = ConnectedComponents.Find(graph);
        Assert.Equal([0, 1, 0, 2, 0, 3, 3, 3], components.ComponentOf);
        Assert.Equal([3, 1, 1, 3], components.Sizes);
        Assert.Equal(4, components.Count);
        Assert.Equal(0, components.Largest);
    }

    [Fact]
    public void Find_LongChain_IsOneComponentWithoutRecursion()
    {
        const int n = 300_000;
        var sources = Enumerable.Range(0, n - 1).ToArray();
        var targets = Enumerable.Range(1, n - 1).ToArray();
        var components = ConnectedComponents.Find(WeightedGraph.FromEdges(n, sources, targets, []));
        Assert.Equal(1, components.Count);
        Assert.Equal(n, components.Sizes[0]);
    }

    [Fact]
    public void Find_NoLinks_EveryNodeAlone()
    {
        var components = ConnectedComponents.Find(WeightedGraph.FromEdges(4, []));
        Assert.Equal([0, 1, 2, 3], components.ComponentOf);
        Assert.All(components.Sizes, s => Assert.Equal(1, s));
    }

    [Fact]
    public void Find_EmptyGraph_HasNoComponents()
    {
        var components = ConnectedComponents.Find(WeightedGraph.FromEdges(0, []));
        Assert.Equal(0, components.Count);
        Assert.Equal(-1, components.Largest);
    }

    [Fact]
    public void Find_LargestComponent_IsTheBiggest()
    {
        var graph = GraphFixtures.Unweighted(7, (0, 1), (2, 3), (3, 4), (4, 5));
        var components = ConnectedComponents.Find(graph);
        Assert.Equal(1, components.Largest);
        Assert.Equal(4, components.Sizes[components.Largest]);
    }
}
