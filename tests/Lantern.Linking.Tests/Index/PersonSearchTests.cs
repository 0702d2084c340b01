using Lantern.Linking.Index;
using Lantern.Linking.Model;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Index;

/// <summary>Search by what a person types (often a name alone), against the model shipped with the service.</summary>
public sealed class PersonSearchTests
{
    private static readonly PersonRecord Katherine = new("k")
    {
        Given = "Katherine",
        Family = "Oyelaran",
        DateOfBirth = "2011-03-09",
        Postcode = "NB2 7QT",
        Address = "4 Mill Lane",
    };

    private static PersonIndex TownWith(params PersonRecord[] records)
    {
        var index = new PersonIndex(ModelFile.Default, NameVariants.Default);
        foreach (var r in new SyntheticHouseholds(NameVariants.Default, seed: 4).Generate(5_000, 0.2).Records)
        {
            index.Add(r);
        }
        foreach (var r in records)
        {
            index.Add(r);
        }
        return index;
    }

    [Theory]
    [InlineData("Katherine", "Oyelaran", null)]
    [InlineData("Katie", "Oyelaran", null)]
    [InlineData("Kate", "Oyelaran", null)]
    [InlineData("Oyelaran", "Katherine", null)]
    [InlineData("Katherine", "Oyelarin", null)]
    [InlineData("Kathrine", "Oyelaran", "2011")]
    [InlineData("Kate", "Oyelarran", null)]
    [InlineData("Katherine", "Onelaran", null)]
    [InlineData("Oyelaran", "Kathrine", null)]
    [InlineData(null, "Oyelaran", null)]
    [InlineData("Katherine", null, "09/03/2011")]
    public void Search_ByNameVariantsMisspellingsSwapsAndParts_FindsTheRecordFirst(string? given, string? family, string? dob)
    {
        var index = TownWith(Katherine);
        var hits = index.Search(new PersonRecord("q") { Given = given, Family = family, DateOfBirth = dob });
        Assert.NotEmpty(hits);
        Assert.Equal("k", hits[0].Id);
        Assert.Contains(hits[0].Explanation.Fields, f => f.Bits > 0);
    }

    [Theory]
    [InlineData("Peggy", "Quartermaine")]
    [InlineData("Peggy", "Qartermaine")]
    [InlineData("Margaret", "Qiartermaine")]
    public void Search_ByANicknameOfAnotherInitialOrAFamilyNameThatNoLongerSoundsTheSame_FindsTheRecordFirst(string given, string family)
    {
        var index = TownWith(new PersonRecord("m") { Given = "Margaret", Family = "Quartermaine", DateOfBirth = "2010-05-01", Postcode = "NB3 1AA" });
        var hits = index.Search(new PersonRecord("q") { Given = given, Family = family });
        Assert.NotEmpty(hits);
        Assert.Equal("m", hits[0].Id);
    }

    [Fact]
    public void Search_ForAFamilyNameTooCommonToReadWhole_FindsSomeOfItsPeople_AllOfThatName()
    {
        var options = new IndexOptions { SearchCap = 40, SearchSample = 25 };
        var index = new PersonIndex(ModelFile.Default, NameVariants.Default, options);
        var town = new SyntheticHouseholds(NameVariants.Default, seed: 4).Generate(5_000, 0.2).Records;
        foreach (var r in town)
        {
            index.Add(r);
        }
        Assert.True(town.Count(r => string.Equals(r.Family, "Smith", StringComparison.OrdinalIgnoreCase)) > options.SearchCap);
        var hits = index.Search(new PersonRecord("q") { Family = "Smith" }, maxResults: 100);
        Assert.InRange(hits.Count, 5, options.SearchSample * 2);
        var byId = town.ToDictionary(r => r.Id);
        Assert.All(hits, h => Assert.True(
            string.Equals(byId[h.Id].Family, "Smith", StringComparison.OrdinalIgnoreCase) || string.Equals(byId[h.Id].Given, "Smith", StringComparison.OrdinalIgnoreCase),
            byId[h.Id].Given + " " + byId[h.Id].Family));
    }

    [Fact]
    public void Search_ForANameNobodyHas_FindsNothing()
    {
        var index = TownWith(Katherine);
        Assert.Empty(index.Search(new PersonRecord("q") { Given = "Zebedee", Family = "Quartermaine" }));
    }

    [Fact]
    public void Search_AfterRemove_NoLongerFindsTheRecord()
    {
        var index = TownWith(Katherine);
        Assert.True(index.Remove("k"));
        Assert.DoesNotContain(index.Search(new PersonRecord("q") { Given = "Katherine", Family = "Oyelaran" }), h => h.Id == "k");
    }

    [Fact]
    public void ModelFile_WrittenAndReadBack_ScoresEveryPairTheSame()
    {
        var model = ModelFile.Default;
        using var writer = new StringWriter();
        ModelFile.Write(model, writer);
        var back = ModelFile.Read(new StringReader(writer.ToString()));
        Assert.Equal(model.Prior, back.Prior);
        Assert.Equal(model.Household!.MatchRate, back.Household!.MatchRate);
        for (var f = 0; f < model.M.Length; f++)
        {
            Assert.Equal(model.M[f], back.M[f]);
            Assert.Equal(model.U[f], back.U[f]);
        }
        Assert.True(back.HasHouseholds);
    }

    [Theory]
    [InlineData("prior 2\n", "line 1")]
    [InlineData("prior 0.001\nm Given 99 0.5\n", "line 2")]
    [InlineData("prior 0.001\nm Shoe 1 0.5\n", "line 2")]
    [InlineData("prior 0.001\n", "m or u")]
    [InlineData("hello\n", "line 1")]
    public void ModelFile_Malformed_IsRefusedSayingWhere(string text, string where)
    {
        var e = Assert.Throws<FormatException>(() => ModelFile.Read(new StringReader(text)));
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
    }
}
