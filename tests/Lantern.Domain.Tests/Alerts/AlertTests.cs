using Lantern.Domain.Alerts;
using Lantern.Domain.Children;
using Lantern.Domain.Partnership;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Alerts;

public sealed class AlertTests
{
    private static readonly DateTimeOffset RaisedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Later = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly ChildId Child = ChildId.New();

    private static AlertEvidenceText Episode(string reference, int day) =>
        new("MissingEpisode", reference, $"Missing on {day} November", new DateTimeOffset(2026, 11, day, 20, 0, 0, TimeSpan.Zero), $"/missing/{reference}");

    private static Alert Raise() =>
        Alert.Raise("ALR-7KQ2M9XD4A", "RepeatMissing", AlertSubject.OfChild(Child), "Missing 3 times in 30 days",
            [Episode("MIS-1", 1), Episode("MIS-2", 10), Episode("MIS-3", 20)], RaisedAt);

    private static Actor Practitioner() => Staff.ExploitationTeamStaff(Role.Practitioner, "Priya Practitioner");

    private static Actor Manager() => Staff.ExploitationTeamStaff(Role.TeamManager, "Tam Manager");

    [Fact]
    public void Raise_RuleAboutAChild_OpenWithItsEvidence()
    {
        var alert = Raise();

        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.False(alert.IsClosed);
        Assert.Equal("ALR-7KQ2M9XD4A", alert.Reference);
        Assert.Equal("RepeatMissing", alert.Rule);
        Assert.Equal(new AlertSubject("Child", Child.ToString(), Child), alert.Subject);
        Assert.Equal(Child, alert.ChildId);
        Assert.Equal("Missing 3 times in 30 days", alert.Summary);
        Assert.Equal(RaisedAt, alert.RaisedAt);
        Assert.Equal(RaisedAt, alert.UpdatedAt);
        Assert.Equal(["MIS-1", "MIS-2", "MIS-3"], alert.Evidence.Select(e => e.RecordReference));
        Assert.All(alert.Evidence, e => Assert.Equal(alert.Id, e.AlertId));
        Assert.Null(alert.AcknowledgedBy);
    }

    [Fact]
    public void Raise_SummaryLongerThanTheLimit_CutToFit()
    {
        var alert = Alert.Raise("ALR-1", "RepeatMissing", AlertSubject.OfChild(Child), new string('s', Alert.TextMaxLength + 10), [], RaisedAt);

        Assert.Equal(Alert.TextMaxLength, alert.Summary.Length);
    }

    [Fact]
    public void Add_NewAndAlreadyAttachedEvidence_OnlyTheNewJoinsAndSummaryFollows()
    {
        var alert = Raise();

        alert.Add([Episode("MIS-3", 20), Episode("MIS-4", 22)], "Missing 4 times in 30 days", Later);

        Assert.Equal(["MIS-1", "MIS-2", "MIS-3", "MIS-4"], alert.Evidence.Select(e => e.RecordReference));
        Assert.Equal("Missing 4 times in 30 days", alert.Summary);
        Assert.Equal(Later, alert.UpdatedAt);
    }

    [Fact]
    public void Add_SameReferenceOfAnotherRecordType_Attached()
    {
        var alert = Raise();

        alert.Add([new AlertEvidenceText("Referral", "MIS-1", "A referral that happens to share the text", Later)], "Missing 3 times and referred", Later);

        Assert.Equal(4, alert.Evidence.Count);
    }

    [Fact]
    public void Add_ClosedAlert_ThrowsAndNothingJoins()
    {
        var alert = Raise();
        Assert.Null(alert.Close(Manager(), "Plan in place.", managerCloses: false, Later));

        Assert.Throws<InvalidOperationException>(() => alert.Add([Episode("MIS-4", 22)], "Missing 4 times", Later.AddHours(1)));

        Assert.Equal(3, alert.Evidence.Count);
        Assert.Equal("Missing 3 times in 30 days", alert.Summary);
    }

    [Fact]
    public void Acknowledge_OpenAlert_AcknowledgedByWhomAndWhen()
    {
        var alert = Raise();
        var practitioner = Practitioner();

        Assert.Null(alert.Acknowledge(practitioner, Later));

        Assert.Equal(AlertStatus.Acknowledged, alert.Status);
        Assert.Equal(practitioner.Id, alert.AcknowledgedBy);
        Assert.Equal("Priya Practitioner", alert.AcknowledgedByName);
        Assert.Equal(Later, alert.AcknowledgedAt);
        Assert.Equal(Later, alert.UpdatedAt);
    }

