using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Text;

public sealed class StringSimilarityTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("mohammed", "muhammad", 0.850)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void JaroWinkler_TextbookPairs_GivesPublishedValues(string a, string b, double expected)
    {
        Assert.Equal(expected, StringSimilarity.JaroWinkler(a, b), 3);
        Assert.Equal(StringSimilarity.JaroWinkler(a, b), StringSimilarity.JaroWinkler(b, a), 10);
    }

    [Theory]
    [InlineData("19850312", "19850312", 0)]
    [InlineData("19850312", "19850313", 1)]
    [InlineData("19850312", "19853012", 1)]
    [InlineData("19850312", "1985312", 1)]
    [InlineData("19850312", "19860313", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void DamerauLevenshtein_Pairs_GivesDistance(string a, string b, int expected)
    {
        Assert.Equal(expected, StringSimilarity.DamerauLevenshtein(a, b));
        Assert.Equal(expected <= 1, StringSimilarity.WithinOneEdit(a, b));
    }

    [Fact]
    public void Bigrams_SimilarAddresses_ScoreHigherThanDifferentOnes()
    {
        var a = Bigrams.Of("12 tullaroop street willaroo");
        var typo = Bigrams.Of("12 tullaroop setreet willaroo");
        var other = Bigrams.Of("5 macquoid place broadbridge");
        Assert.Equal(1.0, a.Jaccard(a));
        Assert.True(a.Jaccard(typo) > 0.7);
        Assert.True(a.Jaccard(other) < 0.45);
    }
}
