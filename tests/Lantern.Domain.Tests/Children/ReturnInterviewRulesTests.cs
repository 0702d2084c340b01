using Lantern.Domain.Children;
using Lantern.Domain.Records;

namespace Lantern.Domain.Tests.Children;

public sealed class ReturnInterviewRulesTests
{
    private static readonly DateTimeOffset Monday10am = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DueBy_Default72Hours_ReturnedMonday10am_IsThursday10am()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), ReturnInterviewRules.DueBy(Monday10am, new ChildRecordOptions()));
    }

    [Fact]
    public void DueBy_Configured48Hours_IsWednesday10am()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), ReturnInterviewRules.DueBy(Monday10am, new ChildRecordOptions { ReturnInterviewHours = 48 }));
    }

    [Theory]
    [InlineData(InterviewStage.NotReturned, InterviewAnswer.Offered, "Answer")]
    [InlineData(InterviewStage.Closed, InterviewAnswer.Done, "Answer")]
    [InlineData(InterviewStage.Offered, InterviewAnswer.Offered, "Answer")]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Offered, "Answer")]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Accepted, "Answer")]
    [InlineData(InterviewStage.Due, InterviewAnswer.Declined, "Reason")]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.NotDone, "Reason")]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Done, "Findings")]
    public void Check_OutOfOrderOrMissingWhatTheGuidanceAsksFor_NamesTheField(InterviewStage stage, InterviewAnswer answer, string field)
    {
        Assert.Equal(field, ReturnInterviewRules.Check(stage, answer, reason: null, pushFactors: null, pullFactors: null, findings: null)?.Errors[0].Field);
    }

    [Theory]
    [InlineData(InterviewStage.Due, InterviewAnswer.Offered)]
    [InlineData(InterviewStage.Due, InterviewAnswer.Accepted)]
    [InlineData(InterviewStage.Offered, InterviewAnswer.Accepted)]
    [InlineData(InterviewStage.Offered, InterviewAnswer.Declined)]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Declined)]
    [InlineData(InterviewStage.Due, InterviewAnswer.NotDone)]
    [InlineData(InterviewStage.Accepted, InterviewAnswer.Done)]
    public void Check_AllowedStepWithWhatItNeeds_IsAccepted(InterviewStage stage, InterviewAnswer answer)
    {
        Assert.Null(ReturnInterviewRules.Check(stage, answer, "She went to her aunt's and did not want to talk again", null, null, "Taken to a flat by older men"));
    }

    [Fact]
    public void Check_NoAnswer_AsksForOne()
    {
        Assert.Equal("Answer", ReturnInterviewRules.Check(InterviewStage.Due, null, null, null, null, null)?.Errors[0].Field);
        Assert.Equal("Answer", ReturnInterviewRules.Check(InterviewStage.Due, (InterviewAnswer)99, null, null, null, null)?.Errors[0].Field);
    }

    [Fact]
    public void Check_FindingsTooLong_NamesFindings()
    {
        Assert.Equal("Findings", ReturnInterviewRules.Check(InterviewStage.Due, InterviewAnswer.Done, null, null, null, new string('x', 10_001))?.Errors[0].Field);
    }

    [Theory]
    [InlineData(InterviewAnswer.Offered, false)]
    [InlineData(InterviewAnswer.Accepted, false)]
    [InlineData(InterviewAnswer.Declined, true)]
    [InlineData(InterviewAnswer.NotDone, true)]
    [InlineData(InterviewAnswer.Done, true)]
    public void Closes_OnlyDoneDeclinedOrNotDoneStopTheClock(InterviewAnswer answer, bool closes)
    {
        Assert.Equal(closes, ReturnInterviewRules.Closes(answer));
    }

    [Fact]
    public void IsRepeatMissing_ThreeWithin90Days_Yes_ThreeSpreadOver100Days_No()
    {
        var options = new ChildRecordOptions();
        Assert.True(ReturnInterviewRules.IsRepeatMissing([Monday10am.AddDays(-89), Monday10am.AddDays(-30), Monday10am], Monday10am, options));
        Assert.False(ReturnInterviewRules.IsRepeatMissing([Monday10am.AddDays(-100), Monday10am.AddDays(-30), Monday10am], Monday10am, options));
        Assert.False(ReturnInterviewRules.IsRepeatMissing([Monday10am.AddDays(-30), Monday10am], Monday10am, options));
    }

    [Fact]
    public void IsRepeatMissing_ConfiguredTwoIn30Days()
    {
        var options = new ChildRecordOptions { RepeatMissingEpisodes = 2, RepeatMissingDays = 30 };
        Assert.True(ReturnInterviewRules.IsRepeatMissing([Monday10am.AddDays(-29), Monday10am], Monday10am, options));
        Assert.False(ReturnInterviewRules.IsRepeatMissing([Monday10am.AddDays(-31), Monday10am], Monday10am, options));
    }

    [Fact]
    public void Options_BadSettings_EachNamedWithItsSection()
    {
        var errors = new ChildRecordOptions { ReturnInterviewHours = 0, RepeatMissingEpisodes = 1, RepeatMissingDays = 0, ExploitationTeam = " " }.Validate();
        Assert.Equal(
            ["Lantern:Children:ReturnInterviewHours", "Lantern:Children:RepeatMissingEpisodes", "Lantern:Children:RepeatMissingDays", "Lantern:Children:ExploitationTeam"],
            errors.Select(e => e.Field));
        Assert.Empty(new ChildRecordOptions().Validate());
    }

    [Fact]
    public void RecordReference_PrefixAndTenCrockfordCharacters()
    {
        Assert.Matches("^MIS-[0-9A-HJKMNP-TV-Z]{10}$", RecordReference.New("MIS"));
        Assert.NotEqual(RecordReference.New("MIS"), RecordReference.New("MIS"));
    }
}
