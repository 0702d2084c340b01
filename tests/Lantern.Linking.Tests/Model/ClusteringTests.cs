using Lantern.Linking.Clustering;

namespace Lantern.Linking.Tests.Model;

public sealed class ClusteringTests
{
    private static ScoredPair E(int a, int b, double p) => new(a, b, 0, p);

    [Fact]
    public void Cluster_LinksAboveThreshold_FormComponents()
    {
        var result = Clusterer.Cluster(5, [E(0, 1, 0.95), E(1, 2, 0.97), E(3, 4, 0.5)], threshold: 0.9);
        Assert.Equal([0, 0, 0, 1, 2], result.ClusterOf);
        Assert.Equal(3, result.ClusterCount);
    }

    [Fact]
    public void Cluster_WeakBridgeBetweenTwoGroups_IsCutAndReported()
    {
        // Two tight pairs (0,1) and (2,3) joined only by a weak link 1-2: a chain joining two people.
        var result = Clusterer.Cluster(4, [E(0, 1, 0.9999), E(2, 3, 0.9999), E(1, 2, 0.95)], threshold: 0.9);
        Assert.NotEqual(result.ClusterOf[1], result.ClusterOf[2]);
        var bridge = Assert.Single(result.Bridges, b => b.Cut);
        Assert.Equal((1, 2), (bridge.Left, bridge.Right));
    }

    [Fact]
    public void Cluster_StrongBridge_IsKeptButReported()
    {
        var result = Clusterer.Cluster(4, [E(0, 1, 0.9999), E(2, 3, 0.9999), E(1, 2, 0.99999)], threshold: 0.9);
        Assert.Equal(result.ClusterOf[0], result.ClusterOf[3]);
        Assert.Contains(result.Bridges, b => (b.Left, b.Right) == (1, 2) && !b.Cut);
    }

    [Fact]
    public void Cluster_ChainOfSingleRecords_IsNotCut()
    {
        // A chain end hanging off a group is ordinary (one more misspelt record), not a join of two groups.
        var result = Clusterer.Cluster(3, [E(0, 1, 0.95), E(1, 2, 0.95)], threshold: 0.9);
        Assert.Equal([0, 0, 0], result.ClusterOf);
        Assert.All(result.Bridges, b => Assert.False(b.Cut));
    }

    [Fact]
    public void Cluster_Triangle_HasNoBridges()
    {
        var result = Clusterer.Cluster(3, [E(0, 1, 0.95), E(1, 2, 0.95), E(0, 2, 0.95)], threshold: 0.9);
        Assert.Empty(result.Bridges);
    }

    [Fact]
    public void Cluster_LongChain_DoesNotOverflowTheStack()
    {
        var edges = Enumerable.Range(0, 100_000).Select(i => E(i, i + 1, 0.95)).ToList();
        var result = Clusterer.Cluster(100_001, edges, threshold: 0.9);
        Assert.NotEmpty(result.Bridges);
    }

    [Fact]
    public void Cluster_RecordsHeldApart_NeverShareACluster()
    {
        // 0 and 3 are twins (held apart); 1 links strongly to 0 and weakly to 3, 2 links to 3.
        // Without the constraint all four would be one cluster.
        ScoredPair W(int a, int b, double weight) => new(a, b, weight, Linking.Model.ModelParameters.ToProbability(weight));
        var result = Clusterer.Cluster(4, [W(0, 1, 20), W(1, 3, 5), W(2, 3, 18)], threshold: 0.9, apart: [(0, 3)]);
        Assert.Equal(result.ClusterOf[0], result.ClusterOf[1]);
        Assert.Equal(result.ClusterOf[2], result.ClusterOf[3]);
        Assert.NotEqual(result.ClusterOf[0], result.ClusterOf[3]);
        var refused = Assert.Single(result.HeldApart);
        Assert.Equal((1, 3), (refused.Left, refused.Right));
    }

    [Fact]
    public void Cluster_HeldApartPairThatNoLinkJoins_ChangesNothing()
    {
        var pairs = new[] { E(0, 1, 0.95), E(1, 2, 0.97), E(3, 4, 0.99) };
        Assert.Equal(Clusterer.Cluster(5, pairs, 0.9).ClusterOf, Clusterer.Cluster(5, pairs, 0.9, apart: [(0, 4)]).ClusterOf);
    }
}
