using Lantern.Domain.Children;
using Lantern.Domain.Investigations;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Investigations;

public sealed class InvestigationRulesTests
{
    private static readonly Recorder Police = new(AgencyId.New(), "PC Dan Moss");

    [Theory]
    [InlineData(13, true)]
    [InlineData(17, true)]
    [InlineData(18, false)]
    [InlineData(19, false)]
    [InlineData(null, true)]
    public void OpensReview_SexualOffence_DependsOnTheVictimsAgeOnTheDayOfTheOffence(int? ageThen, bool opens) =>
        Assert.Equal(opens, InvestigationRules.OpensReview(CrimeOutcomeType.PoliceNoFurtherAction, OffenceCategory.SexualOffence, [ageThen]));

    [Fact]
    public void OpensReview_OneVictimAChildAmongAdults_Opens() =>
        Assert.True(InvestigationRules.OpensReview(CrimeOutcomeType.ProsecutorDeclinedToCharge, OffenceCategory.SexualExploitation, [19, 15]));

    [Theory]
    [InlineData(CrimeOutcomeType.VictimDoesNotSupport, true)]
    [InlineData(CrimeOutcomeType.ProsecutorDeclinedToCharge, true)]
    [InlineData(CrimeOutcomeType.FiledUndetected, true)]
    [InlineData(CrimeOutcomeType.EvidentialDifficulties, true)]
    [InlineData(CrimeOutcomeType.Charged, false)]
    [InlineData(CrimeOutcomeType.YouthCaution, false)]
    [InlineData(CrimeOutcomeType.SuspectDied, false)]
    public void OpensReview_ByOutcome(CrimeOutcomeType type, bool opens) =>
        Assert.Equal(opens, InvestigationRules.OpensReview(type, OffenceCategory.SexualOffence, [14]));

    [Fact]
    public void OpensReview_NotASexualOffence_DoesNotOpen() =>
        Assert.False(InvestigationRules.OpensReview(CrimeOutcomeType.PoliceNoFurtherAction, OffenceCategory.CriminalExploitation, [14]));

    [Fact]
    public void EveryOutcomeType_HasADeciderAWordAndARule()
    {
        foreach (var type in Enum.GetValues<CrimeOutcomeType>())
        {
            _ = InvestigationRules.IsNoCharge(type);
            _ = InvestigationRules.DecidedBy(type);
            Assert.NotEmpty(type.DisplayName());
        }
    }

