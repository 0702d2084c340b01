using Lantern.Domain.Children;
using Lantern.Domain.Mentions;
using Lantern.Domain.Tests.Partnership;

namespace Lantern.Domain.Tests.Children;

public sealed class ChronologyEntryTests
{
    private static readonly DateTimeOffset OccurredAt = new(2026, 11, 20, 22, 15, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset RecordedAt = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset CorrectedAt = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static readonly ChildId Child = ChildId.New();

    private static NewEntry Incident => new(
        OccurredAt,
        EntryType.PoliceIncident,
        "Found in a car with two adult men on Mill Lane.",
        Significance.Significant,
        Staff.Police,
        "PC Pat Police",
        AuthorUserId: Guid.NewGuid(),
        Mentions: [new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra")]);

    private static NewEntry Correction(string? reason) => Incident with
    {
        Summary = "Found in a car with two adult men on Mill Road.",
        CorrectionReason = reason,
    };

    [Fact]
    public void Record_AnIncident_KeptAsGivenWithItsMentions()
    {
        var entry = ChronologyEntry.Record(Child, Incident, RecordedAt);

        Assert.Equal(Child, entry.ChildId);
        Assert.Equal(OccurredAt, entry.OccurredAt);
        Assert.Equal(RecordedAt, entry.RecordedAt);
        Assert.Equal(EntryType.PoliceIncident, entry.Type);
        Assert.Equal(Significance.Significant, entry.Significance);
        Assert.Equal(Staff.Police, entry.SourceAgencyId);
        Assert.Equal("PC Pat Police", entry.Author);
        Assert.Null(entry.SupersedesId);
        Assert.Null(entry.SupersededById);
        Assert.Equal(new MentionText(MentionKind.Vehicle, "NB19 XKR", "silver Astra"), Assert.Single(entry.Mentions).Text);
    }

    [Fact]
    public void Record_SummaryLongerThanTheLimit_CutToFit()
    {
        var entry = ChronologyEntry.Record(Child, Incident with { Summary = new string('s', ChronologyEntry.SummaryMaxLength + 50) }, RecordedAt);

        Assert.Equal(ChronologyEntry.SummaryMaxLength, entry.Summary.Length);
    }

    [Fact]
    public void Correct_WithAReason_NewEntrySupersedesAndBothKeepTheirLink()
    {
        var original = ChronologyEntry.Record(Child, Incident, RecordedAt);

        var correction = original.Correct(Correction("  Wrong street name.  "), CorrectedAt).Value;

        Assert.NotEqual(original.Id, correction.Id);
        Assert.Equal(original.Id, correction.SupersedesId);
        Assert.Equal(correction.Id, original.SupersededById);
        Assert.Null(correction.SupersededById);
        Assert.Equal("Wrong street name.", correction.CorrectionReason);
        Assert.Equal("Found in a car with two adult men on Mill Road.", correction.Summary);
        Assert.Equal(CorrectedAt, correction.RecordedAt);
        Assert.Equal(Child, correction.ChildId);
        Assert.Equal("Found in a car with two adult men on Mill Lane.", original.Summary);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Correct_NoReason_InvalidOnCorrectionReasonAndOriginalNotSuperseded(string? reason)
    {
        var original = ChronologyEntry.Record(Child, Incident, RecordedAt);

        var result = original.Correct(Correction(reason), CorrectedAt);

        Assert.Equal(FailureKind.Validation, result.Failure?.Kind);
        Assert.Equal("CorrectionReason", Assert.Single(result.Failure!.Errors).Field);
        Assert.Null(original.SupersededById);
    }

    [Fact]
    public void Correct_AnEntryAlreadyCorrected_RefusedOnCorrectsAndLinksKept()
    {
        var original = ChronologyEntry.Record(Child, Incident, RecordedAt);
        var first = original.Correct(Correction("Wrong street."), CorrectedAt).Value;

        var result = original.Correct(Correction("Wrong street again."), CorrectedAt.AddHours(1));

        Assert.False(result.Succeeded);
        Assert.Equal("Corrects", Assert.Single(result.Failure!.Errors).Field);
        Assert.Equal(first.Id, original.SupersededById);
    }

    [Fact]
    public void Correct_TheLatestVersion_ChainsOn()
    {
        var original = ChronologyEntry.Record(Child, Incident, RecordedAt);
        var first = original.Correct(Correction("Wrong street."), CorrectedAt).Value;

        var second = first.Correct(Correction("Wrong time."), CorrectedAt.AddHours(1)).Value;

        Assert.Equal(first.Id, second.SupersedesId);
        Assert.Equal(second.Id, first.SupersededById);
        Assert.Equal(first.Id, original.SupersededById);
    }
}
