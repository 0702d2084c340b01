using Lantern.Linking.Network;

namespace Lantern.Linking.Tests.Network;

public sealed class LeidenTests
{
    [Fact]
    public void FindCommunities_TwoCliquesJoinedByOneLink_SplitsIntoTheCliques()
    {
        var edges = GraphFixtures.Cliques(2, 6);
        edges.Add(new WeightedEdge(5, 6));
        var result = Leiden.FindCommunities(WeightedGraph.FromEdges(12, edges), new LeidenOptions { Seed = 1 });
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], result.CommunityOf);
        Assert.Equal(2, result.CommunityCount);
        Assert.True(result.Stable);
    }

    [Fact]
    public void FindCommunities_RingOfCliquesAboveTheResolutionLimit_FindsEachClique()
    {
        // 30 five-cliques in a ring: at resolution 1 modularity prefers pairs of cliques (the resolution limit,
        // Fortunato and Barthelemy 2007); from about 1.37 on, single cliques score higher.
        var graph = GraphFixtures.RingOfCliques(30, 5);
        var result = Leiden.FindCommunities(graph, new LeidenOptions { Resolution = 2, Seed = 3 });
        Assert.Equal(30, result.CommunityCount);
        for (var node = 0; node < 150; node++)
        {
            Assert.Equal(node / 5, result.CommunityOf[node]);
        }
    }

    [Fact]
    public void FindCommunities_RingOfCliquesAtResolutionOne_KeepsCliquesWholeAndMergesNeighbours()
    {
        var graph = GraphFixtures.RingOfCliques(30, 5);
        var result = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 3 });
        for (var node = 0; node < 150; node++)
        {
            Assert.Equal(result.CommunityOf[node - (node % 5)], result.CommunityOf[node]);
        }
        // Every community is one clique or two neighbouring ones, and the limit shows: cliques are merged.
        // Fifteen pairs score 0.8879, thirty single cliques 0.8758; leidenalg finds 16 to 18 communities
        // (0.8855 to 0.8871) on this ring, depending on its seed.
        Assert.All(result.Sizes, size => Assert.True(size is 5 or 10));
        for (var clique = 0; clique < 30; clique++)
        {
            var community = result.CommunityOf[clique * 5];
            var before = result.CommunityOf[((clique + 29) % 30) * 5];
            var after = result.CommunityOf[((clique + 1) % 30) * 5];
            Assert.True(result.Sizes[community] == 5 || community == before || community == after);
        }
        Assert.InRange(result.CommunityCount, 15, 18);
        Assert.True(result.Modularity > 0.8855, $"modularity {result.Modularity:0.0000}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void FindCommunities_KarateClub_ReachesBestKnownModularity(int seed)
    {
        var graph = GraphFixtures.KarateClub();
        Assert.Equal(78, graph.LinkCount);
        var result = Leiden.FindCommunities(graph, new LeidenOptions { Seed = seed });
        Assert.True(result.Modularity >= 0.41, $"modularity {result.Modularity:0.0000}");
        Assert.Equal(Modularity.Of(graph, result.CommunityOf), result.Modularity, 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void FindCommunities_RandomGraphs_EveryCommunityConnected(int seed)
    {
        var graph = GraphFixtures.RandomPlanted(3000, 40, averageDegree: 4, mixing: 0.35, seed);
        foreach (var iterations in new int?[] { 1, 2, null })
        {
            var result = Leiden.FindCommunities(graph, new LeidenOptions { Seed = seed, Iterations = iterations });
            // Leiden's own guarantee, before the final check would have split anything.
            Assert.Equal(0, result.SplitDisconnected);
            Assert.True(GraphFixtures.EveryCommunityConnected(graph, result.CommunityOf));
        }
    }

    [Fact]
    public void FindCommunities_SameSeed_SamePartition()
    {
        var graph = GraphFixtures.RandomPlanted(3000, 40, averageDegree: 4, mixing: 0.35, seed: 9);
        var first = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 42 });
        var second = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 42 });
        Assert.Equal(first.CommunityOf, second.CommunityOf);
        Assert.Equal(first.Modularity, second.Modularity);
    }

    [Fact]
    public void FindCommunities_HeavyLink_KeepsItsEndsTogether()
    {
        // Two five-cliques joined by 4-5. A link 0-9 of weight 1 leaves the cliques apart; of weight 30 it
        // outweighs node 0's ties to its own clique and pulls 0 and 9 into one community.
        var light = GraphFixtures.Cliques(2, 5);
        light.AddRange([new WeightedEdge(4, 5), new WeightedEdge(0, 9, 1)]);
        var heavy = GraphFixtures.Cliques(2, 5);
        heavy.AddRange([new WeightedEdge(4, 5), new WeightedEdge(0, 9, 30)]);

        var apart = Leiden.FindCommunities(WeightedGraph.FromEdges(10, light), new LeidenOptions { Seed = 5 });
        var together = Leiden.FindCommunities(WeightedGraph.FromEdges(10, heavy), new LeidenOptions { Seed = 5 });

        Assert.NotEqual(apart.CommunityOf[0], apart.CommunityOf[9]);
        Assert.Equal(together.CommunityOf[0], together.CommunityOf[9]);
    }

    [Fact]
    public void FindCommunities_IsolatedNodes_StaySingletons()
    {
        var edges = GraphFixtures.Cliques(1, 4);
        var graph = WeightedGraph.FromEdges(7, edges);
        var result = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 1 });
        Assert.Equal([0, 0, 0, 0, 1, 2, 3], result.CommunityOf);
    }

    [Fact]
    public void FindCommunities_EmptyGraph_HasNoCommunities()
    {
        var result = Leiden.FindCommunities(WeightedGraph.FromEdges(0, []));
        Assert.Empty(result.CommunityOf);
        Assert.Equal(0, result.CommunityCount);
        Assert.Equal(0.0, result.Modularity);
    }

    [Fact]
    public void FindCommunities_NoLinks_EveryNodeItsOwnCommunity()
    {
        var result = Leiden.FindCommunities(WeightedGraph.FromEdges(4, []));
        Assert.Equal([0, 1, 2, 3], result.CommunityOf);
        Assert.Equal(0.0, result.Modularity);
    }

    [Fact]
    public void FindCommunities_Iterations_TwoByDefaultAndUntilStableOnRequest()
    {
        var graph = GraphFixtures.RandomPlanted(3000, 40, averageDegree: 4, mixing: 0.35, seed: 2);
        var one = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 1, Iterations = 1 });
        var byDefault = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 1 });
        var untilStable = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 1, Iterations = null });

        Assert.Equal(1, one.Iterations);
        Assert.Equal(2, byDefault.Iterations);
        Assert.True(untilStable.Stable);
        Assert.True(untilStable.Iterations > 2, $"stable after {untilStable.Iterations}");
        // The same seed replays the same first iterations, and an iteration never loses modularity.
        Assert.True(one.Modularity <= byDefault.Modularity + 1e-12);
        Assert.True(byDefault.Modularity <= untilStable.Modularity + 1e-12);
    }

    [Fact]
    public void FindCommunities_PlantedGroups_RecoversThem()
    {
        // Forty groups of 75 with a fifth of links between groups: each group should be nearly one community.
        var graph = GraphFixtures.RandomPlanted(3000, 40, averageDegree: 12, mixing: 0.2, seed: 6);
        var result = Leiden.FindCommunities(graph, new LeidenOptions { Seed = 6 });
        var agreeing = 0;
        for (var g = 0; g < 40; g++)
        {
            var members = Enumerable.Range(g * 75, 75).Where(u => u < 2980).ToArray();
            var commonest = members.GroupBy(u => result.CommunityOf[u]).Max(x => x.Count());
            agreeing += commonest;
        }
        Assert.True(agreeing >= 0.95 * 2980, $"{agreeing} of 2980 nodes with their group's commonest community");
    }

    [Fact]
    public void FindCommunities_NegativeResolution_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Leiden.FindCommunities(WeightedGraph.FromEdges(2, [new(0, 1)]), new LeidenOptions { Resolution = -1 }));
    }
}