    [Fact]
    public void AddOutcome_KeepsEveryDecision_AndTheLatestSetsTheStatus()
    {
        var crime = Crime.Record("CRM-TEST000001", new CrimeDetails("NB/26/1", "Sexual activity with a child", OffenceCategory.SexualOffence,
            new DateOnly(2026, 1, 5), null, new DateOnly(2026, 2, 1), null), [new VictimDetails(new ChildId(Guid.NewGuid()), 14)], [], Police, DateTimeOffset.UnixEpoch);
        Assert.True(crime.AddOutcome(new OutcomeDetails(CrimeOutcomeType.Charged, new DateOnly(2026, 3, 1), null, "CPS North"), Police, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.Equal(CrimeStatus.Charged, crime.Status);
        Assert.True(crime.AddOutcome(new OutcomeDetails(CrimeOutcomeType.ProsecutionDiscontinued, new DateOnly(2026, 4, 1), "Withdrawn", "CPS North"), Police, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.Equal(CrimeStatus.Finalised, crime.Status);
        Assert.Equal([CrimeOutcomeType.Charged, CrimeOutcomeType.ProsecutionDiscontinued], crime.Outcomes.Select(o => o.Type));
    }

    [Fact]
    public void AddOutcome_NoChargeWithoutReason_OrBeforeTheReport_IsRefusedNamingTheField()
    {
        var crime = Crime.Record("CRM-TEST000002", new CrimeDetails("NB/26/2", "Rape of a child under 13", OffenceCategory.SexualOffence,
            new DateOnly(2026, 1, 5), null, new DateOnly(2026, 2, 1), null), [new VictimDetails(new ChildId(Guid.NewGuid()), 12)], [], Police, DateTimeOffset.UnixEpoch);
        var noReason = crime.AddOutcome(new OutcomeDetails(CrimeOutcomeType.VictimDoesNotSupport, new DateOnly(2026, 3, 1), null, "DI Cole"), Police, DateTimeOffset.UnixEpoch);
        Assert.Equal("reason", Assert.Single(noReason.Failure!.Errors).Field);
        var early = crime.AddOutcome(new OutcomeDetails(CrimeOutcomeType.Charged, new DateOnly(2026, 1, 10), null, "CPS North"), Police, DateTimeOffset.UnixEpoch);
        Assert.Equal("decidedOn", Assert.Single(early.Failure!.Errors).Field);
        Assert.Empty(crime.Outcomes);
    }

    [Fact]
    public void Review_OnlyAPoliceOrSocialCareManagerRecordsIt_AndOnlyACrimesReviewReopens()
    {
        var review = NoChargeReview.OfReferral("REV-TEST000001", new ChildId(Guid.NewGuid()), "REF-TEST000001", "Referral closed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7));
        var investigator = new Actor(Guid.NewGuid(), "DC Iqbal", Role.PoliceInvestigator, AgencyId.New(), AgencyKind.Police, null);
        Assert.Equal(FailureKind.Forbidden, review.Record(investigator, ReviewDecision.DecisionStands, "Seen.", DateTimeOffset.UnixEpoch)!.Kind);
        var manager = investigator with { Role = Role.TeamManager };
        Assert.Equal("decision", review.Record(manager, ReviewDecision.ReopenInvestigation, "Reopen.", DateTimeOffset.UnixEpoch)!.Errors[0].Field);
        Assert.Null(review.Record(manager, ReviewDecision.FurtherEnquiries, "Strategy discussion on Monday.", DateTimeOffset.UnixEpoch.AddDays(8)));
        Assert.True(review.IsLate(DateTimeOffset.UnixEpoch.AddDays(8)));
        Assert.Equal(FailureKind.Conflict, review.Record(manager, ReviewDecision.FurtherEnquiries, "Again.", DateTimeOffset.UnixEpoch)!.Kind);
    }

    [Fact]
    public void Review_OfAForcesDecision_RecordedByThatForcesManagerOrSocialCare_NotByAnotherForce()
    {
        var child = new ChildId(Guid.NewGuid());
        var crime = Crime.Record("CRM-TEST000003", new CrimeDetails("NB/26/3", "Sexual activity with a child", OffenceCategory.SexualOffence,
            new DateOnly(2026, 1, 5), null, new DateOnly(2026, 2, 1), null), [new VictimDetails(child, 14)], [], Police, DateTimeOffset.UnixEpoch);
        var outcome = crime.AddOutcome(new OutcomeDetails(CrimeOutcomeType.PoliceNoFurtherAction, new DateOnly(2026, 3, 1), "Evidential difficulties", "DI Cole"),
            Police, DateTimeOffset.UnixEpoch).Value;
        NoChargeReview Review() => NoChargeReview.OfOutcome("REV-TEST000002", child, crime, outcome, "No further action", DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddDays(7), Police.Agency);

        var otherForce = new Actor(Guid.NewGuid(), "DI Ross", Role.TeamManager, AgencyId.New(), AgencyKind.Police, null);
        Assert.Equal(FailureKind.Forbidden, Review().Record(otherForce, ReviewDecision.DecisionStands, "Seen.", DateTimeOffset.UnixEpoch)!.Kind);
        var sameForce = otherForce with { Agency = Police.Agency };
        Assert.Null(Review().Record(sameForce, ReviewDecision.DecisionStands, "Evidence reviewed with the CPS; the decision stands.", DateTimeOffset.UnixEpoch));
        var socialCare = new Actor(Guid.NewGuid(), "Grace Okafor", Role.TeamManager, AgencyId.New(), AgencyKind.ChildrensSocialCare, null);
        Assert.Null(Review().Record(socialCare, ReviewDecision.DecisionStands, "Reviewed at the exploitation panel; safeguarding plan continues.", DateTimeOffset.UnixEpoch));
    }
}
