using Lantern.Domain.Network;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Network;

public sealed class PersonMergeTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static readonly Actor Analyst = new(Guid.NewGuid(), "Ruth Feld", Role.IntelligenceAnalyst, new AgencyId(Guid.NewGuid()), AgencyKind.Police, null);

    [Fact]
    public void MergeTracked_SurvivorWithoutAgeOrFlag_TakesThemOnAndSaysSo_UnmergeGivesThemBack()
    {
        var older = Person.Record("PER-OLDER00001", "Mohammed Khan", PersonNameKind.Name, Monday, description: "tall");
        var newer = Person.Record("PER-NEWER00001", "Mohammed Khan", PersonNameKind.Name, Monday.AddHours(1), "about 30", Day, "drives a silver Astra");
        newer.AddName("Mo", PersonNameKind.Nickname);
        Assert.Null(newer.Flag(Analyst, "Named by two girls.", Monday));

        var taken = newer.MergeTracked(older);
        Assert.True(taken.Succeeded);
        Assert.Equal(["mo"], taken.Value.NameKeys);
        Assert.True(taken.Value.Age && taken.Value.Flag && !taken.Value.DateOfBirth);
        Assert.Equal(older.Id, newer.MergedIntoId);
        Assert.Equal(("about 30", true, "tall; drives a silver Astra"), (older.AgeAsWritten, older.OfConcern, older.Description));
        Assert.Contains(older.Names, n => n.Value == "Mo");

        // Something recorded about the survivor since the merge stays with it.
        older.Describe("scar on left hand");
        Assert.Null(newer.Unmerge(older, taken.Value));
        Assert.Null(newer.MergedIntoId);
        Assert.Equal(["Mohammed Khan"], older.Names.Select(n => n.Value));
        Assert.Equal((null, false, "tall; scar on left hand"), (older.AgeAsWritten, older.OfConcern, older.Description));
        Assert.Equal("about 30", newer.AgeAsWritten);
        Assert.True(newer.OfConcern);
    }

    [Fact]
    public void MergeTracked_AFlagTheSurvivorHadOfItsOwn_IsKeptOnUnmerge()
    {
        var older = Person.Record("PER-OLDER00002", "Mo", PersonNameKind.Nickname, Monday);
        var newer = Person.Record("PER-NEWER00002", "Mo", PersonNameKind.Nickname, Monday.AddHours(1));
        Assert.Null(older.Flag(Analyst, "Seen with a missing girl.", Monday));
        Assert.Null(newer.Flag(Analyst, "Another reason.", Monday.AddHours(2)));
        var taken = newer.MergeTracked(older);
        Assert.False(taken.Value.Flag);
        Assert.Null(newer.Unmerge(older, taken.Value));
        Assert.Equal("Seen with a missing girl.", older.ConcernReason);
    }

    [Fact]
    public void Unmerge_NotMergedIntoThatRecord_Refused()
    {
        var a = Person.Record("PER-A000000003", "Mo", PersonNameKind.Name, Monday);
        var b = Person.Record("PER-B000000003", "Mo", PersonNameKind.Name, Monday);
        Assert.Equal(FailureKind.Conflict, a.Unmerge(b, new PersonMergeTaken([], false, false, false, null, null))!.Kind);
        Assert.False(a.MergeTracked(a).Succeeded);
    }
}
