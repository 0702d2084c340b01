using Lantern.Domain.Mentions;

namespace Lantern.Domain.Tests.Mentions;

public sealed class MentionRulesTests
{
    [Fact]
    public void ParseLines_RegistrationThenDescription_OneVehicleWithItsDetail()
    {
        var vehicle = Assert.Single(MentionRules.ParseLines(MentionKind.Vehicle, "NB19 XKR, silver Astra"));

        Assert.Equal(new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), vehicle);
    }

    [Fact]
    public void ParseLines_SeveralCommas_DetailIsEverythingAfterTheFirst()
    {
        var person = Assert.Single(MentionRules.ParseLines(MentionKind.Person, "Mo, older man, drives a taxi"));

        Assert.Equal(new MentionText(MentionKind.Person, "Mo", "older man, drives a taxi"), person);
    }

    [Fact]
    public void ParseLines_OneALineWithBlankLines_BlankLinesSkipped()
    {
        var found = MentionRules.ParseLines(MentionKind.Person, "Mo (older man)\n\n   \r\nKayla\r\n");

        Assert.Equal(
            [new MentionText(MentionKind.Person, "Mo (older man)"), new MentionText(MentionKind.Person, "Kayla")],
            found);
    }

    [Fact]
    public void ParseLines_LineStartingWithAComma_KeepsTheTextAsTheValue()
    {
        var vehicle = Assert.Single(MentionRules.ParseLines(MentionKind.Vehicle, ", silver Astra"));

        Assert.Equal(new MentionText(MentionKind.Vehicle, "silver Astra"), vehicle);
    }

    [Fact]
    public void ParseLines_TrailingComma_NoDetail()
    {
        var phone = Assert.Single(MentionRules.ParseLines(MentionKind.Phone, " 07700 900123 , "));

        Assert.Equal(new MentionText(MentionKind.Phone, "07700 900123"), phone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n \n")]
    public void ParseLines_NothingTyped_Empty(string? text)
    {
        Assert.Empty(MentionRules.ParseLines(MentionKind.Place, text));
    }

    [Fact]
    public void ParseBoxes_EveryBox_PersonThenVehicleThenPhoneThenPlace()
    {
        var found = MentionRules.ParseBoxes(people: "Mo\nKayla", vehicles: "NB19 XKR", phones: "07700 900123", places: "Chicken shop, High St");

        Assert.Equal(
            [MentionKind.Person, MentionKind.Person, MentionKind.Vehicle, MentionKind.Phone, MentionKind.Place],
            found.Select(m => m.Kind));
        Assert.Equal(["Mo", "Kayla", "NB19 XKR", "07700 900123", "Chicken shop"], found.Select(m => m.Value));
    }

    [Fact]
    public void ParseBoxes_OnlyPlaces_JustThePlaces()
    {
        var place = Assert.Single(MentionRules.ParseBoxes(null, places: "Park"));

        Assert.Equal(MentionKind.Place, place.Kind);
    }

    [Fact]
    public void ToLines_ParsedAgain_SameMentions()
    {
        MentionText[] mentions =
        [
            new(MentionKind.Vehicle, "NB19 XKR", "silver Astra"),
            new(MentionKind.Vehicle, "LK70 ABC"),
            new(MentionKind.Vehicle, "AB12 CDE", "red Golf, tinted windows"),
        ];

        var lines = MentionRules.ToLines(mentions);

        Assert.Equal("NB19 XKR, silver Astra\nLK70 ABC\nAB12 CDE, red Golf, tinted windows", lines);
        Assert.Equal(mentions, MentionRules.ParseLines(MentionKind.Vehicle, lines));
    }

    [Fact]
    public void ToLines_Nothing_EmptyText()
    {
        Assert.Equal("", MentionRules.ToLines([]));
    }

    [Fact]
    public void Check_WithinTheRules_NoProblems()
    {
        Assert.Empty(MentionRules.Check([(MentionKind.Person, "Mo", "older man"), (MentionKind.Vehicle, "NB19 XKR", null)], 5, "mentions"));
    }

    [Fact]
    public void Check_TooMany_NamesTheListAndChecksOnlyUpToTheLimit()
    {
        var errors = MentionRules.Check([(MentionKind.Person, "Mo", null), (MentionKind.Person, "Kayla", null), (null, null, null)], 2, "mentions");

        Assert.Equal("mentions", Assert.Single(errors).Field);
    }

    [Fact]
    public void Check_MissingKindAndValue_NamesBothOnTheItem()
    {
        var errors = MentionRules.Check([(MentionKind.Person, "Mo", null), (null, "  ", null)], 5, "links");

        Assert.Equal(["links[1].kind", "links[1].value"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Check_UnknownKind_NamesTheKind()
    {
        var errors = MentionRules.Check([((MentionKind)99, "Mo", null)], 5, "mentions");

        Assert.Equal("mentions[0].kind", Assert.Single(errors).Field);
    }

    [Fact]
    public void Check_ValueOrDetailTooLong_NamesEach()
    {
        var atLimit = MentionRules.Check([(MentionKind.Place, new string('v', MentionRules.ValueMaxLength), new string('d', MentionRules.DetailMaxLength))], 5, "named");
        var tooLong = MentionRules.Check([(MentionKind.Place, new string('v', MentionRules.ValueMaxLength + 1), new string('d', MentionRules.DetailMaxLength + 1))], 5, "named");

        Assert.Empty(atLimit);
        Assert.Equal(["named[0].value", "named[0].detail"], tooLong.Select(e => e.Field));
    }

    [Fact]
    public void Clean_AsGiven_TrimmedAndEmptyDetailDropped()
    {
        var cleaned = MentionRules.Clean([(MentionKind.Person, "  Mo ", "  "), (MentionKind.Vehicle, "NB19 XKR", " silver Astra ")]);

        Assert.Equal([new MentionText(MentionKind.Person, "Mo"), new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra")], cleaned);
    }

    [Fact]
    public void Describe_MixedKinds_ByKindThenAsGiven()
    {
        var words = MentionRules.Describe(
        [
            new(MentionKind.Place, "Chicken shop"),
            new(MentionKind.Vehicle, "NB19 XKR", "silver Astra"),
            new(MentionKind.Person, "Mo", "older man"),
            new(MentionKind.Phone, "07700 900123"),
            new(MentionKind.Person, "Kayla"),
        ]);

        Assert.Equal("Person: Mo (older man); Person: Kayla; Vehicle: NB19 XKR (silver Astra); Phone: 07700 900123; Place: Chicken shop", words);
    }

    [Fact]
    public void Describe_Nothing_EmptyText()
    {
        Assert.Equal("", MentionRules.Describe([]));
    }

    [Theory]
    [InlineData("links[1].value", MentionKind.Vehicle)]
    [InlineData("links[0].detail", MentionKind.Person)]
    [InlineData("links[2].value", null)]
    [InlineData("links", null)]
    [InlineData("named[0].value", null)]
    [InlineData("links[x].value", null)]
    [InlineData("links[].value", null)]
    public void KindAt_TheMentionAProblemIsAbout(string field, MentionKind? expected)
    {
        IReadOnlyList<MentionText> mentions = [new(MentionKind.Person, "Mo"), new(MentionKind.Vehicle, "NB19 XKR")];

        Assert.Equal(expected, MentionRules.KindAt(field, "links", mentions));
    }
}
