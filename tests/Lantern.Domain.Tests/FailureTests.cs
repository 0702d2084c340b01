namespace Lantern.Domain.Tests;

public sealed class FailureTests
{
    [Fact]
    public void Invalid_OneField_ValidationNamingTheField()
    {
        var failure = Failure.Invalid("Rationale", "Explain why you made this decision");

        Assert.Equal(FailureKind.Validation, failure.Kind);
        Assert.Equal(new FieldError("Rationale", "Explain why you made this decision"), Assert.Single(failure.Errors));
        Assert.Equal("Explain why you made this decision", failure.Message);
        Assert.Equal("There is a problem: nothing was saved", failure.Title);
    }

    [Fact]
    public void Invalid_SeveralFields_KeptInTheOrderGivenAndMessageIsTheFirst()
    {
        var failure = Failure.Invalid([new("Outcome", "Select what happens next"), new("Rationale", "Explain why")], "Check the decision");

        Assert.Equal(["Outcome", "Rationale"], failure.Errors.Select(e => e.Field));
        Assert.Equal("Select what happens next", failure.Message);
        Assert.Equal("Check the decision", failure.Title);
    }

    [Fact]
    public void Invalid_NoFields_Throws()
    {
        Assert.Throws<ArgumentException>(() => Failure.Invalid([]));
    }

    [Fact]
    public void NotFound_Title_NoFieldsAndMessageIsTheTitle()
    {
        var failure = Failure.NotFound("No such referral");

        Assert.Equal(FailureKind.NotFound, failure.Kind);
        Assert.Empty(failure.Errors);
        Assert.Equal("No such referral", failure.Message);
    }

    [Fact]
    public void Forbidden_Title_NoFieldsAndMessageIsTheTitle()
    {
        var failure = Failure.Forbidden("Only the front door decides");

        Assert.Equal(FailureKind.Forbidden, failure.Kind);
        Assert.Empty(failure.Errors);
        Assert.Equal("Only the front door decides", failure.Message);
    }

    [Fact]
    public void Conflict_WithField_NamesTheFieldWithTheTitle()
    {
        var failure = Failure.Conflict("Already decided", "Outcome");

        Assert.Equal(FailureKind.Conflict, failure.Kind);
        Assert.Equal(new FieldError("Outcome", "Already decided"), Assert.Single(failure.Errors));
    }

    [Fact]
    public void Conflict_WithoutField_NoFields()
    {
        var failure = Failure.Conflict("Changed meanwhile");

        Assert.Equal(FailureKind.Conflict, failure.Kind);
        Assert.Empty(failure.Errors);
        Assert.Equal("Changed meanwhile", failure.Message);
    }

    [Fact]
    public void ToString_Failure_KindAndMessage()
    {
        Assert.Equal("Validation: Enter a name", Failure.Invalid("Name", "Enter a name").ToString());
    }

    [Fact]
    public void ImplicitConversion_FromValue_SucceedsWithTheValue()
    {
        Result<string> result = "REF-7KQ2M9XD4A";

        Assert.True(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal("REF-7KQ2M9XD4A", result.Value);
    }

    [Fact]
    public void ImplicitConversion_FromFailure_FailsWithTheFailure()
    {
        var failure = Failure.Forbidden("No");
        Result<string> result = failure;

        Assert.False(result.Succeeded);
        Assert.Same(failure, result.Failure);
    }

    [Fact]
    public void Value_FailedResult_ThrowsNamingTheFailure()
    {
        Result<int> result = Failure.Conflict("Already closed");

        var thrown = Assert.Throws<InvalidOperationException>(() => result.Value);

        Assert.Contains("Already closed", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessAndFail_Factories_SameAsTheConversions()
    {
        var failure = Failure.NotFound("Gone");

        Assert.Equal(42, Result.Success(42).Value);
        Assert.Same(failure, Result.Fail<int>(failure).Failure);
        Assert.False(Result.Fail<int>(failure).Succeeded);
    }

    [Fact]
    public void Fail_NullFailure_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Fail<int>(null!));
    }

    [Fact]
    public void Default_NeitherValueNorFailure_HasNoValue()
    {
        var result = default(Result<string>);

        Assert.False(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void ChangedMeanwhile_AConflictThatMayPassOnRetry_AnyOtherFailureStands()
    {
        var clash = Failure.ChangedMeanwhile("Someone else changed it", "Version");

        Assert.Equal(FailureKind.Conflict, clash.Kind);
        Assert.True(clash.MayPassOnRetry);
        Assert.Equal("Version", Assert.Single(clash.Errors).Field);
        Assert.False(Failure.Conflict("Already recorded").MayPassOnRetry);
        Assert.False(Failure.Invalid("Field", "Wrong").MayPassOnRetry);
        Assert.False(Failure.NotFound("Gone").MayPassOnRetry);
    }
}
