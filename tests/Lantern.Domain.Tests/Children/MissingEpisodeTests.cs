using Lantern.Domain.Children;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Children;

public sealed class MissingEpisodeTests
{
    private static readonly DateTimeOffset MissingFrom = new(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 20, 22, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset RecordedAt = new(2026, 11, 20, 22, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset ReturnedAt = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset InterviewDueBy = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset StepAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static MissingEpisode Record() =>
        MissingEpisode.Record("MIS-7KQ2M9XD4A", ChildId.New(), MissingKind.Missing, MissingFrom, ReportedAt, "  Residential home staff ", PoliceRiskGrading.Medium,
            new Recorder(Staff.Police, "PC Pat Police", UserId: Guid.NewGuid()), RecordedAt);

    private static MissingEpisode Returned()
    {
        var episode = Record();
        Assert.Null(episode.RecordReturn(new MissingReturn(ReturnedAt, "Mill Lane", "Two older men", ReturnedAt.AddHours(1)), InterviewDueBy, Now));
        return episode;
    }

    private static InterviewStep Step(InterviewAnswer? answer, string? reason = null, string? findings = null, string? push = null, string? pull = null) =>
        new(answer, reason, push, pull, findings);

    private static MissingEpisode At(InterviewStage stage)
    {
        if (stage == InterviewStage.NotReturned)
        {
            return Record();
        }
        var episode = Returned();
        InterviewStep[] steps = stage switch
        {
            InterviewStage.Due => [],
            InterviewStage.Offered => [Step(InterviewAnswer.Offered)],
            InterviewStage.Accepted => [Step(InterviewAnswer.Offered), Step(InterviewAnswer.Accepted)],
            InterviewStage.Closed => [Step(InterviewAnswer.Offered), Step(InterviewAnswer.Declined, reason: "Does not want to talk.")],
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
        foreach (var step in steps)
        {
            Assert.Null(episode.RecordInterview(step, StepAt));
        }
        Assert.Equal(stage, episode.Stage);
        return episode;
    }

    [Fact]
    public void Record_ChildMissing_NotReturnedAndNoClock()
    {
        var episode = Record();

        Assert.Equal("MIS-7KQ2M9XD4A", episode.Reference);
        Assert.Equal(MissingKind.Missing, episode.Kind);
        Assert.Equal(MissingFrom, episode.MissingFrom);
        Assert.Equal(ReportedAt, episode.ReportedAt);
        Assert.Equal("Residential home staff", episode.ReportedBy);
        Assert.Equal(PoliceRiskGrading.Medium, episode.RiskGrading);
        Assert.Equal(Staff.Police, episode.RecordedByAgencyId);
        Assert.Equal(RecordedAt, episode.RecordedAt);
        Assert.Equal(ReturnInterviewStatus.NotReturned, episode.InterviewStatus);
        Assert.Equal(InterviewStage.NotReturned, episode.Stage);
        Assert.False(episode.InterviewOutstanding);
        Assert.Null(episode.InterviewDueBy);
        Assert.Equal(Guid.Empty, episode.ChronologyEntryId);
    }

    [Fact]
    public void Record_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MissingEpisode.Record("MIS-1", ChildId.New(), (MissingKind)99, MissingFrom, ReportedAt, "Mother", null,
            new Recorder(Staff.Police, "PC Pat Police"), RecordedAt));
    }

    [Fact]
    public void Record_NoOneReported_Throws()
    {
        Assert.Throws<ArgumentException>(() => MissingEpisode.Record("MIS-1", ChildId.New(), MissingKind.Absent, MissingFrom, ReportedAt, " ", null,
            new Recorder(Staff.Police, "PC Pat Police"), RecordedAt));
    }

    [Fact]
    public void KeepChronologyEntry_FirstTime_Kept()
    {
        var episode = Record();
        var entry = Guid.NewGuid();

        episode.KeepChronologyEntry(entry);
        episode.KeepChronologyEntry(entry);

        Assert.Equal(entry, episode.ChronologyEntryId);
    }

    [Fact]
    public void KeepChronologyEntry_AnotherEntry_ThrowsAndFirstKept()
    {
        var episode = Record();
        var entry = Guid.NewGuid();
        episode.KeepChronologyEntry(entry);

        Assert.Throws<InvalidOperationException>(() => episode.KeepChronologyEntry(Guid.NewGuid()));
        Assert.Equal(entry, episode.ChronologyEntryId);
    }

    [Fact]
    public void RecordReturn_AfterGoingMissing_InterviewDueAndClockRunning()
    {
        var episode = Record();
        var safeAndWell = ReturnedAt.AddHours(1);

        Assert.Null(episode.RecordReturn(new MissingReturn(ReturnedAt, "  Mill Lane ", " ", safeAndWell), InterviewDueBy, Now));

        Assert.Equal(ReturnedAt, episode.ReturnedAt);
        Assert.Equal("Mill Lane", episode.FoundWhere);
        Assert.Null(episode.FoundWith);
        Assert.Equal(safeAndWell, episode.SafeAndWellCheckAt);
        Assert.Equal(InterviewDueBy, episode.InterviewDueBy);
        Assert.Equal(ReturnInterviewStatus.Due, episode.InterviewStatus);
        Assert.Equal(InterviewStage.Due, episode.Stage);
        Assert.True(episode.InterviewOutstanding);
        Assert.Equal(Now, episode.InterviewUpdatedAt);
    }

    [Fact]
    public void RecordReturn_AtTheMomentTheyWentMissing_Allowed()
    {
        var episode = Record();

        Assert.Null(episode.RecordReturn(new MissingReturn(MissingFrom, null, null, null), InterviewDueBy, Now));
    }

    [Fact]
    public void RecordReturn_BeforeTheyWentMissing_InvalidOnReturnedAtAndNoClock()
    {
        var episode = Record();

        var problem = episode.RecordReturn(new MissingReturn(MissingFrom.AddMinutes(-1), null, null, null), InterviewDueBy, Now);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("ReturnedAt", Assert.Single(problem!.Errors).Field);
        Assert.Null(episode.ReturnedAt);
        Assert.Equal(InterviewStage.NotReturned, episode.Stage);
    }

    [Fact]
    public void RecordReturn_Twice_ConflictOnReturnedAtAndFirstReturnKept()
    {
        var episode = Returned();

        var problem = episode.RecordReturn(new MissingReturn(ReturnedAt.AddDays(1), "Elsewhere", null, null), InterviewDueBy.AddDays(1), Now.AddDays(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("ReturnedAt", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReturnedAt, episode.ReturnedAt);
        Assert.Equal("Mill Lane", episode.FoundWhere);
        Assert.Equal(InterviewDueBy, episode.InterviewDueBy);
    }

    [Fact]
    public void RecordInterview_OfferedThenAcceptedThenDone_EachStageThenClosed()
    {
        var episode = Returned();

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.Offered), StepAt));
        Assert.Equal((ReturnInterviewStatus.Offered, InterviewStage.Offered, true), (episode.InterviewStatus, episode.Stage, episode.InterviewOutstanding));

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.Accepted), StepAt.AddHours(1)));
        Assert.Equal((ReturnInterviewStatus.Accepted, InterviewStage.Accepted, true), (episode.InterviewStatus, episode.Stage, episode.InterviewOutstanding));

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.Done, findings: "  Taken to a flat on Mill Lane.  ", push: " Rows at home ", pull: " "), StepAt.AddHours(2)));
        Assert.Equal((ReturnInterviewStatus.Done, InterviewStage.Closed, false), (episode.InterviewStatus, episode.Stage, episode.InterviewOutstanding));
        Assert.Equal("Taken to a flat on Mill Lane.", episode.InterviewFindings);
        Assert.Equal("Rows at home", episode.PushFactors);
        Assert.Null(episode.PullFactors);
        Assert.Equal(StepAt.AddHours(2), episode.InterviewUpdatedAt);
    }

    [Fact]
    public void RecordInterview_DeclinedWithAReason_ClosedWithTheReason()
    {
        var episode = At(InterviewStage.Offered);

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.Declined, reason: "  Does not want to talk.  "), StepAt));

        Assert.Equal(ReturnInterviewStatus.Declined, episode.InterviewStatus);
        Assert.Equal(InterviewStage.Closed, episode.Stage);
        Assert.False(episode.InterviewOutstanding);
        Assert.Equal("Does not want to talk.", episode.InterviewReason);
    }

    [Fact]
    public void RecordInterview_NotDoneWithAReason_ClosedWithTheReason()
    {
        var episode = At(InterviewStage.Accepted);

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.NotDone, reason: "Moved out of area."), StepAt));

        Assert.Equal(ReturnInterviewStatus.NotDone, episode.InterviewStatus);
        Assert.Equal(InterviewStage.Closed, episode.Stage);
        Assert.Equal("Moved out of area.", episode.InterviewReason);
    }

    [Theory]
    [InlineData(InterviewAnswer.Declined)]
    [InlineData(InterviewAnswer.NotDone)]
    public void RecordInterview_DeclinedOrNotDoneWithoutAReason_InvalidOnReasonAndClockRunning(InterviewAnswer answer)
    {
        var episode = At(InterviewStage.Offered);

        var problem = episode.RecordInterview(Step(answer, reason: "  "), StepAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Reason", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReturnInterviewStatus.Offered, episode.InterviewStatus);
        Assert.True(episode.InterviewOutstanding);
    }

    [Fact]
    public void RecordInterview_DoneWithoutFindings_InvalidOnFindingsAndClockRunning()
    {
        var episode = At(InterviewStage.Accepted);

        var problem = episode.RecordInterview(Step(InterviewAnswer.Done, findings: null), StepAt);

        Assert.Equal("Findings", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReturnInterviewStatus.Accepted, episode.InterviewStatus);
        Assert.Null(episode.InterviewFindings);
    }

    [Fact]
    public void RecordInterview_BeforeTheReturn_ConflictOnAnswer()
    {
        var episode = Record();

        var problem = episode.RecordInterview(Step(InterviewAnswer.Offered), StepAt);

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Answer", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReturnInterviewStatus.NotReturned, episode.InterviewStatus);
    }

    [Theory]
    [InlineData(InterviewAnswer.Offered)]
    [InlineData(InterviewAnswer.Accepted)]
    [InlineData(InterviewAnswer.Done)]
    [InlineData(InterviewAnswer.NotDone)]
    public void RecordInterview_AfterClosing_ConflictOnAnswerAndNothingChanged(InterviewAnswer answer)
    {
        var episode = At(InterviewStage.Closed);

        var problem = episode.RecordInterview(Step(answer, reason: "Another reason.", findings: "Findings."), StepAt.AddDays(1));

        Assert.Equal(FailureKind.Conflict, problem?.Kind);
        Assert.Equal("Answer", Assert.Single(problem!.Errors).Field);
        Assert.Equal(ReturnInterviewStatus.Declined, episode.InterviewStatus);
        Assert.Equal("Does not want to talk.", episode.InterviewReason);
        Assert.Null(episode.InterviewFindings);
        Assert.Equal(StepAt, episode.InterviewUpdatedAt);
    }

    [Theory]
    [InlineData(InterviewStage.Offered, InterviewAnswer.Offered)]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Offered)]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Accepted)]
    public void RecordInterview_StepAlreadyPassed_InvalidOnAnswerAndStageKept(InterviewStage stage, InterviewAnswer answer)
    {
        var episode = At(stage);

        var problem = episode.RecordInterview(Step(answer), StepAt.AddDays(1));

        Assert.Equal("Answer", Assert.Single(problem!.Errors).Field);
        Assert.Equal(stage, episode.Stage);
    }

    [Fact]
    public void RecordInterview_NoAnswer_InvalidOnAnswer()
    {
        var episode = Returned();

        var problem = episode.RecordInterview(Step(null), StepAt);

        Assert.Equal(FailureKind.Validation, problem?.Kind);
        Assert.Equal("Answer", Assert.Single(problem!.Errors).Field);
        Assert.Equal(InterviewStage.Due, episode.Stage);
    }

    [Fact]
    public void RecordInterview_AcceptedStraightAway_Accepted()
    {
        var episode = Returned();

        Assert.Null(episode.RecordInterview(Step(InterviewAnswer.Accepted), StepAt));

        Assert.Equal(InterviewStage.Accepted, episode.Stage);
    }

    [Theory]
    [InlineData(PoliceRiskGrading.High, Significance.Critical)]
    [InlineData(PoliceRiskGrading.Medium, Significance.Significant)]
    [InlineData(PoliceRiskGrading.Low, Significance.Routine)]
    [InlineData(PoliceRiskGrading.NoApparentRisk, Significance.Routine)]
    [InlineData(null, Significance.Routine)]
    public void SignificanceOf_PoliceGrading_FollowsTheRisk(PoliceRiskGrading? grading, Significance expected)
    {
        Assert.Equal(expected, MissingEpisode.SignificanceOf(grading));
    }
}
