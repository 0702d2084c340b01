using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Screening;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Screening;

public sealed class ScreeningTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static readonly DateTimeOffset ScreenedAt = new(2026, 11, 29, 11, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset ReviewedAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly Guid ChronologyEntry = Guid.NewGuid();

    /// <summary>Two harm indicators this month (5 points each): 10, the moderate band.</summary>
    private static readonly ScreenedIndicator[] TwoHarmIndicators =
    [
        new("cars-with-unknown-adults", new DateOnly(2026, 11, 1), Staff.Police, "  Seen getting into NB19 XKR.  ", ConcernOnly: false, PrefilledFrom: null),
        new("unexplained-money-or-gifts", new DateOnly(2026, 11, 20), Staff.School, null, ConcernOnly: true, PrefilledFrom: null),
    ];

    /// <summary>The shipped tool: vulnerabilities weigh 1, risk indicators 2, harm indicators 5; bands start at 0, 4, 9 and 15.</summary>
    private static ScreeningTool Tool => ScreeningToolFixture.Shipped;

    private static Actor Screener(Role role = Role.Practitioner) => Staff.ExploitationTeamStaff(role, "Sol Screener");

    private static Domain.Screening.Screening Screen(Actor by, LevelOfConcern chosen, string? reason = "Known to the team; risk is held by the plan.",
        int? age = 15, IReadOnlyList<ScreenedIndicator>? items = null)
    {
        items ??= TwoHarmIndicators;
        var facts = new ScreeningFacts(Today, age, RepeatMissing: false);
        var result = ScreeningCalculator.Compute(Tool, [.. items.Select(i => new ScreeningAnswer(i.IndicatorId, i.ObservedOn))], facts);
        return Domain.Screening.Screening.Record(ChildId.New(), Tool, by, ScreenedAt, facts, result, items, chosen, reason, ChronologyEntry);
    }

    /// <summary>Chosen emerging against the moderate band: waits for the screener's management line.</summary>
    private static Domain.Screening.Screening AwaitingReview(Actor? by = null) => Screen(by ?? Screener(), LevelOfConcern.Emerging);

    public static TheoryData<Role> ManagersAboveTheTeams => [Role.ServiceManager, Role.HeadOfService];

    [Fact]
    public void Record_ChosenBelowTheSupportingBand_AwaitsReview()
    {
        var screening = AwaitingReview();

        Assert.Equal(LevelOfConcern.Moderate, screening.ComputedLevel);
        Assert.Equal(LevelOfConcern.Emerging, screening.ChosenLevel);
        Assert.True(screening.Diverges);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
        Assert.Equal(LevelOfConcern.Emerging, screening.Level);
    }

    [Theory]
    [InlineData(LevelOfConcern.Moderate)]
    [InlineData(LevelOfConcern.Significant)]
    public void Record_ChosenAtOrAboveTheSupportingBand_NothingToReview(LevelOfConcern chosen)
    {
        var screening = Screen(Screener(), chosen, reason: null);

        Assert.False(screening.Diverges);
        Assert.Equal(ScreeningReviewStatus.NotNeeded, screening.ReviewStatus);
        Assert.Equal(chosen, screening.Level);
    }

    [Fact]
    public void Record_ShippedTool_KeepsToolScreenerScoreAndItems()
    {
        var screener = Screener();

        var screening = Screen(screener, LevelOfConcern.Emerging, reason: "  Held by the plan.  ");

        Assert.Equal("lantern-cse", screening.ToolId);
        Assert.Equal(1, screening.ToolVersion);
        Assert.Equal(Tool.Name, screening.ToolName);
        Assert.Equal(screener.Id, screening.ScreenedBy);
        Assert.Equal("Sol Screener", screening.ScreenedByName);
        Assert.Equal(Staff.SocialCare, screening.AgencyId);
        Assert.Equal(Staff.ExploitationTeam, screening.TeamId);
        Assert.Equal(ScreenedAt, screening.ScreenedAt);
        Assert.Equal(15, screening.AgeAtScreening);
        Assert.Equal(10m, screening.Score);
        Assert.Equal(LevelOfConcern.Moderate, screening.ScoreBand);
        Assert.Equal("Held by the plan.", screening.Reason);
        Assert.Null(screening.RulesApplied);
        Assert.Equal(ChronologyEntry, screening.ChronologyEntryId);
        Assert.Equal(["cars-with-unknown-adults", "unexplained-money-or-gifts"], screening.Items.Select(i => i.IndicatorId));
        Assert.All(screening.Items, i => Assert.Equal(5m, i.Points));
        Assert.Equal("Seen getting into NB19 XKR.", screening.Items[0].Evidence);
        Assert.Null(screening.Items[1].Evidence);
        Assert.True(screening.Items[1].ConcernOnly);
    }

    [Fact]
    public void Record_ThirteenWithARiskIndicator_RuleRaisesTheBandAndIsKept()
    {
        ScreenedIndicator[] oneRisk = [new("unknown-adults-contacting", new DateOnly(2026, 11, 25), Staff.School, "Messages from an adult.", false, null)];

        var screening = Screen(Screener(), LevelOfConcern.Emerging, age: 13, items: oneRisk);

        Assert.Equal(LevelOfConcern.NoCurrentConcern, screening.ScoreBand);
        Assert.Equal(LevelOfConcern.Moderate, screening.ComputedLevel);
        Assert.Equal("The child is 13 or under and a risk or harm indicator is present.", screening.RulesApplied);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Fact]
    public void Record_UnknownChosenLevel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Screen(Screener(), (LevelOfConcern)99));
    }

    [Fact]
    public void Review_TeamManagerOfTheScreenersTeamAgrees_AgreedAndPractitionersLevelStands()
    {
        var screening = AwaitingReview();
        var manager = Staff.ExploitationTeamStaff(Role.TeamManager, "Tam Manager");

        Assert.Null(screening.Review(manager, newLevel: null, note: "  Agree: the plan holds the risk.  ", ReviewedAt));

        Assert.Equal(ScreeningReviewStatus.Agreed, screening.ReviewStatus);
        Assert.Null(screening.ReviewedLevel);
        Assert.Equal(LevelOfConcern.Emerging, screening.Level);
        Assert.Equal(manager.Id, screening.ReviewedBy);
        Assert.Equal("Tam Manager", screening.ReviewedByName);
        Assert.Equal(ReviewedAt, screening.ReviewedAt);
        Assert.Equal("Agree: the plan holds the risk.", screening.ReviewNote);
    }

    [Fact]
    public void Review_SameLevelGivenWithoutANote_Agreed()
    {
        var screening = AwaitingReview();

        Assert.Null(screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), LevelOfConcern.Emerging, note: " ", ReviewedAt));

        Assert.Equal(ScreeningReviewStatus.Agreed, screening.ReviewStatus);
        Assert.Null(screening.ReviewedLevel);
        Assert.Null(screening.ReviewNote);
    }

    [Fact]
    public void Review_DifferentLevelWithANote_LevelChangedAndTheManagersLevelStands()
    {
        var screening = AwaitingReview();

        Assert.Null(screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), LevelOfConcern.Moderate, "Two harm indicators this month.", ReviewedAt));

        Assert.Equal(ScreeningReviewStatus.LevelChanged, screening.ReviewStatus);
        Assert.Equal(LevelOfConcern.Moderate, screening.ReviewedLevel);
        Assert.Equal(LevelOfConcern.Moderate, screening.Level);
        Assert.Equal(LevelOfConcern.Emerging, screening.ChosenLevel);
    }

    [Theory]
    [MemberData(nameof(ManagersAboveTheTeams))]
    public void Review_SeniorManagerOfTheScreenersAgency_Reviews(Role role)
    {
        var screening = AwaitingReview();

        Assert.Null(screening.Review(Staff.SocialCareStaff(role, Staff.FrontDoorTeam), null, null, ReviewedAt));

        Assert.Equal(ScreeningReviewStatus.Agreed, screening.ReviewStatus);
    }

    [Fact]
    public void Review_ScreenerWithoutATeam_AnyTeamManagerOfTheAgencyReviews()
    {
        var screener = new Actor(Guid.NewGuid(), "Sol Screener", Role.Practitioner, Staff.SocialCare, AgencyKind.ChildrensSocialCare, null);
        var screening = AwaitingReview(screener);

        Assert.Null(screening.Review(Staff.SocialCareStaff(Role.TeamManager, Staff.FrontDoorTeam), null, null, ReviewedAt));
    }

    [Fact]
    public void Review_TheScreenerThemselves_InvalidOnDecisionAndStillAwaiting()
    {
        var screener = Screener(Role.TeamManager);
        var screening = AwaitingReview(screener);

        var problem = screening.Review(screener, null, "I agree with myself.", ReviewedAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Decision", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
        Assert.Null(screening.ReviewedBy);
    }

    [Fact]
    public void Review_TeamManagerOfAnotherTeam_ForbiddenAndStillAwaiting()
    {
        var screening = AwaitingReview();

        var problem = screening.Review(Staff.SocialCareStaff(Role.TeamManager, Staff.FrontDoorTeam), null, null, ReviewedAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void Review_ManagerOfAnotherAgency_ForbiddenAndStillAwaiting(Role role)
    {
        var screening = AwaitingReview();

        var problem = screening.Review(Staff.PoliceStaff(role), null, null, ReviewedAt);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Fact]
    public void Review_ColleagueInTheSameTeam_Forbidden()
    {
        var screening = AwaitingReview();

        Assert.Equal(FailureKind.Forbidden, screening.Review(Screener(Role.Practitioner), null, null, ReviewedAt)?.Kind);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Fact]
    public void Review_DifferentLevelWithoutANote_InvalidOnNoteAndStillAwaiting()
    {
        var screening = AwaitingReview();

        var problem = screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), LevelOfConcern.Significant, "  ", ReviewedAt);

        Assert.Equal("Note", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
        Assert.Null(screening.ReviewedLevel);
    }

    [Fact]
    public void Review_UnknownLevel_InvalidOnNewLevel()
    {
        var screening = AwaitingReview();

        var problem = screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), (LevelOfConcern)99, "Note.", ReviewedAt);

        Assert.Equal("NewLevel", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Fact]
    public void Review_NoteLongerThanTheLimit_InvalidOnNote()
    {
        var screening = AwaitingReview();

        var problem = screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), null, new string('n', Domain.Screening.Screening.NoteMaxLength + 1), ReviewedAt);

        Assert.Equal("Note", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ScreeningReviewStatus.Awaiting, screening.ReviewStatus);
    }

    [Fact]
    public void Review_Twice_ConflictOnDecisionAndFirstReviewKept()
    {
        var screening = AwaitingReview();
        var first = Staff.ExploitationTeamStaff(Role.TeamManager);
        Assert.Null(screening.Review(first, LevelOfConcern.Moderate, "Raise it.", ReviewedAt));

        var problem = screening.Review(Staff.SocialCareStaff(Role.ServiceManager), null, "Agree with the practitioner.", ReviewedAt.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Decision", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ScreeningReviewStatus.LevelChanged, screening.ReviewStatus);
        Assert.Equal(first.Id, screening.ReviewedBy);
        Assert.Equal(LevelOfConcern.Moderate, screening.Level);
    }

    [Fact]
    public void Review_NothingToReview_Conflict()
    {
        var screening = Screen(Screener(), LevelOfConcern.Moderate, reason: null);

        var problem = screening.Review(Staff.ExploitationTeamStaff(Role.TeamManager), null, null, ReviewedAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal(ScreeningReviewStatus.NotNeeded, screening.ReviewStatus);
    }

    [Fact]
    public void MayBeReviewedBy_TheScreenersManagementLine_True()
    {
        var screening = AwaitingReview();

        Assert.True(screening.MayBeReviewedBy(Staff.ExploitationTeamStaff(Role.TeamManager)));
        Assert.True(screening.MayBeReviewedBy(Staff.SocialCareStaff(Role.ServiceManager, Staff.FrontDoorTeam)));
        Assert.True(screening.MayBeReviewedBy(Staff.SocialCareStaff(Role.HeadOfService, Staff.FrontDoorTeam)));
    }

    [Fact]
    public void MayBeReviewedBy_OutsideTheLineOrTheScreener_False()
    {
        var screener = Screener(Role.TeamManager);
        var screening = AwaitingReview(screener);

        Assert.False(screening.MayBeReviewedBy(screener));
        Assert.False(screening.MayBeReviewedBy(Staff.SocialCareStaff(Role.TeamManager, Staff.FrontDoorTeam)));
        Assert.False(screening.MayBeReviewedBy(Staff.PoliceStaff(Role.ServiceManager)));
        Assert.False(screening.MayBeReviewedBy(Screener(Role.Practitioner)));
    }

    [Fact]
    public void MayBeReviewedBy_AlreadyReviewedOrNothingToReview_False()
    {
        var manager = Staff.ExploitationTeamStaff(Role.TeamManager);
        var reviewed = AwaitingReview();
        Assert.Null(reviewed.Review(manager, null, null, ReviewedAt));

        Assert.False(reviewed.MayBeReviewedBy(Staff.ExploitationTeamStaff(Role.TeamManager)));
        Assert.False(Screen(Screener(), LevelOfConcern.Moderate, reason: null).MayBeReviewedBy(manager));
    }

    [Fact]
    public void CheckReviewer_Screener_InvalidOnDecisionEvenWhenASeniorManager()
    {
        var screener = Staff.ExploitationTeamStaff(Role.ServiceManager);
        var screening = AwaitingReview(screener);

        var problem = screening.CheckReviewer(screener);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Decision", Assert.Single(problem!.Errors).Field);
    }

    [Fact]
    public void CheckReviewer_TeamManagerOfTheTeam_Null()
    {
        Assert.Null(AwaitingReview().CheckReviewer(Staff.ExploitationTeamStaff(Role.TeamManager)));
    }

    [Fact]
    public void CheckReviewer_ManagerOfAnotherAgency_Forbidden()
    {
        Assert.Equal(FailureKind.Forbidden, AwaitingReview().CheckReviewer(Staff.PoliceStaff(Role.HeadOfService))?.Kind);
    }
}
