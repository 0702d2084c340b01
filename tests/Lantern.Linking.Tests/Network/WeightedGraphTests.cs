using Lantern.Linking.Network;

namespace Lantern.Linking.Tests.Network;

public sealed class WeightedGraphTests
{
    [Fact]
    public void FromEdges_ParallelLinks_AreSummedIntoOne()
    {
        var graph = WeightedGraph.FromEdges(3, [new(0, 1, 2), new(1, 0, 3), new(1, 2)]);
        Assert.Equal(2, graph.LinkCount);
        Assert.Equal([1], graph.Neighbours(0).ToArray());
        Assert.Equal([5.0], graph.Weights(0).ToArray());
        Assert.Equal(5.0, graph.Weights(1)[graph.Neighbours(1).IndexOf(0)]);
        Assert.Equal(6.0, graph.TotalWeight);
    }

    [Fact]
    public void FromEdges_SelfLoop_CountsTwiceInStrengthAndOnceInTotal()
    {
        var graph = WeightedGraph.FromEdges(2, [new(0, 0, 1.5), new(0, 1)]);
        Assert.False(graph.Neighbours(0).Contains(0)); // the loop is kept out of the row
        Assert.Equal(1, graph.Degree(0));
        Assert.Equal(1.5, graph.SelfLoop(0));
        Assert.Equal(4.0, graph.Strength(0));
        Assert.Equal(2.5, graph.TotalWeight);
    }

    [Fact]
    public void FromEdges_NodeOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedGraph.FromEdges(2, [new(0, 2)]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromEdges_WeightNotPositiveAndFinite_Throws(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedGraph.FromEdges(2, [new(0, 1, weight)]));
    }

    [Fact]
    public void FromEdges_NoWeightsGiven_WeighsEachLinkOne()
    {
        var graph = WeightedGraph.FromEdges(3, [0, 1], [1, 2], []);
        Assert.Equal(2.0, graph.TotalWeight);
        Assert.Equal(2.0, graph.Strength(1));
    }
}
