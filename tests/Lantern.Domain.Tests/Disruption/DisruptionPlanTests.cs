using Lantern.Domain.Disruption;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;

namespace Lantern.Domain.Tests.Disruption;

public sealed class DisruptionPlanTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly AgencyId Police = AgencyId.New();
    private static readonly AgencyId SocialCare = AgencyId.New();
    private static readonly AgencyId Licensing = AgencyId.New();

    private static readonly Actor Investigator = new(Guid.NewGuid(), "DC Sam Iqbal", Role.PoliceInvestigator, Police, AgencyKind.Police, TeamId.New());
    private static readonly Actor Inspector = new(Guid.NewGuid(), "DI Jane Cole", Role.TeamManager, Police, AgencyKind.Police, TeamId.New());
    private static readonly Actor SocialCareManager = new(Guid.NewGuid(), "Grace Okafor", Role.TeamManager, SocialCare, AgencyKind.ChildrensSocialCare, TeamId.New());
    private static readonly Actor LicensingOfficer = new(Guid.NewGuid(), "Lee Grant", Role.Practitioner, Licensing, AgencyKind.Licensing, TeamId.New());
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Aisha Bello", Role.HealthPractitioner, AgencyId.New(), AgencyKind.Health, TeamId.New());

    private static readonly string[] Catalogue = ["Child abduction warning notice", "Taxi and premises licensing review", "Other"];

    private static DisruptionPlan Plan() =>
        DisruptionPlan.Open("DSP-TEST000001", new NodeRef(NodeKind.Person, Guid.NewGuid()), "PER-TEST000001", "Stop him contacting the girls.", Investigator, Monday, Monday.AddDays(28)).Value;

    private static DisruptionTactic AddTactic(DisruptionPlan plan, Actor owner, string tactic = "Child abduction warning notice") =>
        plan.AddTactic(Investigator, new TacticDetails(tactic, null, owner, Today.AddDays(7), Monday.AddDays(7), [new EvidenceRef("Crime", "CRM-TEST000001")]), Catalogue, Today, Monday).Value;

    [Fact]
    public void Open_ByHealthPractitioner_Forbidden()
    {
        var opened = DisruptionPlan.Open("DSP-TEST000001", new NodeRef(NodeKind.Person, Guid.NewGuid()), "PER-1", "Aim", Nurse, Monday, Monday.AddDays(28));
        Assert.Equal(FailureKind.Forbidden, opened.Failure?.Kind);
    }

    [Fact]
    public void Open_WithoutAim_NamesTheAim()
    {
        var opened = DisruptionPlan.Open("DSP-TEST000001", new NodeRef(NodeKind.Context, Guid.NewGuid()), "CTX-1", "  ", Investigator, Monday, Monday.AddDays(28));
        Assert.Equal("Aim", Assert.Single(opened.Failure!.Errors).Field);
    }

    [Fact]
    public void AddTactic_NotInCatalogueNoOwnerPastDay_EachFieldNamed()
    {
        var plan = Plan();
        var added = plan.AddTactic(Investigator, new TacticDetails("Tea and a chat", null, null, Today.AddDays(-1), Monday, []), Catalogue, Today, Monday);
        Assert.Equal(["Tactic", "Owner", "DueOn"], added.Failure!.Errors.Select(e => e.Field));
        Assert.Empty(plan.Tactics);
    }

    [Fact]
    public void AddTactic_OwnedInAnotherAgency_KeepsOwnerAgencyAndEvidence()
    {
        var plan = Plan();
        var tactic = AddTactic(plan, LicensingOfficer, "Taxi and premises licensing review");
        Assert.Equal((1, Licensing, TacticStatus.Planned), (tactic.Number, tactic.OwnerAgencyId, tactic.Status));
        Assert.Equal("CRM-TEST000001", Assert.Single(plan.Evidence).RecordReference);
        Assert.True(tactic.IsOverdue(Monday.AddDays(7)));
        Assert.False(tactic.IsOverdue(Monday.AddDays(7).AddMinutes(-1)));
    }

    [Fact]
    public void UpdateTactic_DoneWithoutOutcome_Refused_ThenOwnerOfAnotherAgencyRecordsIt()
    {
        var plan = Plan();
        var tactic = AddTactic(plan, LicensingOfficer);
        Assert.Equal("Outcome", Assert.Single(plan.UpdateTactic(LicensingOfficer, tactic.Id, TacticStatus.Done, " ", Monday)!.Errors).Field);
        Assert.Equal(FailureKind.Forbidden, plan.UpdateTactic(Nurse, tactic.Id, TacticStatus.InProgress, null, Monday)?.Kind);

        Assert.Null(plan.UpdateTactic(LicensingOfficer, tactic.Id, TacticStatus.Done, "Licence suspended pending review.", Monday));
        Assert.Equal((TacticStatus.Done, "Licence suspended pending review."), (tactic.Status, tactic.Outcome));
        Assert.False(tactic.IsOverdue(Monday.AddDays(30)));
        Assert.Equal(FailureKind.Conflict, plan.UpdateTactic(Investigator, tactic.Id, TacticStatus.InProgress, null, Monday)?.Kind);
    }

    [Fact]
    public void RequestClosure_WithoutRationale_RefusedAndPlanStaysOpen()
    {
        var plan = Plan();
        var refused = plan.RequestClosure(Investigator, ClosureReason.EnquiriesExhausted, "", Monday);
        Assert.Equal("Rationale", Assert.Single(refused!.Errors).Field);
        Assert.Equal(PlanStatus.Open, plan.Status);
        Assert.Null(plan.ClosureReason);
    }

    [Fact]
    public void RequestClosure_EnquiriesExhaustedWithATacticOpen_RefusedNamingTheTactic()
    {
        var plan = Plan();
        AddTactic(plan, Investigator);
        var refused = plan.RequestClosure(Investigator, ClosureReason.EnquiriesExhausted, "Nothing more to do.", Monday);
        var error = Assert.Single(refused!.Errors);
        Assert.Equal("Reason", error.Field);
        Assert.Contains("Tactic 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Open, plan.Status);
    }

    [Fact]
    public void Close_WithoutSignOff_IsNotClosed_AndOnlyAnotherManagerSignsOff()
    {
        var plan = Plan();
        var tactic = AddTactic(plan, Investigator);
        Assert.Null(plan.UpdateTactic(Investigator, tactic.Id, TacticStatus.Done, "Notice served on 25 November.", Monday));
        Assert.Null(plan.RequestClosure(Inspector, ClosureReason.EnquiriesExhausted, "Notice served; no contact since; intelligence checked.", Monday));
        Assert.Equal(PlanStatus.ClosureRequested, plan.Status);
        Assert.False(plan.IsClosed);

        Assert.Equal(FailureKind.Forbidden, plan.SignOffClosure(Investigator, agree: true, null, Monday)?.Kind);
        Assert.Equal(FailureKind.Forbidden, plan.SignOffClosure(Inspector, agree: true, null, Monday)?.Kind);
        Assert.Equal(FailureKind.Conflict, plan.AddTactic(Investigator, new TacticDetails("Other", "More", Investigator, Today, Monday, []), Catalogue, Today, Monday).Failure?.Kind);

        Assert.Null(plan.SignOffClosure(SocialCareManager, agree: true, null, Monday.AddHours(1)));
        Assert.Equal((PlanStatus.Closed, "Grace Okafor", Monday.AddHours(1)), (plan.Status, plan.SignedOffByName, plan.ClosedAt));
        Assert.False(plan.ClosedForResources);
    }

    [Fact]
    public void SignOff_Refused_NeedsWhy_AndReopensThePlan()
    {
        var plan = Plan();
        Assert.Null(plan.RequestClosure(Investigator, ClosureReason.Resources, "The team is needed on another operation.", Monday));
        Assert.Equal("Note", Assert.Single(plan.SignOffClosure(Inspector, agree: false, null, Monday)!.Errors).Field);
        Assert.Null(plan.SignOffClosure(Inspector, agree: false, "Three girls still name him; keep it open.", Monday));
        Assert.Equal((PlanStatus.Open, "Three girls still name him; keep it open."), (plan.Status, plan.ClosureRefusedReason));
    }

    [Fact]
    public void Close_ForResourcesWithTacticsOpen_RecordedAsResources()
    {
        var plan = Plan();
        AddTactic(plan, LicensingOfficer, "Taxi and premises licensing review");
        Assert.Null(plan.RequestClosure(Investigator, ClosureReason.Resources, "Officers moved to another operation; licensing review not done.", Monday));
        Assert.Null(plan.SignOffClosure(Inspector, agree: true, null, Monday));
        Assert.True(plan.ClosedForResources);
        Assert.Equal(ClosureReason.Resources, plan.ClosureReason);
        Assert.False(plan.Tactics[0].IsFinished);
    }

    [Fact]
    public void Review_SetsNextDue_AndKeepsWhenItWasDue()
    {
        var plan = Plan();
        Assert.Equal("Notes", Assert.Single(plan.Review(Investigator, null, Monday, Monday.AddDays(56))!.Errors).Field);
        Assert.Null(plan.Review(Investigator, "Notice served; order applied for.", Monday.AddDays(30), Monday.AddDays(58)));
        var review = Assert.Single(plan.Reviews);
        Assert.Equal((Monday.AddDays(28), Monday.AddDays(58)), (review.WasDue, plan.NextReviewDue));
    }

    [Theory]
    [InlineData(Role.PoliceInvestigator, AgencyKind.Police, true)]
    [InlineData(Role.Referrer, AgencyKind.Police, true)]
    [InlineData(Role.IntelligenceAnalyst, AgencyKind.Police, true)]
    [InlineData(Role.Practitioner, AgencyKind.ChildrensSocialCare, true)]
    [InlineData(Role.Practitioner, AgencyKind.Licensing, false)]
    [InlineData(Role.ServiceManager, AgencyKind.Health, false)]
    [InlineData(Role.Administrator, AgencyKind.Police, false)]
    [InlineData(Role.DataProtectionOfficer, AgencyKind.ChildrensSocialCare, false)]
    public void MayWork_FollowsNeedToKnow(Role role, AgencyKind kind, bool expected)
    {
        Assert.Equal(expected, DisruptionPlan.MayWork(new Actor(Guid.NewGuid(), "A", role, AgencyId.New(), kind, null)));
    }
}
