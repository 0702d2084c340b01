using Lantern.Domain.Network;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Network;

public sealed class PersonMatchingTests
{
    private static readonly Guid A = Guid.CreateVersion7();
    private static readonly Guid B = Guid.CreateVersion7();

    [Fact]
    public void Decide_NameOnly_NewRecord() =>
        Assert.Null(PersonMatching.Decide([new(A, AgeFits: true, AroundSameChild: false, SharesNamedThing: false)]).Join);

    [Fact]
    public void Decide_NameAndASharedCar_Joins() =>
        Assert.Equal(A, PersonMatching.Decide([new(A, true, false, true), new(B, true, false, false)]).Join);

    [Fact]
    public void Decide_SharedCarButAgeContradicts_NewRecord() =>
        Assert.Null(PersonMatching.Decide([new(A, AgeFits: false, AroundSameChild: true, SharesNamedThing: true)]).Join);

    [Fact]
    public void Decide_TwoOfTheNameShareWhatTheRecordNames_NeitherIsChosen() =>
        Assert.Null(PersonMatching.Decide([new(A, true, false, true), new(B, true, false, true)]).Join);

    [Fact]
    public void Decide_SameChildAgain_Joins_UnlessAnotherSharesTheCar()
    {
        Assert.Equal(A, PersonMatching.Decide([new(A, true, true, false), new(B, true, false, false)]).Join);
        Assert.Equal(B, PersonMatching.Decide([new(A, true, true, false), new(B, true, false, true)]).Join);
    }

    [Fact]
    public void Decide_Nobody_NewRecord() => Assert.Null(PersonMatching.Decide([]).Join);

    private static readonly Actor Analyst = new(Guid.CreateVersion7(), "Ruth Feld", Role.IntelligenceAnalyst, AgencyId.New(), AgencyKind.Police, null);

    [Fact]
    public void Flag_NeedsAReason_OnceOnly_UnflagNeedsAReason()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var person = Person.Record("PER-TEST000001", "Mo", PersonNameKind.Nickname, at);
        Assert.Equal("Reason", Assert.Single(person.Flag(Analyst, " \u200B ", at)!.Errors).Field);
        Assert.False(person.OfConcern);
        Assert.Null(person.Flag(Analyst, "Named by two girls.", at));
        Assert.Equal(FailureKind.Conflict, person.Flag(Analyst, "Again.", at)!.Kind);
        Assert.Equal(FailureKind.Validation, person.Unflag(Analyst, "", at)!.Kind);
        Assert.Null(person.Unflag(Analyst, "Wrong man.", at));
        Assert.Equal(FailureKind.Conflict, person.Unflag(Analyst, "Again.", at)!.Kind);
    }

    [Fact]
    public void MergeInto_SurvivorTakesTheNamesAgeAndFlag()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var older = Person.Record("PER-TEST000001", "Mohammed Aziz", PersonNameKind.Name, at);
        var newer = Person.Record("PER-TEST000002", "Mo", PersonNameKind.Nickname, at, "about 40", DateOnly.FromDateTime(at.UtcDateTime));
        Assert.Null(newer.Flag(Analyst, "Drives girls to parties.", at));
        Assert.Null(newer.MergeInto(older));
        Assert.Equal(["mohammed aziz", "mo"], older.Names.Select(n => n.Key));
        Assert.Equal(("about 40", true), (older.AgeAsWritten, older.OfConcern));
        Assert.Equal(FailureKind.Conflict, newer.MergeInto(older)!.Kind);
    }

    [Fact]
    public void Link_WithdrawnOnceWithAReason_RepointFollowsAMerge()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var child = new NodeRef(NodeKind.Child, Guid.CreateVersion7());
        var car = new NodeRef(NodeKind.Vehicle, Guid.CreateVersion7());
        var link = Link.Make(child, car, LinkType.PickedUpIn, LinkConfidence.Confirmed, new LinkSource("Import", "inc-1", null, at), "police", at, grade: " B2 ");
        Assert.Equal("B2", link.IntelligenceGrade);
        Assert.Equal(car, link.Other(child));
        Assert.Null(link.Other(new NodeRef(NodeKind.Phone, Guid.CreateVersion7())));
        var survivor = new NodeRef(NodeKind.Child, Guid.CreateVersion7());
        link.Repoint(child, survivor);
        Assert.Equal(survivor, link.From);
        Assert.Equal(FailureKind.Validation, link.Withdraw(" ", at)!.Kind);
        Assert.Null(link.Withdraw("Wrong car", at));
        Assert.Equal(FailureKind.Conflict, link.Withdraw("Again", at)!.Kind);
        Assert.Throws<ArgumentException>(() => Link.Make(car, car, LinkType.Other, LinkConfidence.Tentative, new LinkSource("Import", "x", null, at), "x", at));
    }
}