    [Fact]
    public void Acknowledge_Again_ConflictAndFirstAcknowledgementKept()
    {
        var alert = Raise();
        var first = Practitioner();
        Assert.Null(alert.Acknowledge(first, Later));

        var problem = alert.Acknowledge(Manager(), Later.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal(first.Id, alert.AcknowledgedBy);
        Assert.Equal(Later, alert.AcknowledgedAt);
    }

    [Fact]
    public void Acknowledge_Closed_ConflictSaysClosed()
    {
        var alert = Raise();
        Assert.Null(alert.Close(Practitioner(), "Duplicate.", managerCloses: false, Later));

        var problem = alert.Acknowledge(Practitioner(), Later.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("This alert is closed", problem!.Message);
        Assert.Equal(AlertStatus.Closed, alert.Status);
        Assert.Null(alert.AcknowledgedBy);
    }

    [Fact]
    public void RecordActionAndClose_TextThatCannotBeStoredOrIsInvisible_RefusedNamingTheField_AndNothingChanges()
    {
        var alert = Raise();
        foreach (var (text, expected) in new[]
        {
            ("Called the police\u0000", "What was done contains a character that cannot be stored: remove it"),
            ("Called \uFFFE the police", "What was done contains a character that cannot be stored: remove it"),
            ("\u200B\u3164", "Say what was done about the alert"),
        })
        {
            Assert.Equal(new FieldError("Action", expected), Assert.Single(alert.RecordAction(Practitioner(), text, Later)!.Errors));
        }
        Assert.Equal(new FieldError("Reason", "The reason contains a character that cannot be stored: remove it"),
            Assert.Single(alert.Close(Manager(), "Plan in place.\u001B", managerCloses: false, Later)!.Errors));
        Assert.Equal(AlertStatus.Open, alert.Status);
        // Line breaks are fine in what was done: it is a paragraph.
        Assert.Null(alert.RecordAction(Practitioner(), "Called the police.\r\nStrategy discussion booked.", Later));
    }

    [Fact]
    public void RecordAction_OpenAlert_ActionedAndAcknowledgedByTheSamePerson()
    {
        var alert = Raise();
        var practitioner = Practitioner();

        Assert.Null(alert.RecordAction(practitioner, "  Strategy discussion booked.  ", Later));

        Assert.Equal(AlertStatus.Actioned, alert.Status);
        Assert.Equal("Strategy discussion booked.", alert.ActionTaken);
        Assert.Equal(practitioner.Id, alert.ActionedBy);
        Assert.Equal("Priya Practitioner", alert.ActionedByName);
        Assert.Equal(Later, alert.ActionedAt);
        Assert.Equal(practitioner.Id, alert.AcknowledgedBy);
        Assert.Equal(Later, alert.AcknowledgedAt);
        Assert.Equal(Later, alert.UpdatedAt);
    }

    [Fact]
    public void RecordAction_AlreadyAcknowledged_AcknowledgementKeptAndActionAdded()
    {
        var alert = Raise();
        var acknowledger = Practitioner();
        Assert.Null(alert.Acknowledge(acknowledger, Later));
        var actor = Manager();

        Assert.Null(alert.RecordAction(actor, "Called the police.", Later.AddHours(1)));

        Assert.Equal(acknowledger.Id, alert.AcknowledgedBy);
        Assert.Equal(Later, alert.AcknowledgedAt);
        Assert.Equal(actor.Id, alert.ActionedBy);
        Assert.Equal(AlertStatus.Actioned, alert.Status);
    }

    [Fact]
    public void RecordAction_Twice_LinesAccumulateAndLatestActorNamed()
    {
        var alert = Raise();
        var first = Practitioner();
        Assert.Null(alert.RecordAction(first, "Called the police.", Later));
        var manager = Manager();

        Assert.Null(alert.RecordAction(manager, "Strategy discussion booked.", Later.AddHours(2)));

        Assert.Equal("Called the police.\nStrategy discussion booked.", alert.ActionTaken);
        Assert.Equal(manager.Id, alert.ActionedBy);
        Assert.Equal(Later.AddHours(2), alert.ActionedAt);
        Assert.Equal(first.Id, alert.AcknowledgedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void RecordAction_NothingSaid_InvalidOnActionAndStillOpen(string? action)
    {
        var alert = Raise();

        var problem = alert.RecordAction(Practitioner(), action, Later);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Action", Assert.Single(problem!.Errors).Field);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Null(alert.AcknowledgedBy);
    }

    [Fact]
    public void RecordAction_TooLong_InvalidOnAction()
    {
        var alert = Raise();

        var problem = alert.RecordAction(Practitioner(), new string('a', Alert.TextMaxLength + 1), Later);

        Assert.Equal("Action", Assert.Single(problem!.Errors).Field);
        Assert.Null(alert.ActionTaken);
    }

    [Fact]
    public void RecordAction_Closed_ConflictOnAction()
    {
        var alert = Raise();
        Assert.Null(alert.Close(Manager(), "Plan in place.", managerCloses: true, Later));

        var problem = alert.RecordAction(Practitioner(), "Called the police.", Later.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Action", Assert.Single(problem!.Errors).Field);
        Assert.Null(alert.ActionTaken);
        Assert.Equal(AlertStatus.Closed, alert.Status);
    }

    [Fact]
    public void Close_WithAReason_ClosedByWhomAndWhen()
    {
        var alert = Raise();
        var practitioner = Practitioner();

        Assert.Null(alert.Close(practitioner, "  Child placed out of area with a safety plan.  ", managerCloses: false, Later));

        Assert.Equal(AlertStatus.Closed, alert.Status);
        Assert.True(alert.IsClosed);
        Assert.Equal("Child placed out of area with a safety plan.", alert.CloseReason);
        Assert.Equal(practitioner.Id, alert.ClosedBy);
        Assert.Equal("Priya Practitioner", alert.ClosedByName);
        Assert.Equal(Later, alert.ClosedAt);
        Assert.Equal(Later, alert.UpdatedAt);
    }

    [Fact]
    public void Close_ManagerClosesAndAPractitionerTries_ForbiddenAndStillOpen()
    {
        var alert = Raise();

        var problem = alert.Close(Practitioner(), "Plan in place.", managerCloses: true, Later);

        Assert.Equal(FailureKind.Forbidden, problem?.Kind);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Null(alert.ClosedBy);
    }

    [Theory]
    [InlineData(Role.TeamManager)]
    [InlineData(Role.ServiceManager)]
    [InlineData(Role.HeadOfService)]
    public void Close_ManagerClosesAndAManagerCloses_Closed(Role role)
    {
        var alert = Raise();

        Assert.Null(alert.Close(Staff.ExploitationTeamStaff(role), "Plan in place.", managerCloses: true, Later));

        Assert.True(alert.IsClosed);
    }

    [Fact]
    public void Close_TheRuleOwnedByChildrensSocialCare_AManagerOfAnotherAgencyIsForbidden_OneOfItsOwnCloses()
    {
        var alert = Raise();

        var police = alert.Close(Staff.PoliceStaff(Role.TeamManager), "Not ours to close.", managerCloses: true, Later, AgencyKind.ChildrensSocialCare);

        Assert.Equal(FailureKind.Forbidden, police?.Kind);
        Assert.False(alert.IsClosed);
        Assert.Null(alert.Close(Manager(), "Strategy discussion held; plan in place.", managerCloses: true, Later, AgencyKind.ChildrensSocialCare));
        Assert.True(alert.IsClosed);
    }

    [Fact]
    public void Close_AlreadyClosed_ConflictOnReasonAndFirstCloseKept()
    {
        var alert = Raise();
        var first = Manager();
        Assert.Null(alert.Close(first, "Plan in place.", managerCloses: true, Later));

        var problem = alert.Close(Manager(), "Closing again.", managerCloses: true, Later.AddHours(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.Equal(first.Id, alert.ClosedBy);
        Assert.Equal("Plan in place.", alert.CloseReason);
        Assert.Equal(Later, alert.ClosedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Close_NoReason_InvalidOnReasonAndStillOpen(string? reason)
    {
        var alert = Raise();

        var problem = alert.Close(Manager(), reason, managerCloses: true, Later);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.False(alert.IsClosed);
    }

    [Fact]
    public void Close_ReasonTooLong_InvalidOnReason()
    {
        var alert = Raise();

        var problem = alert.Close(Manager(), new string('r', Alert.TextMaxLength + 1), managerCloses: false, Later);

        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.False(alert.IsClosed);
    }

    [Fact]
    public void Close_AfterAnAction_ClosedKeepingTheAction()
    {
        var alert = Raise();
        Assert.Null(alert.RecordAction(Practitioner(), "Called the police.", Later));

        Assert.Null(alert.Close(Manager(), "Plan in place.", managerCloses: true, Later.AddHours(1)));

        Assert.Equal(AlertStatus.Closed, alert.Status);
        Assert.Equal("Called the police.", alert.ActionTaken);
    }
}
