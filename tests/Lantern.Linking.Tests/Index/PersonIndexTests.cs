using Lantern.Linking.Index;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Linking.Tests.Index;

public sealed class PersonIndexTests
{
    private static PersonIndex NewIndex() => new(SharedData.Febrl1.Scorer.Model, NameVariants.Default);

    private static readonly PersonRecord Imran = new("police-1")
    {
        Given = "Imran",
        Family = "Hussain",
        DateOfBirth = "14/07/1988",
        Postcode = "BD8 7DX",
        Address = "12 Lumb Lane",
        Phone = "07700 900123",
    };

    private static readonly PersonRecord ImranAtSchool = new("school-9")
    {
        Given = "IMRAN",
        Family = "Husain",
        DateOfBirth = "1988-07-14",
        Postcode = "bd87dx",
        Address = "12 Lumb Lane",
    };

    private static PersonIndex WithPopulation(int count)
    {
        var index = NewIndex();
        foreach (var r in new SyntheticPeople(NameVariants.Default, seed: 5).Generate(count, 0).Records)
        {
            index.Add(r);
        }
        return index;
    }

    [Fact]
    public void Query_VariantSpellingOfIndexedPerson_FindsThemFirst()
    {
        var index = WithPopulation(2_000);
        index.Add(Imran);
        var matches = index.Query(ImranAtSchool);
        Assert.NotEmpty(matches);
        Assert.Equal("police-1", matches[0].Id);
        Assert.True(matches[0].Probability > 0.9);
    }

    [Fact]
    public void Remove_IndexedRecord_IsNoLongerFound()
    {
        var index = WithPopulation(500);
        index.Add(Imran);
        var before = index.Count;
        Assert.True(index.Remove("police-1"));
        Assert.False(index.Remove("police-1"));
        Assert.Equal(before - 1, index.Count);
        Assert.DoesNotContain(index.Query(ImranAtSchool), m => m.Id == "police-1");
    }

    [Fact]
    public void Add_SameIdTwice_ReplacesTheRecord()
    {
        var index = NewIndex();
        index.Add(Imran);
        index.Add(Imran with { Given = "Zorabel", Family = "Quince", DateOfBirth = "01/01/1950", Postcode = "LS1 1AA", Address = "1 Park Row", Phone = null });
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Query(ImranAtSchool));
    }

    [Fact]
    public void Query_RecordWithItsOwnId_LeavesItselfOut()
    {
        var index = NewIndex();
        index.Add(Imran);
        Assert.Empty(index.Query(Imran));
        Assert.Single(index.Query(Imran with { Id = "other" }));
    }

    [Fact]
    public void Add_ManyOfOneFamilyName_MakesThatNameCountForLess()
    {
        var index = WithPopulation(500);
        index.Add(Imran);
        // Elsewhere than his household, where the family name counts as evidence about the person.
        var moved = Imran with { Id = "q", Postcode = "BD3 9AA", Address = "4 Leeds Road", Phone = null };
        var rare = index.Query(moved).Single(m => m.Id == "police-1").Weight;
        for (var i = 0; i < 200; i++)
        {
            index.Add(new PersonRecord($"h{i}") { Given = $"Person{i}", Family = "Hussain" });
        }
        var common = index.Query(moved).Single(m => m.Id == "police-1").Weight;
        Assert.True(common < rare);
    }

    [Fact]
    public void Explain_IndexedRecord_GivesPractitionerWords()
    {
        var index = NewIndex();
        index.Add(Imran);
        var lines = index.Explain(ImranAtSchool, "police-1").Lines().ToList();
        Assert.Contains(lines, l => l.StartsWith("family name: variant spelling (Husain/Hussain; counted in the starting point: a household shares it), 0.0", StringComparison.Ordinal));
        Assert.StartsWith("starting point (the records share an address or phone; ", lines[0], StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => index.Explain(ImranAtSchool, "nobody"));
    }
}
