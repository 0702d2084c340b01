using Lantern.Linking.Network;

namespace Lantern.Linking.Tests.Network;

public sealed class ModularityTests
{
    private static WeightedGraph TwoTriangles() => GraphFixtures.Unweighted(6, (0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3));

    [Fact]
    public void Of_TwoTrianglesSplit_IsFiveFourteenths()
    {
        // m = 7; each triangle holds 3 links and strength 7: 2 * (3/7 - (7/14)^2) = 5/14.
        Assert.Equal(5.0 / 14, Modularity.Of(TwoTriangles(), [0, 0, 0, 1, 1, 1]), 12);
    }

    [Fact]
    public void Of_AllInOneCommunity_IsZero()
    {
        Assert.Equal(0.0, Modularity.Of(TwoTriangles(), [0, 0, 0, 0, 0, 0]), 12);
    }

    [Fact]
    public void Of_WeightsAndSelfLoop_FollowTheDefinition()
    {
        // Links 0-1 (2) and 1-2 (1), a loop of 1 on 2: m = 4, strengths 2, 3, 3.
        // {0,1}: 2/4 - (5/8)^2; {2}: 1/4 - (3/8)^2; total 0.21875 (igraph gives the same).
        var graph = WeightedGraph.FromEdges(3, [new(0, 1, 2), new(1, 2, 1), new(2, 2, 1)]);
        Assert.Equal(0.21875, Modularity.Of(graph, [0, 0, 1]), 12);
    }

    [Fact]
    public void Of_Resolution_ScalesTheNullModel()
    {
        // At resolution 2: 2 * (3/7 - 2 * (1/2)^2) = 6/7 - 1.
        Assert.Equal((6.0 / 7) - 1, Modularity.Of(TwoTriangles(), [0, 0, 0, 1, 1, 1], resolution: 2), 12);
    }

    [Fact]
    public void Of_GraphWithoutLinks_IsZero()
    {
        Assert.Equal(0.0, Modularity.Of(WeightedGraph.FromEdges(3, []), [0, 1, 2]));
    }

    [Fact]
    public void Of_PartitionOfWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Modularity.Of(TwoTriangles(), [0, 0, 0]));
    }
}
