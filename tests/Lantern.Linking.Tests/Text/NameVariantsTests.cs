using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Text;

public sealed class NameVariantsTests
{
    [Theory]
    [InlineData("mohammed", "muhammad")]
    [InlineData("mohd", "mohammed")]
    [InlineData("md", "muhammad")]
    [InlineData("mohamed", "mohammad")]
    [InlineData("ahmed", "ahmad")]
    [InlineData("hussain", "hussein")]
    [InlineData("husain", "hussein")]
    [InlineData("qureshi", "kureshi")]
    [InlineData("yusuf", "yousef")]
    [InlineData("osman", "uthman")]
    [InlineData("youssef", "yosef")]
    [InlineData("mustafa", "mostafa")]
    public void AreVariants_KnownTransliterations_AreVariants(string a, string b)
    {
        Assert.True(NameVariants.Default.AreVariants(a, b));
        Assert.True(NameVariants.Default.AreVariants(b, a));
    }

    [Theory]
    [InlineData("mohammed", "mahmood")]
    [InlineData("ali", "alison")]
    [InlineData("hussain", "hassan")]
    [InlineData("smith", "smyth")]
    public void AreVariants_DifferentNames_AreNotVariants(string a, string b)
    {
        Assert.False(NameVariants.Default.AreVariants(a, b));
    }

    [Fact]
    public void AreNicknames_ListedPair_IsSymmetric()
    {
        Assert.True(NameVariants.Default.AreNicknames("robert", "bob"));
        Assert.True(NameVariants.Default.AreNicknames("bob", "robert"));
        Assert.False(NameVariants.Default.AreNicknames("robert", "william"));
    }

    [Fact]
    public void GroupKey_VariantsOfOneName_ShareAKey()
    {
        var v = NameVariants.Default;
        Assert.Equal(v.GroupKey("mohd"), v.GroupKey("muhammad"));
        Assert.Equal("zebedee", v.GroupKey("zebedee"));
    }

    [Fact]
    public void AddGroups_CallerSuppliedText_AddsGroupsAndSkipsComments()
    {
        var v = new NameVariants();
        v.AddGroups(new StringReader("# a comment\nsiobhan, shivaun, chevonne\n\nsingle\n"));
        Assert.Equal(1, v.GroupCount);
        Assert.True(v.AreVariants("shivaun", "chevonne"));
    }

    [Fact]
    public void AddNicknames_CsvRows_SkipsHeaderAndCountsPairs()
    {
        var v = new NameVariants();
        v.AddNicknames(new StringReader("name1,relationship,name2\nalison,has_nickname,ali\nalison,has_nickname,ali\n"));
        Assert.Equal(1, v.NicknamePairCount);
        Assert.True(v.AreNicknames("ali", "alison"));
    }
}
