using Lantern.Domain.Children;
using Lantern.Domain.People;

namespace Lantern.Domain.Tests.Children;

public sealed class ChildTests
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static readonly DateOnly OpenedOn = new(2026, 11, 23);

    private static NewChild Chloe => new()
    {
        GivenName = "Chloe",
        FamilyName = "Example",
        KnownAs = "Clo",
        DateOfBirth = new DateOnly(2011, 5, 14),
        NhsNumber = "4857773457",
        School = "Northbridge Academy",
        Address = "12 Canal Street, Northbridge",
        Postcode = "NB1 4AA",
    };

    private static ChildDetails ValidDetails => new()
    {
        GivenName = " Chloe ",
        FamilyName = " Example ",
        KnownAs = " Clo, CeCe ",
        Gender = Gender.Female,
        Ethnicity = "MWBC",
        NhsNumber = "485 777 3457",
        UniquePupilNumber = " A123456789012 ",
        PoliceReference = " NB/12345/26 ",
        School = " Northbridge Academy ",
        LookedAfter = true,
        ChildProtectionPlan = false,
        ChildInNeed = true,
    };

    private static Child Open(NewChild? details = null) => Child.Open(details ?? Chloe, OpenedAt, OpenedOn);

    [Fact]
    public void Open_FirstReferralsDetails_RecordWithCurrentAddress()
    {
        var child = Open();

        Assert.Equal("Chloe Example", child.FullName);
        Assert.Equal("Clo", child.KnownAs);
        Assert.Equal(new DateOnly(2011, 5, 14), child.DateOfBirth);
        Assert.Null(child.EstimatedAge);
        Assert.Equal("4857773457", child.NhsNumber);
        Assert.Equal(Gender.NotKnown, child.Gender);
        Assert.Null(child.LevelOfConcern);
        Assert.Equal(OpenedAt, child.CreatedAt);
        var address = Assert.Single(child.Addresses);
        Assert.Equal("12 Canal Street, Northbridge", address.Address);
        Assert.Equal("NB1 4AA", address.Postcode);
        Assert.Equal(OpenedOn, address.From);
        Assert.Null(address.To);
        Assert.Equal(child.Id, address.ChildId);
    }

    [Fact]
    public void Open_NoAddress_NoAddresses()
    {
        Assert.Empty(Open(Chloe with { Address = null, Postcode = null }).Addresses);
    }

    [Fact]
    public void Open_DateOfBirthAndEstimate_KeepsOnlyTheDateOfBirth()
    {
        var child = Open(Chloe with { EstimatedAge = 12 });

        Assert.Null(child.EstimatedAge);
        Assert.Null(child.EstimatedAgeOn);
        Assert.Equal(15, child.AgeOn(OpenedOn));
    }

    [Fact]
    public void Open_EstimateOnly_EstimateDatedTheDayOpened()
    {
        var child = Open(Chloe with { DateOfBirth = null, EstimatedAge = 14 });

        Assert.Equal(14, child.EstimatedAge);
        Assert.Equal(OpenedOn, child.EstimatedAgeOn);
    }

    [Fact]
    public void AgeOn_EstimateOnly_MovesOnAYearAtATimeFromTheDayOpened()
    {
        var child = Open(Chloe with { DateOfBirth = null, EstimatedAge = 14 });

        Assert.Equal(14, child.AgeOn(OpenedOn.AddYears(1).AddDays(-1)));
        Assert.Equal(15, child.AgeOn(OpenedOn.AddYears(1)));
    }

    [Fact]
    public void AgeOn_DateOfBirth_WholeYearsWithTheBirthdayCounting()
    {
        var child = Open();

        Assert.Equal(15, child.AgeOn(new DateOnly(2027, 5, 13)));
        Assert.Equal(16, child.AgeOn(new DateOnly(2027, 5, 14)));
    }

    [Fact]
    public void AgeOn_NothingKnown_Null()
    {
        Assert.Null(Open(Chloe with { DateOfBirth = null, EstimatedAge = null }).AgeOn(OpenedOn));
    }

    [Fact]
    public void ChangeDetails_Valid_TrimmedAndNhsNumberWithoutSpaces()
    {
        var child = Open();

        Assert.Null(child.ChangeDetails(ValidDetails));

        Assert.Equal("Chloe", child.GivenName);
        Assert.Equal("Example", child.FamilyName);
        Assert.Equal("Clo, CeCe", child.KnownAs);
        Assert.Equal(Gender.Female, child.Gender);
        Assert.Equal("MWBC", child.Ethnicity);
        Assert.Equal("4857773457", child.NhsNumber);
        Assert.Equal("A123456789012", child.UniquePupilNumber);
        Assert.Equal("NB/12345/26", child.PoliceReference);
        Assert.Equal("Northbridge Academy", child.School);
        Assert.True(child.LookedAfter);
        Assert.False(child.ChildProtectionPlan);
        Assert.True(child.ChildInNeed);
    }

    [Fact]
    public void ChangeDetails_BlankOptionalFields_Cleared()
    {
        var child = Open();

        Assert.Null(child.ChangeDetails(ValidDetails with { KnownAs = " ", Ethnicity = "", NhsNumber = "  ", School = null }));

        Assert.Null(child.KnownAs);
        Assert.Null(child.Ethnicity);
        Assert.Null(child.NhsNumber);
        Assert.Null(child.School);
    }

    [Fact]
    public void ChangeDetails_NhsNumberWithAWrongCheckDigit_InvalidOnNhsNumberAndNothingChanged()
    {
        var child = Open();

        var problem = child.ChangeDetails(ValidDetails with { GivenName = "Changed", NhsNumber = "485 777 3458" });

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal(new FieldError("NhsNumber", NhsNumber.Problem), Assert.Single(problem!.Errors));
        Assert.Equal("4857773457", child.NhsNumber);
        Assert.Equal("Chloe", child.GivenName);
    }

    [Fact]
    public void ChangeDetails_ANumberAlreadyOnTheRecordWithoutAValidCheckDigit_IsKept_ButCannotBeChangedToAnotherLikeIt()
    {
        // Recorded before the check digit was checked.
        var child = Open(Chloe with { NhsNumber = "4857773458" });

        Assert.Null(child.ChangeDetails(ValidDetails with { GivenName = "Changed", NhsNumber = "485 777 3458" }));
        Assert.Equal(("4857773458", "Changed"), (child.NhsNumber, child.GivenName));

        var problem = child.ChangeDetails(ValidDetails with { NhsNumber = "485 777 3459" });
        Assert.Equal(new FieldError("NhsNumber", NhsNumber.Problem), Assert.Single(problem!.Errors));
        Assert.Equal("4857773458", child.NhsNumber);
    }

    [Fact]
    public void ChangeDetails_EverythingWrong_EveryFieldNamedInFormOrder()
    {
        var child = Open();

        var problem = child.ChangeDetails(new ChildDetails
        {
            GivenName = " ",
            FamilyName = new string('f', Child.NameMaxLength + 1),
            KnownAs = new string('k', Child.KnownAsMaxLength + 1),
            Gender = null,
            Ethnicity = "XXXX",
            NhsNumber = "123",
            UniquePupilNumber = new string('u', 14),
            PoliceReference = new string('p', 41),
            School = new string('s', 201),
        });

        Assert.Equal(
            ["GivenName", "FamilyName", "KnownAs", "Gender", "Ethnicity", "NhsNumber", "UniquePupilNumber", "PoliceReference", "School"],
            problem!.Errors.Select(e => e.Field));
        Assert.Equal("Chloe", child.GivenName);
        Assert.Equal(Gender.NotKnown, child.Gender);
    }

    [Fact]
    public void ChangeDetails_UnknownGender_InvalidOnGender()
    {
        var problem = Open().ChangeDetails(ValidDetails with { Gender = (Gender)99 });

        Assert.Equal("Gender", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void MoveTo_NewAddress_CurrentOneEndsTodayAndNewOneStarts()
    {
        var child = Open();
        var today = new DateOnly(2027, 1, 8);

        Assert.Null(child.MoveTo("  Flat 3, 40 Mill Lane  ", " nb2 7zz ", today));

        Assert.Equal(2, child.Addresses.Count);
        Assert.Equal(today, child.Addresses[0].To);
        var current = child.Addresses[1];
        Assert.Equal("Flat 3, 40 Mill Lane", current.Address);
        Assert.Equal("NB2 7ZZ", current.Postcode);
        Assert.Equal(today, current.From);
        Assert.Null(current.To);
    }

    [Fact]
    public void MoveTo_Twice_OnlyTheLatestIsCurrent()
    {
        var child = Open();
        Assert.Null(child.MoveTo("Flat 3, 40 Mill Lane", null, new DateOnly(2027, 1, 8)));

        Assert.Null(child.MoveTo("5 Hill Road", null, new DateOnly(2027, 3, 1)));

        Assert.Equal([OpenedOn, new DateOnly(2027, 1, 8), new DateOnly(2027, 3, 1)], child.Addresses.Select(a => a.From));
        Assert.Equal([new DateOnly(2027, 1, 8), new DateOnly(2027, 3, 1), (DateOnly?)null], child.Addresses.Select(a => a.To));
        Assert.Null(child.Addresses[2].Postcode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void MoveTo_NoAddress_InvalidOnAddressAndCurrentAddressKept(string? address)
    {
        var child = Open();

        var problem = child.MoveTo(address, "NB2 7ZZ", new DateOnly(2027, 1, 8));

        Assert.Equal("Address", Assert.Single(problem!.Errors).Field);
        Assert.Null(Assert.Single(child.Addresses).To);
    }

    [Fact]
    public void MoveTo_AddressTooLong_InvalidOnAddress()
    {
        var problem = Open().MoveTo(new string('a', Child.AddressMaxLength + 1), null, new DateOnly(2027, 1, 8));

        Assert.Equal("Address", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void MoveTo_PostcodeTooLong_InvalidOnPostcodeAndCurrentAddressKept()
    {
        var child = Open();

        var problem = child.MoveTo("5 Hill Road", "NB2 7ZZ EXTRA", new DateOnly(2027, 1, 8));

        Assert.Equal("Postcode", Assert.Single(problem!.Errors).Field);
        Assert.Null(Assert.Single(child.Addresses).To);
    }

    [Fact]
    public void AddRelationship_Valid_AddedTrimmed()
    {
        var child = Open();

        Assert.Null(child.AddRelationship(" Dawn Example ", RelationshipKind.Parent, livesWithChild: true, " 07700 900456 "));

        var mother = Assert.Single(child.Relationships);
        Assert.Equal("Dawn Example", mother.Name);
        Assert.Equal(RelationshipKind.Parent, mother.Kind);
        Assert.True(mother.LivesWithChild);
        Assert.Equal("07700 900456", mother.Contact);
        Assert.Equal(child.Id, mother.ChildId);
    }

    [Fact]
    public void AddRelationship_NoNameNoKindContactTooLong_NamesEachAndAddsNothing()
    {
        var child = Open();

        var problem = child.AddRelationship(" ", null, livesWithChild: false, new string('c', 201));

        Assert.Equal(["Name", "Kind", "Contact"], problem!.Errors.Select(e => e.Field));
        Assert.Empty(child.Relationships);
    }

    [Fact]
    public void AddRelationship_UnknownKind_InvalidOnKind()
    {
        var child = Open();

        var problem = child.AddRelationship("Dawn Example", (RelationshipKind)99, livesWithChild: false, null);

        Assert.Equal("Kind", Assert.Single(problem!.Errors).Field);
        Assert.Empty(child.Relationships);
    }

    [Fact]
    public void AddVulnerability_Described_AddedWithWhoAndWhen()
    {
        var child = Open();
        var at = OpenedAt.AddDays(2);

        Assert.Null(child.AddVulnerability("  Learning disability  ", "Priya Practitioner", at));

        var vulnerability = Assert.Single(child.Vulnerabilities);
        Assert.Equal("Learning disability", vulnerability.Description);
        Assert.Equal("Priya Practitioner", vulnerability.RecordedBy);
        Assert.Equal(at, vulnerability.RecordedAt);
        Assert.Null(vulnerability.EndedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void AddVulnerability_NotDescribed_InvalidOnNewVulnerability(string? description)
    {
        var child = Open();

        var problem = child.AddVulnerability(description, "Priya Practitioner", OpenedAt);

        Assert.Equal("NewVulnerability", Assert.Single(problem!.Errors).Field);
        Assert.Empty(child.Vulnerabilities);
    }

    [Fact]
    public void AddVulnerability_TooLong_InvalidOnNewVulnerability()
    {
        var child = Open();

        var problem = child.AddVulnerability(new string('v', Child.VulnerabilityMaxLength + 1), "Priya Practitioner", OpenedAt);

        Assert.Equal("NewVulnerability", Assert.Single(problem!.Errors).Field);
        Assert.Empty(child.Vulnerabilities);
    }

    [Fact]
    public void RequestScreening_RepeatMissing_RequestedAtThatTime()
    {
        var child = Open();

        child.RequestScreening(OpenedAt.AddDays(3));

        Assert.Equal(OpenedAt.AddDays(3), child.ScreeningRequestedAt);
    }

    [Fact]
    public void SetLevelOfConcern_AfterARequest_LevelSetAndRequestMet()
    {
        var child = Open();
        child.RequestScreening(OpenedAt.AddDays(3));

        child.SetLevelOfConcern(LevelOfConcern.Moderate);

        Assert.Equal(LevelOfConcern.Moderate, child.LevelOfConcern);
        Assert.Null(child.ScreeningRequestedAt);
    }

    [Fact]
    public void SetLevelOfConcern_UnknownLevel_ThrowsAndLevelKept()
    {
        var child = Open();
        child.SetLevelOfConcern(LevelOfConcern.Emerging);
        child.RequestScreening(OpenedAt);

        Assert.Throws<ArgumentOutOfRangeException>(() => child.SetLevelOfConcern((LevelOfConcern)99));

        Assert.Equal(LevelOfConcern.Emerging, child.LevelOfConcern);
        Assert.Equal(OpenedAt, child.ScreeningRequestedAt);
    }

    [Fact]
    public void TakeOnSafetyOf_AMergedRecord_KeepsEveryStatusRaised_TheHigherConcern_AndTheEarlierScreeningAsked()
    {
        var survivor = Open();
        survivor.SetLevelOfConcern(LevelOfConcern.Moderate);
        var merged = Open();
        Assert.Null(merged.ChangeDetails(ValidDetails));
        merged.SetLevelOfConcern(LevelOfConcern.Significant);
        merged.RequestScreening(OpenedAt.AddDays(-1));

        survivor.TakeOnSafetyOf(merged);

        Assert.True(survivor.LookedAfter);
        Assert.True(survivor.ChildInNeed);
        Assert.False(survivor.ChildProtectionPlan);
        Assert.Equal(LevelOfConcern.Significant, survivor.LevelOfConcern);
        Assert.Equal(OpenedAt.AddDays(-1), survivor.ScreeningRequestedAt);

        // Nothing is lowered by a record that says less.
        survivor.TakeOnSafetyOf(Open());
        Assert.True(survivor.LookedAfter);
        Assert.Equal(LevelOfConcern.Significant, survivor.LevelOfConcern);
        Assert.Equal(OpenedAt.AddDays(-1), survivor.ScreeningRequestedAt);
    }
}
